//! The packages explorer on the supplier example, as a user works it: find the dominated
//! draft, apply the engine's improvement (and undo it), build and save three MESOs, record two
//! offers, mark a favourite, follow a trade to its issue, download the frontier, and see the
//! MESO set in the brief.

use crate::dom::{close_notice, pick, type_into, wait_count};
use crate::support::Browser;
use crate::{assert_no_page_overflow, check_axe, open_app, open_step, wait_for_titles, wait_saved};
use serde_json::json;

fn open_supplier_packages(b: &Browser) {
    crate::start_template(b, "supplier-contract");
    open_step(b, "Packages");
    b.wait(".package-card");
}

/// The card whose name input holds `name`, as a CSS selector (cards carry their ids).
fn card_of(b: &Browser, name: &str) -> String {
    let id = b.wait_until(&format!("the package “{name}”"), || {
        b.exec(
            "const i = Array.from(document.querySelectorAll('.package-name'))
                 .find(e => e.value === arguments[0]);
             return i ? i.id : null;",
            json!([name]),
        )
        .as_str()
        .map(str::to_string)
    });
    // `pkg-<id>-name` → the card around it.
    format!(".package-card:has(#{id})")
}

fn text_of(b: &Browser, css: &str) -> String {
    b.try_find(css).map(|e| b.text(&e)).unwrap_or_default()
}

fn joint(b: &Browser, card: &str) -> f64 {
    text_of(b, &format!("{card} .joint"))
        .trim_start_matches("Joint value ")
        .split_whitespace()
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(-1.0)
}

/// Each issue of a package card with the option its select shows.
fn chosen(b: &Browser, card: &str) -> Vec<(String, String)> {
    let rows = b.exec(
        "return [...document.querySelectorAll(arguments[0] + ' .package-choices tr')].map(tr => {
           const s = tr.querySelector('select');
           return [tr.querySelector('th').textContent.trim(), s.options[s.selectedIndex]?.textContent.trim() ?? ''];
         });",
        json!([card]),
    );
    serde_json::from_value(rows).unwrap_or_default()
}

