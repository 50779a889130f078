//! Input types and their validation: a [`Problem`] is checked, repaired where it can be (with
//! [`Warning`]s) and compiled into the integer [`Model`] (see [`super::compiled`]) every
//! computation runs on.

use crate::model::limits::thousands;
use std::fmt;

pub use super::compiled::{dominates, dominates_fixed, Model};

/// Tolerance on the 0–100 scale for display-side comparisons of `f64` values ([`dominates`]),
/// and for acceptability when a model is not exact ([`Model::is_exact`]).
pub const TOLERANCE: f64 = 1e-9;
/// Largest number of parties accepted (the frontier merge is specialised per party count).
pub const MAX_PARTIES: usize = 8;
/// Largest number of options in one issue (back-references store option indices in 16 bits).
pub const MAX_OPTIONS: usize = 10_000;
/// Largest number of issues accepted.
pub const MAX_ISSUES: usize = 1_000;
/// Relative deviation of a party's weight sum from 100 that is silently accepted.
const WEIGHT_SUM_SLACK: f64 = 1e-9;

/// The whole negotiation as plain numbers (plus optional labels used only in descriptions).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Problem {
    /// Two or more parties.
    pub parties: Vec<PartyInput>,
    /// One or more issues; each carries one [`Evaluation`] per party, in party order.
    pub issues: Vec<IssueInput>,
    /// Index of the party that is "us" (the plan's owner); `None` for a neutral planner.
    pub us: Option<usize>,
}

/// A party: name and reservation value (value of its BATNA on the 0–100 scale).
#[derive(Clone, Debug, PartialEq)]
pub struct PartyInput {
    /// Display name (may be empty).
    pub name: String,
    /// Reservation value, 0–100. Out-of-range values are clamped with a warning.
    pub reservation: f64,
    /// Confidence 0..1 in the reservation value (1 = certain). Used by sensitivity only.
    pub reservation_confidence: f64,
}

impl PartyInput {
    /// A party with full confidence in its reservation value.
    pub fn new(name: impl Into<String>, reservation: f64) -> Self {
        Self {
            name: name.into(),
            reservation,
            reservation_confidence: 1.0,
        }
    }
}

/// An issue: its options and how each party evaluates it.
#[derive(Clone, Debug, PartialEq)]
pub struct IssueInput {
    /// Display name (may be empty).
    pub name: String,
    /// Number of options (≥ 1).
    pub options: usize,
    /// Optional option labels; missing ones fall back to "option N" in descriptions.
    pub option_labels: Vec<String>,
    /// One evaluation per party, in the order of [`Problem::parties`].
    pub evaluations: Vec<Evaluation>,
}

impl IssueInput {
    /// An issue without labels.
    pub fn new(name: impl Into<String>, options: usize, evaluations: Vec<Evaluation>) -> Self {
        Self {
            name: name.into(),
            options,
            option_labels: Vec::new(),
            evaluations,
        }
    }
}

/// One party's view of one issue.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// Importance of the issue; a party's weights should sum to 100 (they are normalised).
    pub weight: f64,
    /// Rating 0–100 of each option (length = option count).
    pub ratings: Vec<f64>,
    /// Confidence 0..1 in the weight (1 = certain). Used by sensitivity for counterparts.
    pub weight_confidence: f64,
    /// Confidence 0..1 in the ratings (1 = certain). Used by sensitivity for counterparts.
    pub rating_confidence: f64,
}

impl Evaluation {
    /// An evaluation held with full confidence.
    pub fn new(weight: f64, ratings: Vec<f64>) -> Self {
        Self {
            weight,
            ratings,
            weight_confidence: 1.0,
            rating_confidence: 1.0,
        }
    }
}

/// Input that cannot be analysed. Everything else is repaired and reported as a [`Warning`].
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemError {
    /// Fewer than two parties.
    TooFewParties(usize),
    /// More than [`MAX_PARTIES`] parties.
    TooManyParties(usize),
    /// No issues.
    NoIssues,
    /// More than [`MAX_ISSUES`] issues.
    TooManyIssues(usize),
    /// An issue has no options.
    NoOptions { issue: usize },
    /// An issue has more than [`MAX_OPTIONS`] options.
    TooManyOptions { issue: usize, options: usize },
    /// An issue does not carry exactly one evaluation per party.
    EvaluationCount {
        issue: usize,
        expected: usize,
        found: usize,
    },
    /// A rating list does not have one rating per option.
    RatingCount {
        issue: usize,
        party: usize,
        expected: usize,
        found: usize,
    },
    /// NaN or infinity in a number.
    NotFinite {
        what: &'static str,
        party: usize,
        issue: Option<usize>,
    },
    /// A negative weight.
    NegativeWeight { party: usize, issue: usize },
    /// All of a party's weights are zero, so they cannot be normalised to 100.
    ZeroWeights { party: usize },
    /// `us` does not name a party.
    UsOutOfRange(usize),
}

