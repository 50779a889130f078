//! Research domains ⇄ plans. An imported GENIUS or GeniusWeb domain becomes a new plan
//! (issues, options, one party per profile with its weights, ratings and reservation
//! value; the first party is "us"); a plan becomes a domain for export. Pure.

use super::{ImportedDomain, ImportedIssue, ImportedParty};
use crate::model::{Millis, Plan, PlanId, Score};

/// A new plan from an imported domain. The import's warnings go into the plan's context
/// notes, so the user sees what was adjusted (e.g. weights rescaled).
pub fn plan_from_domain(domain: &ImportedDomain, id: PlanId, now: Millis) -> Plan {
    let title = if domain.name.trim().is_empty() {
        "Imported domain".to_string()
    } else {
        domain.name.clone()
    };
    let mut plan = Plan::new(id, title, now);
    plan.parties.clear();
    plan.next_seq = 1;
    let parties: Vec<_> = domain
        .parties
        .iter()
        .map(|p| plan.add_party(&p.name))
        .collect();
    if let Some(first) = parties.first() {
        plan.perspective = crate::model::Perspective::Us(first.clone());
    }
    let mut option_ids = Vec::new();
    for issue in &domain.issues {
        let id = plan.add_issue(&issue.name);
        let opts: Vec<_> = issue
            .options
            .iter()
            .filter_map(|label| plan.add_option(&id, label))
            .collect();
        option_ids.push((id, opts));
    }
    for (k, (party_id, source)) in parties.iter().zip(&domain.parties).enumerate() {
        let Some(party) = plan.parties.get_mut(k) else {
            continue;
        };
        debug_assert_eq!(&party.id, party_id);
        party.reservation = crate::model::Estimate::exact(source.reservation.clamp(0.0, 100.0));
        for (i, (issue_id, opts)) in option_ids.iter().enumerate() {
            if let Some(w) = source.weights.get(i) {
                party.weights.insert(issue_id.clone(), Score::new(*w));
            }
            for (o, option_id) in opts.iter().enumerate() {
                if let Some(r) = source.ratings.get(i).and_then(|r| r.get(o)) {
                    party.ratings.insert(option_id.clone(), Score::new(*r));
                }
            }
        }
    }
    let mut notes = format!(
        "Imported from a research domain with {} issues and {} parties.",
        domain.issues.len(),
        domain.parties.len()
    );
    for w in &domain.warnings {
        notes.push_str("\n• ");
        notes.push_str(w);
    }
    plan.notes = notes;
    plan
}

/// A plan as a research domain, for export. Issues without options are left out (the
/// formats cannot express them); missing scores are 0; weights are normalised to 100.
pub fn domain_from_plan(plan: &Plan) -> ImportedDomain {
    let issues: Vec<_> = plan
        .issues
        .iter()
        .filter(|i| !i.options.is_empty())
        .collect();
    let parties = plan
        .parties
        .iter()
        .map(|p| {
            let raw: Vec<f64> = issues
                .iter()
                .map(|i| p.weights.get(&i.id).map_or(0.0, |s| s.value.max(0.0)))
                .collect();
            let total: f64 = raw.iter().sum();
            let weights = if total > 0.0 {
                raw.iter().map(|w| w * 100.0 / total).collect()
            } else {
                vec![100.0 / issues.len().max(1) as f64; issues.len()]
            };
            ImportedParty {
                name: p.name.clone(),
                weights,
                ratings: issues
                    .iter()
                    .map(|i| {
                        // A contingent option exports as the party's mix of its outcomes.
                        i.options
                            .iter()
                            .map(|o| crate::model::rating(p, i, o).map_or(0.0, |s| s.value))
                            .collect()
                    })
                    .collect(),
                reservation: p.reservation.value,
            }
        })
        .collect();
    ImportedDomain {
        name: plan.title.clone(),
        issues: issues
            .iter()
            .map(|i| ImportedIssue {
                name: i.name.clone(),
                options: i.options.iter().map(|o| o.label.clone()).collect(),
            })
            .collect(),
        parties,
        warnings: Vec::new(),
    }
}
