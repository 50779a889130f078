//! The compiled [`Model`] every computation runs on: each option's contribution to each
//! party's value, as integers in the model's unit (see [`super::exact`]).
//!
//! # Why integers
//! A party's value of a package is a sum of per-issue contributions `w·r/W`. Dominance,
//! acceptability, ties and every tie-break must be decided on the values the user's numbers
//! imply, and the frontier merge sorts and sweeps, which needs a transitive comparison (a
//! tolerance is not). So each contribution is held as an integer number of units of
//! `1/scale` point: sums are exact and associative, and two packages compare the same way
//! whatever algorithm computed them. For inputs that are short decimals or simple fractions
//! (the UI's, and the research formats' thirds and sevenths) the unit is their common
//! denominator and every value is exact ([`Model::is_exact`]); otherwise it is `1e-10` point,
//! each contribution rounded once, and acceptability allows the method's 1e-9 tolerance.

use super::exact::{Units, FALLBACK_SCALE, FALLBACK_TOLERANCE};
use super::problem::{Cleaned, PackageError, TOLERANCE};

/// The compiled problem: per issue, option and party the contribution `w·r/W` in the model's
/// integer unit (see the module docs); `*_fixed` values are counted in that unit.
///
/// A model may be *restricted* (see [`Model::restrict`]): some options of some issues are
/// excluded, which is how partial packages are analysed (chosen issues fixed, open issues free).
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    parties: usize,
    /// Option count per issue (of the original problem, so indices stay stable).
    options: Vec<usize>,
    /// Per issue: `contrib[i][o * parties + p]`.
    contrib: Vec<Vec<i64>>,
    rv: Vec<i64>,
    us: Option<usize>,
    /// Normalised weights `weights[p][i]` (0–100), kept for trades.
    weights: Vec<Vec<f64>>,
    /// The same in units, for exact comparisons.
    weight_units: Vec<Vec<i64>>,
    /// Units per point.
    scale: f64,
    /// Whether every number is held exactly (else contributions are rounded to 1e-10).
    exact: bool,
    /// Allowed option indices per issue (all, unless restricted).
    allowed: Vec<Vec<usize>>,
    /// Allowed options not dominated by another allowed option of the same issue.
    eligible: Vec<Vec<usize>>,
}

impl Model {
    pub(crate) fn from_cleaned(c: &Cleaned, us: Option<usize>) -> Self {
        let np = c.weights.len();
        let ni = c.weights.first().map_or(0, Vec::len);
        let options: Vec<usize> = (0..ni)
            .map(|i| c.ratings.first().and_then(|r| r.get(i)).map_or(0, Vec::len))
            .collect();
        let exact = Units::exact(&c.weights, &c.ratings, &c.reservations);
        let is_exact = exact.is_some();
        let units = exact.unwrap_or_else(|| {
            // Not all simple fractions: a fixed unit of 1e-10 point, each number rounded once.
            let fixed = |v: f64| (v * FALLBACK_SCALE).round() as i64;
            Units {
                scale: FALLBACK_SCALE as u128,
                contrib: options
                    .iter()
                    .enumerate()
                    .map(|(i, &m)| {
                        (0..m * np)
                            .map(|k| {
                                let (o, p) = (k / np, k % np);
                                let w = c.weights[p][i];
                                let r = c.ratings[p][i].get(o).copied().unwrap_or(0.0);
                                fixed(w * r / 100.0)
                            })
                            .collect()
                    })
                    .collect(),
                weights: c
                    .weights
                    .iter()
                    .map(|w| w.iter().map(|&x| fixed(x)).collect())
                    .collect(),
                reservations: c.reservations.iter().map(|&r| fixed(r)).collect(),
            }
        });
        let allowed: Vec<Vec<usize>> = options.iter().map(|&m| (0..m).collect()).collect();
        let mut model = Self {
            parties: np,
            options,
            contrib: units.contrib,
            rv: units.reservations,
            us,
            weights: c.weights.clone(),
            weight_units: units.weights,
            scale: units.scale as f64,
            exact: is_exact,
            allowed,
            eligible: Vec::new(),
        };
        model.eligible = (0..ni).map(|i| model.compute_eligible(i)).collect();
        model
    }

