//! The number helpers (issue 14) as components in the real app, on the job-offer example:
//! the ordering list moves an issue with Alt+↑ (focus kept, the move announced) and one undo
//! takes the move back; swings write the weights as one undo step and the method is shown;
//! the holistic check says so when its scores cannot determine the weights; a BATNA tree
//! flags probabilities that do not sum to 100 % and sets the reservation value as one step;
//! the offers a counterpart made update our estimate as one step; an issue's options are put
//! in order, placed between their neighbours and rated by a curve, each one undo step.

use planner::model::{
    sample_plan, IssueId, Offer, OfferId, OfferResponse, OptionId, Package, PackageId, Plan, PlanId,
};
use planner::persist::storage;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Stores `plan` in fresh storage and mounts the app at one of its steps.
fn mount(plan: &Plan, step: &str) -> (web_sys::HtmlElement, Box<dyn std::any::Any>) {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    storage::save_plan(plan).unwrap();
    window
        .location()
        .set_hash(&format!("#/plan/{}/{step}", plan.id))
        .unwrap();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), planner::ui::App);
    (host, Box::new(handle))
}

fn unmount(host: web_sys::HtmlElement, handle: Box<dyn std::any::Any>) {
    drop(handle);
    host.remove();
    let _ = web_sys::window().unwrap().location().set_hash("");
}

fn job(id: &str) -> Plan {
    sample_plan(PlanId::parse(id).unwrap(), 0)
}

fn find(host: &web_sys::HtmlElement, css: &str) -> web_sys::HtmlElement {
    host.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .unchecked_into()
}

fn find_all(host: &web_sys::HtmlElement, css: &str) -> Vec<web_sys::HtmlElement> {
    let list = host.query_selector_all(css).unwrap();
    (0..list.length())
        .filter_map(|k| list.item(k))
        .map(|n| n.unchecked_into())
        .collect()
}

fn texts(host: &web_sys::HtmlElement, css: &str) -> Vec<String> {
    find_all(host, css)
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

fn values(host: &web_sys::HtmlElement, css: &str) -> Vec<String> {
    find_all(host, css)
        .into_iter()
        .map(|e| e.unchecked_into::<web_sys::HtmlInputElement>().value())
        .collect()
}

/// Dispatches a bubbling event with the given fields, as the browser does for a user.
fn fire(target: &web_sys::HtmlElement, kind: &str, name: &str, fields: &[(&str, JsValue)]) {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"bubbles".into(), &JsValue::TRUE).unwrap();
    for (k, v) in fields {
        js_sys::Reflect::set(&init, &(*k).into(), v).unwrap();
    }
    let ctor: js_sys::Function = js_sys::Reflect::get(&web_sys::window().unwrap(), &kind.into())
        .unwrap()
        .unchecked_into();
    let event = js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&name.into(), &init))
        .unwrap()
        .unchecked_into::<web_sys::Event>();
    target.dispatch_event(&event).unwrap();
}

/// Types into a field and leaves it, as a user does.
fn type_in(host: &web_sys::HtmlElement, css: &str, text: &str) {
    let el: web_sys::HtmlInputElement = find(host, css).unchecked_into();
    el.focus().unwrap();
    el.set_value(text);
    fire(el.unchecked_ref(), "Event", "input", &[]);
    el.blur().unwrap();
}

fn undo(host: &web_sys::HtmlElement) {
    find(host, "button.undo").click();
}

/// Waits (up to a second) until `css` is in `host`: some parts of a step arrive a few
/// tasks after it opens (the packages step mounts its tools after its cards).
async fn wait_find(host: &web_sys::HtmlElement, css: &str) -> web_sys::HtmlElement {
    for _ in 0..100 {
        if let Some(el) = host.query_selector(css).unwrap() {
            return el.unchecked_into();
        }
        sleep(10).await;
    }
    find(host, css)
}

/// Waits (up to a second) until the focused element has the id `id`: the focus returns to
/// a moved row once the view has caught up, a frame or more after the edit.
async fn wait_focus(id: &str) -> Option<String> {
    for _ in 0..100 {
        if active_id().as_deref() == Some(id) {
            break;
        }
        sleep(10).await;
    }
    active_id()
}

fn active_id() -> Option<String> {
    document().active_element().map(|e| e.id())
}

