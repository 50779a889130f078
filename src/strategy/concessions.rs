//! The concession plan: frontier packages from the opening to the target in shrinking
//! steps, one step beyond the target, and the stop at the walk-away.
//!
//! The packages come from a chain of acceptable frontier points ordered by our value,
//! kept only while no counterpart's value falls (with two parties that is every frontier
//! point: less for us is more for them). Between the opening and the target up to two
//! intermediate steps are picked so that the concessions shrink, nearest the ideal split
//! (4/7, 2/7 and 1/7 of the way with two steps, 2/3 and 1/3 with one); the step beyond the
//! target aims at half the last planned concession, and no more than it. Each step says what it gives, in the order
//! that costs us least for what it is worth to them, and what to ask for in return.

use super::{num, Cx, Planned};
use crate::analysis::explain::{list, signed};
use crate::model::order;

const TOL: f64 = 1e-9;

/// One package of the plan and the move that leads to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Concession {
    /// "Opening", "Step 1", "Target", "Beyond the target".
    pub label: String,
    /// The chart's tag: "O", "1", "2", "T", "R".
    pub tag: String,
    pub beyond_target: bool,
    pub package: Planned,
    /// What this step gives, cheapest for us per point it is worth to them first.
    pub gives: Vec<String>,
    /// What to ask for in return.
    pub asks: Vec<String>,
    /// The whole step in sentences.
    pub text: String,
    /// Our value given up against the previous step (0 for the opening).
    pub concession: f64,
}

/// The plan from frontier point `o` (opening) to `t` (target) and one step beyond.
pub(crate) fn plan(cx: &Cx, o: usize, t: usize) -> Vec<Concession> {
    let walk = cx.analysis.model.reservation(cx.us);
    let mut points: Vec<usize> = cx
        .acceptable
        .iter()
        .copied()
        .filter(|&k| cx.ours(k) >= walk - TOL)
        .collect();
    order::sort_by(&mut points, |&a, &b| {
        cx.ours(b)
            .total_cmp(&cx.ours(a))
            .then(total(cx, b).total_cmp(&total(cx, a)))
    });
    let (o_th, t_th) = (cx.theirs(o), cx.theirs(t));
    let between = |k: usize| {
        let th = cx.theirs(k);
        cx.ours(k) <= cx.ours(o) + TOL
            && cx.ours(k) >= cx.ours(t) - TOL
            && th
                .iter()
                .zip(&o_th)
                .zip(&t_th)
                .all(|((v, lo), hi)| *v >= lo - TOL && *v <= hi + TOL)
    };
    let mut to_target = chain(cx, o, points.iter().copied().filter(|&k| between(k)));
    if to_target.last() != Some(&t) {
        if to_target.len() > 1
            && to_target
                .last()
                .is_some_and(|&l| cx.ours(l) <= cx.ours(t) + TOL)
        {
            to_target.pop();
        }
        if o != t {
            to_target.push(t);
        }
    }
    let inner = &to_target[1..to_target.len().saturating_sub(1).max(1)];
    let mut picked = vec![o];
    picked.extend(shrinking(cx, o, t, inner));
    if o != t {
        picked.push(t);
    }
    // One step beyond the target, about half the last planned concession and no larger.
    let beyond = chain(
        cx,
        t,
        points
            .iter()
            .copied()
            .filter(|&k| cx.ours(k) < cx.ours(t) - TOL),
    );
    let last = picked.len().checked_sub(2).map(|j| picked[j]);
    let size = last.map_or(0.0, |l| cx.ours(l) - cx.ours(t));
    let level = if size > TOL {
        cx.ours(t) - size / 2.0
    } else {
        cx.ours(t) - (cx.ours(t) - walk) / 3.0
    };
    let near = |a: &&usize, b: &&usize| {
        (cx.ours(**a) - level)
            .abs()
            .total_cmp(&(cx.ours(**b) - level).abs())
    };
    let within: Vec<usize> = beyond[1..]
        .iter()
        .copied()
        .filter(|&k| size <= TOL || cx.ours(t) - cx.ours(k) <= size + TOL)
        .collect();
    let reserve = match within.iter().min_by(near) {
        Some(&k) => Some(k),
        None => beyond.get(1).copied(),
    };

    let f = &cx.analysis.frontier;
    let mut packages: Vec<Planned> = picked.iter().map(|&k| cx.planned(&f.package(k))).collect();
    if let Some(r) = reserve {
        packages.push(cx.planned(&f.package(r)));
    }
    {
        let mut refs: Vec<&mut Planned> = packages.iter_mut().collect();
        cx.add_chances(&mut refs);
    }
    let n_planned = picked.len();
    let mut out: Vec<Concession> = Vec::new();
    for (j, package) in packages.into_iter().enumerate() {
        let (label, tag) = if j == 0 {
            if o == t {
                ("Opening (also the target)".to_string(), "O".to_string())
            } else {
                ("Opening".to_string(), "O".to_string())
            }
        } else if j + 1 == n_planned {
            ("Target".to_string(), "T".to_string())
        } else if j < n_planned {
            (format!("Step {j}"), j.to_string())
        } else {
            ("Beyond the target".to_string(), "R".to_string())
        };
        let step = match out.last() {
            None => opening_step(label, tag, package),
            Some(prev) => next_step(cx, prev, label, tag, package, j >= n_planned),
        };
        out.push(step);
    }
    out
}

