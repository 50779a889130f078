//! The Practise step mounted in the real app: a rehearsal is started, played and kept in
//! the plan (never in its offer log); a plan that cannot be practised says why. Also
//! measures (does not assert) a counterpart's reply in Chromium on the issue's sizes.

use planner::analysis::{Problem, SplitMix64};
use planner::model::{sample_plan, three_party, Perspective, PlanId};
use planner::persist::{schema::decode_plan, storage};
use planner::rehearsal::bridge::Bridge;
use planner::rehearsal::{Settings, Setup, Simulation, Style};
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

fn click(host: &web_sys::HtmlElement, css: &str) {
    let el: web_sys::HtmlElement = host
        .query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .unchecked_into();
    el.click();
}

fn text(host: &web_sys::HtmlElement, css: &str) -> String {
    host.query_selector(css)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

async fn until(host: &web_sys::HtmlElement, css: &str) {
    for _ in 0..200 {
        if host.query_selector(css).unwrap().is_some() {
            return;
        }
        sleep(10).await;
    }
    panic!("{css} never appeared");
}

#[wasm_bindgen_test]
async fn a_rehearsal_is_played_and_kept_in_the_plan_not_its_offer_log() {
    local().clear().unwrap();
    let plan = sample_plan(PlanId::parse("pprac").unwrap(), 0);
    storage::save_plan(&plan).unwrap();
    let (host, handle) = mount_at("#/plan/pprac/practise");
    until(&host, "#practise-start").await;
    // A typed seed, the mirror style, then start.
    let seed: web_sys::HtmlInputElement = host
        .query_selector("#practise-seed")
        .unwrap()
        .unwrap()
        .unchecked_into();
    seed.set_value("1234");
    seed.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    click(&host, "#practise-style-mirror");
    click(&host, "#practise-start");
    until(&host, "#practise-send").await;
    assert!(text(&host, "#practise-status").starts_with("Round 1 of 10 against Nimbus"));
    // The style stays hidden: the list names only what was chosen.
    assert!(text(&host, ".kept-list")
        .contains("Mirror, 10 rounds, drawn within our estimates, seed 1234"));
    // Accepting is offered only once they have made an offer.
    let accept: web_sys::HtmlButtonElement = host
        .query_selector("#practise-accept")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(accept.disabled());
    click(&host, "#practise-send");
    until(&host, ".practise-exchange tbody tr:nth-child(2)").await;
    assert!(text(&host, ".practise-message").starts_with("Nimbus (hiring manager): “"));
    assert!(!accept.disabled());
    click(&host, "#practise-walk");
    until(&host, "#debrief-heading").await;
    assert!(text(&host, ".debrief").contains("No agreement: you walked away in round 2."));
    assert_eq!(
        host.query_selector_all(".debrief-lessons li")
            .unwrap()
            .length(),
        3
    );
    // Kept with the plan once saved; the real offer log is untouched.
    sleep(700).await;
    let stored = storage::load_plan_text(&plan.id).unwrap().unwrap();
    let (saved, _) = decode_plan(&stored).unwrap();
    assert_eq!(saved.rehearsals.len(), 1);
    let r = &saved.rehearsals[0];
    assert_eq!((r.seed, r.style, r.rounds), (1234, Style::Mirror, 10));
    assert_eq!(r.moves.len(), 3);
    assert!(r.result.is_some_and(|x| !x.agreed));
    assert!(saved.offers.is_empty());
    // The new-rehearsal form is back for the next one.
    assert!(host.query_selector("#practise-start").unwrap().is_some());
    drop(handle);
    host.remove();
    let _ = web_sys::window().unwrap().location().set_hash("");
}

#[wasm_bindgen_test]
async fn a_plan_without_a_side_of_its_own_says_what_is_missing() {
    local().clear().unwrap();
    let mut plan = sample_plan(PlanId::parse("pneutral").unwrap(), 0);
    plan.perspective = Perspective::Neutral;
    storage::save_plan(&plan).unwrap();
    let (host, handle) = mount_at("#/plan/pneutral/practise");
    until(&host, ".practise-blocked").await;
    assert!(text(&host, ".practise-blocked").contains("mark a party as “us”"));
    assert!(host.query_selector("#practise-start").unwrap().is_none());
    drop(handle);
    host.remove();
    let _ = web_sys::window().unwrap().location().set_hash("");
}

fn ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// Two parties, 10 issues × 8 options (10^9 packages), uncertain estimates of the other.
fn ten_by_eight() -> Setup {
    let mut rng = SplitMix64::new(1008);
    let weights: Vec<Vec<f64>> = (0..2)
        .map(|_| (0..10).map(|_| 1.0 + rng.next_f64() * 9.0).collect())
        .collect();
    let ratings: Vec<Vec<Vec<f64>>> = (0..2)
        .map(|_| {
            (0..10)
                .map(|_| (0..8).map(|_| (rng.next_f64() * 100.0).round()).collect())
                .collect()
        })
        .collect();
    let mut problem = Problem::from_matrices(&weights, &ratings, &[40.0, 40.0], Some(0));
    for issue in &mut problem.issues {
        issue.evaluations[1].weight_confidence = 0.6;
        issue.evaluations[1].rating_confidence = 0.6;
    }
    problem.parties[1].reservation_confidence = 0.5;
    Setup {
        problem,
        reservation_range: (32.5, 47.5),
    }
}

/// A counterpart's reply as the page makes it: the rehearsal resumed from its moves (four
/// offers each way), then the user's fifth offer and the reply. Printed, not asserted.
#[wasm_bindgen_test]
fn measure_a_counterparts_reply_in_chromium() {
    let three = three_party(PlanId::parse("p3").unwrap(), 0);
    let us = three.us().unwrap().clone();
    let other = three
        .parties
        .iter()
        .find(|p| p.id != us)
        .unwrap()
        .id
        .clone();
    let cases = [
        (
            "three-party example",
            Bridge::new(&three, &us, &other).unwrap().setup,
        ),
        ("10 issues × 8 options", ten_by_eight()),
    ];
    for (label, setup) in cases {
        let settings = Settings {
            seed: 7,
            style: Style::Steady,
            as_estimated: false,
            rounds: 30,
        };
        let options: Vec<usize> = setup.problem.issues.iter().map(|i| i.options).collect();
        let mut sim = Simulation::new(setup.clone(), settings).unwrap();
        let mut rng = SplitMix64::new(3);
        let mut offer = || -> Vec<usize> {
            options
                .iter()
                .map(|&n| (rng.next_u64() % n as u64) as usize)
                .collect()
        };
        for _ in 0..4 {
            let _ = sim.offer(&offer());
        }
        let moves = sim.moves().to_vec();
        let next = offer();
        let runs = 20;
        let t = ms();
        for _ in 0..runs {
            let mut s = Simulation::resume(setup.clone(), settings, moves.clone()).unwrap();
            let _ = s.offer(&next);
        }
        let each = (ms() - t) / f64::from(runs);
        web_sys::console::log_1(
            &format!("MEASURE a counterpart's reply, {label}: {each:.2} ms (resume + reply)")
                .into(),
        );
    }
}