    fn compute_eligible(&self, issue: usize) -> Vec<usize> {
        let allowed = &self.allowed[issue];
        allowed
            .iter()
            .copied()
            .filter(|&o| {
                let a = self.contrib_slice(issue, o);
                !allowed
                    .iter()
                    .any(|&q| q != o && dominates_fixed(self.contrib_slice(issue, q), a))
            })
            .collect()
    }

    /// Number of parties.
    pub fn parties(&self) -> usize {
        self.parties
    }
    /// Number of issues.
    pub fn issues(&self) -> usize {
        self.options.len()
    }
    /// Option count of an issue (0 for an unknown issue).
    pub fn option_count(&self, issue: usize) -> usize {
        self.options.get(issue).copied().unwrap_or(0)
    }
    /// The "us" party, if any.
    pub fn us(&self) -> Option<usize> {
        self.us
    }
    /// Units per point of the `*_fixed` values: the common denominator of the inputs when
    /// the model is exact, `1e10` otherwise.
    pub fn scale(&self) -> f64 {
        self.scale
    }
    /// Whether every value is the exact rational the inputs imply (see [`super::exact`]).
    pub fn is_exact(&self) -> bool {
        self.exact
    }
    /// A value on the 0–100 scale in the model's units (rounded to the nearest unit).
    pub fn to_fixed(&self, v: f64) -> i64 {
        (v * self.scale).round() as i64
    }
    /// A value in the model's units on the 0–100 scale.
    pub fn from_fixed(&self, v: i64) -> f64 {
        v as f64 / self.scale
    }
    /// How far below a reservation value a package may be and still count as acceptable, in
    /// units: 0 for an exact model, the method's 1e-9 point otherwise.
    pub fn tolerance_fixed(&self) -> i64 {
        if self.exact {
            0
        } else {
            FALLBACK_TOLERANCE
        }
    }
    /// Reservation value of a party on the 0–100 scale (0 for an unknown party).
    pub fn reservation(&self, party: usize) -> f64 {
        self.rv.get(party).map_or(0.0, |&v| self.from_fixed(v))
    }
    /// Reservation values in fixed point.
    pub fn reservations_fixed(&self) -> &[i64] {
        &self.rv
    }
    /// Normalised weight (0–100) of an issue for a party (0 when out of range).
    pub fn weight(&self, party: usize, issue: usize) -> f64 {
        self.weights
            .get(party)
            .and_then(|w| w.get(issue))
            .copied()
            .unwrap_or(0.0)
    }
    /// Normalised weight of an issue for a party in units (0 when out of range).
    pub(crate) fn weight_fixed(&self, party: usize, issue: usize) -> i64 {
        self.weight_units
            .get(party)
            .and_then(|w| w.get(issue))
            .copied()
            .unwrap_or(0)
    }
    /// Options allowed on an issue (all unless restricted).
    pub fn allowed(&self, issue: usize) -> &[usize] {
        self.allowed.get(issue).map_or(&[], Vec::as_slice)
    }
    /// Allowed options of an issue that no other allowed option of that issue dominates.
    /// Only these can appear in a Pareto-optimal package.
    pub fn eligible(&self, issue: usize) -> &[usize] {
        self.eligible.get(issue).map_or(&[], Vec::as_slice)
    }
    /// Contribution of an option to every party's value, in fixed point (empty if unknown).
    pub fn contrib_slice(&self, issue: usize, option: usize) -> &[i64] {
        let np = self.parties;
        self.contrib
            .get(issue)
            .and_then(|c| c.get(option * np..option * np + np))
            .unwrap_or(&[])
    }
    /// Contribution `w·r/100` of an option to a party's value (0 when out of range).
    pub fn contribution(&self, issue: usize, option: usize, party: usize) -> f64 {
        self.contrib_slice(issue, option)
            .get(party)
            .map_or(0.0, |&v| self.from_fixed(v))
    }

