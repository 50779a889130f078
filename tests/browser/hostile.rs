//! Hostile and broken data in headless Chromium (issues #19 and #12): unreadable data found
//! on every page load is kept once, not once per load; a plan that needed repair is saved
//! repaired; an import that does not fit leaves nothing behind; an unreadable plan is
//! marked, named and can be downloaded or discarded (with undo); the analysis names its
//! limits in words.

use leptos::prelude::*;
use planner::app::{AppState, SaveStatus};
use planner::model::{sample_plan, Plan, PlanId};
use planner::persist::exchange::export;
use planner::persist::schema::encode_plan;
use planner::persist::storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn fresh() {
    local().clear().unwrap();
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

/// What the origin's storage holds, in UTF-16 code units of keys and values (what the
/// browser counts against the quota).
fn used() -> usize {
    let s = local();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .map(|k| {
            let v = s.get_item(&k).unwrap().unwrap_or_default();
            k.encode_utf16().count() + v.encode_utf16().count()
        })
        .sum()
}

fn aside_count() -> usize {
    storage::set_aside_keys().len()
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

/// Loads the app ten times, as ten page loads would, and returns the storage used before
/// the first and after each load.
fn ten_loads() -> (usize, Vec<usize>) {
    let before = used();
    let after = (0..10)
        .map(|_| {
            with_owner(AppState::load);
            used()
        })
        .collect();
    (before, after)
}

/// After ten loads: at most one copy of `text` was added, and the user's edits to a
/// readable plan still save.
fn assert_one_copy_and_edits_save(what: &str, text: &str, good: &Plan) {
    let (before, after) = ten_loads();
    let first = after[0];
    web_sys::console::log_1(
        &format!(
            "MEASURE ten loads with {what}: storage {before} → {first} after the first load → {} \
             after the tenth ({} kept copies)",
            after[9],
            aside_count()
        )
        .into(),
    );
    assert!(
        after.iter().all(|&n| n == first),
        "{what}: storage grew after the first load: {after:?}"
    );
    let one_copy = text.encode_utf16().count() + 120;
    assert!(
        first <= before + one_copy,
        "{what}: {before} → {first}, more than one copy ({one_copy})"
    );
    assert!(aside_count() <= 1, "{what}: {} copies", aside_count());
    let state = with_owner(AppState::load);
    let session = state.open(&good.id).expect("the readable plan opens");
    session.edit("edit the context", "", |p| {
        p.notes = format!("edited after {what}")
    });
    session.flush();
    assert_eq!(session.status.get_untracked(), SaveStatus::Saved, "{what}");
    assert!(local()
        .get_item(&plan_key(good.id.as_str()))
        .unwrap()
        .unwrap()
        .contains(&format!("edited after {what}")));
}

fn good_plan() -> Plan {
    let mut p = sample_plan(PlanId::parse("pgood").unwrap(), 1_000);
    p.title = "Still fine".into();
    storage::save_plan(&p).unwrap();
    p
}

#[wasm_bindgen_test]
fn ten_loads_with_a_broken_plan_outside_the_index_keep_one_copy() {
    fresh();
    let good = good_plan();
    let broken = format!(
        "{{\"schema\":2,\"id\":\"pbroken\",\"title\":\"Cut short\",\"notes\":\"{}",
        "n".repeat(50_000)
    );
    local().set_item(&plan_key("pbroken"), &broken).unwrap();
    assert_one_copy_and_edits_save("a broken plan", &broken, &good);
}

#[wasm_bindgen_test]
fn ten_loads_with_a_library_from_a_newer_version_keep_one_copy() {
    fresh();
    let good = good_plan();
    let index = format!(
        "{{\"schema\":99,\"plans\":[{{\"id\":\"pgood\",\"title\":\"Still fine\",\"updated\":1}}],\"padding\":\"{}\"}}",
        "p".repeat(50_000)
    );
    local()
        .set_item("negotiation-planner/index", &index)
        .unwrap();
    assert_one_copy_and_edits_save("a newer library", &index, &good);
}

#[wasm_bindgen_test]
fn ten_loads_with_a_plan_that_needs_repair_keep_one_copy_and_save_it_repaired() {
    fresh();
    let good = good_plan();
    // What the review's short link imported: a repeated `serves` entry (the old import
    // check let it through; repair removes it).
    let mut plan = sample_plan(PlanId::parse("prepair").unwrap(), 1_000);
    plan.title = "Needs repair".into();
    let first = plan.interests[0].id.clone();
    plan.issues[0].options[0].serves = vec![first; 20_000];
    let text = encode_plan(&plan);
    local().set_item(&plan_key("prepair"), &text).unwrap();
    let index = r#"{"schema":2,"plans":[{"id":"pgood","title":"Still fine","updated":1000},{"id":"prepair","title":"Needs repair","updated":1000}],"seeded":true}"#;
    local()
        .set_item("negotiation-planner/index", index)
        .unwrap();
    // Opened on every load, as a user returning to it would.
    let before = used();
    let mut after = Vec::new();
    for _ in 0..10 {
        let state = with_owner(AppState::load);
        let session = state.open(&PlanId::parse("prepair").unwrap()).unwrap();
        assert_eq!(
            session.plan.get_untracked().issues[0].options[0]
                .serves
                .len(),
            1
        );
        after.push(used());
    }
    web_sys::console::log_1(
        &format!(
            "MEASURE ten opens of a plan that needs repair: storage {before} → {:?}",
            after
        )
        .into(),
    );
    assert!(after.iter().all(|&n| n == after[0]), "{after:?}");
    assert!(
        after[0] <= before + text.len() + 120,
        "{before} → {after:?}"
    );
    assert_eq!(aside_count(), 1);
    // The stored plan is the repaired one now: the next load has nothing to repair.
    let stored = local().get_item(&plan_key("prepair")).unwrap().unwrap();
    assert!(stored.len() < text.len() / 10, "{}", stored.len());
    let state = with_owner(AppState::load);
    assert!(
        state
            .problems
            .get_untracked()
            .iter()
            .any(|p| p.text.contains("“Needs repair” was repaired")),
        "{:?}",
        state.problems.get_untracked()
    );
    assert_one_copy_and_edits_save("a repaired plan", "", &good);
}

/// Fills the origin's storage until fewer than `room` code units are left.
fn fill_storage(room: usize) -> usize {
    let mut filler = 0;
    for size in [512 * 1024, 64 * 1024, 8 * 1024, 1024] {
        if size < room {
            break;
        }
        while local()
            .set_item(&format!("filler/{filler}"), &"x".repeat(size))
            .is_ok()
        {
            filler += 1;
            assert!(filler < 2_000, "the quota never ran out");
        }
    }
    filler
}

#[wasm_bindgen_test]
fn an_import_that_does_not_fit_leaves_the_library_as_it_was() {
    fresh();
    let state = with_owner(AppState::load);
    // Three plans of about 200 KB each, into a storage with room for one or two.
    let plans: Vec<Plan> = (0..3)
        .map(|k| {
            let mut p = sample_plan(PlanId::parse(&format!("pbig{k}")).unwrap(), 1_000);
            p.title = format!("Big plan {k}");
            p.notes = format!("{k}").repeat(200_000);
            p
        })
        .collect();
    let file = export(&plans, 5);
    let filler = fill_storage(450_000);
    let keys_before: Vec<String> = (0..local().length().unwrap())
        .filter_map(|i| local().key(i).unwrap())
        .collect();
    let index_before = local().get_item("negotiation-planner/index").unwrap();
    for attempt in 0..2 {
        let err = state.import(&file).unwrap_err();
        assert!(err.contains("not enough room"), "{err}");
        assert!(err.contains("left as it was"), "{err}");
        let keys: Vec<String> = (0..local().length().unwrap())
            .filter_map(|i| local().key(i).unwrap())
            .collect();
        assert_eq!(keys.len(), keys_before.len(), "attempt {attempt}: {keys:?}");
        assert_eq!(
            local().get_item("negotiation-planner/index").unwrap(),
            index_before,
            "attempt {attempt}"
        );
        assert!(state.index.get_untracked().plans.is_empty());
    }
    for k in 0..filler {
        local().remove_item(&format!("filler/{k}")).unwrap();
    }
    // With room, the same file imports whole.
    let titles = state.import(&file).unwrap();
    assert_eq!(titles, ["Big plan 0", "Big plan 1", "Big plan 2"]);
}

#[wasm_bindgen_test]
async fn a_sliced_import_reads_every_plan_and_numbers_titles_already_taken() {
    fresh();
    let state = with_owner(AppState::load);
    let mut taken = sample_plan(PlanId::parse("ptaken").unwrap(), 1_000);
    taken.title = "Lease".into();
    assert!(state.save_plan(&taken));
    let plans: Vec<Plan> = (0..30)
        .map(|k| {
            let mut p = sample_plan(PlanId::parse(&format!("pimp{k}")).unwrap(), 1_000);
            p.title = if k < 2 {
                "Lease".into()
            } else {
                format!("Plan {k}")
            };
            p.notes = "n".repeat(20_000);
            p
        })
        .collect();
    let steps = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let heard = steps.clone();
    let titles = state
        .import_sliced(&export(&plans, 5), move |s| heard.borrow_mut().push(s))
        .await
        .unwrap();
    assert_eq!(titles.len(), 30);
    assert_eq!(titles[0], "Lease (2)");
    assert_eq!(titles[1], "Lease (3)");
    assert_eq!(state.index.get_untracked().plans.len(), 31);
    for s in steps.borrow().iter() {
        assert!(
            s.starts_with("Reading plan ") && s.ends_with(" of 30…"),
            "{s}"
        );
    }
}

#[wasm_bindgen_test]
async fn an_unreadable_plan_is_marked_named_explained_and_can_be_discarded_with_undo() {
    fresh();
    good_plan();
    let broken = "{\"schema\":2,\"id\":\"pbad\",\"title\":\"Budget 2025\",\"notes\":\"cut";
    local().set_item(&plan_key("pbad"), broken).unwrap();
    local()
        .set_item(
            "negotiation-planner/index",
            "{\"schema\":2,\"plans\":[{\"id\":\"pgood\",\"title\":\"Still fine\",\"updated\":1000},{\"id\":\"pbad\",\"title\":\"Budget 2025\",\"updated\":900}],\"seeded\":true}",
        )
        .unwrap();
    // Found when it is opened, then named after every reload.
    let state = with_owner(AppState::load);
    assert!(state.open(&PlanId::parse("pbad").unwrap()).is_none());
    for reload in 0..2 {
        let state = with_owner(AppState::load);
        let problems = state.problems.get_untracked();
        let problem = problems
            .iter()
            .find(|p| p.text.contains("“Budget 2025” cannot be opened"))
            .unwrap_or_else(|| panic!("reload {reload}: {problems:?}"));
        assert!(problem.text.contains("kept unchanged"), "{}", problem.text);
        assert!(!problem.text.contains("EOF") && !problem.text.contains("column"));
        let detail = problem.detail.clone().unwrap();
        assert!(detail.contains("line 1, column"), "{detail}");
        let u = state
            .unreadable_plan(&PlanId::parse("pbad").unwrap())
            .unwrap();
        assert_eq!(u.title, "Budget 2025");
    }

    // What the user sees: the library marks it; opening it explains, with the actions.
    let document = web_sys::window().unwrap().document().unwrap();
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/")
        .unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), planner::ui::App);
    sleep(20).await;
    let row = host
        .query_selector(".plan-row.unreadable")
        .unwrap()
        .expect("the library marks the plan");
    let row_text = row.text_content().unwrap();
    assert!(row_text.contains("Budget 2025"), "{row_text}");
    assert!(row_text.contains("Cannot be opened"), "{row_text}");
    assert_eq!(
        host.query_selector_all(".plan-row").unwrap().length(),
        2,
        "the readable plan is listed too"
    );
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/plan/pbad")
        .unwrap();
    sleep(50).await;
    let h1 = host.query_selector("main h1").unwrap().unwrap();
    assert_eq!(h1.text_content().unwrap(), "“Budget 2025” cannot be opened");
    let page = host.query_selector(".unreadable-plan").unwrap().unwrap();
    let text = page.text_content().unwrap();
    assert!(!text.contains("Plan not found"), "{text}");
    assert!(text.contains("Its text was kept unchanged"), "{text}");
    let details = page.query_selector("details").unwrap().unwrap();
    assert!(
        !details.has_attribute("open"),
        "the parser's words are folded away"
    );
    assert!(details.text_content().unwrap().contains("not valid JSON"));

    // Discard: the plan, its kept copy and its line go; Undo brings them back.
    let discard: web_sys::HtmlElement = page
        .query_selector(".unreadable-actions .danger")
        .unwrap()
        .unwrap()
        .unchecked_into();
    discard.click();
    sleep(20).await;
    assert!(local().get_item(&plan_key("pbad")).unwrap().is_none());
    assert_eq!(aside_count(), 0);
    assert!(host
        .query_selector(".plan-row.unreadable")
        .unwrap()
        .is_none());
    let undo: web_sys::HtmlElement = host
        .query_selector(".notice-undo")
        .unwrap()
        .expect("discarding can be undone")
        .unchecked_into();
    undo.click();
    sleep(20).await;
    assert_eq!(
        local().get_item(&plan_key("pbad")).unwrap().as_deref(),
        Some(broken)
    );
    assert_eq!(aside_count(), 1);
    assert!(host
        .query_selector(".plan-row.unreadable")
        .unwrap()
        .is_some());
    drop(handle);
    host.remove();
    web_sys::window().unwrap().location().set_hash("").unwrap();
}