#[wasm_bindgen_test]
async fn alt_up_moves_an_issue_keeps_the_focus_and_one_undo_takes_it_back() {
    let plan = job("pswingkeys");
    let party = plan.parties[0].id.to_string();
    let remote = plan.issues[3].id.to_string();
    let (host, handle) = mount(&plan, "evaluate");
    sleep(30).await;
    let order = || texts(&host, ".swing-helper .order-label");
    let start = order();
    assert_eq!(
        start,
        [
            "Salary",
            "Signing bonus",
            "Start date",
            "Remote days per week"
        ]
    );
    // A closed <details> hides its content from the keyboard: open it, as a user does.
    find(&host, ".swing-helper")
        .set_attribute("open", "")
        .unwrap();
    let handle_id = format!("swing-{party}-{remote}-handle");
    let grip = find(&host, &format!("#{handle_id}"));
    grip.focus().unwrap();
    let alt = |key: &str| [("key", JsValue::from_str(key)), ("altKey", JsValue::TRUE)];
    fire(&grip, "KeyboardEvent", "keydown", &alt("ArrowUp"));
    sleep(50).await;
    assert_eq!(
        order(),
        [
            "Salary",
            "Signing bonus",
            "Remote days per week",
            "Start date"
        ]
    );
    assert_eq!(
        wait_focus(&handle_id).await.as_deref(),
        Some(handle_id.as_str())
    );
    let said = texts(&host, ".swing-helper .order-list [role=status]").join("");
    assert_eq!(said, "“Remote days per week” moved to place 3 of 4.");
    let label = find(&host, &format!("#{handle_id}"))
        .get_attribute("aria-label")
        .unwrap();
    assert_eq!(label, "“Remote days per week”, place 3 of 4");
    // Without Alt, arrows do nothing (they scroll the page as usual).
    let grip = find(&host, &format!("#{handle_id}"));
    fire(
        &grip,
        "KeyboardEvent",
        "keydown",
        &[("key", JsValue::from_str("ArrowUp"))],
    );
    sleep(30).await;
    assert_eq!(order()[2], "Remote days per week");
    // The ↓ button moves it back down; at the bottom the button is disabled and the focus
    // goes to the handle.
    let down = find(&host, &format!("#swing-{party}-{remote}-down"));
    assert_eq!(
        down.get_attribute("disabled"),
        None,
        "↓ is disabled above the bottom"
    );
    down.click();
    sleep(50).await;
    assert_eq!(order(), start);
    assert!(down.has_attribute("disabled"), "↓ is enabled at the bottom");
    assert_eq!(
        wait_focus(&handle_id).await.as_deref(),
        Some(handle_id.as_str())
    );
    // One undo takes back one move.
    undo(&host);
    sleep(30).await;
    assert_eq!(order()[2], "Remote days per week");
    undo(&host);
    sleep(30).await;
    assert_eq!(order(), start);
    unmount(host, handle);
}

#[wasm_bindgen_test]
async fn swings_write_the_weights_as_one_undo_step_and_the_method_is_shown() {
    let plan = job("pswingapply");
    let party = plan.parties[0].id.to_string();
    let ids: Vec<String> = plan.issues.iter().map(|i| i.id.to_string()).collect();
    let (host, handle) = mount(&plan, "evaluate");
    sleep(30).await;
    let weights = || values(&host, "input.weight-input");
    assert_eq!(weights(), ["40", "10", "15", "35"]);
    // Salary is first, so its swing is 100 and has no field.
    assert_eq!(find_all(&host, ".swing-helper input.swing-input").len(), 3);
    for (issue, swing) in ids[1..].iter().zip(["25", "50", "75"]) {
        type_in(&host, &format!("#swing-{party}-{issue}"), swing);
    }
    sleep(30).await;
    // A swing larger than the one ranked above it is pointed out in words.
    let warnings = texts(&host, ".swing-helper .helper-warnings li");
    assert!(!warnings.is_empty(), "no warning for swings out of order");
    let preview = find(&host, ".swing-preview").text_content().unwrap();
    assert_eq!(
        preview,
        "These swings give: Salary 40 · Signing bonus 10 · Start date 20 · Remote days per week 30."
    );
    find(&host, ".apply-swings").click();
    sleep(30).await;
    assert_eq!(weights(), ["40", "10", "20", "30"]);
    let note = find(&host, ".method-note").text_content().unwrap();
    assert_eq!(note, "These weights come from swings.");
    undo(&host);
    sleep(30).await;
    assert_eq!(weights(), ["40", "10", "15", "35"]);
    assert_eq!(find(&host, ".method-note").text_content().unwrap(), "");
    // The quick default from the ranking alone: the rank-order centroid of 4 issues.
    find(&host, ".apply-rank").click();
    sleep(30).await;
    assert_eq!(weights(), ["52", "27", "15", "6"]);
    unmount(host, handle);
}