#[test]
fn a_user_improves_a_draft_builds_mesos_logs_offers_and_briefs_them() {
    let (_server, b) = open_app();
    open_supplier_packages(&b);

    // The draft leaves value on the table; the engine says what to change.
    let draft = card_of(&b, "Draft: short and flexible");
    let verdict = b.wait_until("the draft's verdict", || {
        let t = text_of(&b, &format!("{draft} .verdict.improvable"));
        (!t.is_empty()).then_some(t)
    });
    assert!(verdict.contains("Leaves value on the table"), "{verdict}");
    assert!(verdict.contains("Change "), "{verdict}");
    // Marked as a favourite, the draft is fragile: our estimates of Verpa leave it
    // acceptable to them in only 69% of the variations.
    b.click(&b.wait(&format!("{draft} button.favourite")));
    let warning = b.wait_until("the fragile warning", || {
        let t = text_of(&b, ".fragile-warning");
        (!t.is_empty()).then_some(t)
    });
    assert!(
        warning.starts_with("Fragile: “Draft: short and flexible” (69%) stays acceptable"),
        "{warning}"
    );
    let before = joint(&b, &draft);
    let chosen_before = chosen(&b, &draft);
    assert_eq!(chosen_before.len(), 6, "{chosen_before:?}");
    assert!(verdict.contains("Payment terms to Net 45"), "{verdict}");
    b.click(&b.wait(&format!("{draft} .verdict button")));
    b.wait_until("the improved draft on the frontier", || {
        b.try_find(&format!("{draft} .verdict.efficient"))
    });
    let after = joint(&b, &draft);
    assert!(after > before, "joint value {before} → {after}");
    // The card's selects show the improved choices.
    let chosen_after = chosen(&b, &draft);
    assert!(
        chosen_after.contains(&("Payment terms".to_string(), "Net 45".to_string())),
        "{chosen_after:?}"
    );
    assert_ne!(chosen_after, chosen_before);
    b.wait_until("no fragile favourite once improved", || {
        b.try_find(".fragile-warning").is_none().then_some(())
    });
    // One undo brings the old choices back; applying again improves it again.
    b.click(&b.wait(".notice-undo"));
    b.wait_until("the draft back as it was", || {
        (joint(&b, &draft) == before).then_some(())
    });
    assert_eq!(chosen(&b, &draft), chosen_before);
    b.click(&b.wait(&format!("{draft} .verdict button")));
    b.wait_until("the draft improved again", || {
        (joint(&b, &draft) == after).then_some(())
    });
    close_notice(&b);

    // Three MESOs around 60 for us, saved as a set.
    let target = b.wait("#meso-target");
    b.replace_text(&target, "60");
    b.click(&b.wait(".meso-form button[type=submit]"));
    wait_count(&b, ".meso-offer", 3);
    let offers = text_of(&b, ".meso-offers");
    assert!(offers.contains("Offer 3"), "{offers}");
    check_axe(&b, "the generated MESOs");
    b.replace_text(&b.wait("#meso-group"), "Second meeting");
    b.click(&b.wait(".meso-save button"));
    wait_count(&b, ".package-card", 6);
    for k in 1..=3 {
        card_of(&b, &format!("Second meeting: offer {k}"));
    }
    close_notice(&b);

    // Two offers: Verpa proposes the draft, we counter with the first MESO.
    let package_value = |name: &str| -> String {
        b.exec(
            "return Array.from(document.querySelectorAll('#offer-package option'))
                 .find(o => o.textContent === arguments[0]).value;",
            json!([name]),
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    };
    let party_value = |name: &str| -> String {
        b.exec(
            "return Array.from(document.querySelectorAll('#offer-party option'))
                 .find(o => o.textContent.startsWith(arguments[0])).value;",
            json!([name]),
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    };
    pick(&b, "#offer-party", &party_value("Verpa"));
    pick(
        &b,
        "#offer-package",
        &package_value("Draft: short and flexible"),
    );
    pick(&b, "#offer-response", "countered");
    b.click(&b.wait(".offer-form button[type=submit]"));
    wait_count(&b, ".offer-table tbody tr", 1);
    pick(&b, "#offer-party", &party_value("Northfield"));
    pick(
        &b,
        "#offer-package",
        &package_value("Second meeting: offer 1"),
    );
    pick(&b, "#offer-response", "pending");
    b.click(&b.wait(".offer-form button[type=submit]"));
    wait_count(&b, ".offer-table tbody tr", 2);
    // The chart draws the offers as a path and the saved MESOs as packages.
    close_notice(&b);
    b.exec("document.querySelector('.oc').scrollIntoView();", json!([]));
    b.screenshot("explore-chart-with-offers");
    let log = text_of(&b, ".offer-table tbody");
    assert!(log.contains("Verpa Packaging (supplier)"), "{log}");
    assert!(log.contains("Second meeting: offer 1"), "{log}");

    // A favourite gets its chances; the sensitivity run has finished for every package.
    let first = card_of(&b, "Lowest price for full commitment");
    b.click(&b.wait(&format!("{first} button.favourite")));
    b.wait_until("the favourite pressed", || {
        let pressed = b.exec(
            "return document.querySelector(arguments[0]).getAttribute('aria-pressed');",
            json!([format!("{first} button.favourite")]),
        );
        (pressed == json!("true")).then_some(())
    });
    let chances = b.wait_until("the favourite's chances", || {
        let t = text_of(&b, &format!("{first} .chances"));
        (!t.is_empty()).then_some(t)
    });
    assert!(
        chances.starts_with("Acceptable to Verpa Packaging (supplier) in ")
            && chances.ends_with("% of plausible variations of our estimates."),
        "{chances}"
    );
    wait_saved(&b);
    check_axe(&b, "the packages step with its tools in use");
    b.screenshot("explore-supplier");
    // The same in the dark colour scheme, and at phone width.
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    check_axe(&b, "the packages step with its tools in use, dark");
    b.exec(
        "document.querySelector('.explore').scrollIntoView();",
        json!([]),
    );
    b.screenshot("explore-tools-dark");
    b.emulate_screen(360, 800);
    assert_no_page_overflow(&b, "the packages step at 360 px");
    b.exec(
        "document.querySelector('.offer-table').scrollIntoView();",
        json!([]),
    );
    b.screenshot("explore-offers-360-dark");
    b.cdp("Emulation.clearDeviceMetricsOverride", json!({}));
    b.cdp("Emulation.setEmulatedMedia", json!({"features": []}));

    // The frontier as CSV.
    close_notice(&b);
    b.click(&b.wait(".export button"));
    let csv = std::fs::read_to_string(b.wait_download("-frontier.csv")).unwrap();
    assert!(
        csv.starts_with("Kind,Name,\"Price per 1,000 bags\","),
        "{csv}"
    );
    assert!(csv.contains("\r\nFrontier,Point 1,"), "{csv}");
    assert!(
        csv.contains("\r\nYour package,Second meeting: offer 2,"),
        "{csv}"
    );

    // Everything survives a reload.
    b.refresh();
    wait_count(&b, ".offer-table tbody tr", 2);
    wait_count(&b, ".package-card", 6);

    // A trade links to the issues it concerns.
    let trade = b.wait(".trade-list li");
    let text = b.text(&trade);
    assert!(
        text.contains(" weighs ") && text.contains("compared with the opposite swap"),
        "{text}"
    );
    b.click(&b.wait(".trade-list li .trade-links button"));
    b.wait_until("the issue's name focused on the Issues step", || {
        let id = b.exec("return document.activeElement.id;", json!([]));
        let id = id.as_str()?;
        (id.starts_with("issue-") && id.ends_with("-name")).then_some(())
    });
    assert!(b.current_url().ends_with("/issues"), "{}", b.current_url());

    // The brief lists the MESO set as offers to present together.
    open_step(&b, "Brief");
    let brief = text_of(&b, ".brief");
    assert!(brief.contains("Offers to present together"), "{brief}");
    assert!(
        brief.contains("Second meeting: Second meeting: offer 1, Second meeting: offer 2, Second meeting: offer 3"),
        "{brief}"
    );
}

#[test]
fn meso_errors_are_plain_and_nothing_is_saved() {
    let (_server, b) = open_app();
    open_supplier_packages(&b);
    type_into(&b, "#meso-target", "abc");
    b.click(&b.wait(".meso-form button[type=submit]"));
    let error = b.wait(".meso .field-error");
    assert!(
        b.text(&error).contains("must be numbers"),
        "{}",
        b.text(&error)
    );
    b.replace_text(&b.wait("#meso-target"), "99");
    b.click(&b.wait(".meso-form button[type=submit]"));
    b.wait_until("the no-offer message", || {
        let t = text_of(&b, ".meso .field-error");
        t.contains("No package is worth 99").then_some(())
    });
    assert!(b.try_find(".meso-save").is_none());
    wait_count(&b, ".package-card", 3);
}

/// A plan of `issues` × 10 options for two parties with opposed ratings and `packages`
/// packages picked by a fixed pattern, written the way the app stores plans.
fn wide_plan_json(issues: usize, packages: usize) -> String {
    let mut list = Vec::new();
    let (mut w1, mut w2) = (serde_json::Map::new(), serde_json::Map::new());
    let (mut r1, mut r2) = (serde_json::Map::new(), serde_json::Map::new());
    for i in 0..issues {
        let id = format!("iss{}", 100 + i);
        let options: Vec<_> = (0..10)
            .map(|o| {
                let oid = format!("opt{}", 1000 + i * 10 + o);
                r1.insert(oid.clone(), json!({ "value": (o * 11) as f64 }));
                r2.insert(
                    oid.clone(),
                    json!({ "value": ((9 - o) * 10 + (i % 3) * 3) as f64 }),
                );
                json!({ "id": oid, "label": format!("Option {} of issue {}", o + 1, i + 1) })
            })
            .collect();
        // Weights must add up to 100 for the Evaluate step to count as done.
        let raw1: usize = (0..issues).map(|j| j % 7 + 1).sum();
        let raw2: usize = (0..issues).map(|j| (j * 3) % 7 + 1).sum();
        w1.insert(
            id.clone(),
            json!({ "value": (i % 7 + 1) as f64 * 100.0 / raw1 as f64 }),
        );
        w2.insert(
            id.clone(),
            json!({ "value": ((i * 3) % 7 + 1) as f64 * 100.0 / raw2 as f64 }),
        );
        list.push(json!({ "id": id, "name": format!("Issue {}", i + 1), "options": options }));
    }
    let party = |k: usize,
                 w: &serde_json::Map<String, serde_json::Value>,
                 r: &serde_json::Map<String, serde_json::Value>| {
        json!({
            "id": format!("party{k}"),
            "name": format!("Party {k}"),
            "reservation": { "value": 30.0, "low": 25.0, "high": 35.0 },
            "weights": w,
            "ratings": r,
        })
    };
    let pkgs: Vec<_> = (0..packages)
        .map(|p| {
            let choices: serde_json::Map<String, serde_json::Value> = (0..issues)
                .map(|i| {
                    let o = (i * 7 + p * 3) % 10;
                    (format!("iss{}", 100 + i), json!(format!("opt{}", 1000 + i * 10 + o)))
                })
                .collect();
            json!({ "id": format!("pkg{}", 10 + p), "name": format!("Package {}", p + 1), "choices": choices, "favourite": p == 0 })
        })
        .collect();
    json!({
        "schema": 2,
        "id": "pwide",
        "title": "Wide plan",
        "created": 0,
        "updated": 0,
        "perspective": { "kind": "us", "party": "party1" },
        "parties": [party(1, &w1, &r1), party(2, &w2, &r2)],
        "issues": list,
        "packages": pkgs,
        "next_seq": 9000,
    })
    .to_string()
}

/// Runs `action` (a script) and reports, from then, when the page stopped changing (the
/// analysis, every verdict and the sensitivity run are then done: the last DOM mutation
/// before a second of quiet) and the long tasks (≥ 50 ms) seen.
fn measure_after(b: &Browser, what: &str, action: &str) {
    b.exec(&format!(
        "(window.__observers || []).forEach(o => o.disconnect());
         window.__long = [];
         const tasks = new PerformanceObserver(l => l.getEntries().forEach(e => window.__long.push(e.duration)));
         tasks.observe({{ type: 'longtask', buffered: false }});
         // What each long frame consisted of: script by its invoker, then style and layout.
         window.__frames = [];
         const frames = new PerformanceObserver(l => l.getEntries().forEach(e => {{
             const script = e.scripts.map(s => `${{s.invoker}} ${{s.duration.toFixed(0)}}`).join(', ');
             const layout = e.renderStart ? e.startTime + e.duration - e.renderStart : 0;
             window.__frames.push(`${{e.duration.toFixed(0)}} ms [script: ${{script || 'none'}}; rendering ${{layout.toFixed(0)}}]`);
         }}));
         frames.observe({{ type: 'long-animation-frame', buffered: false }});
         window.__last = 0;
         // The save indicator changes 400 ms after any edit (the debounced save): not analysis.
         const elsewhere = r => {{
             const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
             return !(el && el.closest('.save-status'));
         }};
         const changes = new MutationObserver(rs => {{ if (rs.some(elsewhere)) window.__last = performance.now(); }});
         changes.observe(document.body, {{ subtree: true, childList: true, characterData: true, attributes: true }});
         window.__observers = [tasks, frames, changes];
         window.__t0 = performance.now();
         {action}"),
        json!([]),
    );
    let settled = b.wait_until("the page to settle", || {
        b.exec(
            "return window.__last > window.__t0 && performance.now() - window.__last > 1000
                 ? window.__last - window.__t0 : null;",
            json!([]),
        )
        .as_f64()
    });
    let long: Vec<f64> = b
        .exec("return window.__long;", json!([]))
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    let longest = long.iter().copied().fold(0.0, f64::max);
    println!(
        "MEASURE packages step, {what} → page settled (analysis, verdicts, sensitivity) {settled:.0} ms; {} long task(s), longest {longest:.0} ms",
        long.len()
    );
    let frames = b.exec("return window.__frames;", json!([]));
    for frame in frames.as_array().into_iter().flatten() {
        println!("    long frame {}", frame.as_str().unwrap_or_default());
    }
}

/// Measures (never asserts) how the packages step copes with an edit on a large plan: the
/// frontier, every package's verdict and the sensitivity run, all on the main thread.
#[test]
fn measure_packages_step_after_an_edit() {
    let (server, b) = open_app();
    wait_for_titles(&b, "the library", |t| !t.is_empty());
    for (issues, packages) in [(10, 8), (30, 8)] {
        b.exec(
            "localStorage.setItem('negotiation-planner/plan/pwide', arguments[0]);",
            json!([wide_plan_json(issues, packages)]),
        );
        b.goto(&format!("{}#/plan/pwide/packages", server.url()));
        b.refresh();
        wait_count(&b, ".package-card", packages);
        b.wait_until("the first verdicts", || {
            b.try_find(".package-card .verdict")
        });
        b.wait_until("the first sensitivity run", || {
            let s = b.try_find(".sensitivity-status")?;
            b.text(&s).starts_with("Each package").then_some(())
        });
        let size = format!("{issues} issues × 10 options, 2 parties, {packages} packages");
        // A package's choice: the frontier is unchanged (cached); a verdict and the
        // sensitivity run are redone. The select is focused first, as a user's would be
        // (its options are filled on focus).
        b.exec(
            "document.querySelector('.package-card select').focus();",
            json!([]),
        );
        b.wait(".package-card select option:nth-child(3)");
        measure_after(
            &b,
            &format!("{size}, a package's choice changed"),
            "const s = document.querySelector('.package-card select');
             s.selectedIndex = s.selectedIndex === 1 ? 2 : 1;
             s.dispatchEvent(new Event('change', { bubbles: true }));",
        );
        // A rating: everything is recomputed when the step opens again.
        open_step(&b, "Evaluate");
        let rating = b.wait(".rating-input");
        b.replace_text(&rating, "37");
        wait_saved(&b);
        measure_after(
            &b,
            &format!("{size}, Packages opened after a rating change"),
            "Array.from(document.querySelectorAll('.step-nav a'))
                 .find(a => a.textContent.includes('Packages')).click();",
        );
        b.wait(".package-card .verdict");
        // The same without a change: what mounting the step costs by itself (the analysis
        // comes from the cache).
        open_step(&b, "Evaluate");
        measure_after(
            &b,
            &format!("{size}, Packages opened again, nothing changed"),
            "Array.from(document.querySelectorAll('.step-nav a'))
                 .find(a => a.textContent.includes('Packages')).click();",
        );
        b.wait(".package-card .verdict");
    }
    crate::assert_clean_console(&b);
}

#[test]
fn three_parties_get_chances_per_counterpart_trades_and_mesos() {
    let (_server, b) = open_app();
    crate::start_template(&b, "three-party");
    open_step(&b, "Packages");
    let chances = b.wait_until("a package's chances", || {
        let t = text_of(&b, ".package-card .chances");
        (!t.is_empty()).then_some(t)
    });
    // Us is never varied: the chances name both counterparts and "every counterpart".
    assert!(
        chances.starts_with("Acceptable to every counterpart in "),
        "{chances}"
    );
    assert_eq!(chances.matches('%').count(), 3, "{chances}");
    b.wait(".trade-list li");
    b.click(&b.wait(".meso-form button[type=submit]"));
    b.wait_until("offers or a reason", || {
        (b.try_find(".meso-offer").is_some() || b.try_find(".meso .field-error").is_some())
            .then_some(())
    });
    check_axe(&b, "the packages step of the three-party example");
    crate::assert_clean_console(&b);
}

/// Leaving the step while the engine and the sensitivity run are still slicing must stop
/// them quietly: a queued slice finds the step's state disposed and returns.
#[test]
fn leaving_the_step_mid_analysis_is_harmless() {
    let (server, b) = open_app();
    wait_for_titles(&b, "the library", |t| !t.is_empty());
    b.exec(
        "localStorage.setItem('negotiation-planner/plan/pwide', arguments[0]);",
        json!([wide_plan_json(30, 8)]),
    );
    b.goto(&format!("{}#/plan/pwide/packages", server.url()));
    b.refresh();
    for _ in 0..3 {
        // Leave as soon as the cards exist: the analysis has only just started.
        b.wait(".package-card");
        b.exec(
            "Array.from(document.querySelectorAll('.step-nav a'))
                 .find(a => a.textContent.includes('Evaluate')).click();",
            json!([]),
        );
        b.wait(".rating-input");
        std::thread::sleep(std::time::Duration::from_millis(800));
        open_step(&b, "Packages");
    }
    b.wait(".package-card .verdict");
    crate::assert_clean_console(&b);
}

/// Chromium blurs a focused input as its step unmounts, after the row's state is disposed;
/// the blur handlers of the weight and rating cells once read that state and killed the page.
#[test]
fn leaving_evaluate_with_a_focused_cell_is_harmless() {
    let (_server, b) = open_app();
    crate::start_template(&b, "supplier-contract");
    for cell in [".rating-input", ".weight-input"] {
        open_step(&b, "Evaluate");
        let input = b.wait(cell);
        b.replace_text(&input, "37");
        wait_saved(&b);
        // Leave with the cell still focused, as a click on the step list would not blur it
        // before the step changes.
        b.exec(
            "Array.from(document.querySelectorAll('.step-nav a'))
                 .find(a => a.textContent.includes('Packages')).click();",
            json!([]),
        );
        b.wait(".package-card .verdict");
    }
    crate::assert_clean_console(&b);
}
