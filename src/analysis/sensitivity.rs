//! Sensitivity of conclusions to our estimates of the counterparts.
//!
//! Counterparts' weights, ratings and reservation values are estimates, each with a confidence
//! in 0..1 (1 = certain). We draw perturbed versions of the problem with a seeded PRNG
//! (SplitMix64, so results are reproducible across runs and platforms) and report, for each
//! package of interest, the share of samples in which it is acceptable to each party, to all,
//! and on the Pareto frontier. "Us" is never perturbed (we know our own preferences); with no
//! "us" every party is.
//!
//! Perturbation of a party with confidence `c` (uniform noise `u ∈ [−1, 1]`, fresh per number):
//! - weight: `w · (1 + (1−c)·WEIGHT_SPREAD·u)`, then the party's weights are renormalised to 100;
//! - rating: `r + (1−c)·RATING_SPREAD·u`, clamped to 0–100;
//! - reservation value: `rv + (1−c)·RESERVATION_SPREAD·u`, clamped to 0–100.
//!
//! Every sample draws the same amount of random numbers regardless of confidences, so changing
//! one confidence does not reshuffle the noise applied elsewhere.
//!
//! [`vary`] draws one such version as a [`Problem`]: a rehearsal's counterpart gets its true
//! preferences from it, so practice and this analysis mean the same by "how sure we are".

use super::compiled::Model;
use super::frontier::{compute_frontier, FrontierOptions, Progress};
use super::problem::{Cleaned, PackageError, Problem, ProblemError};

/// Relative weight noise at confidence 0 (±50 %).
pub const WEIGHT_SPREAD: f64 = 0.5;
/// Rating noise at confidence 0 (±30 rating points).
pub const RATING_SPREAD: f64 = 30.0;
/// Reservation-value noise at confidence 0 (±15 points).
pub const RESERVATION_SPREAD: f64 = 15.0;

/// SplitMix64: a tiny, fast, well-mixed seeded generator (no external crates).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in [−1, 1).
    pub fn symmetric(&mut self) -> f64 {
        self.next_f64() * 2.0 - 1.0
    }
}

/// Sampling settings.
#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityOptions {
    /// Number of perturbed samples (default 200).
    pub samples: usize,
    /// PRNG seed.
    pub seed: u64,
    /// Bounds for each sample's frontier computation.
    pub frontier: FrontierOptions,
    /// Whether to compute each sample's frontier for [`PackageSensitivity::on_frontier`].
    /// That is most of a sample's cost; without it `on_frontier` is reported as 0.
    pub frontier_share: bool,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        Self {
            samples: 200,
            seed: 0x5eed_5eed,
            frontier: FrontierOptions::default(),
            frontier_share: true,
        }
    }
}

/// Probabilities for one package.
#[derive(Clone, Debug, PartialEq)]
pub struct PackageSensitivity {
    /// The package.
    pub package: Vec<usize>,
    /// Per party: share of samples where the package is acceptable to it.
    pub acceptable: Vec<f64>,
    /// Share of samples where it is acceptable to every party.
    pub acceptable_to_all: f64,
    /// Share of samples where it is Pareto-optimal.
    pub on_frontier: f64,
}

/// Result of a sensitivity run.
#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityReport {
    /// Samples drawn so far.
    pub samples: usize,
    /// Seed used.
    pub seed: u64,
    /// One entry per requested package.
    pub packages: Vec<PackageSensitivity>,
    /// False if some sample's frontier had to be ε-thinned (frontier shares then approximate).
    pub exact: bool,
}

/// Error starting a sensitivity run.
#[derive(Clone, Debug, PartialEq)]
pub enum SensitivityError {
    /// The problem is invalid.
    Problem(ProblemError),
    /// A requested package does not fit the problem.
    Package { index: usize, error: PackageError },
}

impl std::fmt::Display for SensitivityError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Problem(e) => write!(f, "{e}"),
            Self::Package { index, error } => write!(f, "package {index}: {error}"),
        }
    }
}

impl std::error::Error for SensitivityError {}

/// A sliced sensitivity computation: call [`SensitivityRun::step`] until finished.
#[derive(Clone, Debug)]
pub struct SensitivityRun {
    base: Cleaned,
    us: Option<usize>,
    packages: Vec<Vec<usize>>,
    options: SensitivityOptions,
    rng: SplitMix64,
    done: usize,
    acceptable: Vec<Vec<u64>>,
    all: Vec<u64>,
    frontier: Vec<u64>,
    exact: bool,
}

impl SensitivityRun {
    /// Prepares a run; fails on an invalid problem or package.
    pub fn new(
        problem: &Problem,
        packages: Vec<Vec<usize>>,
        options: SensitivityOptions,
    ) -> Result<Self, SensitivityError> {
        let (base, _) = problem.clean().map_err(SensitivityError::Problem)?;
        let model = Model::from_cleaned(&base, problem.us);
        for (index, p) in packages.iter().enumerate() {
            model
                .check_package(p)
                .map_err(|error| SensitivityError::Package { index, error })?;
        }
        let np = model.parties();
        let k = packages.len();
        Ok(Self {
            base,
            us: problem.us,
            packages,
            rng: SplitMix64::new(options.seed),
            options,
            done: 0,
            acceptable: vec![vec![0; np]; k],
            all: vec![0; k],
            frontier: vec![0; k],
            exact: true,
        })
    }

