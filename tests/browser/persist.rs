//! Persistence guarantees in headless Chromium: unreadable data is kept and reported,
//! old versions migrate, newer ones are left alone, a full storage loses nothing, other
//! tabs' changes arrive, saves are debounced and flushed, undo survives a reload.

use leptos::prelude::*;
use planner::app::{AppState, SaveStatus};
use planner::model::{sample_plan, Plan, PlanId};
use planner::persist::schema::encode_plan;
use planner::persist::storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn fresh() {
    local().clear().unwrap();
    // A seeded index, so no sample plan is added on load.
    local()
        .set_item(
            "negotiation-planner/index",
            "{\"schema\":2,\"plans\":[],\"seeded\":true}",
        )
        .unwrap();
}

fn with_owner<T>(f: impl FnOnce() -> T) -> T {
    let owner = Owner::new();
    let value = owner.with(f);
    std::mem::forget(owner);
    value
}

fn plan_key(id: &str) -> String {
    format!("negotiation-planner/plan/{id}")
}

fn stored_plan(id: &str, title: &str) -> Plan {
    let mut p = sample_plan(PlanId::parse(id).unwrap(), 1_000);
    p.title = title.into();
    storage::save_plan(&p).unwrap();
    p
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

#[wasm_bindgen_test]
fn corrupt_json_is_kept_aside_and_the_rest_still_works() {
    fresh();
    stored_plan("pgood", "Still fine");
    let broken = "{\"schema\":2,\"id\":\"pbad\",\"title\":\"Half writ";
    local().set_item(&plan_key("pbad"), broken).unwrap();

    let state = with_owner(AppState::load);
    let titles: Vec<_> = state
        .index
        .get_untracked()
        .plans
        .into_iter()
        .map(|p| p.title)
        .collect();
    assert_eq!(titles, ["Still fine"]);
    let problems = state.problems.get_untracked();
    let problem = problems
        .iter()
        .find(|p| p.text.contains("“Half writ…” cannot be opened"))
        .unwrap();
    assert!(problem.text.contains("damaged"), "{}", problem.text);
    let detail = problem.detail.as_deref().unwrap_or_default();
    assert!(detail.contains("not valid JSON"), "{detail}");
    let key = problem.aside_key.clone().expect("the text was kept");
    assert_eq!(state.aside_text(&key).as_deref(), Some(broken));
    // Never overwritten: the original key still holds the original text.
    assert_eq!(
        local().get_item(&plan_key("pbad")).unwrap().as_deref(),
        Some(broken)
    );
    // Discarding removes the kept copy and the message.
    state.discard_aside(&key);
    assert!(state.aside_text(&key).is_none());
    assert!(state
        .problems
        .get_untracked()
        .iter()
        .all(|p| p.aside_key.as_deref() != Some(&key)));
}

#[wasm_bindgen_test]
fn a_version_1_library_is_read_and_migrated() {
    local().clear().unwrap();
    local()
        .set_item(
            "negotiation-planner/index",
            include_str!("../fixtures/schema/v1/index.json"),
        )
        .unwrap();
    local()
        .set_item(
            &plan_key("plmq3x0a1b2c3"),
            include_str!("../fixtures/schema/v1/plan.json"),
        )
        .unwrap();
    let state = with_owner(AppState::load);
    assert!(
        state.problems.get_untracked().is_empty(),
        "{:?}",
        state.problems.get_untracked()
    );
    let session = state
        .open(&PlanId::parse("plmq3x0a1b2c3").unwrap())
        .unwrap();
    let plan = session.plan.get_untracked();
    assert_eq!(plan.title, "Office lease renewal");
    assert_eq!(plan.parties.len(), 2);
}

#[wasm_bindgen_test]
fn a_plan_from_a_newer_version_is_left_alone() {
    fresh();
    let text = "{\"schema\":99,\"id\":\"pnew\",\"title\":\"From the future\"}";
    local().set_item(&plan_key("pnew"), text).unwrap();
    let state = with_owner(AppState::load);
    assert!(state.open(&PlanId::parse("pnew").unwrap()).is_none());
    assert!(state
        .problems
        .get_untracked()
        .iter()
        .any(|p| p.text.contains("newer version")));
    assert_eq!(
        local().get_item(&plan_key("pnew")).unwrap().as_deref(),
        Some(text)
    );
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_and_loses_nothing() {
    fresh();
    let original = stored_plan("pfull", "Before the storage filled up");
    let saved_text = local().get_item(&plan_key("pfull")).unwrap().unwrap();
    let state = with_owner(AppState::load);
    let session = state.open(&original.id).unwrap();

    // Fill the origin's quota with filler, as other plans would.
    let chunk = "x".repeat(512 * 1024);
    let mut filler = 0;
    while local()
        .set_item(&format!("filler/{filler}"), &chunk)
        .is_ok()
    {
        filler += 1;
        assert!(filler < 200, "the quota never ran out");
    }
    session.edit("edit the context", "notes", |p| {
        p.notes = "y".repeat(600 * 1024)
    });
    session.flush();
    assert_eq!(
        session.status.get_untracked(),
        SaveStatus::Failed("Not saved: storage is full".into())
    );
    assert!(state
        .problems
        .get_untracked()
        .iter()
        .any(|p| p.text.contains("full")));
    // What was saved is intact, and export still works (from memory and storage).
    assert_eq!(
        local().get_item(&plan_key("pfull")).unwrap().unwrap(),
        saved_text
    );
    assert!(state
        .export_plan(&original.id)
        .unwrap()
        .contains("Before the storage filled up"));
    assert_eq!(session.plan.get_untracked().notes.len(), 600 * 1024);

    for k in 0..filler {
        local().remove_item(&format!("filler/{k}")).unwrap();
    }
    // With room again, the next save goes through.
    session.edit("edit the context", "", |p| p.notes = "fits now".into());
    session.flush();
    assert_eq!(session.status.get_untracked(), SaveStatus::Saved);
}

#[wasm_bindgen_test]
async fn saves_wait_for_a_pause_then_flush() {
    fresh();
    let p = stored_plan("pdebounce", "Debounce");
    let before = local().get_item(&plan_key("pdebounce")).unwrap();
    let state = with_owner(AppState::load);
    let session = state.open(&p.id).unwrap();
    session.edit("edit the title", "title", |p| p.title = "Debounced".into());
    assert_eq!(session.status.get_untracked(), SaveStatus::Pending);
    assert_eq!(local().get_item(&plan_key("pdebounce")).unwrap(), before);
    sleep(600).await;
    assert_eq!(session.status.get_untracked(), SaveStatus::Saved);
    assert!(local()
        .get_item(&plan_key("pdebounce"))
        .unwrap()
        .unwrap()
        .contains("Debounced"));
    // An explicit flush (page hidden, closing) writes at once.
    session.edit("edit the title", "title", |p| p.title = "Flushed".into());
    state.flush();
    assert!(local()
        .get_item(&plan_key("pdebounce"))
        .unwrap()
        .unwrap()
        .contains("Flushed"));
    assert_eq!(state.index.get_untracked().plans[0].title, "Flushed");
}

#[wasm_bindgen_test]
fn undo_and_redo_walk_the_history_and_survive_a_reload() {
    fresh();
    let p = stored_plan("pundo", "First");
    let state = with_owner(AppState::load);
    let session = state.open(&p.id).unwrap();
    for text in ["S", "Se", "Second"] {
        session.edit("edit the title", "title", |p| p.title = text.into());
    }
    session.seal();
    session.edit("edit the context", "notes", |p| {
        p.notes = "new notes".into()
    });
    session.undo();
    assert_eq!(session.plan.get_untracked().notes, p.notes);
    session.undo();
    assert_eq!(
        session.plan.get_untracked().title,
        "First",
        "typing was one step"
    );
    session.redo();
    assert_eq!(session.plan.get_untracked().title, "Second");
    session.flush();

    // 150 separate steps are all kept.
    for k in 0..150 {
        session.edit("edit the context", "", |p| p.notes = format!("step {k}"));
    }
    for _ in 0..150 {
        session.undo();
    }
    assert_eq!(session.plan.get_untracked().title, "Second");
    session.redo();
    session.flush();

    // A new page load (a new state) still has the history.
    state.session.set(None);
    let again = with_owner(AppState::load);
    let reopened = again.open(&p.id).unwrap();
    assert_eq!(reopened.plan.get_untracked().notes, "step 0");
    assert!(reopened.undo_label.get_untracked().is_some());
    reopened.undo();
    assert_eq!(reopened.plan.get_untracked().title, "Second");
}

fn dispatch_storage_event(key: &str, new_value: Option<&str>) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    init.set_new_value(new_value);
    let ev = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn another_tabs_change_appears_and_a_clash_lets_the_user_choose() {
    fresh();
    let p = stored_plan("ptabs", "Shared plan");
    let document = web_sys::window().unwrap().document().unwrap();
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/plan/ptabs")
        .unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), planner::ui::App);
    sleep(20).await;
    let title = || {
        host.query_selector("#plan-title")
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    };
    assert_eq!(title(), "Shared plan");

    // The other tab renames the plan; this tab has no edits, so it follows.
    let mut theirs = p.clone();
    theirs.title = "Renamed in the other tab".into();
    let text = encode_plan(&theirs);
    local().set_item(&plan_key("ptabs"), &text).unwrap();
    dispatch_storage_event(&plan_key("ptabs"), Some(&text));
    sleep(20).await;
    assert_eq!(title(), "Renamed in the other tab");

    // Now both change it: this tab types, the other tab writes before our save.
    let input: web_sys::HtmlInputElement = host
        .query_selector("#plan-title")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("Mine");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    theirs.title = "Theirs".into();
    let text = encode_plan(&theirs);
    local().set_item(&plan_key("ptabs"), &text).unwrap();
    dispatch_storage_event(&plan_key("ptabs"), Some(&text));
    sleep(20).await;
    assert!(
        host.query_selector(".conflict").unwrap().is_some(),
        "no choice offered"
    );
    // Nothing was overwritten while the user decides.
    sleep(600).await;
    assert!(local()
        .get_item(&plan_key("ptabs"))
        .unwrap()
        .unwrap()
        .contains("Theirs"));

    // Keep both: ours becomes a copy, the view shows theirs.
    let keep_both = host.query_selector_all(".conflict-actions button").unwrap();
    let last: web_sys::HtmlElement = keep_both
        .item(keep_both.length() - 1)
        .unwrap()
        .unchecked_into();
    last.click();
    sleep(20).await;
    assert_eq!(title(), "Theirs");
    assert!(host.query_selector(".conflict").unwrap().is_none());
    let copies: Vec<String> = storage::stored_plan_ids()
        .unwrap()
        .iter()
        .filter_map(|id| storage::load_plan_text(id).unwrap())
        .filter(|t| t.contains("Mine (my version)"))
        .collect();
    assert_eq!(copies.len(), 1);
    drop(handle);
    host.remove();
    web_sys::window().unwrap().location().set_hash("").unwrap();
}
