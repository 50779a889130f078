//! From analysis to the table, and after: the Strategy step on the supplier example (the
//! three numbers, the concession plan on the chart, a moved target, the brief's section),
//! a contingent option that changes the frontier, an agreement off the frontier with its
//! questions, the review's Markdown, and all of it after a reload. Then the grouped step
//! navigation on a phone, by keyboard, and both steps at 360 px.

use crate::dom::{close_notice, pick, type_into};
use crate::support::{Browser, ENTER, ESCAPE, TAB};
use crate::{assert_clean_console, assert_no_page_overflow, check_axe, open_step, wait_saved};
use serde_json::json;

fn text_of(b: &Browser, css: &str) -> String {
    b.try_find(css).map(|e| b.text(&e)).unwrap_or_default()
}

fn wait_text(b: &Browser, css: &str, needle: &str) -> String {
    b.wait_until(&format!("{css} to contain {needle:?}"), || {
        let t = text_of(b, css);
        t.contains(needle).then_some(t)
    })
}

/// Joint value of the "Max joint gain" mark on the chart (from its data table).
fn max_joint(b: &Browser) -> f64 {
    b.exec(
        "const d = document.querySelector('.oc-data'); if (!d.open) d.querySelector('summary').click();",
        json!([]),
    );
    b.wait_until("the chart's max joint gain", || {
        b.exec(
            "const row = Array.from(document.querySelectorAll('.oc-table tbody tr'))
                 .find(r => r.querySelector('th').textContent === 'Max joint gain');
             if (!row) return null;
             return Array.from(row.querySelectorAll('td'))
                 .reduce((s, td) => s + parseFloat(td.textContent), 0);",
            json!([]),
        )
        .as_f64()
    })
}

/// Waits for the strategy of the plan as it is now (its numbers and its chart).
fn wait_strategy(b: &Browser) {
    b.wait(".strategy-numbers");
    b.wait(".oc-plot svg .oc-plan");
}