/// Up to two points of `inner` (between the opening `o` and the target `t`, our value
/// descending) that make the concessions shrink, nearest the ideal levels: two if any pair
/// shrinks, else one, else none. Long chains are thinned to 200 candidates first.
fn shrinking(cx: &Cx, o: usize, t: usize, inner: &[usize]) -> Vec<usize> {
    let cand: Vec<usize> = if inner.len() > 200 {
        (0..200)
            .map(|j| inner[j * (inner.len() - 1) / 199])
            .collect()
    } else {
        inner.to_vec()
    };
    let (uo, ut) = (cx.ours(o), cx.ours(t));
    let d = uo - ut;
    let u: Vec<f64> = cand.iter().map(|&k| cx.ours(k)).collect();
    let sq = |v: f64, share: f64| (v - (uo - share * d)).powi(2);
    let mut best: Option<(f64, Vec<usize>)> = None;
    for a in 0..cand.len() {
        for b in a + 1..cand.len() {
            let (c1, c2, c3) = (uo - u[a], u[a] - u[b], u[b] - ut);
            if c1 + TOL >= c2 && c2 + TOL >= c3 && c3 > TOL {
                let score = sq(u[a], 4.0 / 7.0) + sq(u[b], 6.0 / 7.0);
                if best.as_ref().is_none_or(|(s, _)| score < *s) {
                    best = Some((score, vec![cand[a], cand[b]]));
                }
            }
        }
    }
    if best.is_none() {
        for a in 0..cand.len() {
            let (c1, c2) = (uo - u[a], u[a] - ut);
            if c1 + TOL >= c2 && c2 > TOL {
                let score = sq(u[a], 2.0 / 3.0);
                if best.as_ref().is_none_or(|(s, _)| score < *s) {
                    best = Some((score, vec![cand[a]]));
                }
            }
        }
    }
    best.map(|(_, v)| v).unwrap_or_default()
}

/// From `start`, the points of `rest` (our value descending) that keep our value falling
/// and no counterpart's value falling.
fn chain(cx: &Cx, start: usize, rest: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out = vec![start];
    for k in rest {
        let last = out[out.len() - 1];
        if k == last {
            continue;
        }
        let falls_for_us = cx.ours(k) < cx.ours(last) - TOL;
        let none_worse = cx
            .theirs(k)
            .iter()
            .zip(cx.theirs(last))
            .all(|(a, b)| *a >= b - TOL);
        if falls_for_us && none_worse {
            out.push(k);
        }
    }
    out
}

fn total(cx: &Cx, k: usize) -> f64 {
    cx.theirs(k).iter().sum()
}

fn opening_step(label: String, tag: String, package: Planned) -> Concession {
    Concession {
        label,
        tag,
        beyond_target: false,
        text: "Open here, or with the offers of equal value below, and expect a counter-offer: the plan leaves room to move.".into(),
        package,
        gives: Vec::new(),
        asks: Vec::new(),
        concession: 0.0,
    }
}

/// One issue changed between two packages: option indices and each party's change.
struct Change {
    issue: usize,
    from: usize,
    to: usize,
    deltas: Vec<f64>,
}

fn changes(cx: &Cx, x: &[usize], y: &[usize]) -> Vec<Change> {
    let m = &cx.analysis.model;
    x.iter()
        .zip(y)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (&a, &b))| Change {
            issue: i,
            from: a,
            to: b,
            deltas: (0..m.parties())
                .map(|p| m.contribution(i, b, p) - m.contribution(i, a, p))
                .collect(),
        })
        .collect()
}

