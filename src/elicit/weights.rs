//! Weights from swings (SMARTS/SMARTER) and from a ranking alone (rank-order centroid).
//!
//! The user ranks the issues by how much it matters to move each from its worst option to
//! its best. The top swing is worth 100; every other is scored against it (0–100); the
//! weights are the swings normalised to 100. In a hurry, the ranking alone gives the
//! rank-order centroid. Both write ordinary whole-number weights that sum to 100, and
//! remember the method in `Party::elicitation`.

use super::{issue_name, new_score, num, option_label};
use crate::model::{whole_weights, IssueId, PartyId, Plan, WeightMethod};

/// Rank-order centroid weights for `n` ranked issues, most important first:
/// `w_k = 100 · (1/n) · Σ_{j=k..n} 1/j` (1-based `k`). They sum to 100.
pub fn rank_order_centroid(n: usize) -> Vec<f64> {
    (1..=n)
        .map(|k| 100.0 * (k..=n).map(|j| 1.0 / j as f64).sum::<f64>() / n as f64)
        .collect()
}

/// Swing scores (0–100, clamped; NaN counts as 0) normalised to weights summing to 100;
/// `None` when there is none or every swing is 0.
pub fn swing_weights(swings: &[f64]) -> Option<Vec<f64>> {
    let clean: Vec<f64> = swings
        .iter()
        .map(|s| {
            if s.is_finite() {
                s.clamp(0.0, 100.0)
            } else {
                0.0
            }
        })
        .collect();
    let total: f64 = clean.iter().sum();
    (total > 0.0).then(|| clean.iter().map(|s| 100.0 * s / total).collect())
}

/// The swing a ranking position suggests before the user says more: the rank-order
/// centroid's ratio to the top, in whole numbers (100, 52, 28, 12 for four issues).
pub fn default_swing(position: usize, n: usize) -> f64 {
    let roc = rank_order_centroid(n);
    match (roc.first(), roc.get(position)) {
        (Some(top), Some(w)) if *top > 0.0 => (100.0 * w / top).round(),
        _ => 0.0,
    }
}

/// The party's ranking of the plan's issues: the stored order of those that still exist,
/// then any issue not ranked yet, in plan order.
pub fn ranking(plan: &Plan, party: &PartyId) -> Vec<IssueId> {
    let stored = plan
        .party(party)
        .map(|p| p.elicitation.ranking.clone())
        .unwrap_or_default();
    let mut out: Vec<IssueId> = stored
        .into_iter()
        .filter(|id| plan.issue(id).is_some())
        .collect();
    out.dedup();
    for issue in &plan.issues {
        if !out.contains(&issue.id) {
            out.push(issue.id.clone());
        }
    }
    out
}

/// One line of the swing panel.
#[derive(Clone, Debug, PartialEq)]
pub struct SwingRow {
    pub issue: IssueId,
    pub name: String,
    /// "from “€85k” to “€95k”", from the party's own ratings.
    pub range: String,
    /// The swing against the top one: 100 for the top, else as typed or the default.
    pub swing: f64,
    pub top: bool,
}

/// The swing panel's rows, in ranking order.
pub fn swing_rows(plan: &Plan, party: &PartyId) -> Vec<SwingRow> {
    let order = ranking(plan, party);
    let n = order.len();
    let Some(p) = plan.party(party) else {
        return Vec::new();
    };
    order
        .iter()
        .enumerate()
        .map(|(k, id)| SwingRow {
            issue: id.clone(),
            name: issue_name(plan, id),
            range: swing_range(plan, party, id),
            swing: if k == 0 {
                100.0
            } else {
                p.elicitation
                    .swings
                    .get(id)
                    .copied()
                    .unwrap_or_else(|| default_swing(k, n))
            },
            top: k == 0,
        })
        .collect()
}

