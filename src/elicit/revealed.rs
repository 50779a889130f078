//! What a counterpart's offers reveal: the plan's offer log read through the frequency
//! model (`analysis::opponent`) and set beside our estimate of that party, in words; and
//! the one-click update that moves our estimate toward it as far as the evidence goes.
//!
//! Only the plan's own offer log (`Plan::offers`) is read. Rehearsals against a simulated
//! counterpart keep their exchanges apart from it, so offers made in practice are never
//! mixed in with the real ones.

use super::weights::apply_weights;
use super::{issue_name, num, option_label};
use crate::analysis::opponent::{Evidence, EvidenceLevel, FrequencyModel, OpponentEstimate};
use crate::model::{Confidence, IssueId, OptionId, PartyId, Plan, WeightMethod};

/// Differences smaller than this (in points of weight or rating) are not findings, and
/// agreement within it can only raise our confidence.
pub const NOTABLE: f64 = 10.0;

/// One issue: our weight for the party against the weight its offers suggest.
#[derive(Clone, Debug, PartialEq)]
pub struct RevealedIssue {
    pub issue: IssueId,
    pub name: String,
    /// Our estimate, normalised to 100 over the issues with options.
    pub ours: f64,
    pub theirs: f64,
    /// The option the party offered more often than any other, if one stands out.
    pub favourite: Option<String>,
}

/// The offers of one party, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Revealed {
    pub party: PartyId,
    pub issues: Vec<RevealedIssue>,
    pub evidence: Evidence,
    /// How much the offers can tell, in a sentence.
    pub evidence_text: String,
    /// Where the offers and our estimate differ, in sentences (or that they agree).
    pub findings: Vec<String>,
    /// What the update button would do; `None` when the offers cannot move anything yet.
    pub update_text: Option<String>,
}

/// The parties other than us that made offers in the log, in plan order.
pub fn parties_with_offers(plan: &Plan) -> Vec<PartyId> {
    plan.parties
        .iter()
        .filter(|p| plan.us() != Some(&p.id))
        .filter(|p| plan.offers.iter().any(|o| o.party == p.id))
        .map(|p| p.id.clone())
        .collect()
}

/// The issues the model reads (those with options) and their options.
type Issues = (Vec<IssueId>, Vec<Vec<OptionId>>);

/// The issues the model reads, and the party's offers from the log in time order, each as
/// option indices (open issues `None`).
fn read_offers(plan: &Plan, party: &PartyId) -> (Issues, Vec<Vec<Option<usize>>>) {
    let issues: Vec<&crate::model::Issue> = plan
        .issues
        .iter()
        .filter(|i| !i.options.is_empty())
        .collect();
    let ids = issues.iter().map(|i| i.id.clone()).collect();
    let options: Vec<Vec<OptionId>> = issues
        .iter()
        .map(|i| i.options.iter().map(|o| o.id.clone()).collect())
        .collect();
    // The plan's offer log only: rehearsal exchanges are kept elsewhere and never read here.
    let mut offers: Vec<&crate::model::Offer> =
        plan.offers.iter().filter(|o| &o.party == party).collect();
    crate::model::order::sort_by_key(&mut offers, |o| o.at);
    let packages = offers
        .iter()
        .filter_map(|o| plan.packages.iter().find(|p| p.id == o.package))
        .map(|package| {
            issues
                .iter()
                .zip(&options)
                .map(|(issue, opts)| {
                    let chosen = package.choices.get(&issue.id)?;
                    opts.iter().position(|o| o == chosen)
                })
                .collect()
        })
        .collect();
    ((ids, options), packages)
}

fn estimate_of(
    plan: &Plan,
    party: &PartyId,
) -> Option<(Vec<IssueId>, Vec<Vec<OptionId>>, OpponentEstimate)> {
    let ((ids, options), offers) = read_offers(plan, party);
    if offers.is_empty() || ids.is_empty() {
        return None;
    }
    let counts: Vec<usize> = options.iter().map(Vec::len).collect();
    let mut model = FrequencyModel::new(&counts);
    for offer in &offers {
        let _ = model.observe_partial(offer);
    }
    Some((ids, options, model.estimate()))
}

/// Our weights for the party over `ids`, normalised to 100.
fn our_weights(plan: &Plan, party: &PartyId, ids: &[IssueId]) -> Vec<f64> {
    let raw: Vec<f64> = ids
        .iter()
        .map(|i| {
            plan.party(party)
                .and_then(|p| p.weights.get(i))
                .map_or(0.0, |s| s.value.max(0.0))
        })
        .collect();
    let total: f64 = raw.iter().sum();
    if total > 0.0 {
        raw.iter().map(|w| 100.0 * w / total).collect()
    } else {
        raw
    }
}