#[wasm_bindgen_test]
async fn the_holistic_check_says_when_its_scores_cannot_decide() {
    let plan = job("pholistic");
    let (host, handle) = mount(&plan, "evaluate");
    sleep(30).await;
    find(&host, ".holistic-helper .start-check").click();
    sleep(30).await;
    let scores = find_all(&host, ".holistic-helper input.holistic-score");
    assert!(
        (5..=8).contains(&scores.len()),
        "{} packages to score",
        scores.len()
    );
    // Three scores for four issues cannot determine the weights: said, nothing to adopt.
    for (k, score) in ["70", "40", "55"].iter().enumerate() {
        let input: web_sys::HtmlInputElement = scores[k].clone().unchecked_into();
        input.focus().unwrap();
        input.set_value(score);
        fire(input.unchecked_ref(), "Event", "input", &[]);
        input.blur().unwrap();
    }
    sleep(30).await;
    let outcome = find(&host, ".fit-outcome").text_content().unwrap();
    assert!(outcome.contains("cannot"), "{outcome}");
    assert!(host.query_selector(".adopt-fit").unwrap().is_none());
    // Scores that follow the stated weights exactly (40, 10, 15, 35): the fit agrees.
    let labels = texts(&host, ".holistic-helper .order-label");
    for (k, text) in labels.iter().enumerate() {
        let score: f64 = text
            .split(" · ")
            .zip([40.0, 10.0, 15.0, 35.0])
            .map(|(part, w)| w * dana_rating(part.split(": ").nth(1).unwrap_or_default()) / 100.0)
            .sum();
        let input: web_sys::HtmlInputElement = scores[k].clone().unchecked_into();
        input.focus().unwrap();
        input.set_value(&format!("{score}"));
        fire(input.unchecked_ref(), "Event", "input", &[]);
        input.blur().unwrap();
    }
    sleep(30).await;
    let outcome = find(&host, ".fit-outcome").text_content().unwrap();
    assert!(
        outcome.contains("Your package scores agree with your weights"),
        "{outcome}"
    );
    assert!(host.query_selector(".adopt-fit").unwrap().is_some());
    unmount(host, handle);
}

#[wasm_bindgen_test]
async fn a_batna_tree_flags_its_probabilities_and_sets_the_reservation_in_one_step() {
    let plan = job("ptree");
    let party = plan.parties[0].id.to_string();
    let (host, handle) = mount(&plan, "parties");
    sleep(30).await;
    find(&host, ".party-card .start-tree").click();
    sleep(50).await;
    let el = |part: &str| format!("#tree-{party}-{part}");
    assert_eq!(active_id(), Some(format!("tree-{party}-alt0-name")));
    type_in(&host, &el("alt0-out0-p"), "40");
    type_in(&host, &el("alt0-out0-value"), "70");
    type_in(&host, &el("alt0-out1-p"), "50");
    type_in(&host, &el("alt0-out1-value"), "40");
    sleep(30).await;
    let result = || {
        find(&host, ".party-card .tree-result")
            .text_content()
            .unwrap()
    };
    assert!(
        result().contains("the probabilities add up to 90 %, not 100 %"),
        "{}",
        result()
    );
    assert!(host.query_selector(".use-tree").unwrap().is_none());
    // Not a number: said in words, and the tree keeps what it had.
    let p = find(&host, &el("alt0-out1-p"));
    p.focus().unwrap();
    p.clone()
        .unchecked_into::<web_sys::HtmlInputElement>()
        .set_value("sixty");
    fire(&p, "Event", "input", &[]);
    sleep(30).await;
    let error = find(&host, ".party-card .batna-tree .field-error")
        .text_content()
        .unwrap();
    assert_eq!(error, "“sixty” is not a number.");
    p.blur().unwrap();
    type_in(&host, &el("alt0-out1-p"), "60");
    sleep(30).await;
    assert_eq!(
        find(&host, ".party-card .tree-summary")
            .text_content()
            .unwrap(),
        "Expected value 52; 10th–90th percentile: 40 to 70."
    );
    let reservation = || {
        find(&host, &format!("#party-{party}-res-value"))
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    };
    assert_eq!(reservation(), "45");
    find(&host, ".party-card .use-tree").click();
    sleep(30).await;
    assert_eq!(reservation(), "52");
    undo(&host);
    sleep(30).await;
    assert_eq!(reservation(), "45");
    // The tree itself is still there: only the reservation value was undone.
    assert!(host
        .query_selector(".party-card .tree-summary")
        .unwrap()
        .is_some());
    unmount(host, handle);
}

/// Dana's rating of an option of the job offer, by its label.
fn dana_rating(label: &str) -> f64 {
    match label {
        "€85k" | "None" | "In 2 weeks" | "1 day" => 0.0,
        "€90k" | "€5k" => 60.0,
        "In 4 weeks" | "2 days" => 50.0,
        _ => 100.0,
    }
}