/// What moving an issue from worst to best means for the party, by its ratings.
fn swing_range(plan: &Plan, party: &PartyId, issue: &IssueId) -> String {
    let (Some(p), Some(i)) = (plan.party(party), plan.issue(issue)) else {
        return String::new();
    };
    if i.options.is_empty() {
        return "no options yet".into();
    }
    let rated: Vec<(f64, &crate::model::OptionItem)> = i
        .options
        .iter()
        .filter_map(|o| p.ratings.get(&o.id).map(|s| (s.value, o)))
        .collect();
    // The first best and the first worst, in the issue's order.
    let best = rated.iter().fold(
        None::<(f64, &crate::model::OptionItem)>,
        |acc, x| match acc {
            Some(a) if a.0 >= x.0 => Some(a),
            _ => Some(*x),
        },
    );
    let worst = rated.iter().fold(
        None::<(f64, &crate::model::OptionItem)>,
        |acc, x| match acc {
            Some(a) if a.0 <= x.0 => Some(a),
            _ => Some(*x),
        },
    );
    match (worst, best) {
        (Some(w), Some(b)) if b.0 > w.0 => format!(
            "from “{}” to “{}”",
            option_label(plan, &w.1.id),
            option_label(plan, &b.1.id)
        ),
        _ => "options not rated apart yet".into(),
    }
}

/// Warnings about swings that contradict the ranking: a lower-ranked issue whose swing is
/// larger than that of one ranked above it.
pub fn swing_warnings(rows: &[SwingRow]) -> Vec<String> {
    let mut out = Vec::new();
    for (k, row) in rows.iter().enumerate().skip(1) {
        if let Some(above) = rows[..k].iter().rev().find(|a| a.swing < row.swing) {
            out.push(format!(
                "“{}” is ranked above “{}” but its swing is smaller ({} against {}): move \
                 “{}” up or lower its swing.",
                above.name,
                row.name,
                num(above.swing),
                num(row.swing),
                row.name
            ));
        }
    }
    out
}

/// Moves an issue to position `to` of the party's ranking (clamped to the list).
pub fn move_in_ranking(plan: &mut Plan, party: &PartyId, issue: &IssueId, to: usize) {
    let mut order = ranking(plan, party);
    let Some(from) = order.iter().position(|i| i == issue) else {
        return;
    };
    let item = order.remove(from);
    let to = to.min(order.len());
    order.insert(to, item);
    if let Some(p) = plan.party_mut(party) {
        p.elicitation.ranking = order;
    }
}

/// Sets an issue's swing (clamped to 0–100; the top issue's is always 100).
pub fn set_swing(plan: &mut Plan, party: &PartyId, issue: &IssueId, value: f64) {
    let value = if value.is_finite() {
        value.clamp(0.0, 100.0)
    } else {
        0.0
    };
    if let Some(p) = plan.party_mut(party) {
        p.elicitation.swings.insert(issue.clone(), value);
    }
}

/// Writes `weights` (per issue, in `order`) as the party's weights with `method`. Existing
/// scores keep their confidence and lock; new ones start as any new score does.
fn write_weights(
    plan: &mut Plan,
    party: &PartyId,
    order: &[IssueId],
    weights: &[f64],
    method: WeightMethod,
) {
    let fresh: Vec<_> = weights.iter().map(|&w| new_score(plan, party, w)).collect();
    if let Some(p) = plan.party_mut(party) {
        for ((issue, &w), score) in order.iter().zip(weights).zip(fresh) {
            p.weights
                .entry(issue.clone())
                .and_modify(|s| s.value = w)
                .or_insert(score);
        }
        p.elicitation.method = method;
        p.elicitation.adjusted = false;
    }
}

/// Writes the weights the swings give (whole numbers summing to 100) and remembers the
/// swings as applied. An error in plain words when there is nothing to weigh.
pub fn apply_swings(plan: &mut Plan, party: &PartyId) -> Result<(), String> {
    let rows = swing_rows(plan, party);
    if rows.is_empty() {
        return Err("There are no issues to weigh yet.".into());
    }
    let swings: Vec<f64> = rows.iter().map(|r| r.swing).collect();
    let Some(exact) = swing_weights(&swings) else {
        return Err("Every swing is 0: give the top issue's swing 100.".into());
    };
    let order: Vec<IssueId> = rows.iter().map(|r| r.issue.clone()).collect();
    write_weights(
        plan,
        party,
        &order,
        &whole_weights(&exact),
        WeightMethod::Swing,
    );
    if let Some(p) = plan.party_mut(party) {
        p.elicitation.ranking = order.clone();
        for (row, s) in rows.iter().zip(&swings).skip(1) {
            p.elicitation.swings.insert(row.issue.clone(), *s);
        }
    }
    Ok(())
}

/// Writes the rank-order centroid of the party's ranking as its weights.
pub fn apply_rank_order(plan: &mut Plan, party: &PartyId) -> Result<(), String> {
    let order = ranking(plan, party);
    if order.is_empty() {
        return Err("There are no issues to weigh yet.".into());
    }
    let weights = whole_weights(&rank_order_centroid(order.len()));
    write_weights(plan, party, &order, &weights, WeightMethod::RankOrder);
    if let Some(p) = plan.party_mut(party) {
        p.elicitation.ranking = order;
    }
    Ok(())
}