/// A number rounded to the nearest 5 for "about 30".
fn about(v: f64) -> String {
    num((v / 5.0).round() * 5.0)
}

fn confidence_for(level: EvidenceLevel) -> Confidence {
    match level {
        EvidenceLevel::Strong => Confidence::High,
        EvidenceLevel::Moderate => Confidence::Medium,
        EvidenceLevel::Weak | EvidenceLevel::None => Confidence::Low,
    }
}

fn confidence_rank(c: Confidence) -> u8 {
    match c {
        Confidence::Low => 0,
        Confidence::Medium => 1,
        Confidence::High => 2,
    }
}

fn confidence_word(c: Confidence) -> &'static str {
    match c {
        Confidence::Low => "low",
        Confidence::Medium => "medium",
        Confidence::High => "high",
    }
}

/// The new confidence after an update: agreement with the offers can only raise it;
/// disagreement leaves as much as the evidence supports.
fn updated_confidence(old: Confidence, agrees: bool, level: EvidenceLevel) -> Confidence {
    let evidence = confidence_for(level);
    if agrees && confidence_rank(old) >= confidence_rank(evidence) {
        old
    } else {
        evidence
    }
}

/// The party's offers set beside our estimate; `None` when it made no offer.
pub fn revealed(plan: &Plan, party: &PartyId) -> Option<Revealed> {
    let (ids, options, est) = estimate_of(plan, party)?;
    let ours = our_weights(plan, party, &ids);
    let issues: Vec<RevealedIssue> = ids
        .iter()
        .enumerate()
        .map(|(k, id)| {
            let r = &est.ratings[k];
            let top: Vec<usize> = (0..r.len()).filter(|&o| r[o] >= 100.0).collect();
            RevealedIssue {
                issue: id.clone(),
                name: issue_name(plan, id),
                ours: ours[k],
                theirs: est.weights[k],
                favourite: (est.seen[k] > 0 && top.len() == 1)
                    .then(|| option_label(plan, &options[k][top[0]])),
            }
        })
        .collect();
    let ev = est.evidence;
    let name = crate::model::edit_people::party_display_name(plan, party);
    let pairs = ev.informative_pairs;
    let evidence_text =
        if ev.offers == 1 {
            "One offer so far: what a party holds on to shows only over several offers.".to_string()
        } else {
            let strength = match ev.level {
                EvidenceLevel::Strong => "strong evidence",
                EvidenceLevel::Moderate => "moderate evidence",
                _ => "weak evidence, a hint at most",
            };
            format!(
            "{} offers, {} step{} between them that kept some issues and moved others: {strength}.",
            ev.offers,
            if pairs == 0 { "no".to_string() } else { pairs.to_string() },
            if pairs == 1 { "" } else { "s" },
        )
        };
    let mut findings = Vec::new();
    if ev.informative_pairs > 0 {
        let mut differing: Vec<&RevealedIssue> = issues
            .iter()
            .filter(|i| (i.theirs - i.ours).abs() >= NOTABLE)
            .collect();
        crate::model::order::sort_by(&mut differing, |a, b| {
            (b.theirs - b.ours)
                .abs()
                .total_cmp(&(a.theirs - a.ours).abs())
        });
        for i in differing.iter().take(3) {
            findings.push(format!(
                "Their offers suggest “{}” matters {} to them than we estimated (ours {}, their \
                 offers about {}).",
                i.name,
                if i.theirs > i.ours { "more" } else { "less" },
                num(i.ours),
                about(i.theirs)
            ));
        }
        if differing.is_empty() {
            findings.push(format!(
                "Their offers agree with our estimate of what matters to them: no issue differs \
                 by {} points or more.",
                num(NOTABLE)
            ));
        }
    }
    // Options: where the one they offered most is not the one we rate best for them.
    if let Some(p) = plan.party(party) {
        for (k, i) in issues.iter().enumerate() {
            let Some(fav) = &i.favourite else { continue };
            let best = options[k]
                .iter()
                .max_by(|a, b| {
                    let ra = p.ratings.get(*a).map_or(0.0, |s| s.value);
                    let rb = p.ratings.get(*b).map_or(0.0, |s| s.value);
                    ra.total_cmp(&rb).then(std::cmp::Ordering::Greater)
                })
                .map(|o| option_label(plan, o));
            if let Some(best) = best.filter(|b| b != fav) {
                findings.push(format!(
                    "On “{}” they offered “{fav}” most, though we rate “{best}” best for them.",
                    i.name
                ));
            }
        }
    }
    let update_text = (ev.strength > 0.0).then(|| {
        format!(
            "Moves our estimate of {name}'s weights and ratings {}% of the way toward what \
             their offers suggest (as far as the evidence goes); where they differ, confidence \
             becomes {}.",
            (ev.strength * 100.0).round(),
            confidence_word(confidence_for(ev.level))
        )
    });
    Some(Revealed {
        party: party.clone(),
        issues,
        evidence: ev,
        evidence_text,
        findings,
        update_text,
    })
}

