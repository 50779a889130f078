//! Accessibility: axe-core reports no serious or critical violation on the library and on
//! every step of the sample plan, in the light and the dark colour scheme.

use crate::support::Browser;
use crate::{axe_serious, check_axe, open_app, wait_for_titles};
use planner::model::Step;

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
    b.goto(&server.url());
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
