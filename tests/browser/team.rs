//! Team views in the real app: the Team step settles a disagreement through its select and
//! by hand (saved, undoable); an answer link joins its plan, and a second answer from the
//! same member is refused until the user replaces it; a request whose ids were edited is
//! refused in plain words; a teammate's plan waits for their name before it answers.

use planner::formats::share;
use planner::model::{sample_plan, Plan, PlanId};
use planner::persist::{schema::decode_plan, storage};
use planner::team::{doc, merge, request};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
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

fn mount_at(hash: &str) -> (web_sys::HtmlElement, Box<dyn std::any::Any>) {
    let window = web_sys::window().unwrap();
    window.location().set_hash(hash).unwrap();
    let document = window.document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), planner::ui::App);
    (host, Box::new(handle))
}

fn text(host: &web_sys::HtmlElement, css: &str) -> String {
    host.query_selector(css)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

fn click(host: &web_sys::HtmlElement, css: &str) {
    host.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

fn change(host: &web_sys::HtmlElement, css: &str, value: &str) {
    let el = host
        .query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"));
    js_sys::Reflect::set(&el, &"value".into(), &value.into()).unwrap();
    el.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

fn owner() -> Plan {
    let mut p = sample_plan(PlanId::parse("pteamb").unwrap(), 0);
    p.team.me = "Olga".into();
    p
}

/// Ben's answer to `plan`, weighing Salary at 20 for us.
fn ben(plan: &Plan, weight: f64) -> doc::Answer {
    let req = request::make_request(plan, "Olga", true, "rb1".into(), 1);
    let mut mine = request::plan_from_request(&req, PlanId::parse("pben").unwrap(), 2).unwrap();
    let (us, salary) = (plan.parties[0].id.clone(), plan.issues[0].id.clone());
    mine.party_mut(&us)
        .unwrap()
        .weights
        .get_mut(&salary)
        .unwrap()
        .value = weight;
    mine.team.answering.as_mut().unwrap().member = "Ben".into();
    request::answer_from_plan(&mine, 3).unwrap().answer
}

fn stored(id: &str) -> Plan {
    let text = storage::load_plan_text(&PlanId::parse(id).unwrap())
        .unwrap()
        .unwrap();
    decode_plan(&text).unwrap().0
}

#[wasm_bindgen_test]
async fn a_disagreement_is_settled_by_the_median_and_by_hand() {
    local().clear().unwrap();
    let mut plan = owner();
    let answer = ben(&plan, 20.0);
    merge::merge_answer(&mut plan, &answer, false, 4).unwrap();
    storage::save_plan(&plan).unwrap();
    let (host, handle) = mount_at("#/plan/pteamb/team");
    sleep(50).await;
    let open = text(&host, ".disagreement-list.open");
    assert!(
        open.contains("Olga weighs Salary at 40, Ben at 20"),
        "{open}"
    );
    let labels: Vec<String> = {
        let list = host
            .query_selector_all("#choose-party1-w-iss9 option")
            .unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(
        labels,
        [
            "Choose…",
            "Average: 30",
            "Median: 30",
            "Olga: 40",
            "Ben: 20",
            "By hand"
        ]
    );

    change(&host, "#choose-party1-w-iss9", "median");
    sleep(20).await;
    assert!(text(&host, ".settled summary").contains("Settled (1)"));
    assert!(text(&host, ".disagreement-list.settled").contains("Team: 30, the median."));
    // By hand, from the settled row's own field: 25 typed over the median.
    change(&host, "#hand-party1-w-iss9", "25");
    sleep(20).await;
    assert!(text(&host, ".disagreement-list.settled").contains("Team: 25, set by hand."));
    sleep(600).await;
    let saved = stored("pteamb");
    let w = &saved.parties[0].weights[&saved.issues[0].id];
    assert_eq!((w.value, w.locked), (25.0, true));
    // Undo takes the hand-typed number back to the median.
    click(&host, ".toolbar .undo");
    sleep(20).await;
    assert!(text(&host, ".disagreement-list.settled").contains("Team: 30, the median."));
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn an_answer_link_joins_its_plan_and_a_duplicate_waits_for_replace() {
    local().clear().unwrap();
    let plan = owner();
    storage::save_plan(&plan).unwrap();
    let link = doc::answer_link(&ben(&plan, 20.0)).unwrap();
    let (host, handle) = mount_at(&link);
    sleep(50).await;
    assert!(text(&host, "main h1").contains("Ben's view of “Example: a job offer”"));
    click(&host, "button.add-answer");
    sleep(50).await;
    assert!(text(&host, "#step-heading").contains("Team views"));
    assert!(text(&host, ".view-list").contains("Ben"));
    drop(handle);
    host.remove();
    sleep(600).await;
    assert_eq!(stored("pteamb").team.views.len(), 2);

    // The same member again: refused, with a way to replace.
    let link = doc::answer_link(&ben(&plan, 25.0)).unwrap();
    let (host, handle) = mount_at(&link);
    sleep(50).await;
    click(&host, "button.add-answer");
    sleep(30).await;
    let error = text(&host, ".field-error");
    assert!(error.starts_with("Ben has already answered."), "{error}");
    click(&host, "button.replace-view");
    sleep(50).await;
    assert!(
        text(&host, ".team-message").contains("Replaced Ben's view"),
        "{}",
        text(&host, ".team-message")
    );
    sleep(600).await;
    let ben_salary = |p: &Plan| p.team.views[1].parties[&p.parties[0].id].weights[&p.issues[0].id];
    let saved = stored("pteamb");
    assert_eq!(saved.team.views.len(), 2);
    assert_eq!(ben_salary(&saved), 25.0);
    // The replacement is one undoable edit: undo brings Ben's first answer back.
    click(&host, ".toolbar .undo");
    sleep(600).await;
    let saved = stored("pteamb");
    assert_eq!(saved.team.views.len(), 2);
    assert_eq!(ben_salary(&saved), 20.0);
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn an_edited_request_is_refused_and_a_teammate_must_give_a_name() {
    local().clear().unwrap();
    let plan = owner();
    let req = request::make_request(&plan, "Olga", false, "rb2".into(), 1);
    let edited = doc::request_text(&req).replace("\"iss9\"", "\"iss99\"");
    let (host, handle) = mount_at(&share::pack(&edited).unwrap());
    sleep(50).await;
    assert_eq!(text(&host, "main h1"), "This request cannot be opened");
    assert!(text(&host, "[role=alert]").starts_with("This request was changed after it was made"));
    drop(handle);
    host.remove();

    let (host, handle) = mount_at(&doc::request_link(&req).unwrap());
    sleep(50).await;
    click(&host, "button.start-answer");
    sleep(50).await;
    assert!(text(&host, "#team-answer-heading").contains("Your answer to Olga"));
    assert!(text(&host, ".answer-blocked").contains("write your name first"));
    let name = host
        .query_selector("#answer-member")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    name.set_value("Ben");
    name.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    sleep(20).await;
    assert!(text(&host, ".answer-contents")
        .contains("Your view as Ben: 0 weights, 0 ratings and 0 reservation values."));
    drop(handle);
    host.remove();
}
