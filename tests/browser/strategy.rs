//! The steps of the talks as components in the real app: the step navigation grouped by
//! phase and folded by keyboard, the target saved (and refused when it is not a number),
//! an agreement setting the plan's status, and a contingent option's rating shown as the
//! mix of its outcomes on the Evaluate step.

use planner::model::{add_contingent, supplier_contract, PlanId, PlanStatus};
use planner::persist::{schema::decode_plan, storage};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

/// The supplier example stored as `id`, and the app mounted at one of its steps.
fn mount(plan: &planner::model::Plan, step: &str) -> (web_sys::HtmlElement, impl Sized) {
    window().local_storage().unwrap().unwrap().clear().unwrap();
    storage::save_plan(plan).unwrap();
    window()
        .location()
        .set_hash(&format!("#/plan/{}/{step}", plan.id))
        .unwrap();
    let document = window().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), planner::ui::App);
    (host, handle)
}

/// Lets the address changes of mounting (and of the test before) reach the app, which
/// may rebuild the page once: elements are looked up after this.
async fn settle() {
    sleep(200).await;
}

fn unmount<H>(host: web_sys::HtmlElement, handle: H) {
    drop(handle);
    host.remove();
    let _ = window().location().set_hash("");
}

fn supplier(id: &str) -> planner::model::Plan {
    supplier_contract(PlanId::parse(id).unwrap(), 0)
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits (up to five seconds) until `css` matches in `host`.
async fn wait_for(host: &web_sys::HtmlElement, css: &str) -> web_sys::HtmlElement {
    for _ in 0..250 {
        if let Some(el) = host.query_selector(css).unwrap() {
            return el.unchecked_into();
        }
        sleep(20).await;
    }
    panic!("no {css} after five seconds");
}

fn all_text(host: &web_sys::HtmlElement, css: &str) -> Vec<String> {
    let list = host.query_selector_all(css).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap())
        .collect()
}

fn fire(target: &web_sys::EventTarget, kind: &str, name: &str, fields: &[(&str, &str)]) {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"bubbles".into(), &JsValue::TRUE).unwrap();
    for (k, v) in fields {
        js_sys::Reflect::set(&init, &(*k).into(), &(*v).into()).unwrap();
    }
    let ctor: js_sys::Function = js_sys::Reflect::get(&window(), &kind.into())
        .unwrap()
        .unchecked_into();
    let event = js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&name.into(), &init))
        .unwrap()
        .unchecked_into::<web_sys::Event>();
    target.dispatch_event(&event).unwrap();
}

fn stored(id: &str) -> planner::model::Plan {
    let text = storage::load_plan_text(&PlanId::parse(id).unwrap())
        .unwrap()
        .unwrap();
    decode_plan(&text).unwrap().0
}

#[wasm_bindgen_test]
async fn the_navigation_groups_the_steps_by_phase_and_folds_by_keyboard() {
    let plan = supplier("pnav");
    let (host, handle) = mount(&plan, "strategy");
    settle().await;
    wait_for(&host, ".step-nav").await;
    assert_eq!(
        all_text(&host, ".phase-name"),
        [
            "Understand",
            "Create value",
            "To the table",
            "After the talks"
        ]
    );
    assert_eq!(
        host.query_selector_all(".step-nav a").unwrap().length() as usize,
        planner::model::Step::ALL.len()
    );
    // The current step, in the current phase, marked for screen readers.
    let current = wait_for(&host, ".step-phase.current a[aria-current='step']").await;
    assert!(current.text_content().unwrap().contains("Strategy"));
    assert_eq!(
        all_text(&host, ".step-phase.current .phase-name"),
        ["To the table"]
    );
    // Each phase's list is named by its phase.
    let list = wait_for(&host, ".step-phase.current ol").await;
    assert_eq!(
        list.get_attribute("aria-labelledby").as_deref(),
        Some("phase-to-the-table")
    );
    // The folding button (shown on narrow screens) says where the user is.
    let toggle = wait_for(&host, ".step-nav-toggle").await;
    let words = toggle.text_content().unwrap();
    use planner::model::Step;
    let place = format!("Step {} of {}", Step::Strategy.number(), Step::ALL.len());
    assert!(words.contains(&place), "{words}");
    assert!(words.contains("To the table: Strategy"), "{words}");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    toggle.click();
    sleep(10).await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(host.query_selector(".step-phases.open").unwrap().is_some());
    fire(&toggle, "KeyboardEvent", "keydown", &[("key", "Escape")]);
    sleep(10).await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(host.query_selector(".step-phases.open").unwrap().is_none());
    unmount(host, handle);
}

