//! The Packages step mounted in the real app: a package card's selects hold only what they
//! show until first focused (inserting hundreds of options made opening the step one long
//! task), then every option, with the package's choice still selected; and the cards of a
//! plan with many packages arrive over several tasks, not all in the one that opens the step.

use crate::brief::{local, mount_at, sleep};
use js_sys::Reflect;
use planner::model::{sample_plan, PlanId};
use planner::persist::storage;
use wasm_bindgen::{JsCast, JsValue};

fn selects(host: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let list = host.query_selector_all(".package-card select").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &key.into()).unwrap()
}

/// How many options a select holds.
fn count(s: &web_sys::HtmlElement) -> usize {
    get(s, "length").as_f64().unwrap() as usize
}

/// The value and the text of the option a select shows.
fn shown(s: &web_sys::HtmlElement) -> (String, String) {
    let option = get(&get(s, "selectedOptions"), "0");
    let text = if option.is_undefined() {
        String::new()
    } else {
        get(&option, "textContent").as_string().unwrap_or_default()
    };
    (
        get(s, "value").as_string().unwrap(),
        text.trim().to_string(),
    )
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn a_package_choice_is_filled_with_its_options_when_first_focused() {
    local().clear().unwrap();
    let plan = sample_plan(PlanId::parse("ppkg").unwrap(), 0);
    storage::save_plan(&plan).unwrap();
    let (host, handle) = mount_at("#/plan/ppkg/packages");
    sleep(30).await;

    let all = selects(&host);
    let issues = plan.issues.len();
    assert_eq!(all.len(), plan.packages.len() * issues);
    // Before any focus: "still open" and the chosen option, which the select shows.
    let package = &plan.packages[0];
    for (s, issue) in all.iter().zip(&plan.issues) {
        assert!(count(s) <= 2, "{} options before a focus", count(s));
        let chosen = package
            .choices
            .get(&issue.id)
            .expect("the sample chooses each");
        let label = &issue
            .options
            .iter()
            .find(|o| &o.id == chosen)
            .unwrap()
            .label;
        assert_eq!(shown(s), (chosen.to_string(), label.clone()));
    }
    // A focus fills in every option; the choice stays selected.
    let first = &all[0];
    let before = shown(first);
    first.focus().unwrap();
    sleep(10).await;
    assert_eq!(count(first), plan.issues[0].options.len() + 1);
    assert_eq!(shown(first), before);
    // The others are untouched.
    assert!(count(&all[1]) <= 2);
    // Choosing another option from the full list changes the package.
    let other = plan.issues[0]
        .options
        .iter()
        .find(|o| o.id.to_string() != before.0)
        .unwrap();
    Reflect::set(first, &"value".into(), &other.id.to_string().into()).unwrap();
    let init = js_sys::Object::new();
    Reflect::set(&init, &"bubbles".into(), &JsValue::TRUE).unwrap();
    let event: js_sys::Function = get(&web_sys::window().unwrap(), "Event").unchecked_into();
    let change = Reflect::construct(&event, &js_sys::Array::of2(&"change".into(), &init)).unwrap();
    first.dispatch_event(change.unchecked_ref()).unwrap();
    sleep(10).await;
    assert_eq!(shown(first), (other.id.to_string(), other.label.clone()));
    drop(handle);
    host.remove();
}

/// Lets queued microtasks (the app's effects) run, but no timer: still the same task.
async fn microtasks() {
    for _ in 0..50 {
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
            .await
            .unwrap();
    }
}

/// The ids of the package cards on the page, in page order.
fn card_ids(host: &web_sys::HtmlElement) -> Vec<String> {
    let list = host
        .query_selector_all(".package-card .package-name")
        .unwrap();
    (0..list.length())
        .map(|i| {
            let el: web_sys::Element = list.item(i).unwrap().unchecked_into();
            el.id()
        })
        .collect()
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn the_cards_of_many_packages_arrive_over_several_tasks() {
    local().clear().unwrap();
    let mut plan = sample_plan(PlanId::parse("pmany").unwrap(), 0);
    let model = plan.packages[0].clone();
    for k in 0..8u64 {
        let mut p = model.clone();
        p.id = planner::model::PackageId::from_seq(500 + k);
        p.name = format!("Copy {k}");
        plan.packages.push(p);
    }
    let total = plan.packages.len();
    storage::save_plan(&plan).unwrap();
    let (host, handle) = mount_at("#/plan/pmany/packages");
    // What the task that opens the step draws, its microtasks (effects) included.
    microtasks().await;
    let first = card_ids(&host).len();
    assert!(
        (1..total).contains(&first),
        "{first} of {total} cards in the first task"
    );
    // The rest follow, between the engine's slices (a debug build on a busy machine is slow).
    for _ in 0..200 {
        if card_ids(&host).len() == total {
            break;
        }
        sleep(50).await;
    }
    let expected: Vec<String> = plan
        .packages
        .iter()
        .map(|p| format!("pkg-{}-name", p.id))
        .collect();
    assert_eq!(card_ids(&host), expected, "every card, in order");
    // Once all are there, a new package appears at once.
    let add = host
        .query_selector(".packages-controls button.primary")
        .unwrap()
        .unwrap();
    add.unchecked_ref::<web_sys::HtmlElement>().click();
    microtasks().await;
    assert_eq!(card_ids(&host).len(), total + 1);
    drop(handle);
    host.remove();
}