    fn perturbed(&mut self) -> Model {
        let c = perturb(&self.base, self.us, &mut self.rng);
        Model::from_cleaned(&c, self.us)
    }

    /// Draws up to `max_samples` samples (at least one if any remain).
    pub fn step(&mut self, max_samples: usize) -> Progress {
        let mut n = 0;
        while self.done < self.options.samples && (n < max_samples.max(1)) {
            let model = self.perturbed();
            let f = self
                .options
                .frontier_share
                .then(|| compute_frontier(&model, &self.options.frontier));
            self.exact &= f.as_ref().is_none_or(|f| f.is_exact());
            for (k, p) in self.packages.iter().enumerate() {
                if let Ok(acc) = model.acceptable(p) {
                    for (slot, a) in self.acceptable[k].iter_mut().zip(&acc) {
                        *slot += u64::from(*a);
                    }
                    self.all[k] += u64::from(acc.iter().all(|&a| a));
                }
                if let Some(f) = &f {
                    self.frontier[k] += u64::from(f.contains_package(&model, p));
                }
            }
            self.done += 1;
            n += 1;
        }
        self.progress()
    }

    /// Current progress.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.done,
            total: self.options.samples,
            points: 0,
            finished: self.done >= self.options.samples,
        }
    }

    /// Report over the samples drawn so far.
    pub fn report(&self) -> SensitivityReport {
        let d = self.done.max(1) as f64;
        SensitivityReport {
            samples: self.done,
            seed: self.options.seed,
            exact: self.exact,
            packages: self
                .packages
                .iter()
                .enumerate()
                .map(|(k, p)| PackageSensitivity {
                    package: p.clone(),
                    acceptable: self.acceptable[k].iter().map(|&c| c as f64 / d).collect(),
                    acceptable_to_all: self.all[k] as f64 / d,
                    on_frontier: self.frontier[k] as f64 / d,
                })
                .collect(),
        }
    }
}

/// One plausible version of the numbers (the variation model in the module docs): every
/// party but `us` perturbed within the confidence of its estimates. The sensitivity samples
/// and a rehearsal's counterpart are drawn by this one function.
pub(crate) fn perturb(base: &Cleaned, us: Option<usize>, rng: &mut SplitMix64) -> Cleaned {
    let mut c = base.clone();
    let np = c.weights.len();
    for p in 0..np {
        let perturb = us != Some(p);
        let ni = c.weights[p].len();
        for i in 0..ni {
            let u = rng.symmetric();
            if perturb {
                let conf = c.weight_conf[p][i];
                c.weights[p][i] =
                    (c.weights[p][i] * (1.0 + (1.0 - conf) * WEIGHT_SPREAD * u)).max(0.0);
            }
            let conf = c.rating_conf[p][i];
            for r in c.ratings[p][i].iter_mut() {
                let u = rng.symmetric();
                if perturb {
                    *r = (*r + (1.0 - conf) * RATING_SPREAD * u).clamp(0.0, 100.0);
                }
            }
        }
        let u = rng.symmetric();
        if perturb {
            let conf = c.reservation_conf[p];
            c.reservations[p] =
                (c.reservations[p] + (1.0 - conf) * RESERVATION_SPREAD * u).clamp(0.0, 100.0);
        }
        let sum: f64 = c.weights[p].iter().sum();
        if sum > 0.0 {
            for w in c.weights[p].iter_mut() {
                *w = *w * 100.0 / sum;
            }
        } else {
            c.weights[p].clone_from(&base.weights[p]);
        }
    }
    c
}

/// One plausible version of a problem, drawn with [`perturb`]: the same parties, issues and
/// labels, with every number but `us`'s varied within its confidence (weights normalised to
/// 100, ratings and reservation values clamped to 0–100) and every confidence set to 1.
/// A rehearsal draws its counterpart's true preferences this way.
pub fn vary(problem: &Problem, rng: &mut SplitMix64) -> Result<Problem, ProblemError> {
    let (base, _) = problem.clean()?;
    let c = perturb(&base, problem.us, rng);
    let mut out = problem.clone();
    for (p, party) in out.parties.iter_mut().enumerate() {
        party.reservation = c.reservations[p];
        party.reservation_confidence = 1.0;
    }
    for (i, issue) in out.issues.iter_mut().enumerate() {
        for (p, e) in issue.evaluations.iter_mut().enumerate() {
            e.weight = c.weights[p][i];
            e.ratings.clone_from(&c.ratings[p][i]);
            e.weight_confidence = 1.0;
            e.rating_confidence = 1.0;
        }
    }
    Ok(out)
}