#[test]
fn the_supplier_strategy_goes_to_the_table_and_the_agreement_is_reviewed() {
    let (_server, b) = crate::open_app();
    crate::start_template(&b, "supplier-contract");

    // ---- The Strategy step: three numbers, each with its package and reasons ------------
    open_step(&b, "Strategy");
    wait_strategy(&b);
    let numbers = text_of(&b, ".strategy-numbers");
    for needle in ["Walk-away", "45.0", "Target", "77.0", "Opening", "84.0"] {
        assert!(numbers.contains(needle), "{needle} missing in {numbers}");
    }
    let opening = text_of(&b, ".figure-opening");
    assert!(opening.contains("Acceptable to Verpa"), "{opening}");
    assert!(opening.contains("Resin price index"), "criteria: {opening}");
    let walk = text_of(&b, ".figure-walk");
    assert!(walk.contains("Renew with Kartonex"), "{walk}");
    assert_eq!(b.find_all(".strategy-mesos .meso-offer").len(), 3);

    // The concession plan as a list and on the chart, one square per package.
    let steps = b.find_all(".concession").len();
    assert!(steps >= 3, "{steps} steps");
    assert_eq!(b.find_all(".oc-plot .oc-plan").len(), steps);
    assert!(text_of(&b, ".concessions").contains("In return, ask for"));
    wait_text(&b, ".stop", "Stop here.");
    // The readout names a plan step.
    b.exec(
        "document.querySelector('[data-k=\"s0\"]').dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));",
        json!([]),
    );
    wait_text(&b, ".oc-readout", "Concession plan: Opening");
    wait_text(&b, ".agenda-order", "Payment terms");
    check_axe(&b, "the Strategy step");

    // The target moves with the user, and back to the suggestion.
    let target = b.wait("#strategy-target");
    b.replace_text(&target, "70");
    wait_saved(&b);
    wait_text(&b, ".figure-target", "You set the target at 70.0");
    assert!(!text_of(&b, "#figure-target").starts_with("Target: 77.0"));
    b.click(&b.wait(".take-suggestion"));
    wait_text(&b, "#figure-target", "Target: 77.0");
    wait_saved(&b);

    // ---- The brief carries the strategy -------------------------------------------------
    open_step(&b, "Brief");
    let section = wait_text(&b, "#brief-strategy", "Strategy");
    let section = b
        .exec(
            "return document.getElementById('brief-strategy').closest('section').textContent;",
            json!([]),
        )
        .as_str()
        .unwrap_or(&section)
        .to_string();
    for needle in [
        "Walk-away: 45.0",
        "Target: 77.0",
        "Opening: 84.0",
        "Concession plan",
        "Keep to ourselves",
    ] {
        assert!(
            section.contains(needle),
            "{needle} missing from the brief's strategy"
        );
    }

    // ---- A contingent option changes the frontier ---------------------------------------
    open_step(&b, "Packages");
    b.wait(".oc-plot svg");
    let before = max_joint(&b);
    open_step(&b, "Issues and options");
    let volume = b
        .exec(
            "return Array.from(document.querySelectorAll('.issue-card'))
                 .find(c => Array.from(c.querySelectorAll('input, textarea'))
                     .some(i => i.value === 'Volume commitment')).id;",
            json!([]),
        )
        .as_str()
        .unwrap()
        .trim_end_matches("-card")
        .to_string();
    b.click(&b.wait(&format!("#{volume}-bet-open")));
    type_into(&b, &format!("#{volume}-bet-event"), "Sales grow by a tenth");
    let options = b.exec(
        &format!(
            "return Array.from(document.querySelectorAll('#{volume}-bet-then option')).map(o => [o.value, o.textContent]);"
        ),
        json!([]),
    );
    let value_of = |label: &str| {
        options
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o[1] == label)
            .map(|o| o[0].as_str().unwrap().to_string())
            .unwrap()
    };
    pick(
        &b,
        &format!("#{volume}-bet-then"),
        &value_of("80% of forecast"),
    );
    pick(&b, &format!("#{volume}-bet-otherwise"), &value_of("None"));
    type_into(&b, &format!("#{volume}-bet-chance-party1"), "30");
    type_into(&b, &format!("#{volume}-bet-chance-party2"), "80");
    b.click(&b.wait(".bet-form button[type=submit]"));
    wait_text(
        &b,
        ".bet-box",
        "If “Sales grow by a tenth”: 80% of forecast; if not: None.",
    );
    wait_saved(&b);
    open_step(&b, "Packages");
    b.wait(".oc-plot svg");
    let after = b.wait_until("a new frontier", || {
        let v = max_joint(&b);
        (v > before + 1.0).then_some(v)
    });
    // Buyer 0.3·20 + 0.7·100 = 76 at weight 10; supplier 0.8·100 = 80 at weight 20: 23.6
    // against 22 for the best plain option.
    assert!((after - before - 1.6).abs() < 0.05, "{before} → {after}");
    open_step(&b, "Strategy");
    wait_text(&b, ".bets", "together it is worth");

    // ---- An agreement off the frontier, and the questions to bring back ------------------
    open_step(&b, "Agreement");
    b.click(&b.wait(".agreement-start .primary"));
    let draft = b
        .exec(
            "return Array.from(document.querySelectorAll('#agreement-from option'))
                 .find(o => o.textContent === 'Draft: short and flexible').value;",
            json!([]),
        )
        .as_str()
        .unwrap()
        .to_string();
    pick(&b, "#agreement-from", &draft);
    b.wait_until("the review's questions", || {
        let q = b.find_all(".review-question");
        (!q.is_empty() && b.text(&q[0]).starts_with("Would you also prefer")).then_some(())
    });
    wait_text(&b, ".review-figures", "Off the frontier");
    b.wait("#agreement-date");
    b.exec(
        "const d = document.getElementById('agreement-date'); d.value = '2025-05-28';
         d.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([]),
    );
    close_notice(&b);
    type_into(&b, "#agreement-lessons", "Ask about volume first.");
    wait_saved(&b);
    check_axe(&b, "the Agreement step with a review");

    // The review as Markdown.
    b.click(&b.wait(".download-review"));
    let file = b.wait_download(".review.md");
    let md = std::fs::read_to_string(file).unwrap();
    assert!(md.contains("*Agreed on 2025-05-28.*"), "{md}");
    assert!(md.contains("1. Would you also prefer "), "{md}");
    assert!(md.contains("Ask about volume first."), "{md}");

    // ---- Everything survives a reload ---------------------------------------------------
    b.refresh();
    b.wait(".agreement-review");
    b.wait_until("the questions after the reload", || {
        (!b.find_all(".review-question").is_empty()).then_some(())
    });
    assert_eq!(
        b.value(&b.wait("#agreement-lessons")),
        "Ask about volume first."
    );
    assert_eq!(b.value(&b.wait("#agreement-date")), "2025-05-28");
    open_step(&b, "Overview");
    assert_eq!(b.value(&b.wait("#plan-status")), "Agreed");
    open_step(&b, "Strategy");
    wait_strategy(&b);
    assert_eq!(b.value(&b.wait("#strategy-target")), "77");
    wait_text(&b, ".bets", "if sales grow by a tenth");
    open_step(&b, "Issues and options");
    b.wait(".bet-box");
    assert_clean_console(&b);
}

