//! Practise: on the job offer, a user rehearses with the keyboard and mouse until the
//! counterpart accepts, reads the debrief (values, what was left on the table, lessons),
//! reloads and finds the rehearsal listed; then, on the same page, a tough counterpart
//! walks away, undo takes the last move back, and a deleted rehearsal comes back with undo.
//! axe runs on the step and it is looked at on a 1440 px and a 360 px screen. (axe also
//! runs on the step of the sample plan in light and dark, in `a11y`.)

use crate::dom::{close_notice, pick};
use crate::support::{Browser, ENTER};
use crate::{
    assert_clean_console, assert_no_page_overflow, check_axe, open_app_sized, open_step,
    start_template, wait_saved,
};
use serde_json::json;

fn text_of(b: &Browser, css: &str) -> String {
    b.exec(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
        json!([css]),
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

fn rows(b: &Browser) -> usize {
    b.find_all(".practise-exchange tbody tr").len()
}

/// The index of the "start from" entry whose label starts with `label`.
fn start_from(b: &Browser, label: &str) -> Option<String> {
    b.exec(
        "const o = Array.from(document.querySelectorAll('#practise-start-from option'))
            .find(o => o.textContent.startsWith(arguments[0]));
         return o ? o.value : null;",
        json!([label]),
    )
    .as_str()
    .map(String::from)
}

/// Sends the composed offer with the keyboard and waits for the reply (or the end).
fn send(b: &Browser) {
    let before = rows(b);
    b.send_keys(&b.wait("#practise-send"), ENTER);
    b.wait_until("the counterpart's reply", || {
        (rows(b) >= before + 2 || b.try_find("#debrief-heading").is_some()).then_some(())
    });
}

/// Screenshots of a part of the step at 1440 px and at 360 px (a phone), where the page
/// must not scroll sideways.
fn look(b: &Browser, css: &str, name: &str) {
    for (width, height) in [(1440, 900), (360, 780)] {
        b.emulate_screen(width, height);
        b.exec(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'});",
            json!([css]),
        );
        assert_no_page_overflow(b, &format!("{name} at {width} px"));
        b.screenshot(&format!("{name}-{width}"));
    }
    b.emulate_screen(1440, 900);
}

/// Starts a rehearsal with a style and a seed typed in, Enter in the seed field.
fn begin(b: &Browser, style: &str, seed: &str) {
    b.click(&b.wait(&format!("label[for=practise-style-{style}]")));
    let field = b.wait("#practise-seed");
    b.click(&field);
    b.send_keys(&field, &format!("{seed}{ENTER}"));
    b.wait("#practise-send");
    b.wait_until("the first round", || {
        text_of(b, "#practise-status")
            .starts_with("Round 1 of 10")
            .then_some(())
    });
}

#[test]
fn a_user_rehearses_to_agreement_then_a_tough_counterpart_walks_away() {
    let (_server, b) = open_app_sized(1440, 900);
    start_template(&b, "job-offer");
    open_step(&b, "Practise");
    b.wait("#practise-start");
    assert!(text_of(&b, ".practise-kept").contains("None yet"));

    // ---- A steady counterpart, offers until it accepts ------------------------------------
    begin(&b, "steady", "42");
    // The composer starts from the plan's package; its worth is shown as the user knows it.
    b.wait_until("the composer's worth", || {
        text_of(&b, ".practise-worth")
            .starts_with("Worth 72.5 to you (your BATNA: 45)")
            .then_some(())
    });
    send(&b);
    assert!(text_of(&b, ".practise-message").starts_with("Nimbus (hiring manager): “"));
    assert_eq!(rows(&b), 2);
    check_axe(&b, "the Practise step during a rehearsal");
    look(&b, ".practise-live", "practise-live");
    // Then their own last offer, round after round, until they take it.
    for _ in 0..9 {
        if b.try_find("#debrief-heading").is_some() {
            break;
        }
        let theirs = start_from(&b, "Their last offer").expect("their last offer to start from");
        pick(&b, "#practise-start-from", &theirs);
        send(&b);
    }
    let debrief = b.wait_until("the debrief", || {
        let t = text_of(&b, ".debrief");
        t.contains("Lessons").then_some(t)
    });
    for needle in [
        "Seed 42.",
        "Agreement in round",
        "against your BATNA of 45",
        "The Nash point",
        "The counterpart revealed",
        "Walk-away value",
        "Your first offer",
    ] {
        assert!(
            debrief.contains(needle),
            "missing {needle:?} in:\n{debrief}"
        );
    }
    assert!(
        debrief.contains("joint value on the table") || debrief.contains("on the Pareto frontier"),
        "{debrief}"
    );
    assert_eq!(b.find_all(".debrief-lessons li").len(), 3);
    assert!(b.try_find(".debrief-curves svg .curves-line").is_some());
    // The exchange is the path on the outcome-space chart.
    b.wait(".oc-plot svg [data-k=o0]");
    assert!(text_of(&b, ".oc-legend").contains("The rehearsal's offers"));
    wait_saved(&b);
    close_notice(&b);
    check_axe(&b, "the Practise step's debrief");
    look(&b, ".debrief", "practise-debrief");
    look(&b, ".debrief-curves", "practise-curves");
    look(&b, ".oc", "practise-chart");

    // ---- A reload: the rehearsal is kept with the plan -------------------------------------
    b.refresh();
    b.wait_until("the kept rehearsal", || {
        text_of(&b, ".kept-list")
            .contains("Agreement in round")
            .then_some(())
    });
    assert!(text_of(&b, ".kept-list")
        .contains("Steady, 10 rounds, drawn within our estimates, seed 42"));
    b.wait(".debrief-lessons li");

    // ---- A tough counterpart leaves after three offers it cannot accept --------------------
    begin(&b, "tough", "7");
    for _ in 0..3 {
        // Everything for Dana, nothing for Nimbus: the best option of each issue for us.
        for issue in 0..4 {
            pick(&b, &format!("#practise-compose-{issue}"), "2");
        }
        send(&b);
    }
    let debrief = b.wait_until("the walk-away's debrief", || {
        let t = text_of(&b, ".debrief");
        t.contains("Lessons").then_some(t)
    });
    assert!(
        debrief.contains("No agreement: Nimbus (hiring manager) left in round 3"),
        "{debrief}"
    );
    assert!(debrief.contains("A deal was possible"), "{debrief}");
    assert!(text_of(&b, ".kept-list").contains("No agreement: they walked away in round 3."));

    // Undo takes the last move back: the rehearsal goes on in round 3.
    b.click(&b.wait(".toolbar .undo"));
    b.wait_until("round 3 again", || {
        text_of(&b, "#practise-status")
            .starts_with("Round 3 of 10")
            .then_some(())
    });
    b.send_keys(&b.wait("#practise-walk"), ENTER);
    b.wait_until("the user's walk-away", || {
        text_of(&b, ".debrief")
            .contains("No agreement: you walked away in round 3.")
            .then_some(())
    });
    // Deleting it, then undoing the delete.
    let kept = b.find_all(".kept-list .kept").len();
    assert_eq!(kept, 2);
    b.send_keys(&b.wait(".debrief .danger"), ENTER);
    b.wait_until("one rehearsal left", || {
        (b.find_all(".kept-list .kept").len() == 1).then_some(())
    });
    b.click(&b.wait(".notice-undo"));
    b.wait_until("the rehearsal back", || {
        (b.find_all(".kept-list .kept").len() == 2).then_some(())
    });
    wait_saved(&b);
    assert_clean_console(&b);
}