/// Runs a whole sensitivity analysis at once.
pub fn sensitivity(
    problem: &Problem,
    packages: Vec<Vec<usize>>,
    options: SensitivityOptions,
) -> Result<SensitivityReport, SensitivityError> {
    let mut run = SensitivityRun::new(problem, packages, options)?;
    while !run.step(usize::MAX).finished {}
    Ok(run.report())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem() -> Problem {
        let mut p = Problem::from_matrices(
            &[vec![50.0, 50.0], vec![50.0, 50.0]],
            &[
                vec![vec![0.0, 100.0], vec![0.0, 100.0]],
                vec![vec![100.0, 0.0], vec![100.0, 0.0]],
            ],
            &[10.0, 45.0],
            Some(0),
        );
        for i in &mut p.issues {
            i.evaluations[1].rating_confidence = 0.5;
            i.evaluations[1].weight_confidence = 0.5;
        }
        p.parties[1].reservation_confidence = 0.5;
        p
    }

    #[test]
    fn reproducible_and_certain_when_confident() {
        let pk = vec![vec![0, 1], vec![1, 1]];
        let a = sensitivity(&problem(), pk.clone(), SensitivityOptions::default()).expect("ok");
        let b = sensitivity(&problem(), pk.clone(), SensitivityOptions::default()).expect("ok");
        assert_eq!(a, b);
        // Us is never perturbed.
        assert_eq!(a.packages[1].acceptable[0], 1.0);
        // [0,1] is worth 50 to the counterpart, RV 45 ± 7.5: sometimes unacceptable.
        let q = a.packages[0].acceptable[1];
        assert!(q > 0.2 && q < 1.0, "{q}");
        let mut certain = problem();
        for i in &mut certain.issues {
            i.evaluations[1].rating_confidence = 1.0;
            i.evaluations[1].weight_confidence = 1.0;
        }
        certain.parties[1].reservation_confidence = 1.0;
        let c = sensitivity(&certain, pk, SensitivityOptions::default()).expect("ok");
        assert_eq!(c.packages[0].acceptable[1], 1.0);
        assert_eq!(c.packages[0].on_frontier, 1.0);
        assert_eq!(c.packages[1].acceptable[1], 0.0);
    }

    #[test]
    fn skipping_the_frontier_leaves_acceptability_unchanged() {
        let pk = vec![vec![0, 1], vec![1, 1]];
        let with = sensitivity(&problem(), pk.clone(), SensitivityOptions::default()).unwrap();
        let options = SensitivityOptions {
            frontier_share: false,
            ..SensitivityOptions::default()
        };
        let without = sensitivity(&problem(), pk, options).unwrap();
        for (a, b) in with.packages.iter().zip(&without.packages) {
            assert_eq!(a.acceptable, b.acceptable);
            assert_eq!(a.acceptable_to_all, b.acceptable_to_all);
            assert_eq!(b.on_frontier, 0.0);
        }
        assert!(with.packages[1].on_frontier > 0.0);
    }

    #[test]
    fn a_varied_problem_is_a_sensitivity_sample() {
        // The first sample of a run and `vary` with the run's seed are the same draw.
        let pk = vec![vec![0, 1], vec![1, 0], vec![1, 1]];
        for seed in 0..20 {
            let options = SensitivityOptions {
                samples: 1,
                seed,
                frontier_share: false,
                ..SensitivityOptions::default()
            };
            let report = sensitivity(&problem(), pk.clone(), options).unwrap();
            let varied = vary(&problem(), &mut SplitMix64::new(seed)).unwrap();
            let (model, warnings) = varied.compile().unwrap();
            assert!(warnings.is_empty(), "{warnings:?}");
            for (k, p) in pk.iter().enumerate() {
                let acc = model.acceptable(p).unwrap();
                let shares: Vec<f64> = acc.iter().map(|&a| f64::from(u8::from(a))).collect();
                assert_eq!(report.packages[k].acceptable, shares, "seed {seed}");
            }
        }
    }

    #[test]
    fn vary_leaves_us_and_certain_estimates_alone() {
        let base = problem();
        let varied = vary(&base, &mut SplitMix64::new(3)).unwrap();
        for (a, b) in base.issues.iter().zip(&varied.issues) {
            assert_eq!(a.evaluations[0].ratings, b.evaluations[0].ratings);
            assert_eq!(a.evaluations[0].weight, b.evaluations[0].weight);
            assert_eq!(b.evaluations[1].rating_confidence, 1.0);
        }
        assert_eq!(varied.parties[0].reservation, 10.0);
        assert_ne!(varied.parties[1].reservation, 45.0);
        assert!((40.0..=50.0).contains(&varied.parties[1].reservation));
        let sum: f64 = varied.issues.iter().map(|i| i.evaluations[1].weight).sum();
        assert!((sum - 100.0).abs() < 1e-9);
        let mut certain = problem();
        certain.parties[1].reservation_confidence = 1.0;
        for i in &mut certain.issues {
            i.evaluations[1].rating_confidence = 1.0;
            i.evaluations[1].weight_confidence = 1.0;
        }
        assert_eq!(vary(&certain, &mut SplitMix64::new(3)).unwrap(), certain);
        assert!(vary(&Problem::default(), &mut SplitMix64::new(3)).is_err());
    }

    #[test]
    fn bad_package_is_an_error() {
        assert!(sensitivity(&problem(), vec![vec![5, 0]], SensitivityOptions::default()).is_err());
    }
}
