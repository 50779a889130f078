//! The Brief step and the library's templates, mounted in the real app: user text shows
//! literally (never as markup), and an example starts as a new plan of the user's own.

use planner::model::{sample_plan, PlanId};
use planner::persist::{schema::decode_index, storage};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

pub(crate) fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

pub(crate) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Mounts the app at `hash`; dropping the returned handle unmounts it.
pub(crate) fn mount_at(hash: &str) -> (web_sys::HtmlElement, Box<dyn std::any::Any>) {
    let window = web_sys::window().unwrap();
    window.location().set_hash(hash).unwrap();
    let document = window.document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), planner::ui::App);
    (host, Box::new(handle))
}

#[wasm_bindgen_test]
async fn hostile_names_show_as_text_in_the_brief() {
    local().clear().unwrap();
    let mut plan = sample_plan(PlanId::parse("pbrief").unwrap(), 0);
    plan.parties[0].name = "<img src=x onerror=alert(1)>".into();
    plan.issues[0].name = "*Salary* <b>bold</b>".into();
    plan.notes = "<script>alert(2)</script>".into();
    storage::save_plan(&plan).unwrap();
    let (host, handle) = mount_at("#/plan/pbrief/brief");
    sleep(30).await;

    let brief = host.query_selector(".brief").unwrap().expect("the brief");
    let text = brief.text_content().unwrap();
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    assert!(text.contains("*Salary* <b>bold</b>"), "{text}");
    assert!(text.contains("<script>alert(2)</script>"), "{text}");
    for tag in ["img", "b", "script"] {
        assert!(
            brief.query_selector(tag).unwrap().is_none(),
            "a <{tag}> element was made from user text"
        );
    }
    // User text carries dir="auto" so right-to-left names display correctly.
    let party = brief
        .query_selector(".brief-party h5 span")
        .unwrap()
        .unwrap();
    assert_eq!(party.get_attribute("dir").as_deref(), Some("auto"));
    // The two actions are real buttons, reachable by keyboard.
    let labels: Vec<String> = {
        let list = host.query_selector_all(".brief-actions button").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(labels, ["Print", "Download as Markdown"]);
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn an_example_starts_as_a_new_plan_and_opens() {
    local().clear().unwrap();
    // "#/" asks for the library (a first visit to the bare address opens the sample).
    let (host, handle) = mount_at("#/");
    sleep(20).await;
    let buttons: Vec<String> = {
        let list = host.query_selector_all(".template-list button").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(
        buttons,
        [
            "Job offer",
            "Supplier contract",
            "Three-party site redevelopment"
        ]
    );
    // The first visit's plan and every start from the library are one concept: the
    // user's own copy, numbered so each can be told apart.
    for _ in 0..2 {
        let _ = web_sys::window().unwrap().location().set_hash("");
        sleep(20).await;
        let button: web_sys::HtmlElement = host
            .query_selector("button[data-template='job-offer']")
            .unwrap()
            .expect("the job offer template")
            .unchecked_into();
        button.click();
        sleep(20).await;
        let hash = web_sys::window().unwrap().location().hash().unwrap();
        assert!(hash.starts_with("#/plan/"), "{hash}");
    }
    let index = decode_index(&storage::load_index_text().unwrap().unwrap()).unwrap();
    let mut titles: Vec<String> = index.plans.iter().map(|p| p.title.clone()).collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "Job offer example (my copy 2)",
            "Job offer example (my copy 3)",
            "Job offer example (my copy)"
        ]
    );
    drop(handle);
    host.remove();
    let _ = web_sys::window().unwrap().location().set_hash("");
}
