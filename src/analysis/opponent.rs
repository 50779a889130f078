//! What a party's offers reveal about its preferences: the frequency model of the ANAC
//! agents (`shared/docs/method.md`, "Learning the other side from its offers").
//!
//! - An issue on which the party rarely changes its option between consecutive offers is
//!   important to it: issue `i` gets `1 + kept_i` votes, where `kept_i` counts the pairs of
//!   consecutive offers that kept the same option on `i`; weights are the votes normalised
//!   to 100 (the `1` keeps an issue never seen from getting weight 0 and pulls a weak estimate
//!   toward "all issues alike").
//! - An option the party offers often is good for it: a rating is `100 · count / max count`
//!   over that issue's options, so the most offered option is 100 and one never offered is 0.
//!   An issue with no observation has no information: every option reads 50.
//!
//! How much evidence there is: a pair of consecutive offers tells something about relative
//! importance only when it kept some issues and changed others (repeating an offer, or
//! changing everything, moves every issue alike). [`Evidence::strength`] grows with those
//! informative pairs, `pairs / (pairs + 4)`, and [`EvidenceLevel`] names it in three steps so
//! a caller can show a weak estimate as a suggestion.
//!
//! What it can and cannot tell (see the tests' scripted time-dependent agents): a party
//! that concedes through the talks shows the order of its issues; a tough one, which
//! concedes only at the end, shows mainly the issue it gives up first; a party that jumps
//! between very different packages of similar worth is read right less often. Ratings from
//! frequency find a party's best option when it dwells there, and undervalue options it
//! passed through quickly. Hence the evidence measure, and a suggestion rather than a fact.
//!
//! Everything is on plain indices (a package is one option index per issue), so the same
//! model serves the planner's offer log (through [`plan`]'s bridge) and a simulated
//! counterpart learning what the user values. Pure, no panics: an offer that does not fit the
//! issues is refused with an error and changes nothing.

use std::fmt;

/// How many informative pairs make the strength one half.
const HALF_STRENGTH_PAIRS: f64 = 4.0;

/// The frequency model, fed one offer at a time in the order the party made them.
#[derive(Clone, Debug, PartialEq)]
pub struct FrequencyModel {
    /// Options per issue.
    options: Vec<usize>,
    /// Per issue: consecutive pairs (both offers choosing on this issue) that kept its option.
    kept: Vec<u32>,
    /// Per issue, per option: how often it was offered.
    counts: Vec<Vec<u32>>,
    last: Option<Vec<Option<usize>>>,
    offers: usize,
    informative: usize,
}

/// Why an offer was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OfferError {
    /// The offer names a different number of issues than the model has.
    WrongLength { expected: usize, found: usize },
    /// An option index past the issue's options.
    NoSuchOption { issue: usize, option: usize },
}

impl fmt::Display for OfferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OfferError::WrongLength { expected, found } => write!(
                f,
                "the offer has choices for {found} issue(s); the negotiation has {expected}"
            ),
            OfferError::NoSuchOption { issue, option } => {
                write!(f, "issue {} has no option {}", issue + 1, option + 1)
            }
        }
    }
}

impl std::error::Error for OfferError {}

/// How much the offers seen so far can tell, in three steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EvidenceLevel {
    /// No offer yet: the estimate is the prior (all issues alike).
    None,
    /// Fewer than 4 informative pairs: a suggestion at most.
    Weak,
    /// 4 to 11 informative pairs.
    Moderate,
    /// 12 informative pairs or more.
    Strong,
}

/// The amount of evidence behind an estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evidence {
    /// Offers observed.
    pub offers: usize,
    /// Consecutive pairs that kept some issues and changed others.
    pub informative_pairs: usize,
    /// `informative_pairs / (informative_pairs + 4)`: 0 with no evidence, toward 1 with much.
    pub strength: f64,
    pub level: EvidenceLevel,
}

impl Evidence {
    fn from_counts(offers: usize, informative_pairs: usize) -> Evidence {
        let pairs = informative_pairs as f64;
        let strength = pairs / (pairs + HALF_STRENGTH_PAIRS);
        let level = match (offers, informative_pairs) {
            (0, _) => EvidenceLevel::None,
            (_, 0..=3) => EvidenceLevel::Weak,
            (_, 4..=11) => EvidenceLevel::Moderate,
            _ => EvidenceLevel::Strong,
        };
        Evidence {
            offers,
            informative_pairs,
            strength,
            level,
        }
    }
}

