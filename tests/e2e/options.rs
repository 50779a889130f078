//! Issues and options, and Evaluate: built from an empty plan with the keyboard, linked to
//! interests on the sample plan, reloaded; screenshots at 1280 and 360 px.

use crate::dom::*;
use crate::support::{Browser, ENTER};
use crate::{
    assert_clean_console, assert_no_page_overflow, create_plan, open_app, open_step,
    wait_for_titles, wait_saved,
};
use serde_json::json;

const ALT: &str = "\u{E00A}";
const ARROW_UP: &str = "\u{E013}";
const ARROW_RIGHT: &str = "\u{E014}";
const ARROW_DOWN: &str = "\u{E015}";

fn active_value(b: &Browser) -> String {
    b.exec("return document.activeElement.value ?? '';", json!([]))
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn text_of(b: &Browser, css: &str) -> String {
    b.try_find(css).map(|e| b.text(&e)).unwrap_or_default()
}

#[test]
fn issues_options_and_evaluation_from_an_empty_plan() {
    let (_server, b) = open_app();
    create_plan(&b, "Office lease 2027");
    open_step(&b, "Issues and options");

    // A new plan has no ratings: brainstorm mode is on, and the screen says what to do.
    let toggle = b.wait("#brainstorm-mode");
    assert_eq!(b.prop(&toggle, "checked"), json!(true));
    assert_eq!(
        text_of(&b, ".mode-line"),
        "Brainstorming: invent first, judge later."
    );
    assert!(text_of(&b, ".empty-state").contains("No issues yet"));

    // Issues: type a name, Enter; the field keeps the focus for the next one.
    let new_issue = b.wait("#new-issue-name");
    b.click(&new_issue);
    b.send_keys(&new_issue, &format!("Rent{ENTER}"));
    b.type_keys(&format!("Term{ENTER}Parking{ENTER}"));
    wait_values(&b, ".issue-name", &["Rent", "Term", "Parking"]);

    // Options: Enter adds the next one and keeps the focus in the quick-add field.
    let quick = |k: usize| format!(".issue-card:nth-child({k}) .new-option");
    b.click(&b.wait(&quick(1)));
    b.type_keys(&format!("Flat{ENTER}Indexed{ENTER}Stepped{ENTER}"));
    wait_values(
        &b,
        ".issue-card:nth-child(1) .option-label",
        &["Flat", "Indexed", "Stepped"],
    );
    b.click(&b.wait(&quick(2)));
    b.type_keys(&format!("3 years{ENTER}5 years{ENTER}10 years 🏢{ENTER}"));
    b.click(&b.wait(&quick(3)));
    b.type_keys(&format!("2 spaces{ENTER}6 spaces{ENTER}"));
    wait_values(
        &b,
        ".issue-card:nth-child(2) .option-label",
        &["3 years", "5 years", "10 years 🏢"],
    );
    wait_values(
        &b,
        ".issue-card:nth-child(3) .option-label",
        &["2 spaces", "6 spaces"],
    );

    // Reorder with the buttons, then with Alt+ArrowUp from the label; the focus follows.
    b.click(&b.wait("button[aria-label='Move “Flat” down']"));
    wait_values(
        &b,
        ".issue-card:nth-child(1) .option-label",
        &["Indexed", "Flat", "Stepped"],
    );
    let stepped = b.wait_until("the Stepped label", || {
        b.find_all(".issue-card:nth-child(1) .option-label")
            .into_iter()
            .find(|e| b.value(e) == "Stepped")
    });
    b.click(&stepped);
    b.send_keys(&stepped, &format!("{ALT}{ARROW_UP}{ALT}"));
    wait_values(
        &b,
        ".issue-card:nth-child(1) .option-label",
        &["Indexed", "Stepped", "Flat"],
    );
    b.wait_until("the focus to stay on Stepped", || {
        (active_value(&b) == "Stepped").then_some(())
    });
    b.click(&b.wait("button[aria-label='Move “Term” up']"));
    wait_values(&b, ".issue-name", &["Term", "Rent", "Parking"]);

    // Edit in place, and a criterion for Rent.
    let rent_card = ".issue-card:nth-child(2)";
    b.click(&b.wait(&format!("{rent_card} .add-criterion")));
    b.wait_until("the criterion's field to have the focus", || {
        b.exec("return document.activeElement.id;", json!([]))
            .as_str()
            .filter(|id| id.ends_with("-crit-0-standard"))
            .map(|_| ())
    });
    b.type_keys("Market rent per m² in the district");
    let source = b.wait(&format!("{rent_card} .criterion input[id$='-source']"));
    b.click(&source);
    b.type_keys("Broker's survey");

    // Remove an option: a notice says so, and the toolbar's Undo brings it back.
    b.click(&b.wait(&quick(3)));
    b.type_keys(&format!("Free month{ENTER}"));
    wait_values(
        &b,
        ".issue-card:nth-child(3) .option-label",
        &["2 spaces", "6 spaces", "Free month"],
    );
    b.click(&b.wait("button[aria-label='Remove “Free month”']"));
    b.wait_until("the removal notice", || {
        (text_of(&b, ".notice-text") == "Removed “Free month”.").then_some(())
    });
    wait_values(
        &b,
        ".issue-card:nth-child(3) .option-label",
        &["2 spaces", "6 spaces"],
    );
    b.click(&b.wait(".toolbar .undo"));
    wait_values(
        &b,
        ".issue-card:nth-child(3) .option-label",
        &["2 spaces", "6 spaces", "Free month"],
    );
    b.click(&b.wait("button[aria-label='Remove “Free month”']"));
    wait_values(
        &b,
        ".issue-card:nth-child(3) .option-label",
        &["2 spaces", "6 spaces"],
    );

    // No scores anywhere while brainstorming; switching it off shows the rating hints.
    assert!(b.find_all(".ratings-hint").is_empty());
    b.click(&toggle);
    b.wait_until("the judging line", || {
        text_of(&b, ".mode-line")
            .starts_with("Judging")
            .then_some(())
    });
    assert_eq!(b.find_all(".ratings-hint").len(), 8);
    b.screenshot("options-issues-new-plan-1280");

    // Evaluate: weights for "Us".
    open_step(&b, "Evaluate");
    let tab = b.wait("button[role='tab'][aria-selected='true']");
    assert!(b.text(&tab).starts_with("Us"), "{}", b.text(&tab));
    assert_eq!(text_of(&b, ".weight-sum"), "0");
    b.click(&b.wait(".split-evenly"));
    wait_values(&b, ".weight-input", &["34", "33", "33"]);
    assert_eq!(text_of(&b, ".weight-sum"), "100");

    let weight = |k: usize| format!(".weights-table tbody tr:nth-child({k}) .weight-input");
    b.replace_text(&b.wait(&weight(1)), "50");
    wait_values(&b, ".weight-input", &["50", "25", "25"]);
    assert_eq!(text_of(&b, ".weight-sum"), "100");
    // Lock Rent's weight: changing Term now moves only Parking.
    let lock = b.wait("button[aria-label='Lock the weight of “Rent”']");
    b.click(&lock);
    b.wait_until("the lock to be pressed", || {
        (b.prop(&lock, "ariaPressed") == json!("true")).then_some(())
    });
    b.replace_text(&b.wait(&weight(1)), "60");
    wait_values(&b, ".weight-input", &["60", "25", "15"]);
    assert_eq!(text_of(&b, ".weight-sum"), "100");
    // More than the locked weight leaves is limited, with a hint.
    b.replace_text(&b.wait(&weight(1)), "90");
    wait_values(&b, ".weight-input", &["75", "25", "0"]);
    assert!(
        text_of(&b, ".weights .cell-hint").contains("at most 75"),
        "{}",
        text_of(&b, ".weights .cell-hint")
    );
    b.replace_text(&b.wait(&weight(1)), "60");
    wait_values(&b, ".weight-input", &["60", "25", "15"]);

    // Ratings from the keyboard: type, arrow down, type; Enter moves down too.
    let first = b.wait(".ratings-table .rating-input");
    b.click(&first);
    b.type_keys(&format!(
        "100{ARROW_DOWN}60{ARROW_DOWN}0{ENTER}80{ARROW_DOWN}50{ARROW_DOWN}10{ARROW_UP}{ARROW_UP}"
    ));
    // The focus is back on "Indexed" (Rent's first option), its number selected: typing replaces it.
    b.type_keys("70");
    b.wait_until("the ratings to be typed", || {
        let v = values(&b, ".rating-input");
        (v[..6] == ["100", "60", "0", "70", "50", "10"]).then_some(())
    });
    // Out of range is clamped, with a visible hint.
    b.type_keys(&format!("{ARROW_DOWN}{ARROW_DOWN}{ARROW_DOWN}150"));
    b.wait_until("the clamp hint", || {
        text_of(&b, ".ratings .cell-hint")
            .contains("150 became 100")
            .then_some(())
    });
    wait_values(
        &b,
        ".rating-input",
        &["100", "60", "0", "70", "50", "10", "100", ""],
    );
    b.screenshot("options-evaluate-us-1280");

    // The other side: tabs move with the arrow keys; estimates carry a confidence.
    b.send_keys(
        &b.wait("button[role='tab'][aria-selected='true']"),
        ARROW_RIGHT,
    );
    b.wait_until("the other side's tab", || {
        let t = b.try_find("button[role='tab'][aria-selected='true']")?;
        b.text(&t).starts_with("The other side").then_some(())
    });
    // The undo bar from earlier sits over the table's bottom; a user would dismiss it.
    if let Some(close) = b.try_find(".notice-close") {
        b.click(&close);
    }
    let first = b.wait(".ratings-table .rating-input");
    b.click(&first);
    b.type_keys("20");
    let conf = b.wait(".ratings-table select.confidence");
    b.wait_until("the confidence select to be enabled", || {
        (b.prop(&conf, "disabled") == json!(false)).then_some(())
    });
    assert_eq!(b.value(&conf), "medium");
    b.send_keys(&conf, "Low");
    b.wait_until("the confidence to be low", || {
        (b.value(&conf) == "low").then_some(())
    });
    b.screenshot("options-evaluate-other-1280");
    assert_clean_console(&b);

    // Reload: everything is still there.
    wait_saved(&b);
    b.refresh();
    b.wait_until("the evaluate step after reload", || {
        let h = b.try_find("#step-heading")?;
        (b.text(&h) == "Evaluate").then_some(())
    });
    wait_values(&b, ".weight-input", &["60", "25", "15"]);
    let lock = b.wait("button[aria-label='Locked: the weight of “Rent”']");
    assert_eq!(b.prop(&lock, "ariaPressed"), json!("true"));
    wait_values(
        &b,
        ".rating-input",
        &["100", "60", "0", "70", "50", "10", "100", ""],
    );
    b.send_keys(
        &b.wait("button[role='tab'][aria-selected='true']"),
        ARROW_RIGHT,
    );
    b.wait_until("the other side's low confidence", || {
        let conf = b.try_find(".ratings-table select.confidence")?;
        (b.value(&conf) == "low").then_some(())
    });
    assert_eq!(values(&b, ".rating-input")[0], "20");

    open_step(&b, "Issues and options");
    // The plan has ratings now, so the screen opens in judging mode.
    assert_eq!(b.prop(&b.wait("#brainstorm-mode"), "checked"), json!(false));
    wait_values(&b, ".issue-name", &["Term", "Rent", "Parking"]);
    wait_values(
        &b,
        ".issue-card:nth-child(2) .option-label",
        &["Indexed", "Stepped", "Flat"],
    );
    wait_values(
        &b,
        ".issue-card:nth-child(2) .criterion input",
        &["Market rent per m² in the district", "Broker's survey", ""],
    );
    assert!(text_of(&b, ".issue-card:nth-child(2) .ratings-hint").contains("Us: 70"));
}

#[test]
fn options_link_to_interests_on_the_sample_plan() {
    let (_server, b) = open_app();
    wait_for_titles(&b, "the sample plan", |t| !t.is_empty());
    b.click(&b.wait(".plan-title"));
    b.wait("#plan-title");
    open_step(&b, "Issues and options");

    // The sample is rated, so the screen opens in judging mode with rating hints.
    let toggle = b.wait("#brainstorm-mode");
    assert_eq!(b.prop(&toggle, "checked"), json!(false));
    assert!(!b.find_all(".ratings-hint").is_empty());

    // "In 4 weeks" (start date) serves nothing yet: tie it to Dana's good terms with her employer.
    let id = b
        .exec(
            "return Array.from(document.querySelectorAll('.option-label'))\
             .find(e => e.value === 'In 4 weeks').id.replace(/-label$/, '');",
            json!([]),
        )
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(id.starts_with("opt-"), "{id}");
    b.click(&b.wait(&format!("#{id}-more")));
    let boxes = b.wait_until("the interests of both parties", || {
        let labels: Vec<String> = b
            .find_all(&format!("#{id}-more + * .serves label"))
            .iter()
            .map(|l| b.text(l))
            .collect();
        (labels.len() == 6).then_some(labels)
    });
    assert!(boxes.contains(&"Leave the current employer on good terms".to_string()));
    let parties: Vec<String> = b
        .find_all(".serves-party")
        .iter()
        .map(|p| b.text(p))
        .collect();
    assert_eq!(parties, ["Dana (candidate)", "Nimbus (hiring manager)"]);
    let checkbox = b.wait_until("the checkbox", || {
        let label = b
            .find_all(&format!("#{id}-more + * .serves label"))
            .into_iter()
            .find(|l| b.text(l) == "Leave the current employer on good terms")?;
        Some(label)
    });
    b.click(&checkbox);
    b.wait_until("the serves summary", || {
        b.find_all(".serves-summary")
            .iter()
            .any(|s| b.text(s) == "Serves: Leave the current employer on good terms")
            .then_some(())
    });
    // Where the idea came from.
    let origin = b.wait(&format!("#{id}-origin"));
    b.click(&origin);
    b.type_keys("Nimbus's recruiter");
    b.screenshot("options-sample-linked-1280");

    // Brainstorm mode hides every score on the screen.
    b.click(&toggle);
    b.wait_until("the brainstorm line", || {
        (text_of(&b, ".mode-line") == "Brainstorming: invent first, judge later.").then_some(())
    });
    assert!(b.find_all(".ratings-hint").is_empty());

    wait_saved(&b);
    b.refresh();
    b.wait_until("the serves summary after reload", || {
        b.find_all(".serves-summary")
            .iter()
            .any(|s| b.text(s) == "Serves: Leave the current employer on good terms")
            .then_some(())
    });
    assert!(b
        .find_all(".origin-summary")
        .iter()
        .any(|s| b.text(s) == "From: Nimbus's recruiter"));
    assert_clean_console(&b);
}

#[test]
fn both_steps_fit_a_narrow_screen() {
    let (_server, b) = crate::open_app_sized(360, 800);
    wait_for_titles(&b, "the sample plan", |t| !t.is_empty());
    b.click(&b.wait(".plan-title"));
    b.wait("#plan-title");

    open_step(&b, "Issues and options");
    let id = b
        .exec(
            "return document.querySelector('.option-label').id.replace(/-label$/, '');",
            json!([]),
        )
        .as_str()
        .unwrap_or("")
        .to_string();
    b.click(&b.wait(&format!("#{id}-more")));
    b.wait(&format!("#{id}-origin"));
    b.exec(
        "document.querySelector('.issue-card').scrollIntoView();",
        json!([]),
    );
    assert_no_page_overflow(&b, "issues at 360 px");
    b.screenshot("options-issues-360");

    open_step(&b, "Evaluate");
    b.wait(".weight-input");
    assert_no_page_overflow(&b, "evaluate at 360 px");
    b.exec(
        "document.querySelector('.party-tabs').scrollIntoView();",
        json!([]),
    );
    b.screenshot("options-evaluate-360");
    b.send_keys(
        &b.wait("button[role='tab'][aria-selected='true']"),
        ARROW_RIGHT,
    );
    b.wait_until("the other side's tab", || {
        let t = b.try_find("button[role='tab'][aria-selected='true']")?;
        b.text(&t).starts_with("Nimbus").then_some(())
    });
    b.exec(
        "document.querySelector('.ratings-table').scrollIntoView();",
        json!([]),
    );
    b.screenshot("options-evaluate-ratings-360");
    assert_clean_console(&b);
}

/// A plan of 10 issues × 8 options × 3 parties, written the way the app stores plans.
fn big_plan_json() -> String {
    let mut issues = Vec::new();
    let mut weights = serde_json::Map::new();
    let mut ratings = serde_json::Map::new();
    for i in 0..10 {
        let id = format!("iss{}", 100 + i);
        let options: Vec<_> = (0..8)
            .map(|o| {
                let oid = format!("opt{}", 1000 + i * 10 + o);
                ratings.insert(oid.clone(), json!({ "value": (o * 14) as f64 }));
                json!({ "id": oid, "label": format!("Option {} of issue {}", o + 1, i + 1) })
            })
            .collect();
        weights.insert(id.clone(), json!({ "value": 10.0 }));
        issues.push(json!({
            "id": id,
            "name": format!("Issue {}", i + 1),
            "criteria": [{ "standard": "Market rate", "source": "Survey" }],
            "options": options,
        }));
    }
    let parties: Vec<_> = (1..=3)
        .map(|k| {
            json!({
                "id": format!("party{k}"),
                "name": format!("Party {k}"),
                "weights": weights,
                "ratings": ratings,
            })
        })
        .collect();
    json!({
        "schema": 2,
        "id": "pbig",
        "title": "Big plan",
        "created": 0,
        "updated": 0,
        "perspective": { "kind": "us", "party": "party1" },
        "parties": parties,
        "issues": issues,
        "next_seq": 5000,
    })
    .to_string()
}

/// What twenty keystrokes in one field took: the first (cold code paths after a step
/// opens), and the median and maximum of the other nineteen, in ms.
struct Keystrokes {
    first: f64,
    median: f64,
    max: f64,
}

impl Keystrokes {
    fn line(&self, plan: &str, what: &str) -> String {
        format!(
            "MEASURE keystroke → updated view, {plan}, {what}: median {:.1} ms, max {:.1} ms (first keystroke {:.1} ms)",
            self.median, self.max, self.first
        )
    }
}

/// Types into the field `css` twenty times, each time measuring from the input event to
/// the end of the work it causes (the reactive updates and a layout).
fn keystroke_times(b: &Browser, css: &str) -> Keystrokes {
    b.exec(
        "const el = document.querySelector(arguments[0]);
         el.focus();
         window.__times = [];
         const ch = new MessageChannel();
         let i = 0, t0 = 0;
         const next = () => {
           if (i === 20) { window.__done = true; return; }
           t0 = performance.now();
           el.value = String(10 + i++);
           el.dispatchEvent(new Event('input', { bubbles: true }));
           ch.port2.postMessage(0);
         };
         ch.port1.onmessage = () => {
           document.body.getBoundingClientRect();
           window.__times.push(performance.now() - t0);
           requestAnimationFrame(next);
         };
         window.__done = false;
         next();",
        json!([css]),
    );
    b.wait_until("the keystrokes", || {
        (b.exec("return window.__done;", json!([])) == json!(true)).then_some(())
    });
    let mut times: Vec<f64> = b
        .exec("return window.__times;", json!([]))
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    assert_eq!(times.len(), 20, "every keystroke in {css} was timed");
    let first = times.first().copied().unwrap_or(f64::NAN);
    let mut rest = times.split_off(1.min(times.len()));
    rest.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    Keystrokes {
        first,
        median: rest.get(rest.len() / 2).copied().unwrap_or(f64::NAN),
        max: rest.last().copied().unwrap_or(f64::NAN),
    }
}

/// Measures (does not assert: speed goals are checked by measurement, not by timed
/// assertions) how long a keystroke takes to update the view on a 10×8×3 plan.
#[test]
fn measure_keystroke_on_a_big_plan() {
    let (server, b) = open_app();
    wait_for_titles(&b, "the library", |t| !t.is_empty());
    b.exec(
        "localStorage.setItem('negotiation-planner/plan/pbig', arguments[0]);",
        json!([big_plan_json()]),
    );
    b.goto(&format!("{}#/plan/pbig/evaluate", server.url()));
    b.refresh();
    b.wait_until("the big plan's ratings", || {
        (b.find_all(".rating-input").len() == 80).then_some(())
    });
    let mut report = Vec::new();
    for (what, css) in [("rating", ".rating-input"), ("weight", ".weight-input")] {
        report.push((what, keystroke_times(&b, css)));
    }
    open_step(&b, "Issues and options");
    b.wait_until("the big plan's options", || {
        (b.find_all(".option-label").len() == 80).then_some(())
    });
    report.push((
        "option label (judging)",
        keystroke_times(&b, ".option-label"),
    ));
    b.click(&b.wait("#brainstorm-mode"));
    report.push((
        "option label (brainstorm)",
        keystroke_times(&b, ".option-label"),
    ));
    for (what, k) in &report {
        println!("{}", k.line("10×8×3 plan", what));
    }
    assert!(report
        .iter()
        .all(|(_, k)| k.median.is_finite() && k.max.is_finite()));
}

/// The same on the three-party example, for a field of every kind on every step that has
/// one; each keystroke's time includes updating the views that depend on the field (names
/// in the step list and tabs, the chart on Packages).
#[test]
fn measure_keystroke_on_the_three_party_example() {
    let (_server, b) = open_app();
    crate::start_template(&b, "three-party");
    let fields = [
        (
            "Parties and alternatives",
            "party name",
            "#party-party1-name",
        ),
        (
            "Parties and alternatives",
            "reservation value",
            "#party-party1-res-value",
        ),
        ("Interests", "interest statement", ".interest-statement"),
        ("Issues and options", "issue name", ".issue-name"),
        ("Issues and options", "option label", ".option-label"),
        ("Evaluate", "weight", ".weight-input"),
        ("Evaluate", "rating", ".rating-input"),
        ("Packages", "package name", ".package-name"),
        ("Fact-finding", "question", ".question-text"),
        ("Fact-finding", "plan title", "#plan-title"),
    ];
    let mut report = Vec::new();
    for (step, what, css) in fields {
        open_step(&b, step);
        b.wait(css);
        report.push((what, keystroke_times(&b, css)));
    }
    for (what, k) in &report {
        println!("{}", k.line("three-party example", what));
    }
    assert!(report
        .iter()
        .all(|(_, k)| k.median.is_finite() && k.max.is_finite()));
}
