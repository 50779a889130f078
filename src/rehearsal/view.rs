//! What the Practise step shows of a rehearsal, as text and numbers made here (tested,
//! compiled once): the exchange as the user knows it, the packages to start an offer from,
//! what an offer being composed is worth, and where the talks stand.

use super::bridge::Bridge;
use super::words::{describe, describe_complete, settings_line};
use super::{MoveKind, Side, Simulation};
use crate::analysis::{analyze, FrontierOptions};
use crate::model::{IssueId, OptionId, Plan, Rehearsal};
use std::collections::BTreeMap;

/// One row of the exchange, with each side's value as the user knows it (our value, and
/// the counterpart's by our estimates).
#[derive(Clone, Debug, PartialEq)]
pub struct ExchangeRow {
    pub round: u32,
    pub who: String,
    /// The package offered, or what the move was ("Accepted the offer", "Walked away").
    pub what: String,
    pub ours: String,
    pub theirs: String,
    pub message: String,
    pub by_us: bool,
}

fn number(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

/// The exchange so far, move by move.
pub fn exchange_rows(sim: &Simulation) -> Vec<ExchangeRow> {
    let problem = &sim.setup.problem;
    let them = problem.party_name(1);
    let mut round = 1;
    let mut rows = Vec::new();
    for m in sim.moves() {
        let values = m.complete().and_then(|p| sim.known_values(&p));
        let what = match m.kind {
            MoveKind::Offer => describe(problem, &m.package),
            MoveKind::Accept => "Accepted the offer".to_string(),
            MoveKind::WalkAway => "Walked away".to_string(),
        };
        rows.push(ExchangeRow {
            round,
            who: if m.by == Side::Us {
                "You".to_string()
            } else {
                them.clone()
            },
            what,
            ours: number(values.map(|v| v.0)),
            theirs: number(values.map(|v| v.1)),
            message: m.message.clone(),
            by_us: m.by == Side::Us,
        });
        if m.by == Side::Them && m.kind == MoveKind::Offer {
            round += 1;
        }
    }
    rows
}

/// The packages an offer can start from: the last offers of both sides, the plan's
/// complete packages, and the engine's reference packages for the two sides (by our
/// estimates). Labels say where each comes from.
pub fn starting_points(
    plan: &Plan,
    bridge: &Bridge,
    sim: &Simulation,
) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    if let Some(p) = sim.last_offer(Side::Us).and_then(|m| m.complete()) {
        out.push(("Your last offer".into(), p));
    }
    if let Some(p) = sim.last_offer(Side::Them).and_then(|m| m.complete()) {
        out.push(("Their last offer".into(), p));
    }
    for package in &plan.packages {
        let indices: Option<Vec<usize>> = bridge.indices(&package.choices).into_iter().collect();
        if let Some(p) = indices {
            out.push((format!("Package: {}", package.name.trim()), p));
        }
    }
    if let Ok(a) = analyze(&sim.setup.problem, &FrontierOptions::default()) {
        for (label, point) in [
            ("Nash bargaining solution", &a.points.nash),
            ("Kalai–Smorodinsky", &a.points.kalai_smorodinsky),
            ("Max joint gain", &a.points.max_joint),
        ] {
            if let Some(point) = point {
                out.push((format!("Suggested: {label}"), point.package.clone()));
            }
        }
    }
    out
}

/// What the offer being composed is worth, as the user knows it; what is still missing
/// when an issue is open.
pub fn compose_line(bridge: &Bridge, sim: &Simulation, package: &[Option<usize>]) -> String {
    let problem = &sim.setup.problem;
    let complete: Option<Vec<usize>> = package.iter().copied().collect();
    let Some((ours, theirs)) = complete.and_then(|p| sim.known_values(&p)) else {
        let open: Vec<String> = package
            .iter()
            .enumerate()
            .filter(|(_, o)| o.is_none())
            .map(|(i, _)| problem.issue_name(i))
            .collect();
        return format!(
            "Still open: {}. Pick an option for every issue.",
            crate::analysis::explain::list(&open)
        );
    };
    let (low, high) = bridge.setup.reservation_range;
    let est = sim.known.reservation(1);
    let range = if high - low > 0.05 {
        format!(", between {low:.0} and {high:.0}")
    } else {
        String::new()
    };
    format!(
        "Worth {ours:.1} to you (your BATNA: {:.0}) and about {theirs:.1} to {} by your \
         estimates (their walk-away value: about {est:.0}{range}).",
        sim.known.reservation(0),
        problem.party_name(1)
    )
}

/// Where the talks stand, for the line above the exchange.
pub fn status_line(sim: &Simulation, record: &Rehearsal) -> String {
    let them = sim.setup.problem.party_name(1);
    let settings = settings_line(
        record.style,
        record.surprise,
        record.result.is_some(),
        sim.settings.rounds(),
        record.as_estimated,
        record.seed,
    );
    match sim.ending() {
        Some(end) => format!("Ended in round {} against {them}. {settings}.", end.round),
        None => {
            let (round, rounds) = (sim.round(), sim.settings.rounds());
            let last = if round >= rounds {
                " Last round: if they do not accept your offer, they walk away."
            } else {
                ""
            };
            format!("Round {round} of {rounds} against {them}. {settings}.{last}")
        }
    }
}

