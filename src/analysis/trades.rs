//! Trades (logrolling): give on issues we value less and they value more, take on the reverse.
//!
//! For two parties A and B and two issues i, j where A ranks i above j and B ranks j above i
//! (weights compared exactly in the model's units), the suggested trade is: A takes i (gets its
//! best option there) and gives j (B gets its best option there). Its worth is measured
//! against the mirror deal (A gets its best on j, B its best on i): `gain_a` and `gain_b` are
//! each side's value difference between the two deals. When both are positive the trade
//! creates value for both ([`Trade::mutual`]); ratings can make a weight-rank difference
//! one-sided, which is reported rather than hidden.
//!
//! With an "us" party, trades are listed between us and each counterpart; otherwise between
//! every pair of parties. Sorted mutual first, then by combined gain.

use super::compiled::Model;

/// A suggested trade.
#[derive(Clone, Debug, PartialEq)]
pub struct Trade {
    /// The party that takes `take_issue` and gives `give_issue`.
    pub party_a: usize,
    /// The other party.
    pub party_b: usize,
    /// Issue A weights more than `give_issue` and B weights less.
    pub take_issue: usize,
    /// Issue A weights less than `take_issue` and B weights more.
    pub give_issue: usize,
    /// A's best option on `take_issue` (ties: the one B likes most).
    pub take_option: usize,
    /// B's best option on `give_issue` (ties: the one A likes most).
    pub give_option: usize,
    /// A's weights of (take, give).
    pub weights_a: (f64, f64),
    /// B's weights of (take, give).
    pub weights_b: (f64, f64),
    /// A's value gained versus the mirror deal.
    pub gain_a: f64,
    /// B's value gained versus the mirror deal.
    pub gain_b: f64,
    /// Both gains positive.
    pub mutual: bool,
}

/// Best allowed option of `issue` for `party`; ties broken in favour of `other`.
fn best_option(model: &Model, issue: usize, party: usize, other: usize) -> usize {
    let mut best: Option<(i64, i64, usize)> = None;
    for &o in model.allowed(issue) {
        let c = model.contrib_slice(issue, o);
        let (a, b) = (
            c.get(party).copied().unwrap_or(0),
            c.get(other).copied().unwrap_or(0),
        );
        if best.is_none_or(|(ba, bb, _)| a > ba || (a == ba && b > bb)) {
            best = Some((a, b, o));
        }
    }
    best.map_or(0, |(_, _, o)| o)
}

fn c(model: &Model, issue: usize, option: usize, party: usize) -> i64 {
    model
        .contrib_slice(issue, option)
        .get(party)
        .copied()
        .unwrap_or(0)
}

/// Lists trades (see the module docs).
pub fn trades(model: &Model) -> Vec<Trade> {
    let np = model.parties();
    let n = model.issues();
    let pairs: Vec<(usize, usize)> = match model.us() {
        Some(u) => (0..np).filter(|&q| q != u).map(|q| (u, q)).collect(),
        None => (0..np)
            .flat_map(|a| (a + 1..np).map(move |b| (a, b)))
            .collect(),
    };
    let mut out = Vec::new();
    for &(pa, pb) in &pairs {
        for i in 0..n {
            for j in 0..n {
                if i == j {
                    continue;
                }
                // Over ordered issue pairs, each crossing pair appears exactly once with `pa`
                // taking (seen from `pb` it is the same trade), so one orientation suffices.
                {
                    let (a, b) = (pa, pb);
                    // Exact in an exact model; beyond the 1e-9 tolerance otherwise.
                    let tol = model.tolerance_fixed();
                    let w = |p: usize, k: usize| model.weight_fixed(p, k);
                    if !(w(a, i) > w(a, j) + tol && w(b, j) > w(b, i) + tol) {
                        continue;
                    }
                    let (wai, waj) = (model.weight(a, i), model.weight(a, j));
                    let (wbi, wbj) = (model.weight(b, i), model.weight(b, j));
                    let ai = best_option(model, i, a, b);
                    let bj = best_option(model, j, b, a);
                    let aj = best_option(model, j, a, b);
                    let bi = best_option(model, i, b, a);
                    let gain = |p: usize| {
                        c(model, i, ai, p) + c(model, j, bj, p)
                            - c(model, i, bi, p)
                            - c(model, j, aj, p)
                    };
                    let (ga, gb) = (gain(a), gain(b));
                    out.push((
                        ga + gb,
                        Trade {
                            party_a: a,
                            party_b: b,
                            take_issue: i,
                            give_issue: j,
                            take_option: ai,
                            give_option: bj,
                            weights_a: (wai, waj),
                            weights_b: (wbi, wbj),
                            gain_a: model.from_fixed(ga),
                            gain_b: model.from_fixed(gb),
                            mutual: ga > 0 && gb > 0,
                        },
                    ));
                }
            }
        }
    }
    // Combined gains compared as integers, so equal gains tie exactly.
    out.sort_by(|(sx, x), (sy, y)| {
        y.mutual
            .cmp(&x.mutual)
            .then(sy.cmp(sx))
            .then(x.take_issue.cmp(&y.take_issue))
            .then(x.give_issue.cmp(&y.give_issue))
    });
    out.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::super::problem::Problem;
    use super::*;

    #[test]
    fn classic_logroll() {
        // Us cares about issue 0, they care about issue 1; both rate opposite options best.
        let p = Problem::from_matrices(
            &[vec![70.0, 30.0], vec![20.0, 80.0]],
            &[
                vec![vec![100.0, 0.0], vec![100.0, 0.0]],
                vec![vec![0.0, 100.0], vec![0.0, 100.0]],
            ],
            &[0.0, 0.0],
            Some(0),
        );
        let (m, _) = p.compile().expect("valid");
        let t = trades(&m);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!((t.party_a, t.take_issue, t.give_issue), (0, 0, 1));
        assert_eq!((t.take_option, t.give_option), (0, 1));
        assert!(t.mutual);
        assert!((t.gain_a - 40.0).abs() < 1e-9 && (t.gain_b - 60.0).abs() < 1e-9);
    }

    #[test]
    fn same_priorities_no_trade() {
        let p = Problem::from_matrices(
            &[vec![70.0, 30.0], vec![60.0, 40.0]],
            &[
                vec![vec![100.0, 0.0], vec![100.0, 0.0]],
                vec![vec![0.0, 100.0], vec![0.0, 100.0]],
            ],
            &[0.0, 0.0],
            Some(0),
        );
        let (m, _) = p.compile().expect("valid");
        assert!(trades(&m).is_empty());
    }
}