    /// Number of packages in the (restricted) space, saturating at `u128::MAX`.
    pub fn package_count(&self) -> u128 {
        self.allowed
            .iter()
            .fold(1u128, |acc, a| acc.saturating_mul(a.len() as u128))
    }

    /// Checks that a package has one allowed option per issue.
    pub fn check_package(&self, package: &[usize]) -> Result<(), PackageError> {
        if package.len() != self.issues() {
            return Err(PackageError::WrongLength {
                expected: self.issues(),
                found: package.len(),
            });
        }
        for (i, &o) in package.iter().enumerate() {
            if o >= self.options[i] {
                return Err(PackageError::OptionOutOfRange {
                    issue: i,
                    option: o,
                });
            }
            if !self.allowed[i].contains(&o) {
                return Err(PackageError::NotAllowed {
                    issue: i,
                    option: o,
                });
            }
        }
        Ok(())
    }

    /// Value of a package for every party, in fixed point (issues summed in order).
    pub fn value_fixed(&self, package: &[usize]) -> Result<Vec<i64>, PackageError> {
        self.check_package(package)?;
        let mut v = vec![0i64; self.parties];
        for (i, &o) in package.iter().enumerate() {
            for (acc, c) in v.iter_mut().zip(self.contrib_slice(i, o)) {
                *acc += c;
            }
        }
        Ok(v)
    }

    /// Value of a package for every party on the 0–100 scale.
    pub fn value(&self, package: &[usize]) -> Result<Vec<f64>, PackageError> {
        Ok(self
            .value_fixed(package)?
            .into_iter()
            .map(|v| self.from_fixed(v))
            .collect())
    }

    /// Whether each party finds the package acceptable (`U_p ≥ RV_p`, exactly; within
    /// [`TOLERANCE`] when the model is not exact).
    pub fn acceptable(&self, package: &[usize]) -> Result<Vec<bool>, PackageError> {
        let v = self.value_fixed(package)?;
        let tol = self.tolerance_fixed();
        Ok(v.iter()
            .zip(&self.rv)
            .map(|(&u, &r)| u >= r - tol)
            .collect())
    }

    /// Whether fixed-point values are acceptable to every party.
    pub fn acceptable_fixed(&self, values: &[i64]) -> bool {
        let tol = self.tolerance_fixed();
        values.len() == self.parties && values.iter().zip(&self.rv).all(|(&u, &r)| u >= r - tol)
    }

    /// A model where issue `i` is limited to `partial[i]` when it is `Some`, and free otherwise.
    /// This is how partial packages are analysed: the frontier and points of the restricted
    /// model range over all completions of the partial package. Option indices are unchanged.
    pub fn restrict(&self, partial: &[Option<usize>]) -> Result<Model, PackageError> {
        if partial.len() != self.issues() {
            return Err(PackageError::WrongLength {
                expected: self.issues(),
                found: partial.len(),
            });
        }
        let mut m = self.clone();
        for (i, choice) in partial.iter().enumerate() {
            if let Some(o) = *choice {
                if o >= self.options[i] {
                    return Err(PackageError::OptionOutOfRange {
                        issue: i,
                        option: o,
                    });
                }
                if !self.allowed[i].contains(&o) {
                    return Err(PackageError::NotAllowed {
                        issue: i,
                        option: o,
                    });
                }
                m.allowed[i] = vec![o];
            }
        }
        m.eligible = (0..m.issues()).map(|i| m.compute_eligible(i)).collect();
        Ok(m)
    }
}

/// Dominance on fixed-point vectors, exact: `a ≥ b` everywhere and `a > b` somewhere.
pub fn dominates_fixed(a: &[i64], b: &[i64]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| x >= y)
        && a.iter().zip(b).any(|(x, y)| x > y)
}

/// Dominance on 0–100 values with [`TOLERANCE`]: `a ≥ b − tol` everywhere and `a > b + tol`
/// somewhere. For display-side checks; the engine itself compares fixed-point values.
pub fn dominates(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| *x >= *y - TOLERANCE)
        && a.iter().zip(b).any(|(x, y)| *x > *y + TOLERANCE)
}