impl fmt::Display for ProblemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooFewParties(n) => write!(f, "at least two parties are needed (found {n})"),
            Self::TooManyParties(n) => write!(
                f,
                "the analysis handles at most {MAX_PARTIES} parties, and this plan has {n}"
            ),
            Self::NoIssues => write!(f, "at least one issue is needed"),
            Self::TooManyIssues(n) => write!(
                f,
                "the analysis handles at most {} issues, and this plan has {}",
                thousands(MAX_ISSUES),
                thousands(*n)
            ),
            Self::NoOptions { issue } => write!(f, "issue {issue} has no options"),
            Self::TooManyOptions { issue, options } => {
                write!(f, "issue {issue} has {options} options (max {MAX_OPTIONS})")
            }
            Self::EvaluationCount {
                issue,
                expected,
                found,
            } => write!(
                f,
                "issue {issue} has {found} evaluations, expected one per party ({expected})"
            ),
            Self::RatingCount {
                issue,
                party,
                expected,
                found,
            } => write!(
                f,
                "party {party} rates {found} options of issue {issue}, expected {expected}"
            ),
            Self::NotFinite { what, party, issue } => match issue {
                Some(i) => write!(f, "{what} of party {party} on issue {i} is not a number"),
                None => write!(f, "{what} of party {party} is not a number"),
            },
            Self::NegativeWeight { party, issue } => {
                write!(f, "party {party} has a negative weight on issue {issue}")
            }
            Self::ZeroWeights { party } => write!(f, "all weights of party {party} are zero"),
            Self::UsOutOfRange(u) => write!(f, "'us' party {u} does not exist"),
        }
    }
}

impl std::error::Error for ProblemError {}

/// Something repaired during compilation; the analysis still runs.
#[derive(Clone, Debug, PartialEq)]
pub enum Warning {
    /// A party's weights did not sum to 100 and were rescaled proportionally.
    WeightsNormalised { party: usize, sum: f64 },
    /// A rating outside 0–100 was clamped.
    RatingClamped {
        party: usize,
        issue: usize,
        option: usize,
        value: f64,
    },
    /// A reservation value outside 0–100 was clamped.
    ReservationClamped { party: usize, value: f64 },
    /// A confidence outside 0..1 (or NaN) was clamped (NaN becomes 1).
    ConfidenceClamped { party: usize, issue: Option<usize> },
}

/// A package that does not fit the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackageError {
    /// Package length differs from the number of issues.
    WrongLength { expected: usize, found: usize },
    /// Option index beyond the issue's option count.
    OptionOutOfRange { issue: usize, option: usize },
    /// Option excluded by a restriction ([`Model::restrict`]).
    NotAllowed { issue: usize, option: usize },
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WrongLength { expected, found } => {
                write!(f, "package has {found} entries, expected {expected}")
            }
            Self::OptionOutOfRange { issue, option } => {
                write!(f, "option {option} does not exist on issue {issue}")
            }
            Self::NotAllowed { issue, option } => {
                write!(f, "option {option} of issue {issue} is excluded")
            }
        }
    }
}

impl std::error::Error for PackageError {}

/// A number on the 0–100 scale (a rating or a reservation value): not a number is an error,
/// a value outside 0–100 is clamped and reported with the warning `clamped` makes of it.
fn score(
    value: f64,
    what: &'static str,
    party: usize,
    issue: Option<usize>,
    clamped: impl FnOnce(f64) -> Warning,
    warnings: &mut Vec<Warning>,
) -> Result<f64, ProblemError> {
    if !value.is_finite() {
        return Err(ProblemError::NotFinite { what, party, issue });
    }
    if !(0.0..=100.0).contains(&value) {
        warnings.push(clamped(value));
    }
    Ok(value.clamp(0.0, 100.0))
}

