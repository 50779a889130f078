//! Accessibility: axe-core reports no serious or critical violation on the library and on
//! every step of the sample plan, in the light and the dark colour scheme; every step fits
//! a wide (1440 px) screen, and every step of every example a phone's (360 px).

use crate::support::Browser;
use crate::{axe_serious, check_axe, open_app, wait_for_titles};
use planner::model::{templates, Step};

fn every_page(b: &Browser, scheme: &str) {
    wait_for_titles(b, "the sample plan", |t| t.len() == 1);
    let passes = check_axe(b, &format!("the library ({scheme})"));
    assert!(passes > 10, "axe ran only {passes} rules");
    b.click(&b.wait(".plan-title"));
    b.wait("#plan-title");
    let base = b.current_url();
    let base = base.split("#/plan/").next().unwrap().to_string();
    let id = b
        .current_url()
        .split("#/plan/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    for step in Step::ALL {
        b.goto(&format!("{base}#/plan/{id}/{}", step.slug()));
        b.wait(".step-intro h2");
        if step == Step::Strategy {
            // The strategy is computed once the analysis is ready: check all of it.
            b.wait(".oc-plot svg .oc-plan");
        }
        check_axe(b, &format!("the {} step ({scheme})", step.label()));
    }
}

#[test]
fn no_serious_violations_in_light_mode() {
    let (_server, b) = open_app();
    every_page(&b, "light");
}

#[test]
fn no_serious_violations_in_dark_mode() {
    let (server, b) = open_app();
    // Emulate a dark preference, then reload so every style applies from the start.
    b.cdp(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    // To the library (`#/`): a bare address could open the first plan if the first visit
    // has not finished saving it.
    b.goto(&format!("{}#/", server.url()));
    let dark = b.exec(
        "return matchMedia('(prefers-color-scheme: dark)').matches;",
        serde_json::json!([]),
    );
    assert_eq!(dark, serde_json::json!(true));
    every_page(&b, "dark");
    b.screenshot("library-dark");
}

/// The check can fail: an input without a label, added to the page, is reported.
#[test]
fn axe_reports_an_unlabelled_input() {
    let (_server, b) = open_app();
    wait_for_titles(&b, "the sample plan", |t| t.len() == 1);
    b.exec(
        "const i = document.createElement('input'); i.id = 'axe-probe'; document.querySelector('main').append(i);",
        serde_json::json!([]),
    );
    let (_, bad) = axe_serious(&b, "the probe");
    assert!(
        bad.iter().any(|v| v["id"] == "label"),
        "axe did not report the unlabelled input: {bad:#?}"
    );
}

/// Every step of the three-party example on a 1440 px screen: nothing scrolls sideways, the
/// workspace uses the width (it is not left in a narrow column), and each step's
/// screenshot is saved to look at.
#[test]
fn every_step_fits_a_1440_px_screen() {
    let (_server, b) = crate::open_app_sized(1440, 900);
    crate::start_template(&b, "three-party");
    let base = b.current_url();
    let (base, rest) = base.split_once("#/plan/").expect("a plan's address");
    let id = rest.split('/').next().unwrap().to_string();
    for step in Step::ALL {
        b.goto(&format!("{base}#/plan/{id}/{}", step.slug()));
        b.wait(".step-intro h2");
        if step == Step::Packages || step == Step::Strategy {
            b.wait(".oc-plot svg");
        }
        crate::assert_no_page_overflow(&b, &format!("the {} step at 1440 px", step.label()));
        let width = b
            .exec(
                "return document.querySelector('.workspace').getBoundingClientRect().width;",
                serde_json::json!([]),
            )
            .as_f64()
            .unwrap_or(0.0);
        assert!(
            width >= 1200.0,
            "the {} step's workspace is {width} px wide on a 1440 px screen",
            step.label()
        );
        b.screenshot(&format!("wide-1440-{}", step.slug()));
    }
    crate::assert_clean_console(&b);
}

/// Every step of every example on a 360 px phone: nothing scrolls sideways. The steps are
/// the workspace's own (`Step::ALL`), so a new step is checked as soon as it exists; one
/// page load for all of them.
#[test]
fn every_step_of_every_example_fits_a_360_px_screen() {
    let (server, b) = crate::open_app_sized(360, 800);
    for (key, label, _) in templates() {
        b.goto(&format!("{}#/", server.url()));
        crate::start_template(&b, key);
        let url = b.current_url();
        let (base, rest) = url.split_once("#/plan/").expect("a plan's address");
        let id = rest.split('/').next().unwrap().to_string();
        for step in Step::ALL {
            b.goto(&format!("{base}#/plan/{id}/{}", step.slug()));
            b.wait_until(&format!("{label}: the {} heading", step.label()), || {
                let h = b.try_find("#step-heading")?;
                (b.text(&h) == step.label()).then_some(())
            });
            if step == Step::Packages {
                b.wait(".oc-plot svg");
            }
            crate::assert_no_page_overflow(&b, &format!("{label}, {} at 360 px", step.label()));
            if key == "three-party" {
                b.screenshot(&format!("narrow-360-{}", step.slug()));
            }
        }
    }
    crate::assert_clean_console(&b);
}