#[wasm_bindgen_test]
async fn the_target_is_saved_and_words_are_refused() {
    let mut plan = supplier("ptarget");
    plan.strategy.target = None;
    let (host, handle) = mount(&plan, "strategy");
    settle().await;
    let field: web_sys::HtmlInputElement =
        wait_for(&host, "#strategy-target").await.unchecked_into();
    let hint = wait_for(&host, "#strategy-target-hint").await;
    assert!(
        hint.text_content().unwrap().contains("Not settled yet"),
        "{:?}",
        hint.text_content()
    );
    field.set_value("70");
    fire(&field, "Event", "input", &[]);
    sleep(600).await;
    assert_eq!(stored("ptarget").strategy.target, Some(70.0));
    field.set_value("seventy");
    fire(&field, "Event", "input", &[]);
    sleep(20).await;
    let error = wait_for(&host, "#strategy-target-error").await;
    assert!(
        error.text_content().unwrap().contains("not a value"),
        "{:?}",
        error.text_content()
    );
    sleep(600).await;
    assert_eq!(stored("ptarget").strategy.target, Some(70.0));
    // The figure follows: the target package reaches 70 and says it was set.
    for _ in 0..100 {
        if all_text(&host, ".figure-target")
            .concat()
            .contains("You set the target at 70.0")
        {
            break;
        }
        sleep(30).await;
    }
    let figure = all_text(&host, ".figure-target").concat();
    assert!(figure.contains("You set the target at 70.0"), "{figure}");
    unmount(host, handle);
}

#[wasm_bindgen_test]
async fn recording_an_agreement_sets_the_status_and_removing_it_restores_it() {
    let plan = supplier("pagree");
    let (host, handle) = mount(&plan, "agreement");
    settle().await;
    let record = wait_for(&host, ".agreement-start .primary").await;
    record.click();
    wait_for(&host, ".deal-table").await;
    sleep(500).await;
    let saved = stored("pagree");
    assert_eq!(saved.status, PlanStatus::Agreed);
    assert!(saved.agreement.is_some());
    // With no option picked yet, the review says what it needs.
    let review = wait_for(&host, ".review-figures").await;
    assert!(
        review
            .text_content()
            .unwrap()
            .contains("Pick the agreed option for every issue"),
        "{:?}",
        review.text_content()
    );
    wait_for(&host, ".remove-record").await.click();
    wait_for(&host, ".agreement-start").await;
    sleep(500).await;
    let saved = stored("pagree");
    assert_eq!(saved.status, PlanStatus::Negotiating);
    assert_eq!(saved.agreement, None);
    unmount(host, handle);
}

#[wasm_bindgen_test]
async fn a_contingent_rating_is_the_mix_of_its_outcomes_and_cannot_be_typed() {
    let mut plan = supplier("pbet");
    let issue = plan.issues[4].id.clone();
    let (none, eighty) = (
        plan.issues[4].options[0].id.clone(),
        plan.issues[4].options[2].id.clone(),
    );
    let chances = vec![
        (plan.parties[0].id.clone(), "30".to_string()),
        (plan.parties[1].id.clone(), "80".to_string()),
    ];
    add_contingent(&mut plan, &issue, "Sales grow", &eighty, &none, &chances).unwrap();
    let (host, handle) = mount(&plan, "evaluate");
    settle().await;
    let cell: web_sys::HtmlInputElement = wait_for(&host, "input.rating-input.derived")
        .await
        .unchecked_into();
    // The buyer: 0.3 × 20 + 0.7 × 100 = 76.
    assert_eq!(cell.value(), "76");
    assert!(cell.read_only());
    assert!(cell
        .get_attribute("aria-label")
        .unwrap_or_default()
        .contains("worked out from its two outcomes"));
    unmount(host, handle);
}