/// The estimate of the party's preferences from its offers.
#[derive(Clone, Debug, PartialEq)]
pub struct OpponentEstimate {
    /// Per issue, summing to 100.
    pub weights: Vec<f64>,
    /// Per issue, per option, 0–100 (100 = the option offered most on that issue).
    pub ratings: Vec<Vec<f64>>,
    /// Per issue: how many offers chose an option there (0: its ratings carry no information).
    pub seen: Vec<usize>,
    pub evidence: Evidence,
}

impl OpponentEstimate {
    /// The estimated value of a package (one option index per issue) to the party, 0–100.
    /// Indices out of range count as 0.
    pub fn value(&self, package: &[usize]) -> f64 {
        self.weights
            .iter()
            .zip(&self.ratings)
            .zip(package)
            .map(|((w, r), &o)| w * r.get(o).copied().unwrap_or(0.0) / 100.0)
            .sum()
    }

    /// Issue indices from the most to the least important (ties keep issue order).
    pub fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.weights.len()).collect();
        crate::model::order::sort_by(&mut order, |&a, &b| {
            self.weights[b]
                .partial_cmp(&self.weights[a])
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        order
    }

    /// Per issue, the option offered most (the first of equals); `None` for an issue never seen.
    pub fn favourite_options(&self) -> Vec<Option<usize>> {
        self.ratings
            .iter()
            .zip(&self.seen)
            .map(|(r, &seen)| {
                if seen == 0 {
                    return None;
                }
                r.iter().position(|&x| x >= 100.0)
            })
            .collect()
    }
}

impl FrequencyModel {
    /// A model for issues with these numbers of options, with no offer seen.
    pub fn new(option_counts: &[usize]) -> FrequencyModel {
        FrequencyModel {
            options: option_counts.to_vec(),
            kept: vec![0; option_counts.len()],
            counts: option_counts.iter().map(|&n| vec![0; n]).collect(),
            last: None,
            offers: 0,
            informative: 0,
        }
    }

    /// Records the party's next offer, a complete package.
    pub fn observe(&mut self, offer: &[usize]) -> Result<(), OfferError> {
        let partial: Vec<Option<usize>> = offer.iter().copied().map(Some).collect();
        self.observe_partial(&partial)
    }

    /// Records the party's next offer, in which some issues may be left open (`None`): an
    /// open issue counts for neither its options nor the pairs it is part of.
    pub fn observe_partial(&mut self, offer: &[Option<usize>]) -> Result<(), OfferError> {
        if offer.len() != self.options.len() {
            return Err(OfferError::WrongLength {
                expected: self.options.len(),
                found: offer.len(),
            });
        }
        for (issue, (choice, &n)) in offer.iter().zip(&self.options).enumerate() {
            if let Some(option) = *choice {
                if option >= n {
                    return Err(OfferError::NoSuchOption { issue, option });
                }
            }
        }
        if let Some(last) = &self.last {
            let (mut kept, mut changed) = (false, false);
            for (issue, (a, b)) in last.iter().zip(offer).enumerate() {
                match (a, b) {
                    (Some(a), Some(b)) if a == b => {
                        self.kept[issue] += 1;
                        kept = true;
                    }
                    (Some(_), Some(_)) => changed = true,
                    _ => {}
                }
            }
            if kept && changed {
                self.informative += 1;
            }
        }
        for (issue, choice) in offer.iter().enumerate() {
            if let Some(option) = *choice {
                self.counts[issue][option] += 1;
            }
        }
        self.last = Some(offer.to_vec());
        self.offers += 1;
        Ok(())
    }

    /// Offers observed so far.
    pub fn offers(&self) -> usize {
        self.offers
    }

    /// The estimate from the offers seen so far.
    pub fn estimate(&self) -> OpponentEstimate {
        let votes: Vec<f64> = self.kept.iter().map(|&k| 1.0 + f64::from(k)).collect();
        let total: f64 = votes.iter().sum();
        let weights = votes
            .iter()
            .map(|v| if total > 0.0 { 100.0 * v / total } else { 0.0 })
            .collect();
        let ratings = self
            .counts
            .iter()
            .map(|counts| {
                let max = counts.iter().copied().max().unwrap_or(0);
                counts
                    .iter()
                    .map(|&c| {
                        if max == 0 {
                            50.0
                        } else {
                            100.0 * f64::from(c) / f64::from(max)
                        }
                    })
                    .collect()
            })
            .collect();
        let seen = self
            .counts
            .iter()
            .map(|c| c.iter().map(|&x| x as usize).sum())
            .collect();
        OpponentEstimate {
            weights,
            ratings,
            seen,
            evidence: Evidence::from_counts(self.offers, self.informative),
        }
    }
}