fn clamp_conf(c: f64, party: usize, issue: Option<usize>, warnings: &mut Vec<Warning>) -> f64 {
    if c.is_nan() {
        warnings.push(Warning::ConfidenceClamped { party, issue });
        return 1.0;
    }
    if !(0.0..=1.0).contains(&c) {
        warnings.push(Warning::ConfidenceClamped { party, issue });
        return c.clamp(0.0, 1.0);
    }
    c
}

/// Cleaned numbers: normalised weights, clamped ratings/reservations/confidences.
#[derive(Clone, Debug)]
pub(crate) struct Cleaned {
    /// `weights[p][i]`, summing to 100 per party.
    pub weights: Vec<Vec<f64>>,
    /// `ratings[p][i][o]` in 0–100.
    pub ratings: Vec<Vec<Vec<f64>>>,
    pub reservations: Vec<f64>,
    pub weight_conf: Vec<Vec<f64>>,
    pub rating_conf: Vec<Vec<f64>>,
    pub reservation_conf: Vec<f64>,
}

impl Problem {
    /// Builds a problem from matrices: `weights[p][i]`, `ratings[p][i][o]`, `reservations[p]`.
    /// Option counts are taken from party 0's rating lists. Names are "Party N"/"Issue N".
    pub fn from_matrices(
        weights: &[Vec<f64>],
        ratings: &[Vec<Vec<f64>>],
        reservations: &[f64],
        us: Option<usize>,
    ) -> Self {
        let parties = reservations
            .iter()
            .enumerate()
            .map(|(p, &rv)| PartyInput::new(format!("Party {}", p + 1), rv))
            .collect();
        let n_issues = weights.first().map_or(0, Vec::len);
        let issues = (0..n_issues)
            .map(|i| {
                let options = ratings.first().and_then(|r| r.get(i)).map_or(0, Vec::len);
                let evaluations = (0..reservations.len())
                    .map(|p| {
                        let w = weights.get(p).and_then(|w| w.get(i)).copied();
                        let r = ratings.get(p).and_then(|r| r.get(i)).cloned();
                        Evaluation::new(w.unwrap_or(0.0), r.unwrap_or_default())
                    })
                    .collect();
                IssueInput::new(format!("Issue {}", i + 1), options, evaluations)
            })
            .collect();
        Self {
            parties,
            issues,
            us,
        }
    }

    /// Checks the problem; returns the repairs that [`Problem::compile`] will make.
    pub fn validate(&self) -> Result<Vec<Warning>, ProblemError> {
        self.clean().map(|(_, w)| w)
    }

    /// Validates and compiles into the [`Model`], returning repairs as warnings.
    pub fn compile(&self) -> Result<(Model, Vec<Warning>), ProblemError> {
        let (c, warnings) = self.clean()?;
        Ok((Model::from_cleaned(&c, self.us), warnings))
    }

