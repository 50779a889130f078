//! The library: storage round trips, first start, create/rename/duplicate/delete/undo.

use leptos::prelude::*;
use planner::app::AppState;
use planner::model::{Plan, PlanId};
use planner::persist::schema::{decode_index, encode_plan};
use planner::persist::storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn keys() -> Vec<String> {
    let s = local();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .collect()
}

/// Each test starts from an empty library, as a first visit would.
fn fresh() {
    local().clear().unwrap();
}

/// Runs `f` inside a reactive owner, as the app's components do. The owner is kept alive
/// for the rest of the test run: dropping it would dispose the signals it made.
fn with_owner<T>(f: impl FnOnce() -> T) -> T {
    let owner = Owner::new();
    let value = owner.with(f);
    std::mem::forget(owner);
    value
}

#[wasm_bindgen_test]
fn plans_round_trip_through_local_storage() {
    fresh();
    let mut plan = Plan::new(PlanId::parse("pabc").unwrap(), "Lease ﷽ 🏢", 42);
    plan.notes = "x".repeat(10_000);
    storage::save_plan(&plan).unwrap();
    let text = storage::load_plan_text(&plan.id).unwrap().unwrap();
    assert_eq!(text, encode_plan(&plan));
    assert_eq!(storage::stored_plan_ids().unwrap(), vec![plan.id.clone()]);
    storage::remove_plan(&plan.id).unwrap();
    assert_eq!(storage::load_plan_text(&plan.id).unwrap(), None);
}

#[wasm_bindgen_test]
fn first_start_seeds_one_sample_plan_once() {
    fresh();
    let state = with_owner(AppState::load);
    let plans = state.index.get_untracked().plans;
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].title, "Job offer example (my copy)");
    // Deleting every plan must not bring the sample back on the next start.
    state.delete(&plans[0].id);
    let again = with_owner(AppState::load);
    assert!(again.index.get_untracked().plans.is_empty());
}

#[wasm_bindgen_test]
fn create_rename_duplicate_delete_undo_persist() {
    fresh();
    let state = with_owner(AppState::load);
    let id = state.create_plan("  Supplier contract ").unwrap();
    state.rename(&id, "Supplier contract 2027");
    let copy = state.duplicate(&id).unwrap();
    let stored = decode_index(&storage::load_index_text().unwrap().unwrap()).unwrap();
    let titles: Vec<_> = stored.listed().into_iter().map(|p| p.title).collect();
    assert!(titles.contains(&"Supplier contract 2027".to_string()));
    assert!(titles.contains(&"Supplier contract 2027 (copy)".to_string()));

    state.delete(&copy);
    assert!(storage::load_plan_text(&copy).unwrap().is_none());
    assert_eq!(
        state.notice.get_untracked().unwrap().undo,
        planner::app::Undo::Delete
    );
    state.undo_delete();
    let restored = state.read_plan(&copy).unwrap();
    assert_eq!(restored.title, "Supplier contract 2027 (copy)");
    assert!(state.index.get_untracked().get(&copy).is_some());
}

#[wasm_bindgen_test]
fn a_damaged_index_is_set_aside_and_rebuilt_from_the_plans() {
    fresh();
    let plan = Plan::new(PlanId::parse("pkeep").unwrap(), "Keep me", 1);
    storage::save_plan(&plan).unwrap();
    local()
        .set_item(storage::INDEX_STORAGE_KEY, "{\"schema\":1,\"plans\":[tru")
        .unwrap();
    let state = with_owner(AppState::load);
    assert_eq!(state.index.get_untracked().plans, vec![plan.summary()]);
    let problems = state.problems.get_untracked();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .text
            .contains("could not read the list of plans"),
        "{problems:?}"
    );
    // The damaged text is kept, byte for byte, under its own key.
    let aside: Vec<_> = keys()
        .into_iter()
        .filter(|k| k.contains("/unreadable/"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        local().get_item(&aside[0]).unwrap().unwrap(),
        "{\"schema\":1,\"plans\":[tru"
    );
}

#[wasm_bindgen_test]
async fn the_library_view_lists_plans_and_deletes_with_undo() {
    fresh();
    let document = web_sys::window().unwrap().document().unwrap();
    // "#/" asks for the library (a first visit to the bare address opens the sample).
    let _ = web_sys::window().unwrap().location().set_hash("#/");
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let host: web_sys::HtmlElement = host.unchecked_into();
    let handle = leptos::mount::mount_to(host.clone(), planner::ui::App);

    let titles = || {
        let list = host.query_selector_all(".plan-title").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(), ["Job offer example (my copy)"]);

    let delete: web_sys::HtmlElement = host
        .query_selector("button.danger")
        .unwrap()
        .unwrap()
        .unchecked_into();
    delete.click();
    tick().await;
    assert!(titles().is_empty());
    assert!(host.text_content().unwrap().contains("No plans yet"));
    let undo: web_sys::HtmlElement = host
        .query_selector(".notice-undo")
        .unwrap()
        .unwrap()
        .unchecked_into();
    undo.click();
    tick().await;
    assert_eq!(titles(), ["Job offer example (my copy)"]);
    drop(handle);
    host.remove();
}

/// Lets effects and scheduled renders run.
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
fn a_first_visit_to_the_bare_address_opens_the_sample_plan() {
    fresh();
    let _ = web_sys::window().unwrap().location().set_hash("");
    let state = with_owner(AppState::load);
    let id = state.index.get_untracked().plans[0].id.clone();
    assert_eq!(state.route.get_untracked(), planner::app::Route::Plan(id));
    let _ = web_sys::window().unwrap().location().set_hash("");
}