/// The exchange's offers for the outcome-space chart: a name for each and its choices.
pub fn chart_points(
    bridge: &Bridge,
    sim: &Simulation,
) -> Vec<(String, BTreeMap<IssueId, OptionId>)> {
    let them = sim.setup.problem.party_name(1);
    let mut round = 1;
    let mut out = Vec::new();
    for m in sim.moves() {
        if m.kind == MoveKind::Offer {
            if let Some(p) = m.complete() {
                let who = if m.by == Side::Us {
                    "your offer".to_string()
                } else {
                    format!("{}’s offer", them.trim())
                };
                out.push((
                    format!(
                        "round {round}, {who}: {}",
                        describe_complete(&sim.setup.problem, &p)
                    ),
                    bridge.plan_problem.choices(&p),
                ));
            }
            if m.by == Side::Them {
                round += 1;
            }
        }
    }
    out
}

/// A kept rehearsal in the step's list.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptRow {
    pub id: crate::model::RehearsalId,
    /// "Against Nimbus (hiring manager)".
    pub against: String,
    pub settings: String,
    /// The result, or how far it has come.
    pub result: String,
    pub finished: bool,
    pub at: crate::model::Millis,
}

/// The plan's rehearsals for the list, newest first. Read from the records alone (their
/// results were kept with them), so the list says the same after the plan changes.
pub fn kept_rows(plan: &Plan) -> Vec<KeptRow> {
    plan.rehearsals
        .iter()
        .rev()
        .map(|r| {
            let against = plan
                .party(&r.counterpart)
                .map(|p| p.name.trim().to_string())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| "a party no longer in the plan".to_string());
            let batna = plan.party(&r.you).map_or(0.0, |p| p.reservation.value);
            let result = match &r.result {
                Some(result) => super::words::result_line(result, batna),
                None => {
                    let round = 1 + r
                        .moves
                        .iter()
                        .filter(|m| m.by == Side::Them && m.kind == MoveKind::Offer)
                        .count();
                    format!("In progress: round {round} of {}.", r.rounds)
                }
            };
            KeptRow {
                id: r.id.clone(),
                against: format!("Against {against}"),
                settings: settings_line(
                    r.style,
                    r.surprise,
                    r.result.is_some(),
                    r.rounds,
                    r.as_estimated,
                    r.seed,
                ),
                result,
                finished: r.result.is_some(),
                at: r.at,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};
    use crate::rehearsal::bridge::{play, start, Start, UserMove};
    use crate::rehearsal::Style;

    #[test]
    fn the_step_reads_a_kept_rehearsal() {
        let mut plan = sample_plan(PlanId::parse("p1").unwrap(), 0);
        let start_with = Start {
            counterpart: plan.parties[1].id.clone(),
            style: Some(Style::Steady),
            as_estimated: false,
            rounds: 10,
            seed: 12,
        };
        let id = start(&mut plan, &start_with, 5).unwrap();
        let offer = plan.packages[0].choices.clone();
        play(&mut plan, &id, &UserMove::Offer(offer)).unwrap();
        let record = plan.rehearsals[0].clone();
        let bridge = Bridge::of(&plan, &record).unwrap();
        let sim = bridge.resume(&record).unwrap();
        let rows = exchange_rows(&sim);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].who, "You");
        assert_eq!(rows[0].ours, "72.5");
        assert_eq!(rows[0].what, "Salary: €90k; Signing bonus: €5k; Start date: In 4 weeks; Remote days per week: 3 days");
        assert_eq!(rows[1].who, "Nimbus (hiring manager)");
        assert!(!rows[1].message.is_empty());
        let starts = starting_points(&plan, &bridge, &sim);
        let labels: Vec<&str> = starts.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            &labels[..3],
            [
                "Your last offer",
                "Their last offer",
                "Package: Middle ground, more remote"
            ]
        );
        assert!(labels.contains(&"Suggested: Nash bargaining solution"));
        let line = compose_line(&bridge, &sim, &[Some(1), Some(1), Some(1), Some(2)]);
        assert!(
            line.starts_with("Worth 72.5 to you (your BATNA: 45) and about"),
            "{line}"
        );
        assert!(
            line.ends_with("(their walk-away value: about 40, between 30 and 55)."),
            "{line}"
        );
        assert_eq!(
            compose_line(&bridge, &sim, &[Some(1), None, Some(1), None]),
            "Still open: Signing bonus and Remote days per week. Pick an option for every issue."
        );
        assert!(status_line(&sim, &record).starts_with("Round 2 of 10 against Nimbus"));
        let points = chart_points(&bridge, &sim);
        assert_eq!(points.len(), 2);
        assert!(points[0].0.starts_with("round 1, your offer: Salary"));
        assert_eq!(points[0].1, plan.packages[0].choices);
        let rows = kept_rows(&plan);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].against, "Against Nimbus (hiring manager)");
        assert_eq!(rows[0].result, "In progress: round 2 of 10.");
        assert_eq!(
            rows[0].settings,
            "Steady, 10 rounds, drawn within our estimates, seed 12"
        );
        // Walking away ends it; it is listed with its result, and so is a second one that
        // ends in agreement.
        play(&mut plan, &id, &UserMove::WalkAway).unwrap();
        assert_eq!(
            play(&mut plan, &id, &UserMove::WalkAway),
            Err(crate::rehearsal::RehearsalError::Over)
        );
        assert_eq!(
            kept_rows(&plan)[0].result,
            "No agreement: you walked away in round 2."
        );
        let again = start(&mut plan, &start_with, 6).unwrap();
        let offer = plan.packages[0].choices.clone();
        play(&mut plan, &again, &UserMove::Offer(offer)).unwrap();
        play(&mut plan, &again, &UserMove::Accept).unwrap();
        let rows = kept_rows(&plan);
        assert_eq!(rows[0].id, again);
        assert!(
            rows[0].result.starts_with("Agreement in round 2:"),
            "{}",
            rows[0].result
        );
        // The real offer log is untouched.
        assert!(plan.offers.is_empty());
    }
}