    pub(crate) fn clean(&self) -> Result<(Cleaned, Vec<Warning>), ProblemError> {
        let np = self.parties.len();
        if np < 2 {
            return Err(ProblemError::TooFewParties(np));
        }
        if np > MAX_PARTIES {
            return Err(ProblemError::TooManyParties(np));
        }
        let ni = self.issues.len();
        if ni == 0 {
            return Err(ProblemError::NoIssues);
        }
        if ni > MAX_ISSUES {
            return Err(ProblemError::TooManyIssues(ni));
        }
        if let Some(u) = self.us {
            if u >= np {
                return Err(ProblemError::UsOutOfRange(u));
            }
        }
        let mut warnings = Vec::new();
        let mut weights = vec![vec![0.0; ni]; np];
        let mut ratings = vec![Vec::with_capacity(ni); np];
        let mut weight_conf = vec![vec![1.0; ni]; np];
        let mut rating_conf = vec![vec![1.0; ni]; np];
        for (i, issue) in self.issues.iter().enumerate() {
            if issue.options == 0 {
                return Err(ProblemError::NoOptions { issue: i });
            }
            if issue.options > MAX_OPTIONS {
                return Err(ProblemError::TooManyOptions {
                    issue: i,
                    options: issue.options,
                });
            }
            if issue.evaluations.len() != np {
                return Err(ProblemError::EvaluationCount {
                    issue: i,
                    expected: np,
                    found: issue.evaluations.len(),
                });
            }
            for (p, ev) in issue.evaluations.iter().enumerate() {
                if !ev.weight.is_finite() {
                    return Err(ProblemError::NotFinite {
                        what: "weight",
                        party: p,
                        issue: Some(i),
                    });
                }
                if ev.weight < 0.0 {
                    return Err(ProblemError::NegativeWeight { party: p, issue: i });
                }
                if ev.ratings.len() != issue.options {
                    return Err(ProblemError::RatingCount {
                        issue: i,
                        party: p,
                        expected: issue.options,
                        found: ev.ratings.len(),
                    });
                }
                let mut rs = Vec::with_capacity(issue.options);
                for (o, &r) in ev.ratings.iter().enumerate() {
                    let clamped = |value| Warning::RatingClamped {
                        party: p,
                        issue: i,
                        option: o,
                        value,
                    };
                    rs.push(score(r, "rating", p, Some(i), clamped, &mut warnings)?);
                }
                weights[p][i] = ev.weight;
                ratings[p].push(rs);
                weight_conf[p][i] = clamp_conf(ev.weight_confidence, p, Some(i), &mut warnings);
                rating_conf[p][i] = clamp_conf(ev.rating_confidence, p, Some(i), &mut warnings);
            }
        }
        for (p, w) in weights.iter_mut().enumerate() {
            let sum: f64 = w.iter().sum();
            if sum <= 0.0 {
                return Err(ProblemError::ZeroWeights { party: p });
            }
            if ((sum - 100.0) / 100.0).abs() > WEIGHT_SUM_SLACK {
                warnings.push(Warning::WeightsNormalised { party: p, sum });
                for x in w.iter_mut() {
                    *x = *x * 100.0 / sum;
                }
            }
        }
        let mut reservations = Vec::with_capacity(np);
        let mut reservation_conf = Vec::with_capacity(np);
        for (p, party) in self.parties.iter().enumerate() {
            let clamped = |value| Warning::ReservationClamped { party: p, value };
            let rv = score(
                party.reservation,
                "reservation value",
                p,
                None,
                clamped,
                &mut warnings,
            )?;
            reservations.push(rv);
            reservation_conf.push(clamp_conf(
                party.reservation_confidence,
                p,
                None,
                &mut warnings,
            ));
        }
        Ok((
            Cleaned {
                weights,
                ratings,
                reservations,
                weight_conf,
                rating_conf,
                reservation_conf,
            },
            warnings,
        ))
    }

    /// A cheap 64-bit fingerprint of every field (numbers by bit pattern, labels by bytes), so
    /// the UI can reuse cached results when the inputs have not changed.
    pub fn fingerprint(&self) -> u64 {
        let mut h = Fnv::new();
        h.usize(self.parties.len());
        h.usize(self.us.map_or(usize::MAX, |u| u));
        for p in &self.parties {
            h.str(&p.name);
            h.f64(p.reservation);
            h.f64(p.reservation_confidence);
        }
        h.usize(self.issues.len());
        for i in &self.issues {
            h.str(&i.name);
            h.usize(i.options);
            h.usize(i.option_labels.len());
            for l in &i.option_labels {
                h.str(l);
            }
            h.usize(i.evaluations.len());
            for e in &i.evaluations {
                h.f64(e.weight);
                h.f64(e.weight_confidence);
                h.f64(e.rating_confidence);
                h.usize(e.ratings.len());
                for &r in &e.ratings {
                    h.f64(r);
                }
            }
        }
        h.finish()
    }

    /// Name of an issue, or "Issue N" when empty or missing.
    pub fn issue_name(&self, issue: usize) -> String {
        match self.issues.get(issue) {
            Some(i) if !i.name.trim().is_empty() => i.name.clone(),
            _ => format!("Issue {}", issue + 1),
        }
    }

    /// Label of an option, or "option N" when empty or missing.
    pub fn option_label(&self, issue: usize, option: usize) -> String {
        match self
            .issues
            .get(issue)
            .and_then(|i| i.option_labels.get(option))
        {
            Some(l) if !l.trim().is_empty() => l.clone(),
            _ => format!("option {}", option + 1),
        }
    }

    /// Name of a party, or "Party N" when empty or missing.
    pub fn party_name(&self, party: usize) -> String {
        match self.parties.get(party) {
            Some(p) if !p.name.trim().is_empty() => p.name.clone(),
            _ => format!("Party {}", party + 1),
        }
    }
}