/// "Delivery time: 5 days instead of 10 days (us −6.0, Verpa +3.0)".
fn describe(cx: &Cx, c: &Change) -> String {
    let problem = &cx.pp.problem;
    let mut who = vec![format!("us {}", signed(c.deltas[cx.us]))];
    for &p in &cx.others {
        who.push(format!("{} {}", cx.names[p], signed(c.deltas[p])));
    }
    format!(
        "{}: {} instead of {} ({})",
        problem.issue_name(c.issue),
        problem.option_label(c.issue, c.to),
        problem.option_label(c.issue, c.from),
        who.join(", ")
    )
}

fn their_delta(cx: &Cx, c: &Change) -> f64 {
    cx.others.iter().map(|&p| c.deltas[p]).sum()
}

fn next_step(
    cx: &Cx,
    prev: &Concession,
    label: String,
    tag: String,
    package: Planned,
    beyond_target: bool,
) -> Concession {
    let x = &prev.package;
    let all = changes(cx, &x.indices, &package.indices);
    let (mut give, take): (Vec<&Change>, Vec<&Change>) =
        all.iter().partition(|c| c.deltas[cx.us] <= TOL);
    // Cheapest for us per point it is worth to them first.
    let ratio = |c: &Change| {
        let cost = -c.deltas[cx.us];
        if cost <= TOL {
            f64::INFINITY
        } else {
            their_delta(cx, c) / cost
        }
    };
    order::sort_by(&mut give, |a, b| ratio(b).total_cmp(&ratio(a)));
    let gives: Vec<String> = give.iter().map(|c| describe(cx, c)).collect();
    let mut asks: Vec<String> = take.iter().map(|c| describe(cx, c)).collect();
    let mut text = String::new();
    if beyond_target {
        text.push_str("Only if the talks would otherwise fail, and only for something in return. ");
    }
    if gives.is_empty() {
        text.push_str("Move to this package.");
    } else {
        text.push_str(&format!("Give {}.", list(&gives)));
    }
    if asks.is_empty() {
        match counter_ask(cx, x, &package) {
            Some(c) => {
                asks.push(describe(cx, &c));
                text.push_str(&format!(
                    " In return, ask for {}; if they refuse, hold this step until they offer something.",
                    asks[0]
                ));
            }
            None => text.push_str(" Ask for something in return before you move (a quicker decision, a reference, a firm date): never give a concession for nothing."),
        }
    } else {
        text.push_str(&format!(" In return, ask for {}.", list(&asks)));
    }
    let ours = |p: &Planned| p.values.get(cx.us).copied().unwrap_or(0.0);
    let concession = ours(x) - ours(&package);
    let mut moves = vec![format!(
        "Us {} → {} ({})",
        num(ours(x)),
        num(ours(&package)),
        signed(-concession)
    )];
    for &p in &cx.others {
        moves.push(format!(
            "{} {} → {}",
            cx.names[p],
            num(x.values.get(p).copied().unwrap_or(0.0)),
            num(package.values.get(p).copied().unwrap_or(0.0))
        ));
    }
    text.push_str(&format!(" {}.", moves.join("; ")));
    Concession {
        label,
        tag,
        beyond_target,
        package,
        gives,
        asks,
        text,
        concession,
    }
}

/// A single change to `y` that gains us something, costs the counterparts least for what
/// it gains us, and still leaves every counterpart better off than at `x`: what to ask for
/// when the step itself gives only.
fn counter_ask(cx: &Cx, x: &Planned, y: &Planned) -> Option<Change> {
    let m = &cx.analysis.model;
    let mut best: Option<(f64, Change)> = None;
    for (i, &yo) in y.indices.iter().enumerate() {
        for &o in m.allowed(i) {
            if o == yo {
                continue;
            }
            let deltas: Vec<f64> = (0..m.parties())
                .map(|p| m.contribution(i, o, p) - m.contribution(i, yo, p))
                .collect();
            let gain = deltas[cx.us];
            if gain <= TOL {
                continue;
            }
            let still_better = cx
                .others
                .iter()
                .all(|&p| y.values[p] + deltas[p] > x.values[p] + TOL);
            if !still_better {
                continue;
            }
            let loss: f64 = cx.others.iter().map(|&p| (-deltas[p]).max(0.0)).sum();
            let score = gain / (loss + 0.1);
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((
                    score,
                    Change {
                        issue: i,
                        from: yo,
                        to: o,
                        deltas,
                    },
                ));
            }
        }
    }
    best.map(|(_, c)| c)
}