/// Moves our estimate of the party toward what its offers suggest, by the evidence's
/// strength: weights of the issues with options, ratings of the issues its offers chose on,
/// and their confidence. Returns a sentence for the notice.
pub fn update_estimate(plan: &mut Plan, party: &PartyId) -> Result<String, String> {
    let Some((ids, options, est)) = estimate_of(plan, party) else {
        return Err("This party has made no offer in the log.".into());
    };
    let s = est.evidence.strength;
    if s <= 0.0 {
        return Err(
            "The offers cannot tell anything yet: it takes two offers that keep some issues \
             and move others."
                .into(),
        );
    }
    let level = est.evidence.level;
    let ours = our_weights(plan, party, &ids);
    let blended: Vec<f64> = ours
        .iter()
        .zip(&est.weights)
        .map(|(o, t)| o + s * (t - o))
        .collect();
    let old_confidence: Vec<Confidence> = ids
        .iter()
        .map(|i| {
            plan.party(party)
                .and_then(|p| p.weights.get(i))
                .map_or(Confidence::Medium, |x| x.confidence)
        })
        .collect();
    apply_weights(plan, party, &ids, &blended, WeightMethod::Offers);
    let Some(p) = plan.party_mut(party) else {
        return Err("That party no longer exists.".into());
    };
    for (k, id) in ids.iter().enumerate() {
        if let Some(w) = p.weights.get_mut(id) {
            let agrees = (est.weights[k] - ours[k]).abs() < NOTABLE;
            w.confidence = updated_confidence(old_confidence[k], agrees, level);
        }
        if est.seen[k] == 0 {
            continue;
        }
        for (j, option) in options[k].iter().enumerate() {
            let theirs = est.ratings[k][j];
            let score = p
                .ratings
                .entry(option.clone())
                .or_insert_with(|| crate::model::Score {
                    confidence: Confidence::Medium,
                    ..crate::model::Score::new(theirs)
                });
            let agrees = (theirs - score.value).abs() < NOTABLE;
            score.value = ((score.value + s * (theirs - score.value)) * 10.0).round() / 10.0;
            score.confidence = updated_confidence(score.confidence, agrees, level);
        }
    }
    let name = crate::model::edit_people::party_display_name(plan, party);
    Ok(format!(
        "Moved our estimate of {name} {}% of the way toward their offers.",
        (s * 100.0).round()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, Offer, OfferId, OfferResponse, Package, PackageId, PlanId};
    use std::collections::BTreeMap;

    /// The job offer with offers from Nimbus: each a package of option positions.
    fn job_with_offers(offers: &[[usize; 4]]) -> (Plan, PartyId) {
        let mut plan = sample_plan(PlanId::parse("p1").unwrap(), 0);
        let nimbus = plan.parties[1].id.clone();
        for (k, picks) in offers.iter().enumerate() {
            let choices: BTreeMap<IssueId, OptionId> = plan
                .issues
                .iter()
                .zip(picks)
                .map(|(i, &o)| (i.id.clone(), i.options[o].id.clone()))
                .collect();
            let id = PackageId::from_seq(plan.take_seq());
            plan.packages.push(Package::new(
                id.clone(),
                format!("Their offer {}", k + 1),
                choices,
            ));
            let offer = OfferId::from_seq(plan.take_seq());
            plan.offers.push(Offer {
                id: offer,
                party: nimbus.clone(),
                package: id,
                at: 1000 + k as i64,
                response: OfferResponse::Rejected,
                notes: String::new(),
            });
        }
        // Recorded out of order: the log is read by time.
        plan.offers.reverse();
        (plan, nimbus)
    }

    #[test]
    fn no_offers_reveal_nothing_and_ours_are_not_counted() {
        let (plan, nimbus) = job_with_offers(&[]);
        assert!(revealed(&plan, &nimbus).is_none());
        assert!(parties_with_offers(&plan).is_empty());
        let (mut plan, nimbus) = job_with_offers(&[[0, 0, 0, 0]]);
        // Dana's own offers are not read as Nimbus's.
        let dana = plan.parties[0].id.clone();
        plan.offers[0].party = dana;
        assert!(revealed(&plan, &nimbus).is_none());
        assert!(parties_with_offers(&plan).is_empty());
    }

    #[test]
    fn three_offers_that_hold_start_date_and_salary() {
        // Nimbus keeps salary at €85k and start at 2 weeks, moves bonus and remote days.
        let (plan, nimbus) = job_with_offers(&[[0, 0, 0, 0], [0, 1, 0, 1], [0, 2, 0, 1]]);
        assert_eq!(parties_with_offers(&plan), vec![nimbus.clone()]);
        let r = revealed(&plan, &nimbus).unwrap();
        // Votes 3, 1, 3, 2 of 9.
        let theirs: Vec<f64> = r
            .issues
            .iter()
            .map(|i| (i.theirs * 100.0).round() / 100.0)
            .collect();
        assert_eq!(theirs, vec![33.33, 11.11, 33.33, 22.22]);
        assert_eq!(r.evidence.level, EvidenceLevel::Weak);
        assert_eq!(
            r.evidence_text,
            "3 offers, 2 steps between them that kept some issues and moved others: weak \
             evidence, a hint at most."
        );
        // Ours: 45, 10, 35, 10. Remote days 10 → about 20 (+12); salary 45 → 33 (−12).
        assert_eq!(
            r.findings,
            [
                "Their offers suggest “Remote days per week” matters more to them than we \
                 estimated (ours 10, their offers about 20).",
                "Their offers suggest “Salary” matters less to them than we estimated (ours 45, \
                 their offers about 35).",
                "On “Remote days per week” they offered “2 days” most, though we rate “1 day” \
                 best for them."
            ]
        );
        assert_eq!(r.issues[0].favourite.as_deref(), Some("€85k"));
        assert_eq!(r.issues[1].favourite, None);
        assert_eq!(
            r.update_text.as_deref(),
            Some(
                "Moves our estimate of Nimbus (hiring manager)'s weights and ratings 33% of the \
                 way toward what their offers suggest (as far as the evidence goes); where they \
                 differ, confidence becomes low."
            )
        );
    }

    #[test]
    fn a_favourite_that_is_not_our_best_is_pointed_out() {
        let (plan, nimbus) = job_with_offers(&[[0, 0, 1, 0], [0, 1, 1, 1], [0, 2, 1, 2]]);
        let r = revealed(&plan, &nimbus).unwrap();
        assert!(
            r.findings.contains(
                &"On “Start date” they offered “In 4 weeks” most, though we rate “In 2 weeks” \
                  best for them."
                    .to_string()
            ),
            "{:#?}",
            r.findings
        );
    }

    #[test]
    fn one_offer_cannot_move_the_estimate() {
        let (mut plan, nimbus) = job_with_offers(&[[0, 0, 0, 0]]);
        let r = revealed(&plan, &nimbus).unwrap();
        assert_eq!(
            r.evidence_text,
            "One offer so far: what a party holds on to shows only over several offers."
        );
        assert!(r.findings.is_empty());
        assert_eq!(r.update_text, None);
        let before = plan.clone();
        assert!(update_estimate(&mut plan, &nimbus).is_err());
        assert_eq!(plan, before);
    }

    #[test]
    fn the_update_moves_weights_ratings_and_confidence_by_the_evidence() {
        let (mut plan, nimbus) = job_with_offers(&[[0, 0, 0, 0], [0, 1, 0, 1], [0, 2, 0, 1]]);
        let ids: Vec<IssueId> = plan.issues.iter().map(|i| i.id.clone()).collect();
        let message = update_estimate(&mut plan, &nimbus).unwrap();
        assert_eq!(
            message,
            "Moved our estimate of Nimbus (hiring manager) 33% of the way toward their offers."
        );
        let p = plan.party(&nimbus).unwrap();
        let w: Vec<f64> = ids.iter().map(|i| p.weights[i].value).collect();
        // 45 + (33.3 − 45)/3 = 41.1; 10 + (11.1 − 10)/3 = 10.4; 35 − 0.6 = 34.4; 10 + 4.1 = 14.1.
        assert_eq!(w, vec![41.0, 10.0, 35.0, 14.0]);
        assert_eq!(p.elicitation.method, WeightMethod::Offers);
        // Salary and remote differed by ≥ 10: low confidence; the others agreed: kept medium.
        let c: Vec<Confidence> = ids.iter().map(|i| p.weights[i].confidence).collect();
        assert_eq!(
            c,
            vec![
                Confidence::Low,
                Confidence::Medium,
                Confidence::Medium,
                Confidence::Low
            ]
        );
        // Salary ratings (ours 100, 60, 0; offers 100, 0, 0): €90k moves 60 → 40.
        let salary: Vec<f64> = plan.issues[0]
            .options
            .iter()
            .map(|o| p.ratings[&o.id].value)
            .collect();
        assert_eq!(salary, vec![100.0, 40.0, 0.0]);
        assert_eq!(
            p.ratings[&plan.issues[0].options[1].id].confidence,
            Confidence::Low
        );
        assert_eq!(
            p.ratings[&plan.issues[0].options[0].id].confidence,
            Confidence::Medium
        );
    }
}
