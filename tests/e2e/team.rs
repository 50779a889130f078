//! Preparing as a team (issue 17), as two people in two browsers with their own storage:
//! the owner makes a view request; a teammate opens it in a browser that has never seen
//! the plan, fills in their numbers, proposes an interest and sends an answer link back;
//! the owner merges it, settles two disagreements (one by the median, one by hand),
//! accepts the proposal, sees each package judged in each view, and reloads. axe runs on
//! every page that changed; screenshots at 1440 and 360 px.

use crate::dom::*;
use crate::support::{Browser, StaticServer, ENTER, TAB};
use crate::{assert_clean_console, check_axe, open_step, wait_for_titles, wait_saved};
use serde_json::json;

fn wait_text(b: &Browser, css: &str, want: &str) -> String {
    b.wait_until(&format!("{css} to contain {want:?}"), || {
        let t = b
            .find_all(css)
            .iter()
            .map(|e| b.text(e))
            .collect::<Vec<_>>()
            .join("\n");
        t.contains(want).then_some(t)
    })
}

/// axe on the whole page, then a screenshot with `css` (the part that changed) at the top.
fn axe_and_shot(b: &Browser, what: &str, css: &str) {
    assert!(check_axe(b, what) > 0, "axe did not run on {what}");
    shot(b, what, css);
}

fn shot(b: &Browser, what: &str, css: &str) {
    b.exec(
        "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView(); else window.scrollTo(0, 0);",
        json!([css]),
    );
    b.screenshot(&format!("team-{what}"));
}

