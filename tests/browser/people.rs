//! The people steps as components in the real app: a reservation bound past the estimate
//! is refused and nothing changes, Enter adds an interest and keeps the cursor, removing
//! one of two parties is refused with a message.

use leptos::prelude::*;
use planner::app::AppState;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A new plan, and the app mounted at one of its steps.
fn mount_at(step: &str) -> (web_sys::HtmlElement, impl Sized) {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let owner = Owner::new();
    let id = owner.with(|| AppState::load().create_plan("Lease").unwrap());
    std::mem::forget(owner);
    let _ = web_sys::window()
        .unwrap()
        .location()
        .set_hash(&format!("#/plan/{id}/{step}"));
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let host: web_sys::HtmlElement = host.unchecked_into();
    let handle = leptos::mount::mount_to(host.clone(), planner::ui::App);
    (host, handle)
}

/// Unmounts and leaves the address as a fresh page has it, for the tests that follow.
fn unmount<H>(host: web_sys::HtmlElement, handle: H) {
    drop(handle);
    host.remove();
    let _ = web_sys::window().unwrap().location().set_hash("");
}

fn find(host: &web_sys::HtmlElement, css: &str) -> web_sys::HtmlElement {
    host.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .unchecked_into()
}

fn input(host: &web_sys::HtmlElement, css: &str) -> web_sys::HtmlInputElement {
    find(host, css).unchecked_into()
}

/// Dispatches a bubbling event (`kind` is the constructor: Event, KeyboardEvent…), as the
/// browser does for a user's action; the app's listeners are delegated to the document.
fn fire(target: &web_sys::HtmlElement, kind: &str, name: &str, fields: &[(&str, &str)]) {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"bubbles".into(), &JsValue::TRUE).unwrap();
    for (k, v) in fields {
        js_sys::Reflect::set(&init, &(*k).into(), &(*v).into()).unwrap();
    }
    let ctor: js_sys::Function = js_sys::Reflect::get(&web_sys::window().unwrap(), &kind.into())
        .unwrap()
        .unchecked_into();
    let event = js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&name.into(), &init))
        .unwrap()
        .unchecked_into::<web_sys::Event>();
    target.dispatch_event(&event).unwrap();
}

/// Types `text` into an input the way its listeners see it: value, then `input`.
fn type_text(el: &web_sys::HtmlInputElement, text: &str) {
    el.set_value(text);
    fire(el.unchecked_ref(), "Event", "input", &[]);
}

async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_bound_past_the_estimate_is_refused_and_nothing_changes() {
    let (host, handle) = mount_at("parties");
    tick().await;
    let value = input(&host, "#party-party2-res-value");
    let low = input(&host, "#party-party2-res-low");
    let high = input(&host, "#party-party2-res-high");
    let hint = || {
        find(&host, "#party-party2-res-hint")
            .text_content()
            .unwrap()
    };
    let set = |el: &web_sys::HtmlInputElement, text: &str| {
        type_text(el, text);
        fire(el.unchecked_ref(), "Event", "change", &[]);
    };
    // No range given yet: the estimate starts with a range around it, not "40 to 40".
    set(&value, "40");
    tick().await;
    assert_eq!((low.value(), high.value()), ("30".into(), "50".into()));
    assert!(hint().contains("anywhere from 30 to 50"), "{}", hint());
    set(&high, "60");
    tick().await;
    set(&low, "30");
    tick().await;
    // With a range, an estimate moved outside it widens it, and the hint says so.
    set(&value, "70");
    tick().await;
    assert_eq!((low.value(), high.value()), ("30".into(), "70".into()));
    assert!(hint().contains("The range grew"), "{}", hint());

    type_text(&low, "75");
    tick().await;
    let error = find(&host, "#party-party2-res-error")
        .text_content()
        .unwrap();
    assert!(
        error.contains("cannot be above the estimate (70)"),
        "{error}"
    );
    assert_eq!(low.get_attribute("aria-invalid").as_deref(), Some("true"));
    fire(low.unchecked_ref(), "Event", "change", &[]);
    tick().await;
    assert_eq!(low.value(), "30", "the field shows what is stored again");

    // Typed numbers are clamped into 0–100.
    type_text(&high, "250");
    assert_eq!(high.value(), "100");
    fire(high.unchecked_ref(), "Event", "change", &[]);
    tick().await;
    assert!(hint().contains("anywhere from 30 to 100"), "{}", hint());
    unmount(host, handle);
}

#[wasm_bindgen_test]
async fn enter_adds_an_interest_and_keeps_the_cursor() {
    let (host, handle) = mount_at("interests");
    tick().await;
    let new = input(&host, "#new-interest-party1");
    new.focus().unwrap();
    for text in ["Lower rent", "Room to grow"] {
        type_text(&new, text);
        fire(
            new.unchecked_ref(),
            "KeyboardEvent",
            "keydown",
            &[("key", "Enter")],
        );
        tick().await;
    }
    let statements = host.query_selector_all(".interest-statement").unwrap();
    assert_eq!(statements.length(), 2);
    assert_eq!(new.value(), "");
    let active = document().active_element().map(|e| e.id());
    assert_eq!(active.as_deref(), Some("new-interest-party1"));
    // A blank line adds nothing.
    type_text(&new, "   ");
    fire(
        new.unchecked_ref(),
        "KeyboardEvent",
        "keydown",
        &[("key", "Enter")],
    );
    tick().await;
    assert_eq!(host.query_selector_all(".interest").unwrap().length(), 2);
    unmount(host, handle);
}

#[wasm_bindgen_test]
async fn removing_one_of_two_parties_is_refused() {
    let (host, handle) = mount_at("parties");
    tick().await;
    find(&host, "button.remove-party").click();
    tick().await;
    assert_eq!(host.query_selector_all(".party-card").unwrap().length(), 2);
    let notice = find(&host, ".notice-text").text_content().unwrap();
    assert!(notice.contains("at least two parties"), "{notice}");
    unmount(host, handle);
}

/// The step's content is a region named by the step's heading, so screen readers list it
/// by name (an `aria-labelledby` without a role that takes a name is ignored).
#[wasm_bindgen_test]
async fn the_step_content_is_a_region_named_by_its_heading() {
    for step in ["parties", "interests", "facts"] {
        let (host, handle) = mount_at(step);
        tick().await;
        let content = find(&host, ".step-content");
        let role =
            content
                .get_attribute("role")
                .unwrap_or_else(|| match content.tag_name().as_str() {
                    "SECTION" => "region".into(),
                    other => format!("none ({other})"),
                });
        assert_eq!(role, "region", "{step}");
        let by = content.get_attribute("aria-labelledby").expect("labelled");
        let heading = find(&host, &format!("#{by}"));
        assert_eq!(heading.tag_name(), "H2", "{step}");
        assert!(!heading.text_content().unwrap().is_empty(), "{step}");
        unmount(host, handle);
    }
}
