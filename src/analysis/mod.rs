//! Analysis engine of the negotiation planner: exact Pareto frontier, bargaining points,
//! improvements, MESOs, trades and sensitivity, following `shared/docs/method.md`.
//!
//! Pure Rust, std only, no panics on any input (the app runs it in WebAssembly, where a panic
//! kills the page): invalid input yields an error or an empty result.
//!
//! # Flow
//! 1. Build a [`Problem`] (plain numbers plus optional labels) and [`Problem::compile`] it
//!    into a [`Model`] (contributions `w·r/W` as integers in a unit that holds the inputs'
//!    values exactly, see [`exact`]; weights normalised to 100 with a warning if needed).
//!    [`Problem::fingerprint`] gives a 64-bit cache key.
//! 2. Compute the [`Frontier`] with [`compute_frontier`], or slice it with a
//!    [`FrontierBuilder`] (`step(budget)` merges issues until the work budget is used, reports
//!    [`Progress`]; drop it to cancel).
//! 3. [`bargaining_points`] (max joint, Nash, Kalai–Smorodinsky, equal gain), [`improve`],
//!    [`mesos`], [`trades`], [`sensitivity`] / [`SensitivityRun`].
//!
//! # Packages
//! A package is a `Vec<usize>`: one option index per issue, complete. Partial packages
//! (some issues still open) are analysed with [`Model::restrict`], which fixes the chosen
//! issues and leaves the open ones free: the frontier and reference points of the restricted
//! model range over all completions of the partial package.
//!
//! [`analyze`] runs steps 1–3 (frontier and points) at once.

pub mod compiled;
pub mod exact;
pub mod explain;
pub mod frontier;
pub mod improve;
pub mod meso;
pub mod opponent;
pub mod oracle;
pub mod outcome;
pub mod plan;
pub mod points;
pub mod problem;
pub mod sensitivity;
pub mod trades;

pub use compiled::{dominates, Model};
pub use frontier::{
    compute_frontier, Frontier, FrontierBuilder, FrontierOptions, FrontierPoint, FrontierStats,
    Progress,
};
pub use improve::{improve, ImproveOptions, ImproveOutcome, ImproveTarget, Improvement};
pub use meso::{mesos, Meso, MesoChange, MesoError, MesoOptions, MesoSet};
pub use points::{bargaining_points, BargainingPoint, BargainingPoints};
pub use problem::{
    Evaluation, IssueInput, PackageError, PartyInput, Problem, ProblemError, Warning, TOLERANCE,
};
pub use sensitivity::{
    sensitivity, vary, PackageSensitivity, SensitivityError, SensitivityOptions, SensitivityReport,
    SensitivityRun, SplitMix64,
};
pub use trades::{trades, Trade};

/// Frontier and reference points of a problem, with what was repaired on the way.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// Cache key of the input ([`Problem::fingerprint`]).
    pub fingerprint: u64,
    /// The compiled model.
    pub model: Model,
    /// Repairs made while compiling.
    pub warnings: Vec<Warning>,
    /// The Pareto frontier (exact unless [`Frontier::is_exact`] says otherwise).
    pub frontier: Frontier,
    /// Max joint gain, Nash, Kalai–Smorodinsky, equal gain.
    pub points: BargainingPoints,
}

/// Compiles the problem and computes its frontier and reference points in one call.
pub fn analyze(problem: &Problem, options: &FrontierOptions) -> Result<Analysis, ProblemError> {
    let (model, warnings) = problem.compile()?;
    let frontier = compute_frontier(&model, options);
    let points = bargaining_points(&model, &frontier);
    Ok(Analysis {
        fingerprint: problem.fingerprint(),
        model,
        warnings,
        frontier,
        points,
    })
}