/// The steps grouped by phase on a phone: folded behind a button that says where you are,
/// opened and closed by keyboard; both new steps fit 360 px.
#[test]
fn the_grouped_navigation_and_both_steps_work_on_a_phone() {
    let (_server, b) = crate::open_app_sized(360, 800);
    crate::start_template(&b, "supplier-contract");
    let toggle = b.text(&b.wait(".step-nav-toggle"));
    let of = planner::model::Step::ALL.len();
    assert!(toggle.contains(&format!("Step 1 of {of}")), "{toggle}");
    assert!(toggle.contains("Understand: Overview"), "{toggle}");
    assert!(b.try_find(".step-phases.open").is_none());
    b.screenshot("nav-360-folded");
    // Keyboard: Enter opens, Tab reaches the first step, Escape folds and returns focus.
    b.exec(
        "document.querySelector('.step-nav-toggle').focus();",
        json!([]),
    );
    b.type_keys(ENTER);
    b.wait(".step-phases.open");
    let phases: Vec<String> = b
        .find_all(".phase-name")
        .iter()
        .map(|e| b.text(e).to_lowercase())
        .collect();
    assert_eq!(
        phases,
        [
            "understand",
            "create value",
            "to the table",
            "after the talks"
        ]
    );
    b.screenshot("nav-360-open");
    b.type_keys(TAB);
    let focused = b.exec("return document.activeElement.textContent;", json!([]));
    assert!(
        focused.as_str().unwrap_or("").contains("Overview"),
        "{focused}"
    );
    b.type_keys(ESCAPE);
    b.wait_until("the list to fold", || {
        b.try_find(".step-phases.open").is_none().then_some(())
    });
    let focused = b.exec("return document.activeElement.className;", json!([]));
    assert_eq!(focused, json!("step-nav-toggle"));
    assert_no_page_overflow(&b, "the workspace at 360 px");

    open_step(&b, "Strategy");
    assert!(
        b.try_find(".step-phases.open").is_none(),
        "a choice folds the list"
    );
    let strategy = planner::model::Step::Strategy.number();
    wait_text(&b, ".step-nav-toggle", &format!("Step {strategy} of {of}"));
    wait_strategy(&b);
    assert_no_page_overflow(&b, "the Strategy step at 360 px");
    b.screenshot("strategy-360-top");
    b.exec(
        "document.querySelector('.strategy-figures').scrollIntoView();",
        json!([]),
    );
    b.screenshot("strategy-360-figures");
    b.exec(
        "document.querySelector('.concessions').scrollIntoView();",
        json!([]),
    );
    b.screenshot("strategy-360-concessions");
    b.exec("document.querySelector('.oc').scrollIntoView();", json!([]));
    b.screenshot("strategy-360-chart");

    open_step(&b, "Agreement");
    b.click(&b.wait(".agreement-start .primary"));
    b.wait(".deal-table select");
    b.wait_until("the review", || b.try_find(".review-figures").map(|_| ()));
    assert_no_page_overflow(&b, "the Agreement step at 360 px");
    b.exec(
        "document.querySelector('.agreement-record').scrollIntoView();",
        json!([]),
    );
    b.screenshot("agreement-360");
    assert_clean_console(&b);
}