/// The estimate from a sequence of complete offers, in the order they were made. Offers that
/// do not fit the issues are skipped.
pub fn estimate(option_counts: &[usize], offers: &[Vec<usize>]) -> OpponentEstimate {
    let mut model = FrequencyModel::new(option_counts);
    for offer in offers {
        let _ = model.observe(offer);
    }
    model.estimate()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::SplitMix64;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn with_no_offer_every_issue_is_alike_and_there_is_no_evidence() {
        let e = FrequencyModel::new(&[3, 2, 4, 5]).estimate();
        assert!(e.weights.iter().all(|&w| close(w, 25.0)), "{:?}", e.weights);
        assert!(e.ratings.iter().flatten().all(|&r| close(r, 50.0)));
        assert_eq!(e.seen, vec![0; 4]);
        assert_eq!(e.evidence.level, EvidenceLevel::None);
        assert_eq!(e.evidence.strength, 0.0);
        assert_eq!(e.favourite_options(), vec![None; 4]);
        let empty = FrequencyModel::new(&[]).estimate();
        assert!(empty.weights.is_empty());
        assert_eq!(empty.value(&[]), 0.0);
    }

    #[test]
    fn a_hand_computed_sequence() {
        // Three issues; offers (0,0,0) → (0,1,0) → (0,1,2).
        // Pair 1 keeps issues 0 and 2; pair 2 keeps 0 and 1. Votes 3, 2, 2 → 300/7, 200/7, 200/7.
        let e = estimate(&[2, 3, 3], &[vec![0, 0, 0], vec![0, 1, 0], vec![0, 1, 2]]);
        let expected = [300.0 / 7.0, 200.0 / 7.0, 200.0 / 7.0];
        for (w, x) in e.weights.iter().zip(expected) {
            assert!(close(*w, x), "{:?}", e.weights);
        }
        // Issue 0: option 0 three times; issue 1: 0 once, 1 twice; issue 2: 0 twice, 2 once.
        assert_eq!(e.ratings[0], vec![100.0, 0.0]);
        assert_eq!(e.ratings[1], vec![50.0, 100.0, 0.0]);
        assert_eq!(e.ratings[2], vec![100.0, 0.0, 50.0]);
        assert_eq!(e.seen, vec![3, 3, 3]);
        assert_eq!(e.evidence.offers, 3);
        assert_eq!(e.evidence.informative_pairs, 2);
        assert!(close(e.evidence.strength, 2.0 / 6.0));
        assert_eq!(e.evidence.level, EvidenceLevel::Weak);
        assert_eq!(e.ranking(), vec![0, 1, 2]);
        assert_eq!(e.favourite_options(), vec![Some(0), Some(1), Some(0)]);
        // value of (0,1,0): 300/7·1 + 200/7·1 + 200/7·1 = 100
        assert!(close(e.value(&[0, 1, 0]), 100.0));
        assert!(close(e.value(&[1, 2, 1]), 0.0));
    }

    #[test]
    fn repeating_an_offer_or_changing_everything_adds_no_evidence() {
        let mut m = FrequencyModel::new(&[3, 3]);
        for _ in 0..10 {
            m.observe(&[1, 1]).unwrap();
        }
        let e = m.estimate();
        assert_eq!(e.evidence.informative_pairs, 0);
        assert_eq!(e.evidence.level, EvidenceLevel::Weak);
        assert!(close(e.weights[0], 50.0));
        let e = estimate(&[3, 3], &[vec![0, 0], vec![1, 1], vec![2, 2]]);
        assert_eq!(e.evidence.informative_pairs, 0);
        assert!(close(e.weights[0], 50.0));
    }

    #[test]
    fn evidence_grows_through_the_levels() {
        let mut m = FrequencyModel::new(&[2, 5]);
        let mut levels = Vec::new();
        for k in 0..14 {
            m.observe(&[0, k % 5]).unwrap();
            levels.push(m.estimate().evidence.level);
        }
        // Offer k+1 makes k informative pairs.
        assert_eq!(levels[0], EvidenceLevel::Weak);
        assert_eq!(levels[3], EvidenceLevel::Weak);
        assert_eq!(levels[4], EvidenceLevel::Moderate);
        assert_eq!(levels[11], EvidenceLevel::Moderate);
        assert_eq!(levels[12], EvidenceLevel::Strong);
        assert!(levels.windows(2).all(|w| w[0] <= w[1]));
        assert!(m.estimate().evidence.strength < 1.0);
    }

    #[test]
    fn open_issues_count_for_nothing() {
        let mut m = FrequencyModel::new(&[2, 2]);
        m.observe_partial(&[Some(0), None]).unwrap();
        m.observe_partial(&[Some(0), Some(1)]).unwrap();
        m.observe_partial(&[Some(1), Some(1)]).unwrap();
        let e = m.estimate();
        // Pair 1 kept issue 0 (issue 1 open in the first offer); pair 2 kept issue 1.
        assert!(close(e.weights[0], 50.0) && close(e.weights[1], 50.0));
        assert_eq!(e.seen, vec![3, 2]);
        assert_eq!(e.ratings[1], vec![0.0, 100.0]);
        // Pair 1 kept one issue and changed none: not informative; pair 2 is.
        assert_eq!(e.evidence.informative_pairs, 1);
    }

    #[test]
    fn offers_that_do_not_fit_are_refused_and_change_nothing() {
        let mut m = FrequencyModel::new(&[2, 3]);
        m.observe(&[1, 2]).unwrap();
        let before = m.clone();
        assert_eq!(
            m.observe(&[1]),
            Err(OfferError::WrongLength {
                expected: 2,
                found: 1
            })
        );
        assert_eq!(
            m.observe(&[1, 3]),
            Err(OfferError::NoSuchOption {
                issue: 1,
                option: 3
            })
        );
        assert_eq!(m, before);
        assert_eq!(
            m.observe(&[0, 3]).unwrap_err().to_string(),
            "issue 2 has no option 4"
        );
        // `estimate` skips them.
        let e = estimate(&[2, 3], &[vec![1, 2], vec![9, 9], vec![1, 0]]);
        assert_eq!(e.evidence.offers, 2);
    }

    #[test]
    fn weights_always_sum_to_100_and_ratings_stay_in_range() {
        let mut rng = SplitMix64::new(7);
        for _ in 0..200 {
            let n = 1 + (rng.next_u64() % 6) as usize;
            let counts: Vec<usize> = (0..n).map(|_| 1 + (rng.next_u64() % 5) as usize).collect();
            let mut m = FrequencyModel::new(&counts);
            for _ in 0..(rng.next_u64() % 30) {
                let offer: Vec<Option<usize>> = counts
                    .iter()
                    .map(|&c| {
                        let open = rng.next_u64().is_multiple_of(4);
                        (!open).then(|| (rng.next_u64() as usize) % c)
                    })
                    .collect();
                m.observe_partial(&offer).unwrap();
            }
            let e = m.estimate();
            assert!((e.weights.iter().sum::<f64>() - 100.0).abs() < 1e-9);
            assert!(e.weights.iter().all(|w| *w > 0.0));
            assert!(e
                .ratings
                .iter()
                .flatten()
                .all(|r| (0.0..=100.0).contains(r)));
            let v = e.value(&vec![0; n]);
            assert!((0.0..=100.0 + 1e-9).contains(&v), "{v}");
        }
    }

    /// How a scripted agent picks among the packages worth about its aim.
    #[derive(Clone, Copy, Debug)]
    enum Pick {
        /// The package nearest its aim, not below it (GENIUS's `TimeDependentAgent`).
        Nearest,
        /// One at random among those worth from its aim to 0.05 more (the lowest above its
        /// aim when none is).
        Window,
    }

    /// A time-dependent agent (method.md, "Rehearsal against a simulated counterpart"): at
    /// time `t` it aims at `u(t) = rv + (1 − rv)(1 − t^(1/e))` on a 0–1 scale.
    struct TimeDependentAgent {
        weights: Vec<f64>,
        ratings: Vec<Vec<f64>>,
        reservation: f64,
        e: f64,
        pick: Pick,
        rng: SplitMix64,
    }

    impl TimeDependentAgent {
        fn utility(&self, package: &[usize]) -> f64 {
            self.weights
                .iter()
                .zip(&self.ratings)
                .zip(package)
                .map(|((w, r), &o)| w * r[o])
                .sum()
        }

        fn offer(&mut self, t: f64, all: &[Vec<usize>]) -> Vec<usize> {
            let rv = self.reservation;
            let aim = rv + (1.0 - rv) * (1.0 - t.powf(1.0 / self.e)) - 1e-12;
            let above = |p: &&Vec<usize>| self.utility(p) >= aim;
            let lowest_above = all
                .iter()
                .filter(above)
                .min_by(|a, b| self.utility(a).total_cmp(&self.utility(b)))
                .cloned()
                .unwrap_or_default();
            match self.pick {
                Pick::Nearest => lowest_above,
                Pick::Window => {
                    let window: Vec<&Vec<usize>> = all
                        .iter()
                        .filter(above)
                        .filter(|p| self.utility(p) <= aim + 0.05)
                        .collect();
                    if window.is_empty() {
                        return lowest_above;
                    }
                    let k = (self.rng.next_u64() % window.len() as u64) as usize;
                    window[k].clone()
                }
            }
        }
    }

    fn all_packages(counts: &[usize]) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new()];
        for &n in counts {
            out = out
                .into_iter()
                .flat_map(|p| {
                    (0..n).map(move |o| {
                        let mut q = p.clone();
                        q.push(o);
                        q
                    })
                })
                .collect();
        }
        out
    }

    /// Runs an agent with the given weights (issue order) over `rounds` offers and returns
    /// (estimated ranking, true ranking, whether its favourite on its top issue was found).
    fn run_agent(
        weights: &[f64],
        options: usize,
        e: f64,
        pick: Pick,
        seed: u64,
        rounds: usize,
    ) -> (Vec<usize>, Vec<usize>, bool) {
        let n = weights.len();
        let counts = vec![options; n];
        let all = all_packages(&counts);
        // Each issue's options in a different order of preference, linear from 1 to 0.
        let ratings: Vec<Vec<f64>> = (0..n)
            .map(|i| {
                (0..options)
                    .map(|o| 1.0 - ((o + i) % options) as f64 / (options - 1) as f64)
                    .collect()
            })
            .collect();
        let mut agent = TimeDependentAgent {
            weights: weights.to_vec(),
            ratings: ratings.clone(),
            reservation: 0.4,
            e,
            pick,
            rng: SplitMix64::new(seed),
        };
        let offers: Vec<Vec<usize>> = (0..rounds)
            .map(|r| agent.offer(r as f64 / (rounds - 1) as f64, &all))
            .collect();
        let est = estimate(&counts, &offers);
        let mut truth: Vec<usize> = (0..n).collect();
        truth.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]));
        let top = truth[0];
        let best = (0..options).find(|&o| ratings[top][o] == 1.0);
        let found = est.favourite_options()[top] == best;
        (est.ranking(), truth, found)
    }

    #[test]
    fn a_time_dependent_agents_offers_rank_its_issues_correctly() {
        // Three issues with clearly different weights, in every order; 3 to 5 options;
        // 20 or 40 offers, each the package nearest the agent's aim.
        let base = [0.6, 0.3, 0.1];
        let orders = [
            [0, 1, 2],
            [0, 2, 1],
            [1, 0, 2],
            [1, 2, 0],
            [2, 0, 1],
            [2, 1, 0],
        ];
        let (mut runs, mut steady_runs, mut steady_right) = (0, 0, 0);
        for order in orders {
            let weights: Vec<f64> = order.iter().map(|&k| base[k]).collect();
            for options in 3..=5 {
                for rounds in [20, 40] {
                    // Steady and accommodating agents concede throughout: the full order
                    // of their issues shows (the model is a heuristic: nearly always).
                    for e in [1.0, 2.0] {
                        let (est, truth, _) =
                            run_agent(&weights, options, e, Pick::Nearest, 0, rounds);
                        steady_right += usize::from(est == truth);
                        steady_runs += 1;
                    }
                    // A tough agent concedes only at the end and reveals less: the issue it
                    // gives up first comes last, and the option it offered most on its most
                    // important issue is its best one (it held on to it).
                    let (est, truth, found) =
                        run_agent(&weights, options, 0.2, Pick::Nearest, 0, rounds);
                    let case = format!("{weights:?} {options} options tough {rounds}");
                    assert_eq!(est.last(), truth.last(), "{case}");
                    assert!(found, "{case}");
                    runs += 1;
                }
            }
        }
        assert_eq!((runs, steady_runs), (36, 72));
        assert!(steady_right >= 70, "{steady_right}/72");
    }

    #[test]
    fn an_agent_bidding_at_random_near_its_aim_is_mostly_read_right() {
        // The harder case: offers drawn at random among packages worth about the aim. The
        // frequency model is a weak estimator here (see the module doc): the most important
        // issue still comes first in nearly every run, the full order in most.
        let weights = [0.6, 0.3, 0.1];
        let (mut top_right, mut all_right, mut runs) = (0, 0, 0);
        for options in 3..=5 {
            for e in [0.2, 1.0, 2.0] {
                for seed in 1..=10 {
                    let (est, truth, _) = run_agent(&weights, options, e, Pick::Window, seed, 30);
                    top_right += usize::from(est[0] == truth[0]);
                    all_right += usize::from(est == truth);
                    runs += 1;
                }
            }
        }
        assert!(top_right * 10 >= runs * 9, "{top_right}/{runs}");
        assert!(all_right * 10 >= runs * 7, "{all_right}/{runs}");
    }
}