/// Writes any computed weights (holistic fit, blend, offers) with their method.
pub fn apply_weights(
    plan: &mut Plan,
    party: &PartyId,
    order: &[IssueId],
    exact: &[f64],
    method: WeightMethod,
) {
    write_weights(plan, party, order, &whole_weights(exact), method);
}

/// A hand edit of the weights table: weights a helper wrote are now "adjusted by hand".
pub fn mark_adjusted(plan: &mut Plan, party: &PartyId) {
    if let Some(p) = plan.party_mut(party) {
        p.elicitation.note_hand_edit();
    }
}

/// How the party's weights were made, as a sentence; `None` when typed in directly.
pub fn method_note(plan: &Plan, party: &PartyId) -> Option<String> {
    let e = &plan.party(party)?.elicitation;
    if e.method == WeightMethod::Direct {
        return None;
    }
    let mut text = format!("These weights {}.", e.method.describe());
    if e.adjusted {
        text.push_str(" They were adjusted by hand since.");
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, weight_sum, PlanId};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn rank_order_centroid_matches_the_formula() {
        assert!(rank_order_centroid(0).is_empty());
        assert_eq!(rank_order_centroid(1), vec![100.0]);
        let w2 = rank_order_centroid(2);
        assert!(close(w2[0], 75.0) && close(w2[1], 25.0), "{w2:?}");
        // n = 3: (1 + 1/2 + 1/3)/3, (1/2 + 1/3)/3, (1/3)/3.
        let w3 = rank_order_centroid(3);
        let expected = [
            100.0 * (11.0 / 6.0) / 3.0,
            100.0 * (5.0 / 6.0) / 3.0,
            100.0 / 9.0,
        ];
        for (a, b) in w3.iter().zip(expected) {
            assert!(close(*a, b), "{w3:?}");
        }
        // n = 4, the published table: 52.08, 27.08, 14.58, 6.25.
        let w4: Vec<f64> = rank_order_centroid(4)
            .iter()
            .map(|w| (w * 100.0).round() / 100.0)
            .collect();
        assert_eq!(w4, vec![52.08, 27.08, 14.58, 6.25]);
        for n in 1..=12 {
            let w = rank_order_centroid(n);
            assert!(close(w.iter().sum(), 100.0), "{n}");
            assert!(w.windows(2).all(|p| p[0] > p[1]), "{n}");
            for (k, wk) in w.iter().enumerate() {
                let formula: f64 =
                    100.0 / n as f64 * (k + 1..=n).map(|j| 1.0 / j as f64).sum::<f64>();
                assert!(close(*wk, formula));
            }
        }
    }

    #[test]
    fn swings_normalise_to_100() {
        let w = swing_weights(&[100.0, 50.0, 50.0]).unwrap();
        assert_eq!(w, vec![50.0, 25.0, 25.0]);
        assert_eq!(swing_weights(&[]), None);
        assert_eq!(swing_weights(&[0.0, 0.0]), None);
        let w = swing_weights(&[100.0, f64::NAN, 150.0, -4.0]).unwrap();
        assert_eq!(w, vec![50.0, 0.0, 50.0, 0.0]);
        assert_eq!(
            (0..4).map(|k| default_swing(k, 4)).collect::<Vec<_>>(),
            vec![100.0, 52.0, 28.0, 12.0]
        );
    }

    fn job() -> (Plan, PartyId) {
        let plan = sample_plan(PlanId::parse("p1").unwrap(), 0);
        let dana = plan.parties[0].id.clone();
        (plan, dana)
    }

    #[test]
    fn the_swing_panel_reads_the_ranking_and_the_ratings() {
        let (mut plan, dana) = job();
        let rows = swing_rows(&plan, &dana);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Salary",
                "Signing bonus",
                "Start date",
                "Remote days per week"
            ]
        );
        assert_eq!(rows[0].range, "from “€85k” to “€95k”");
        assert_eq!(
            rows.iter().map(|r| r.swing).collect::<Vec<_>>(),
            vec![100.0, 52.0, 28.0, 12.0]
        );
        assert!(rows[0].top && !rows[1].top);
        // Remote days to the top, start date second.
        let remote = plan.issues[3].id.clone();
        let start = plan.issues[2].id.clone();
        move_in_ranking(&mut plan, &dana, &remote, 0);
        move_in_ranking(&mut plan, &dana, &start, 1);
        let names: Vec<String> = swing_rows(&plan, &dana)
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(
            names,
            [
                "Remote days per week",
                "Start date",
                "Salary",
                "Signing bonus"
            ]
        );
        // A new issue joins at the end; a removed one leaves.
        let parking = plan.add_issue("Parking");
        plan.issues.retain(|i| i.id != start);
        let order = ranking(&plan, &dana);
        assert_eq!(order.first(), Some(&remote));
        assert_eq!(order.last(), Some(&parking));
        assert_eq!(order.len(), 4);
        assert_eq!(
            swing_rows(&plan, &dana).last().unwrap().range,
            "no options yet"
        );
    }

    #[test]
    fn applying_swings_writes_whole_weights_and_remembers_the_method() {
        let (mut plan, dana) = job();
        let ids: Vec<IssueId> = plan.issues.iter().map(|i| i.id.clone()).collect();
        // Ranking: salary, remote, start, bonus; swings 100, 80, 40, 20 → 40, 32, 16, 8… of 240.
        move_in_ranking(&mut plan, &dana, &ids[3], 1);
        move_in_ranking(&mut plan, &dana, &ids[2], 2);
        set_swing(&mut plan, &dana, &ids[3], 80.0);
        set_swing(&mut plan, &dana, &ids[2], 40.0);
        set_swing(&mut plan, &dana, &ids[1], 20.0);
        assert!(swing_warnings(&swing_rows(&plan, &dana)).is_empty());
        apply_swings(&mut plan, &dana).unwrap();
        let p = plan.party(&dana).unwrap();
        let w: Vec<f64> = ids.iter().map(|i| p.weights[i].value).collect();
        // 100/240 = 41.67, 20/240 = 8.33, 40/240 = 16.67, 80/240 = 33.33 → 42, 8, 17, 33.
        assert_eq!(w, vec![42.0, 8.0, 17.0, 33.0]);
        assert_eq!(weight_sum(&p.weights, &ids), 100.0);
        assert_eq!(p.elicitation.method, WeightMethod::Swing);
        assert_eq!(
            method_note(&plan, &dana).as_deref(),
            Some("These weights come from swings.")
        );
        mark_adjusted(&mut plan, &dana);
        assert_eq!(
            method_note(&plan, &dana).as_deref(),
            Some("These weights come from swings. They were adjusted by hand since.")
        );
    }

    #[test]
    fn a_swing_larger_than_one_ranked_above_is_pointed_out() {
        let (mut plan, dana) = job();
        let ids: Vec<IssueId> = plan.issues.iter().map(|i| i.id.clone()).collect();
        set_swing(&mut plan, &dana, &ids[1], 30.0);
        set_swing(&mut plan, &dana, &ids[2], 60.0);
        let warnings = swing_warnings(&swing_rows(&plan, &dana));
        assert_eq!(
            warnings,
            [
                "“Signing bonus” is ranked above “Start date” but its swing is smaller (30 \
              against 60): move “Start date” up or lower its swing."
            ]
        );
    }

    #[test]
    fn the_ranking_alone_gives_the_centroid_and_counterparts_get_medium_confidence() {
        let (mut plan, _) = job();
        let nimbus = plan.parties[1].id.clone();
        let ids: Vec<IssueId> = plan.issues.iter().map(|i| i.id.clone()).collect();
        plan.party_mut(&nimbus).unwrap().weights.clear();
        apply_rank_order(&mut plan, &nimbus).unwrap();
        let p = plan.party(&nimbus).unwrap();
        let w: Vec<f64> = ids.iter().map(|i| p.weights[i].value).collect();
        assert_eq!(w, vec![52.0, 27.0, 15.0, 6.0]);
        assert!(p
            .weights
            .values()
            .all(|s| s.confidence == crate::model::Confidence::Medium));
        assert_eq!(p.elicitation.method, WeightMethod::RankOrder);
        // Nothing to weigh is an error, not a panic.
        let mut empty = Plan::new(PlanId::parse("p2").unwrap(), "x", 0);
        let us = empty.parties[0].id.clone();
        assert!(apply_rank_order(&mut empty, &us).is_err());
        assert!(apply_swings(&mut empty, &us).is_err());
        assert_eq!(method_note(&empty, &us), None);
    }
}
