//! Runs the analysis engine in the browser without freezing the page: the frontier is built
//! one issue merge at a time in slices of a few milliseconds, yielding to the browser in
//! between (so input and painting go on), with progress and cancel. Results are kept by the
//! problem's fingerprint, so unchanged inputs are never computed twice.

use crate::analysis::{
    bargaining_points, Analysis, FrontierBuilder, FrontierOptions, Problem, Progress,
    SensitivityOptions, SensitivityReport, SensitivityRun,
};
use crate::model::PackageId;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// How long one slice may run before yielding: far below the 50 ms that makes a page
/// feel stuck, leaving room for the browser's own work in the same frame.
const SLICE_MS: f64 = 12.0;
/// How many finished analyses are kept (recent undo/redo states hit this cache).
const CACHE_SIZE: usize = 8;

#[derive(Clone, Debug)]
pub enum AnalysisState {
    /// Nothing asked yet, or the plan is not ready to analyse (the reason).
    Idle(String),
    Running {
        done: usize,
        total: usize,
    },
    Ready(Arc<Analysis>),
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct AnalysisRunner {
    pub state: RwSignal<AnalysisState>,
    /// Bumped by every request and by cancel: a running slice that sees a newer generation
    /// stops, so only the latest input is ever finished.
    generation: StoredValue<u64>,
    cache: StoredValue<Vec<(u64, Arc<Analysis>)>>,
    /// Slices run so far and the longest one, in milliseconds (for measurement).
    pub longest_slice_ms: RwSignal<f64>,
}

pub(crate) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Takes steps until the work is finished or `SLICE_MS` have passed since `start`; at
/// least one step, so every slice makes progress. Both runners slice their work this way.
fn one_slice(start: f64, mut step: impl FnMut() -> Progress) -> Progress {
    let mut progress = step();
    while !progress.finished && now_ms() - start < SLICE_MS {
        progress = step();
    }
    progress
}

impl Default for AnalysisRunner {
    fn default() -> Self {
        Self::new()
    }
}

impl AnalysisRunner {
    pub fn new() -> AnalysisRunner {
        AnalysisRunner {
            state: RwSignal::new(AnalysisState::Idle(String::new())),
            generation: StoredValue::new(0),
            cache: StoredValue::new(Vec::new()),
            longest_slice_ms: RwSignal::new(0.0),
        }
    }

    /// Analyses `problem`, from the cache when the same input was analysed before.
    pub fn request(&self, problem: &Problem) {
        let key = problem.fingerprint();
        self.generation.update_value(|g| *g += 1);
        let cached = self
            .cache
            .with_value(|c| c.iter().find(|(k, _)| *k == key).map(|(_, a)| a.clone()));
        if let Some(analysis) = cached {
            self.state.set(AnalysisState::Ready(analysis));
            return;
        }
        let (model, warnings) = match problem.compile() {
            Ok(m) => m,
            Err(e) => {
                let why = crate::analysis::explain::problem_error(problem, &e);
                self.state.set(AnalysisState::Failed(why));
                return;
            }
        };
        let builder = FrontierBuilder::new(&model, FrontierOptions::default());
        let generation = self.generation.get_value();
        self.state.set(AnalysisState::Running {
            done: 0,
            total: model.issues(),
        });
        let job = Job {
            key,
            generation,
            model,
            warnings,
            builder,
        };
        // The first slice runs in a task of its own, like the rest: a request comes from an
        // effect of the view that asked (a step being mounted, an edit), and that task must
        // not carry the engine's work too.
        let this = *self;
        set_timeout(move || this.slice(job), Duration::ZERO);
    }

    /// Stops a running analysis; the state says why.
    pub fn cancel(&self, why: &str) {
        self.generation.update_value(|g| *g += 1);
        self.state.set(AnalysisState::Idle(why.to_string()));
    }

    fn slice(self, mut job: Job) {
        // A newer request or a cancel replaced this one, or the view that owned the runner
        // is gone (the user left the step while a slice was queued).
        if self.generation.try_get_value() != Some(job.generation) {
            return;
        }
        let start = now_ms();
        let progress = one_slice(start, || job.builder.step(1));
        let elapsed = now_ms() - start;
        if elapsed > self.longest_slice_ms.get_untracked() {
            self.longest_slice_ms.set(elapsed);
        }
        if progress.finished {
            self.finish(job);
            return;
        }
        self.state.set(AnalysisState::Running {
            done: progress.done,
            total: progress.total,
        });
        // Yield to the browser, then continue where this slice stopped.
        set_timeout(move || self.slice(job), Duration::ZERO);
    }