#[test]
fn a_team_prepares_together_in_two_browsers() {
    let server = StaticServer::start(crate::support::dist_dir());
    let olga = Browser::start_sized(1440, 900);
    olga.goto(&format!("{}#/", server.url()));
    wait_for_titles(&olga, "the sample plan", |t| t.len() == 1);
    olga.click(&olga.wait(".plan-title"));
    olga.wait("#plan-title");

    // ---- Olga asks for a view, her numbers included ----------------------------------------
    open_step(&olga, "Team views");
    type_into(&olga, "#team-me", "Olga");
    wait_text(&olga, ".team-request-contents", "None of your numbers");
    olga.click(&olga.wait("#team-with-numbers"));
    wait_text(
        &olga,
        ".team-request-contents",
        "Your numbers as a starting point: 34 numbers",
    );
    axe_and_shot(&olga, "owner-before", ".team-request");
    olga.click(&olga.wait("button.request-link"));
    let request = olga.value(&olga.wait("#team-request-url"));
    assert!(request.contains("/tools/planner/#/share/"), "{request:.80}");
    wait_saved(&olga);

    // ---- Ben answers in a browser that has never seen the plan ------------------------------
    let ben = Browser::start_sized(1280, 900);
    ben.goto(&request);
    wait_text(&ben, "main h1", "A request for your view");
    wait_text(
        &ben,
        ".team-summary",
        "Olga asks for your view of “Job offer example (my copy)”.",
    );
    axe_and_shot(&ben, "request-page", "main");
    ben.click(&ben.wait("button.start-answer"));
    wait_text(&ben, "#team-answer-heading", "Your answer to Olga");
    type_into(&ben, "#answer-member", "Ben");
    // Ben weighs Salary at 20 for us and thinks our walk-away and theirs are higher.
    open_step(&ben, "Evaluate");
    ben.replace_text(&ben.wait("#weight-party1-iss9"), &format!("20{TAB}"));
    wait_values(&ben, ".weight-input", &["20", "13", "20", "47"]);
    open_step(&ben, "Parties and alternatives");
    ben.replace_text(&ben.wait("#party-party1-res-value"), &format!("80{TAB}"));
    ben.replace_text(&ben.wait("#party-party2-res-value"), &format!("60{TAB}"));
    // And proposes an interest of theirs.
    open_step(&ben, "Interests");
    type_into(
        &ben,
        "#new-interest-party2",
        &format!("Keep hiring costs predictable{ENTER}"),
    );
    ben.wait_until("the new interest", || {
        values(&ben, ".interest-statement")
            .iter()
            .any(|v| v == "Keep hiring costs predictable")
            .then_some(())
    });
    open_step(&ben, "Team views");
    wait_text(
        &ben,
        ".answer-contents",
        "A proposed interest of Nimbus (hiring manager): “Keep hiring costs predictable”.",
    );
    axe_and_shot(&ben, "answer-panel", ".team-answer");
    ben.click(&ben.wait("button.answer-link"));
    let answer = ben.value(&ben.wait("#team-answer-url"));
    wait_saved(&ben);
    assert_clean_console(&ben);
    drop(ben);

    // ---- Olga merges Ben's answer ------------------------------------------------------------
    olga.goto(&answer);
    wait_text(
        &olga,
        "main h1",
        "Ben's view of “Job offer example (my copy)”",
    );
    axe_and_shot(&olga, "answer-page", "main");
    olga.click(&olga.wait("button.add-answer"));
    wait_text(&olga, "#step-heading", "Team views");
    wait_text(&olga, ".view-list", "Olga");
    wait_text(&olga, ".view-list", "Ben");
    let open = wait_text(
        &olga,
        ".disagreement-list.open",
        "Olga weighs Salary at 40, Ben at 20",
    );
    assert!(
        open.contains("Olga puts our walk-away at 45, Ben at 80"),
        "{open}"
    );
    assert!(
        open.contains("Olga puts Nimbus (hiring manager)'s walk-away at 40, Ben at 60"),
        "{open}"
    );
    // The proposal waits for Olga; she accepts it.
    wait_text(
        &olga,
        ".proposal-list",
        "Ben proposes an interest of Nimbus (hiring manager)",
    );
    olga.click(&olga.wait(".proposal button.accept"));
    wait_text(
        &olga,
        ".notice",
        "Added the interest “Keep hiring costs predictable”.",
    );

    // Two disagreements settled: Salary by the median, their walk-away by hand.
    pick(&olga, "#choose-party1-w-iss9", "median");
    olga.replace_text(&olga.wait("#hand-party2-rv"), &format!("50{TAB}"));
    wait_text(&olga, ".settled summary", "Settled (2)");
    close_notice(&olga);
    olga.click(&olga.wait(".settled summary"));
    let settled = wait_text(&olga, ".disagreement-list.settled", "Team: 30, the median.");
    assert!(settled.contains("Team: 50, set by hand."), "{settled}");
    wait_saved(&olga);
    axe_and_shot(&olga, "owner-merged", ".team-disagreements");
    olga.emulate_screen(360, 800);
    shot(&olga, "owner-merged-360", ".team-disagreements");
    crate::assert_no_page_overflow(&olga, "the Team views step at 360 px");
    olga.emulate_screen(1440, 900);

    // ---- Evaluate: every member's numbers beside the team's -----------------------------------
    open_step(&olga, "Evaluate");
    let heads = wait_text(&olga, ".weights-table thead", "Spread");
    assert!(heads.contains("Olga") && heads.contains("Ben"), "{heads}");
    wait_value_of(&olga, "#weight-party1-iss9", "30");
    let row = wait_text(&olga, ".weights-table tbody tr:first-child", "20");
    assert!(
        row.contains("40") && olga.try_find(".weights-table .spread-value.wide").is_some(),
        "{row}"
    );
    axe_and_shot(&olga, "evaluate", ".weights");
    olga.emulate_screen(360, 800);
    shot(&olga, "evaluate-360", ".weights");
    crate::assert_no_page_overflow(&olga, "Evaluate with members' numbers at 360 px");
    olga.emulate_screen(1440, 900);

    // ---- Each package in each member's view --------------------------------------------------
    open_step(&olga, "Packages");
    let lines = wait_text(
        &olga,
        ".package-card .in-views",
        "Good for us in Olga's view, not in Ben's.",
    );
    assert!(
        lines.contains("frontier") || lines.contains("value on the table"),
        "{lines}"
    );
    wait_text(&olga, ".in-views-status", "Ben's view: analysed");
    axe_and_shot(&olga, "packages", ".package-card");
    olga.emulate_screen(360, 800);
    shot(&olga, "packages-360", ".package-card .in-views");
    crate::assert_no_page_overflow(&olga, "Packages with members' views at 360 px");
    olga.emulate_screen(1440, 900);

    // ---- The brief lists what is still open --------------------------------------------------
    open_step(&olga, "Brief");
    let brief = wait_text(&olga, ".brief-team", "Team disagreements still open");
    assert!(
        brief.contains("Olga puts our walk-away at 45, Ben at 80"),
        "{brief}"
    );
    assert!(!brief.contains("Olga weighs Salary"), "settled: {brief}");
    axe_and_shot(&olga, "brief", ".brief-team");

    // ---- Everything survives a reload --------------------------------------------------------
    olga.refresh();
    open_step(&olga, "Evaluate");
    wait_value_of(&olga, "#weight-party1-iss9", "30");
    open_step(&olga, "Team views");
    wait_text(&olga, ".view-list", "Ben");
    wait_text(&olga, ".settled summary", "Settled (2)");
    assert!(
        olga.try_find(".proposal-list").is_none(),
        "the proposal was handled"
    );
    assert_clean_console(&olga);
}

fn wait_value_of(b: &Browser, css: &str, want: &str) {
    b.wait_until(&format!("{css} to read {want:?}"), || {
        let el = b.try_find(css)?;
        (b.value(&el) == want).then_some(())
    });
}
