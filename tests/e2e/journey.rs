//! The whole journey of issue 4: a user builds the job-offer plan from an empty plan through
//! every step with keyboard and mouse, reloads, and opens the brief. axe runs on each step
//! and each step is saved as a screenshot (`journey-<step>`).

use crate::dom::*;
use crate::support::{Browser, ENTER, TAB};
use crate::{assert_clean_console, check_axe, create_plan, open_app, open_step, wait_saved};
use serde_json::json;

const ARROW_RIGHT: &str = "\u{E014}";
const ARROW_DOWN: &str = "\u{E015}";

/// Axe and a screenshot for a finished step, from the top of the page.
fn check_step(b: &Browser, step: &str) {
    b.exec("document.querySelector('main').scrollTo(0, 0);", json!([]));
    let passes = check_axe(b, step);
    assert!(passes > 0, "axe did not run on {step}");
    b.screenshot(&format!("journey-{step}"));
}

fn brief_text(b: &Browser) -> String {
    b.text(&b.wait(".brief"))
}

fn assert_brief(b: &Browser) {
    let text = b.wait_until("the brief to show the plan", || {
        let t = b.try_find(".brief").map(|e| b.text(&e))?;
        t.contains("Nimbus").then_some(t)
    });
    for needle in [
        "Preparation brief: Job offer from Nimbus",
        "Dana",
        "Nimbus",
        "Accept the counter-offer from my current employer.",
        "Hire the second-choice candidate.",
        "Salary",
        "€85k · €90k · €95k",
        "Start date",
        "Dana's ask",
        "What is Nimbus's salary band for this role?",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn a_user_builds_the_job_offer_plan_through_every_step() {
    let (_server, b) = open_app();
    create_plan(&b, "Job offer from Nimbus");

    // ---- Overview: the context ------------------------------------------------------------
    open_step(&b, "Overview");
    type_into(
        &b,
        "#plan-notes",
        "Nimbus offered Dana a senior engineer role. Answer by Friday.",
    );
    check_step(&b, "overview");

    // ---- Parties and alternatives ---------------------------------------------------------
    open_step(&b, "Parties and alternatives");
    wait_count(&b, ".party-card", 2);
    b.replace_text(&b.wait("#party-party1-name"), "Dana");
    b.replace_text(&b.wait("#party-party2-name"), "Nimbus");
    b.wait_until("the heading to say Nimbus", || {
        let h = b.try_find("#party-party2-heading")?;
        b.text(&h).contains("Nimbus").then_some(())
    });
    type_into(
        &b,
        "#party-party1-batna",
        "Accept the counter-offer from my current employer.",
    );
    type_into(
        &b,
        "#party-party2-batna",
        "Hire the second-choice candidate.",
    );
    b.replace_text(&b.wait("#party-party1-res-value"), &format!("55{TAB}"));
    b.replace_text(&b.wait("#party-party2-res-value"), &format!("40{TAB}"));
    b.wait_until("Dana's reservation hint", || {
        let h = b.try_find("#party-party1-res-hint")?;
        b.text(&h).contains("55").then_some(())
    });
    check_step(&b, "parties");

    // ---- Interests: Enter adds the next one; one link --------------------------------------
    open_step(&b, "Interests");
    wait_count(&b, ".interest-column", 2);
    type_into(
        &b,
        "#new-interest-party1",
        &format!("A salary that matches the market{ENTER}Time to finish my current project{ENTER}"),
    );
    type_into(
        &b,
        "#new-interest-party2",
        &format!("Stay inside the salary band{ENTER}A start before the launch{ENTER}"),
    );
    wait_count(&b, ".interest", 4);
    let statements = ids_of(&b, ".interest-statement");
    let dana: Vec<String> = statements[..2].iter().map(|s| entity(s)).collect();
    let nimbus: Vec<String> = statements[2..].iter().map(|s| entity(s)).collect();
    assert_eq!(
        b.value(&b.wait(&format!("#int-{}-statement", nimbus[1]))),
        "A start before the launch"
    );
    // Dana's time to finish and Nimbus's early start conflict.
    let finish = &dana[1];
    b.click(&b.wait(&format!("#int-{finish}-link-button")));
    pick(&b, &format!("#int-{finish}-link-to"), &nimbus[1]);
    pick(&b, &format!("#int-{finish}-link-relation"), "2");
    b.click(&b.wait(".link-panel button.primary"));
    wait_count(&b, ".link-list li", 1);
    b.wait_until("the link to be listed", || {
        let li = b.try_find(".link-list li")?;
        let t = b.text(&li);
        (t.contains("Time to finish my current project") && t.contains("A start before the launch"))
            .then_some(())
    });
    close_notice(&b);
    check_step(&b, "interests");

    // ---- Issues and options: Enter adds the next one ----------------------------------------
    open_step(&b, "Issues and options");
    let new_issue = b.wait("#new-issue-name");
    b.click(&new_issue);
    b.send_keys(&new_issue, &format!("Salary{ENTER}"));
    b.type_keys(&format!("Start date{ENTER}Remote days{ENTER}"));
    wait_values(&b, ".issue-name", &["Salary", "Start date", "Remote days"]);
    let quick = |k: usize| format!(".issue-card:nth-child({k}) .new-option");
    b.click(&b.wait(&quick(1)));
    b.type_keys(&format!("€85k{ENTER}€90k{ENTER}€95k{ENTER}"));
    b.click(&b.wait(&quick(2)));
    b.type_keys(&format!("In 4 weeks{ENTER}In 8 weeks{ENTER}"));
    b.click(&b.wait(&quick(3)));
    b.type_keys(&format!("1 day{ENTER}3 days{ENTER}"));
    wait_values(
        &b,
        ".issue-card:nth-child(1) .option-label",
        &["€85k", "€90k", "€95k"],
    );
    wait_values(
        &b,
        ".issue-card:nth-child(2) .option-label",
        &["In 4 weeks", "In 8 weeks"],
    );
    wait_values(
        &b,
        ".issue-card:nth-child(3) .option-label",
        &["1 day", "3 days"],
    );
    check_step(&b, "issues");

    // ---- Evaluate: weights and ratings for both parties, from the keyboard ------------------
    open_step(&b, "Evaluate");
    let tab = b.wait("button[role='tab'][aria-selected='true']");
    assert!(b.text(&tab).starts_with("Dana"), "{}", b.text(&tab));
    b.click(&b.wait(".split-evenly"));
    wait_values(&b, ".weight-input", &["34", "33", "33"]);
    let weight = |k: usize| format!(".weights-table tbody tr:nth-child({k}) .weight-input");
    b.replace_text(&b.wait(&weight(1)), "50");
    wait_values(&b, ".weight-input", &["50", "25", "25"]);
    let first = b.wait(".ratings-table .rating-input");
    b.click(&first);
    b.type_keys(&format!(
        "0{ARROW_DOWN}60{ARROW_DOWN}100{ENTER}40{ARROW_DOWN}100{ARROW_DOWN}20{ARROW_DOWN}100"
    ));
    wait_values(
        &b,
        ".rating-input",
        &["0", "60", "100", "40", "100", "20", "100"],
    );
    close_notice(&b);
    check_step(&b, "evaluate-dana");

    // Nimbus: the tabs move with the arrow keys.
    b.send_keys(
        &b.wait("button[role='tab'][aria-selected='true']"),
        ARROW_RIGHT,
    );
    b.wait_until("Nimbus's tab", || {
        let t = b.try_find("button[role='tab'][aria-selected='true']")?;
        b.text(&t).starts_with("Nimbus").then_some(())
    });
    close_notice(&b);
    b.click(&b.wait(".split-evenly"));
    wait_values(&b, ".weight-input", &["34", "33", "33"]);
    b.replace_text(&b.wait(&weight(2)), "50");
    b.wait_until("Nimbus's weights to sum to 100", || {
        let v = values(&b, ".weight-input");
        let sum: f64 = v.iter().filter_map(|s| s.parse::<f64>().ok()).sum();
        (v.get(1).map(String::as_str) == Some("50") && (sum - 100.0).abs() < 0.5).then_some(())
    });
    let first = b.wait(".ratings-table .rating-input");
    b.click(&first);
    b.type_keys(&format!(
        "100{ARROW_DOWN}50{ARROW_DOWN}0{ARROW_DOWN}100{ARROW_DOWN}30{ARROW_DOWN}100{ARROW_DOWN}60"
    ));
    wait_values(
        &b,
        ".rating-input",
        &["100", "50", "0", "100", "30", "100", "60"],
    );
    close_notice(&b);
    check_step(&b, "evaluate-nimbus");

    // ---- Packages: add one, name it, pick an option per issue -------------------------------
    open_step(&b, "Packages");
    b.click(&b.wait(".packages-controls button.primary"));
    wait_count(&b, ".package-card", 1);
    b.replace_text(&b.wait(".package-card .package-name"), "Dana's ask");
    let selects = ids_of(&b, ".package-card select");
    assert_eq!(selects.len(), 3, "{selects:?}");
    // Mouse for the salary (€90k, the second option): a select's options are filled when
    // it is first focused, as a click on it does before its list opens …
    b.exec(
        "document.getElementById(arguments[0]).focus();",
        json!([selects[0]]),
    );
    b.click(&b.wait(&format!("#{} option:nth-child(3)", selects[0])));
    // … the keyboard for the others: ArrowDown picks the option after "still open".
    for s in &selects[1..] {
        b.send_keys(&b.wait(&format!("#{s}")), ARROW_DOWN);
    }
    b.wait_until("the package to be complete", || {
        let card = b.try_find(".package-card")?;
        let t = b.text(&card);
        (!t.contains("some issues are still open")).then_some(())
    });
    let chosen = b.exec(
        "return Array.from(document.querySelectorAll('.package-card select'))\
         .map(s => s.selectedOptions[0].textContent.trim());",
        json!([]),
    );
    assert_eq!(chosen, json!(["€90k", "In 4 weeks", "1 day"]));
    close_notice(&b);
    check_step(&b, "packages");

    // ---- Fact-finding: a question ------------------------------------------------------------
    open_step(&b, "Fact-finding");
    type_into(
        &b,
        "#new-question",
        &format!("What is Nimbus's salary band for this role?{ENTER}"),
    );
    wait_count(&b, ".question-card", 1);
    check_step(&b, "facts");

    // ---- Brief ---------------------------------------------------------------------------------
    open_step(&b, "Brief");
    assert_brief(&b);
    check_step(&b, "brief");

    // ---- Reload: the brief still shows everything ----------------------------------------------
    wait_saved(&b);
    b.refresh();
    b.wait_until("the Brief heading after the reload", || {
        let h = b.try_find("#step-heading")?;
        (b.text(&h) == "Brief").then_some(())
    });
    assert_brief(&b);
    assert!(brief_text(&b).contains("€90k"), "{}", brief_text(&b));
    b.screenshot("journey-brief-after-reload");
    assert_clean_console(&b);
}