    fn finish(self, job: Job) {
        let Job {
            key,
            generation,
            model,
            warnings,
            builder,
        } = job;
        let frontier = builder.finish();
        let points = bargaining_points(&model, &frontier);
        let analysis = Arc::new(Analysis {
            fingerprint: key,
            model,
            warnings,
            frontier,
            points,
        });
        self.cache.update_value(|c| {
            c.retain(|(k, _)| *k != key);
            c.push((key, analysis.clone()));
            if c.len() > CACHE_SIZE {
                c.remove(0);
            }
        });
        // The result sets off every view that shows it (the chart, the verdicts, the
        // trades…): they update in a task of their own, not after the slice that finished.
        set_timeout(
            move || {
                if self.generation.try_get_value() == Some(generation) {
                    self.state.set(AnalysisState::Ready(analysis));
                }
            },
            Duration::ZERO,
        );
    }
}

struct Job {
    key: u64,
    generation: u64,
    model: crate::analysis::Model,
    warnings: Vec<crate::analysis::Warning>,
    builder: FrontierBuilder,
}

/// A finished sensitivity run: the report, with the plan package each entry belongs to.
pub type SensitivityDone = Arc<(Vec<PackageId>, SensitivityReport)>;

/// Where a sensitivity run stands.
#[derive(Clone, Debug)]
pub enum SensitivityState {
    /// Nothing to test (no complete package, or the plan is not ready).
    Idle,
    Running {
        done: usize,
        total: usize,
    },
    /// The report, with the plan package each entry belongs to (same order).
    Ready(SensitivityDone),
    Failed(String),
}

/// Runs the sensitivity analysis (hundreds of perturbed frontiers) in slices like the
/// frontier itself: the packages step starts it whenever the plan or its packages change.
#[derive(Clone, Copy)]
pub struct SensitivityRunner {
    pub state: RwSignal<SensitivityState>,
    generation: StoredValue<u64>,
    /// The input of the last finished run, so an unchanged plan is not tested twice.
    last: StoredValue<Option<(u64, SensitivityDone)>>,
}

impl Default for SensitivityRunner {
    fn default() -> Self {
        Self::new()
    }
}

impl SensitivityRunner {
    pub fn new() -> SensitivityRunner {
        SensitivityRunner {
            state: RwSignal::new(SensitivityState::Idle),
            generation: StoredValue::new(0),
            last: StoredValue::new(None),
        }
    }

    /// Stops any run; there is nothing to test.
    pub fn clear(&self) {
        self.generation.update_value(|g| *g += 1);
        self.state.set(SensitivityState::Idle);
    }

    /// Tests `packages` (complete ones, as option indices) against the plan's estimates.
    pub fn request(&self, problem: &Problem, packages: Vec<(PackageId, Vec<usize>)>) {
        if packages.is_empty() {
            self.clear();
            return;
        }
        self.generation.update_value(|g| *g += 1);
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            problem.fingerprint().hash(&mut h);
            packages.hash(&mut h);
            h.finish()
        };
        if let Some(done) = self.last.with_value(|l| {
            l.as_ref()
                .filter(|(k, _)| *k == key)
                .map(|(_, r)| r.clone())
        }) {
            self.state.set(SensitivityState::Ready(done));
            return;
        }
        let (ids, indices): (Vec<PackageId>, Vec<Vec<usize>>) = packages.into_iter().unzip();
        // The page shows acceptability only; skipping each sample's frontier makes a sample
        // cost microseconds instead of a whole frontier computation.
        let options = SensitivityOptions {
            frontier_share: false,
            ..SensitivityOptions::default()
        };
        let run = match SensitivityRun::new(problem, indices, options) {
            Ok(run) => run,
            Err(e) => {
                self.state.set(SensitivityState::Failed(e.to_string()));
                return;
            }
        };
        let generation = self.generation.get_value();
        self.state.set(SensitivityState::Running {
            done: 0,
            total: run.progress().total,
        });
        // In a task of its own, as the frontier's first slice (`AnalysisRunner::request`).
        let this = *self;
        set_timeout(
            move || this.slice(key, generation, ids, run),
            Duration::ZERO,
        );
    }

    fn slice(self, key: u64, generation: u64, ids: Vec<PackageId>, mut run: SensitivityRun) {
        // Replaced by a newer request, or the runner's view is gone.
        if self.generation.try_get_value() != Some(generation) {
            return;
        }
        let progress = one_slice(now_ms(), || run.step(1));
        if progress.finished {
            let done = Arc::new((ids, run.report()));
            self.last.set_value(Some((key, done.clone())));
            self.state.set(SensitivityState::Ready(done));
            return;
        }
        self.state.set(SensitivityState::Running {
            done: progress.done,
            total: progress.total,
        });
        set_timeout(
            move || self.slice(key, generation, ids, run),
            Duration::ZERO,
        );
    }
}