/// The job offer with three offers from Nimbus in the log (option positions per issue).
fn job_with_offers(id: &str) -> Plan {
    let mut plan = job(id);
    let nimbus = plan.parties[1].id.clone();
    for (k, picks) in [[0, 0, 0, 0], [0, 1, 0, 1], [0, 2, 0, 1]]
        .iter()
        .enumerate()
    {
        let choices: BTreeMap<IssueId, OptionId> = plan
            .issues
            .iter()
            .zip(picks)
            .map(|(i, &o)| (i.id.clone(), i.options[o].id.clone()))
            .collect();
        let package = PackageId::from_seq(plan.take_seq());
        plan.packages.push(Package::new(
            package.clone(),
            format!("Their offer {}", k + 1),
            choices,
        ));
        let offer = OfferId::from_seq(plan.take_seq());
        plan.offers.push(Offer {
            id: offer,
            party: nimbus.clone(),
            package,
            at: 1000 + k as i64,
            response: OfferResponse::Rejected,
            notes: String::new(),
        });
    }
    plan
}

#[wasm_bindgen_test]
async fn their_offers_update_our_estimate_as_one_step() {
    let plan = job_with_offers("prevealed");
    let (host, handle) = mount(&plan, "packages");
    let panel = wait_find(&host, ".party-revealed").await;
    let text = panel.text_content().unwrap();
    assert!(text.contains("weak evidence"), "{text}");
    assert!(
        text.contains("“Remote days per week” matters more to them than we estimated"),
        "{text}"
    );
    assert!(find(&host, ".party-revealed .evidence")
        .class_name()
        .contains("evidence-weak"));
    let ours = || texts(&host, ".revealed-table tbody td:nth-child(2)");
    assert_eq!(ours(), ["45", "10", "35", "10"]);
    find(&host, ".update-estimate").click();
    sleep(30).await;
    let updated = ours();
    assert_ne!(updated, ["45", "10", "35", "10"]);
    let notice = find(&host, ".notice-text").text_content().unwrap();
    assert!(
        notice.contains("of the way toward their offers"),
        "{notice}"
    );
    undo(&host);
    sleep(30).await;
    assert_eq!(ours(), ["45", "10", "35", "10"]);
    unmount(host, handle);
}

#[wasm_bindgen_test]
async fn options_are_ordered_placed_and_rated_by_a_curve_each_as_one_step() {
    let plan = job("pratings");
    let party = plan.parties[0].id.to_string();
    let salary = &plan.issues[0];
    let low = salary.options[0].id.to_string();
    let list = format!("order-{party}-{}", salary.id);
    let (host, handle) = mount(&plan, "evaluate");
    sleep(30).await;
    find(&host, ".ratings-helper")
        .set_attribute("open", "")
        .unwrap();
    let labels = || texts(&host, ".ratings-helper .order-label");
    let middle = || values(&host, ".ratings-helper input.place-input");
    assert_eq!(labels(), ["€95k", "€90k", "€85k"]);
    assert_eq!(
        texts(&host, ".ratings-helper .fixed-rating"),
        ["100 (best)", "0 (worst)"]
    );
    assert_eq!(middle(), ["60"]);
    // Alt+↑ on €85k: it takes the middle place and its rating, and keeps the focus.
    let handle_id = format!("{list}-{low}-handle");
    let grip = find(&host, &format!("#{handle_id}"));
    grip.focus().unwrap();
    fire(
        &grip,
        "KeyboardEvent",
        "keydown",
        &[
            ("key", JsValue::from_str("ArrowUp")),
            ("altKey", JsValue::TRUE),
        ],
    );
    sleep(50).await;
    assert_eq!(labels(), ["€95k", "€85k", "€90k"]);
    assert_eq!(middle(), ["60"]);
    assert_eq!(
        wait_focus(&handle_id).await.as_deref(),
        Some(handle_id.as_str())
    );
    undo(&host);
    sleep(30).await;
    assert_eq!(labels(), ["€95k", "€90k", "€85k"]);
    // A middle option stays between its neighbours, and the hint says why.
    type_in(&host, ".ratings-helper input.place-input", "100");
    sleep(30).await;
    assert_eq!(middle(), ["99.9"]);
    let hint = find(&host, ".ratings-helper .cell-hint")
        .text_content()
        .unwrap();
    assert_eq!(
        hint,
        "“€90k” stays between “€95k” (100) and “€85k” (0); move it to change the order."
    );
    // The salaries are numbers: a linear curve, more is better.
    assert_eq!(
        find(&host, ".ratings-helper .curve-preview")
            .text_content()
            .unwrap(),
        "€85k → 0 · €90k → 50 · €95k → 100"
    );
    find(&host, ".ratings-helper .apply-curve").click();
    sleep(30).await;
    assert_eq!(middle(), ["50"]);
    undo(&host);
    sleep(30).await;
    assert_eq!(middle(), ["99.9"]);
    unmount(host, handle);
}
