//! The Packages step mounted in the real app: a package card's selects hold only what they
//! show until first focused (inserting hundreds of options made opening the step one long
//! task), then every option, with the package's choice still selected.

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