#[wasm_bindgen_test]
async fn the_analysis_names_its_issue_limit_in_words() {
    use planner::analysis::problem::{Evaluation, IssueInput, PartyInput, Problem};
    use planner::app::analysis::{AnalysisRunner, AnalysisState};
    let issues = (0..10_000)
        .map(|i| {
            IssueInput::new(
                format!("Issue {i}"),
                2,
                vec![
                    Evaluation::new(1.0, vec![0.0, 100.0]),
                    Evaluation::new(1.0, vec![100.0, 0.0]),
                ],
            )
        })
        .collect();
    let problem = Problem {
        parties: vec![PartyInput::new("Us", 0.0), PartyInput::new("Them", 0.0)],
        issues,
        us: Some(0),
    };
    let runner = with_owner(AnalysisRunner::new);
    runner.request(&problem);
    match runner.state.get_untracked() {
        AnalysisState::Failed(why) => {
            assert_eq!(
                why,
                "the analysis handles at most 1,000 issues, and this plan has 10,000"
            );
        }
        other => panic!("{other:?}"),
    }
}

fn file(parts: &js_sys::Array, name: &str) -> web_sys::File {
    web_sys::File::new_with_u8_array_sequence(parts, name).unwrap()
}

#[wasm_bindgen_test]
async fn a_file_larger_than_the_planner_reads_is_refused_before_it_is_read() {
    use planner::ui::files::read_text;
    // 21 MB: every import path (planner files up to 16 MB, research files and CSV up to
    // 20 MB) would refuse it anyway, after holding the page to read it.
    let big = js_sys::Uint8Array::new_with_length(21 * 1024 * 1024);
    let huge = file(&js_sys::Array::of1(&big), "huge.json");
    assert_eq!(
        read_text(huge).await.unwrap_err(),
        "the file is 21.0 MB; the planner reads files up to 20 MB"
    );
    // Read as the browser reads text: no byte-order mark, invalid bytes replaced.
    let bytes = js_sys::Uint8Array::from(&[0xEF, 0xBB, 0xBF, b'h', b'i', 0xFF][..]);
    let small = file(&js_sys::Array::of1(&bytes), "small.csv");
    assert_eq!(read_text(small).await.unwrap(), "hi\u{FFFD}");
}
