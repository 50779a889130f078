//! The analysis runner in the browser: same results as the engine, sliced so the page
//! keeps responding, cancellable, and cached for unchanged inputs. Also measures (does not
//! assert) the engine's time in Chromium on the issue's reference sizes.

use leptos::prelude::*;
use planner::analysis::plan::PlanProblem;
use planner::analysis::{analyze, FrontierOptions, Problem};
use planner::app::analysis::{AnalysisRunner, AnalysisState};
use planner::model::{sample_plan, PlanId};
use std::sync::Arc;
use wasm_bindgen_test::*;

fn with_owner<T>(f: impl FnOnce() -> T) -> T {
    let owner = Owner::new();
    let value = owner.with(f);
    std::mem::forget(owner);
    value
}

async fn until_ready(runner: AnalysisRunner) -> Arc<planner::analysis::Analysis> {
    for _ in 0..2000 {
        if let AnalysisState::Ready(a) = runner.state.get_untracked() {
            return a;
        }
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 1)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
    panic!(
        "the analysis never finished: {:?}",
        runner.state.get_untracked()
    );
}

/// Deterministic pseudo-random ratings: (a·k + b) mod 101.
fn synthetic(parties: usize, issues: usize, options: usize) -> Problem {
    let weights: Vec<Vec<f64>> = (0..parties)
        .map(|p| {
            (0..issues)
                .map(|i| ((i * 7 + p * 13) % 10 + 1) as f64)
                .collect()
        })
        .collect();
    let ratings: Vec<Vec<Vec<f64>>> = (0..parties)
        .map(|p| {
            (0..issues)
                .map(|i| {
                    (0..options)
                        .map(|o| ((o * (31 + p * 17) + i * 11 + p * 5) % 101) as f64)
                        .collect()
                })
                .collect()
        })
        .collect();
    Problem::from_matrices(&weights, &ratings, &vec![20.0; parties], Some(0))
}

fn ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

#[wasm_bindgen_test]
async fn the_runner_matches_the_engine_and_caches() {
    let plan = sample_plan(PlanId::parse("p1").unwrap(), 0);
    let problem = PlanProblem::from_plan(&plan).problem;
    let runner = with_owner(AnalysisRunner::new);
    runner.request(&problem);
    let a = until_ready(runner).await;
    let direct = analyze(&problem, &FrontierOptions::default()).unwrap();
    assert_eq!(a.frontier.len(), direct.frontier.len());
    assert_eq!(
        a.points.nash.as_ref().map(|p| p.package.clone()),
        direct.points.nash.as_ref().map(|p| p.package.clone())
    );
    // The same input again is served from the cache: the very same result.
    runner.request(&problem);
    let again = until_ready(runner).await;
    assert!(Arc::ptr_eq(&a, &again));
}

#[wasm_bindgen_test]
async fn a_cancelled_analysis_stops_and_a_newer_request_wins() {
    let runner = with_owner(AnalysisRunner::new);
    let big = synthetic(3, 12, 6);
    runner.request(&big);
    runner.cancel("stopped");
    let promise = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    assert!(matches!(runner.state.get_untracked(), AnalysisState::Idle(ref w) if w == "stopped"));
    // Two requests in a row: only the second is finished.
    let small = synthetic(2, 4, 3);
    runner.request(&big);
    runner.request(&small);
    let a = until_ready(runner).await;
    assert_eq!(a.fingerprint, small.fingerprint());
}

/// Reference sizes from the analysis issue, timed in this Chromium. Printed, not asserted.
#[wasm_bindgen_test]
async fn measure_reference_sizes_in_chromium() {
    for (label, problem) in [
        ("30 issues × 10 options, 2 parties", synthetic(2, 30, 10)),
        ("12 issues × 6 options, 3 parties", synthetic(3, 12, 6)),
    ] {
        let t = ms();
        let direct = analyze(&problem, &FrontierOptions::default()).unwrap();
        let whole = ms() - t;
        let runner = with_owner(AnalysisRunner::new);
        let t = ms();
        runner.request(&problem);
        let a = until_ready(runner).await;
        let sliced = ms() - t;
        assert_eq!(a.frontier.len(), direct.frontier.len());
        web_sys::console::log_1(
            &format!(
                "MEASURE {label}: engine in one go {whole:.1} ms; sliced {sliced:.1} ms end to end, \
                 longest slice {:.1} ms; {} frontier points",
                runner.longest_slice_ms.get_untracked(),
                a.frontier.len()
            )
            .into(),
        );
    }
}