/// FNV-1a, 64 bit: tiny, dependency-free and good enough for cache keys.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn usize(&mut self, v: usize) {
        self.bytes(&(v as u64).to_le_bytes());
    }
    fn f64(&mut self, v: f64) {
        // -0.0 and 0.0 analyse identically, so they hash identically.
        let v = if v == 0.0 { 0.0 } else { v };
        self.bytes(&v.to_bits().to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.usize(s.len());
        self.bytes(s.as_bytes());
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Problem {
        Problem::from_matrices(
            &[vec![60.0, 40.0], vec![30.0, 70.0]],
            &[
                vec![vec![0.0, 50.0, 100.0], vec![100.0, 0.0]],
                vec![vec![100.0, 50.0, 0.0], vec![0.0, 100.0]],
            ],
            &[20.0, 30.0],
            Some(0),
        )
    }

    #[test]
    fn values_are_weighted_sums() {
        let (m, w) = tiny().compile().expect("valid");
        assert!(w.is_empty());
        assert_eq!(m.value(&[2, 0]).expect("ok"), vec![100.0, 0.0]);
        assert_eq!(m.value(&[1, 1]).expect("ok"), vec![30.0, 85.0]);
        assert_eq!(m.acceptable(&[2, 0]).expect("ok"), vec![true, false]);
    }

    #[test]
    fn bad_inputs_are_errors_not_panics() {
        let mut p = tiny();
        p.issues[0].evaluations[1].ratings[0] = f64::NAN;
        assert!(matches!(p.compile(), Err(ProblemError::NotFinite { .. })));
        let mut p = tiny();
        p.issues[1].options = 0;
        assert!(p.compile().is_err());
        let mut p = tiny();
        p.issues.clear();
        assert_eq!(p.compile().err(), Some(ProblemError::NoIssues));
        let mut p = tiny();
        p.us = Some(7);
        assert!(p.compile().is_err());
        let mut p = tiny();
        for i in &mut p.issues {
            i.evaluations[0].weight = 0.0;
        }
        assert_eq!(
            p.compile().err(),
            Some(ProblemError::ZeroWeights { party: 0 })
        );
        assert!(Problem::default().compile().is_err());
    }

    #[test]
    fn too_large_inputs_are_named_in_plain_words() {
        let text = ProblemError::TooManyIssues(10_000).to_string();
        assert_eq!(
            text,
            "the analysis handles at most 1,000 issues, and this plan has 10,000"
        );
        let text = ProblemError::TooManyParties(9).to_string();
        assert_eq!(
            text,
            "the analysis handles at most 8 parties, and this plan has 9"
        );
    }

    #[test]
    fn weights_are_normalised_with_warning() {
        let mut p = tiny();
        p.issues[0].evaluations[0].weight = 6.0;
        p.issues[1].evaluations[0].weight = 4.0;
        p.issues[0].evaluations[1].ratings[0] = 120.0;
        let (m, w) = p.compile().expect("valid");
        assert!(w.contains(&Warning::WeightsNormalised {
            party: 0,
            sum: 10.0
        }));
        assert!(w.iter().any(|x| matches!(x, Warning::RatingClamped { .. })));
        assert_eq!(m.value(&[2, 0]).expect("ok")[0], 100.0);
    }

    #[test]
    fn package_errors() {
        let (m, _) = tiny().compile().expect("valid");
        assert!(m.value(&[0]).is_err());
        assert!(m.value(&[3, 0]).is_err());
        let r = m.restrict(&[Some(1), None]).expect("ok");
        assert_eq!(r.package_count(), 2);
        assert!(r.value(&[0, 0]).is_err());
    }

    #[test]
    fn fingerprint_changes_with_inputs() {
        let a = tiny();
        let mut b = tiny();
        assert_eq!(a.fingerprint(), b.fingerprint());
        b.parties[1].reservation = 31.0;
        assert_ne!(a.fingerprint(), b.fingerprint());
    }

    #[test]
    fn eligible_drops_dominated_options() {
        let p = Problem::from_matrices(
            &[vec![100.0], vec![100.0]],
            &[vec![vec![10.0, 20.0, 20.0]], vec![vec![10.0, 5.0, 10.0]]],
            &[0.0, 0.0],
            None,
        );
        let (m, _) = p.compile().expect("valid");
        assert_eq!(m.eligible(0), &[2]);
    }
}
