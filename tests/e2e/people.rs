//! The people steps (parties and alternatives, interests, fact-finding): filled from a new
//! plan with keyboard and mouse through the step navigation, reloaded, undone; and their
//! layouts at desktop and phone widths.

use crate::dom::*;
use crate::support::{Browser, Element, CONTROL, ENTER, TAB};
use crate::{
    assert_clean_console, assert_no_page_overflow, open_app, open_step, wait_for_titles, wait_saved,
};
use serde_json::json;

fn wait_heading(b: &Browser, label: &str) {
    b.wait_until(&format!("the heading {label}"), || {
        let h = b.try_find("#step-heading")?;
        (b.text(&h) == label).then_some(())
    });
}

/// The id of the focused element.
fn active_id(b: &Browser) -> String {
    b.exec(
        "return document.activeElement && document.activeElement.id;",
        json!([]),
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

fn wait_value(b: &Browser, css: &str, want: &str) {
    b.wait_until(&format!("{css} to read {want:?}"), || {
        let el = b.try_find(css)?;
        (b.value(&el) == want).then_some(())
    });
}

fn wait_text_contains(b: &Browser, css: &str, want: &str) -> Element {
    b.wait_until(&format!("{css} to contain {want:?}"), || {
        let el = b.try_find(css)?;
        b.text(&el).contains(want).then_some(el)
    })
}

#[test]
fn parties_interests_and_facts_from_a_new_plan_survive_a_reload() {
    let (_server, b) = open_app();
    wait_for_titles(&b, "the library", |t| !t.is_empty());
    type_into(
        &b,
        "#new-plan-title",
        &format!("Office lease renewal{ENTER}"),
    );
    b.wait("#plan-title");
    wait_heading(&b, "Overview");

    // ---- Parties and alternatives -------------------------------------------------------
    open_step(&b, "Parties and alternatives");
    wait_count(&b, ".party-card", 2);
    b.replace_text(&b.wait("#party-party1-name"), "Tenant (us)");
    b.replace_text(&b.wait("#party-party2-name"), "Landlord");
    wait_text_contains(&b, "#party-party2-heading", "Landlord");
    type_into(
        &b,
        "#party-party1-batna",
        "Move to the smaller office on Elm Street.",
    );
    type_into(
        &b,
        "#party-party2-batna",
        "Re-let the floor, probably after six months empty.",
    );
    b.replace_text(&b.wait("#party-party1-role"), "Operations lead");

    // Ours is one number; theirs an estimate with a range.
    assert!(b.try_find("#party-party1-res-low").is_none());
    b.replace_text(&b.wait("#party-party1-res-value"), &format!("55{TAB}"));
    wait_text_contains(
        &b,
        "#party-party1-res-hint",
        "walks away from any package worth less than 55",
    );
    b.replace_text(&b.wait("#party-party2-res-value"), &format!("40{TAB}"));
    // No range was given yet: the estimate starts with a range around it, never a point.
    wait_value(&b, "#party-party2-res-low", "30");
    wait_value(&b, "#party-party2-res-high", "50");
    // Typed numbers are clamped to 0–100.
    b.replace_text(&b.wait("#party-party2-res-high"), "150");
    wait_value(&b, "#party-party2-res-high", "100");
    b.replace_text(&b.wait("#party-party2-res-high"), &format!("60{TAB}"));
    // A low end above the estimate is refused, with words.
    b.replace_text(&b.wait("#party-party2-res-low"), "45");
    let error = wait_text_contains(&b, "#party-party2-res-error", "cannot be above");
    b.screenshot("people-parties-refused-low");
    assert_eq!(
        b.prop(&b.wait("#party-party2-res-low"), "ariaInvalid"),
        json!("true")
    );
    // Leaving the field puts back what is stored; the message stays to say why.
    b.send_keys(&b.wait("#party-party2-res-low"), TAB);
    wait_value(&b, "#party-party2-res-low", "30");
    assert!(b.text(&error).contains("cannot be above"));
    b.replace_text(&b.wait("#party-party2-res-low"), &format!("30{TAB}"));
    b.wait_until("the error to clear", || {
        b.text(&error).is_empty().then_some(())
    });
    // The slider follows the number.
    assert_eq!(
        b.value(&b.wait(".res-slider[aria-label*='Landlord']")),
        "40"
    );
    wait_text_contains(
        &b,
        "#party-party2-res-hint",
        "We guess Landlord walks away below 40, and it could be anywhere from 30 to 60.",
    );

    // A third party: type and Enter; then remove it.
    type_into(&b, "#new-party-name", &format!("Broker{ENTER}"));
    wait_count(&b, ".party-card", 3);
    assert_eq!(active_id(&b), "new-party-name");
    assert_eq!(b.value(&b.wait("#new-party-name")), "");
    b.click(&b.wait("button[aria-label='Remove Broker']"));
    wait_count(&b, ".party-card", 2);
    wait_text_contains(&b, ".notice-text", "Removed “Broker”.");
    close_notice(&b);
    // Two must remain: removing is refused with a message.
    b.click(&b.wait("button[aria-label='Remove Landlord']"));
    wait_text_contains(&b, ".notice-text", "at least two parties");
    assert_eq!(b.find_all(".party-card").len(), 2);
    close_notice(&b);

    // Whose plan: ours by default; neutral and back.
    let ours = b.wait(".perspective input[value='party1']");
    assert_eq!(b.prop(&ours, "checked"), json!(true));
    b.click(&b.wait(".perspective input[value='neutral']"));
    b.wait("#party-party1-res-low");
    b.click(&b.wait(".perspective input[value='party1']"));
    b.wait_until("our range to go", || {
        b.try_find("#party-party1-res-low").is_none().then_some(())
    });
    b.screenshot("people-parties-filled");

    // ---- Interests ----------------------------------------------------------------------
    open_step(&b, "Interests");
    wait_count(&b, ".interest-column", 2);
    type_into(
        &b,
        "#new-interest-party1",
        &format!("Lower rent per square metre{ENTER}"),
    );
    // Enter added it and kept the cursor for the next one.
    assert_eq!(active_id(&b), "new-interest-party1");
    b.send_keys(
        &b.wait("#new-interest-party1"),
        &format!("Room to grow the team{ENTER}"),
    );
    type_into(
        &b,
        "#new-interest-party2",
        &format!("Steady income{ENTER}Keep the floor let{ENTER}"),
    );
    assert_eq!(active_id(&b), "new-interest-party2");
    wait_count(&b, ".interest", 4);
    let statements = ids_of(&b, ".interest-statement");
    let ours: Vec<String> = statements[..2].iter().map(|s| entity(s)).collect();
    let theirs: Vec<String> = statements[2..].iter().map(|s| entity(s)).collect();
    assert_eq!(
        b.value(&b.wait(&format!("#int-{}-statement", ours[0]))),
        "Lower rent per square metre"
    );

    // Edit in place: the statement, why it matters, priority and kind.
    let growth = &ours[1];
    b.replace_text(
        &b.wait(&format!("#int-{growth}-statement")),
        "Room to grow the team by ten",
    );
    type_into(&b, &format!("#int-{growth}-why"), "We hire in the spring.");
    pick(&b, &format!("#int-{growth}-priority"), "0");
    pick(&b, &format!("#int-{}-kind", theirs[0]), "1");

    // Link: our growth and their keeping the floor let are different interests.
    b.click(&b.wait(&format!("#int-{growth}-link-button")));
    pick(&b, &format!("#int-{growth}-link-to"), &theirs[1]);
    pick(&b, &format!("#int-{growth}-link-relation"), "1");
    b.click(&b.wait(".link-panel button.primary"));
    wait_count(&b, ".link-list li", 1);
    wait_text_contains(
        &b,
        ".link-list li",
        "Tenant (us): Room to grow the team by ten",
    );
    assert!(b
        .text(&b.wait(".link-list li"))
        .contains("Landlord: Keep the floor let"));
    wait_text_contains(&b, ".interest-links", "Different from");

    // Send one interest to fact-finding: a notice with a link to the step.
    let rent = &ours[0];
    let sends = b.find_all(".send-to-facts");
    b.click(&sends[0]);
    let note = wait_text_contains(
        &b,
        ".sent-note",
        "Added “What do we know about: Lower rent per square metre?” to fact-finding.",
    );
    b.screenshot("people-interests-filled");
    let _ = note;
    let link = b.wait(".sent-note a");
    assert!(
        b.prop(&link, "href").as_str().unwrap().ends_with("/facts"),
        "{}",
        b.prop(&link, "href")
    );

    // ---- Fact-finding -------------------------------------------------------------------
    b.click(&link);
    wait_heading(&b, "Fact-finding");
    wait_count(&b, ".question-card", 1);
    let first = entity(&ids_of(&b, ".question-text")[0]);
    assert_eq!(
        b.value(&b.wait(&format!("#q-{first}-text"))),
        "What do we know about: Lower rent per square metre?"
    );
    wait_text_contains(
        &b,
        &format!("#q-{first}-interests-label ~ .chips"),
        "Tenant (us): Lower rent per square metre",
    );
    type_into(
        &b,
        "#new-question",
        &format!("What do comparable floors rent for?{ENTER}"),
    );
    wait_count(&b, ".question-card", 2);
    assert_eq!(active_id(&b), "new-question");
    let second = entity(&ids_of(&b, ".question-text")[1]);

    // Edit the first in place: owner, source, status agreed with an answer.
    type_into(&b, &format!("#q-{first}-owner"), "Sam");
    type_into(
        &b,
        &format!("#q-{first}-source"),
        "The broker's market survey",
    );
    pick(&b, &format!("#q-{first}-status"), "1");
    type_into(
        &b,
        &format!("#q-{first}-answer"),
        "€21 per m² per month for comparable floors.",
    );
    // The second bears on their interest in keeping the floor let.
    pick(&b, &format!("#q-{second}-interests-add"), &theirs[1]);
    wait_text_contains(
        &b,
        &format!("#q-{second}-interests-label ~ .chips"),
        "Landlord: Keep the floor let",
    );

    // The filter, with counts.
    let segment = |label: &str| {
        b.wait_until(&format!("the {label} filter"), || {
            b.find_all(".segment")
                .into_iter()
                .find(|s| b.text(s).starts_with(label))
        })
    };
    assert_eq!(b.text(&segment("Agreed")), "Agreed (1)");
    assert_eq!(b.text(&segment("Open")), "Open (1)");
    assert_eq!(b.text(&segment("All")), "All (2)");
    b.click(&segment("Agreed"));
    wait_count(&b, ".question-card", 1);
    assert!(b.try_find(&format!("#q-{first}-answer")).is_some());
    b.click(&segment("Disputed"));
    wait_text_contains(&b, ".facts-step .empty-state", "No disputed questions");
    b.click(&segment("Open"));
    wait_count(&b, ".question-card", 1);
    assert!(b.try_find(&format!("#q-{second}-text")).is_some());
    b.screenshot("people-facts-filtered");
    b.click(&segment("All"));
    wait_count(&b, ".question-card", 2);

    // ---- Reload: everything is still there ----------------------------------------------
    wait_saved(&b);
    b.refresh();
    wait_heading(&b, "Fact-finding");
    wait_value(
        &b,
        &format!("#q-{first}-answer"),
        "€21 per m² per month for comparable floors.",
    );
    wait_value(&b, &format!("#q-{first}-owner"), "Sam");
    wait_value(
        &b,
        &format!("#q-{first}-source"),
        "The broker's market survey",
    );
    assert_eq!(b.value(&b.wait(&format!("#q-{first}-status"))), "1");
    wait_text_contains(
        &b,
        &format!("#q-{second}-interests-label ~ .chips"),
        "Landlord: Keep the floor let",
    );

    open_step(&b, "Interests");
    wait_count(&b, ".interest", 4);
    wait_value(
        &b,
        &format!("#int-{growth}-statement"),
        "Room to grow the team by ten",
    );
    wait_value(&b, &format!("#int-{growth}-why"), "We hire in the spring.");
    assert_eq!(b.value(&b.wait(&format!("#int-{growth}-priority"))), "0");
    assert_eq!(b.value(&b.wait(&format!("#int-{}-kind", theirs[0]))), "1");
    wait_count(&b, ".link-list li", 1);
    assert!(b
        .text(&b.wait(".link-list li"))
        .to_lowercase()
        .contains("different"));
    let _ = rent;

    open_step(&b, "Parties and alternatives");
    wait_value(&b, "#party-party1-name", "Tenant (us)");
    wait_value(&b, "#party-party2-name", "Landlord");
    wait_value(&b, "#party-party1-role", "Operations lead");
    wait_value(
        &b,
        "#party-party1-batna",
        "Move to the smaller office on Elm Street.",
    );
    wait_value(
        &b,
        "#party-party2-batna",
        "Re-let the floor, probably after six months empty.",
    );
    wait_value(&b, "#party-party1-res-value", "55");
    wait_value(&b, "#party-party2-res-value", "40");
    wait_value(&b, "#party-party2-res-low", "30");
    wait_value(&b, "#party-party2-res-high", "60");
    assert_eq!(b.find_all(".party-card").len(), 2);
    assert_eq!(
        b.prop(&b.wait(".perspective input[value='party1']"), "checked"),
        json!(true)
    );
    // The step navigation counts parties and interests as done.
    for label in ["Parties and alternatives", "Interests", "Fact-finding"] {
        let link = b
            .find_all(".step-nav li.done a")
            .into_iter()
            .find(|a| b.text(a).contains(label));
        assert!(link.is_some(), "{label} is not marked done");
    }

    // ---- Ctrl+Z undoes the last edit, even after the reload ------------------------------
    // The last edit was tying the second question to the landlord's interest.
    open_step(&b, "Fact-finding");
    let input = b.wait("#new-question");
    b.click(&input);
    b.send_keys(&input, &format!("{CONTROL}z{CONTROL}"));
    wait_text_contains(&b, ".notice-text", "Undid: link a question to an interest.");
    b.wait_until("the tie to go", || {
        let chips = b.try_find(&format!("#q-{second}-interests-label ~ .chips"))?;
        (!b.text(&chips).contains("Keep the floor let")).then_some(())
    });
    // The earlier edits stay.
    wait_value(&b, &format!("#q-{first}-owner"), "Sam");
    wait_saved(&b);
    assert_clean_console(&b);
}

/// Each step at 1280 px and at 360 px, on the sample plan (every step has content) and
/// after opening every panel; nothing may scroll sideways.
#[test]
fn people_steps_fit_desktop_and_phone_widths() {
    for (width, height, name) in [(1280, 2000, "1280"), (360, 3600, "360")] {
        let (_server, b) = crate::open_app_sized(width.max(500), 900);
        b.emulate_screen(width, height);
        wait_for_titles(&b, "the sample plan", |t| t.len() == 1);
        b.click(&b.wait(".plan-title"));
        b.wait("#plan-title");

        open_step(&b, "Parties and alternatives");
        wait_count(&b, ".party-card", 2);
        type_into(&b, "#new-party-name", &format!("Recruiting agency{ENTER}"));
        wait_count(&b, ".party-card", 3);
        // Show a refused bound, so its message is in the picture too.
        b.replace_text(&b.wait("#party-party2-res-low"), "50");
        b.wait_until("the error", || {
            let e = b.try_find("#party-party2-res-error")?;
            (!b.text(&e).is_empty()).then_some(())
        });
        b.exec("document.querySelector('main').scrollTo(0, 0);", json!([]));
        assert_no_page_overflow(&b, &format!("parties at {name}"));
        b.screenshot(&format!("people-parties-{name}"));

        open_step(&b, "Interests");
        wait_count(&b, ".interest-column", 3);
        let buttons = b.find_all(".interest-actions button[aria-expanded]");
        b.click(&buttons[0]);
        b.wait(".link-panel");
        b.click(&b.find_all(".send-to-facts")[1]);
        b.wait(".sent-note a");
        b.exec("document.querySelector('main').scrollTo(0, 0);", json!([]));
        assert_no_page_overflow(&b, &format!("interests at {name}"));
        b.screenshot(&format!("people-interests-{name}"));

        open_step(&b, "Fact-finding");
        wait_count(&b, ".question-card", 2);
        b.exec("document.querySelector('main').scrollTo(0, 0);", json!([]));
        assert_no_page_overflow(&b, &format!("fact-finding at {name}"));
        b.screenshot(&format!("people-facts-{name}"));

        // The dark scheme: the same steps, for a person to check contrast.
        if width == 1280 {
            b.cdp(
                "Emulation.setEmulatedMedia",
                json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
            );
            for (label, file) in [
                ("Parties and alternatives", "parties"),
                ("Interests", "interests"),
                ("Fact-finding", "facts"),
            ] {
                open_step(&b, label);
                b.exec("document.querySelector('main').scrollTo(0, 0);", json!([]));
                b.screenshot(&format!("people-{file}-{name}-dark"));
            }
        }
        wait_saved(&b);
        assert_clean_console(&b);
    }
}
