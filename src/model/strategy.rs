//! What the plan keeps for the talks and after them: the target the user settled on,
//! contingent options ("A if the event happens, else B"), and the agreement with its review
//! notes. Pure data with its rules: how a contingent option is rated, and how these parts
//! are repaired and checked when a plan is loaded or imported.

use super::entities::*;
use super::Plan;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The strategy's settings the user chose; everything else the strategy shows is computed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StrategySettings {
    /// Our target value (0–100) as the user set it; `None` until the user settles on one
    /// (the Strategy step suggests a value meanwhile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

impl StrategySettings {
    /// Nothing set: the plan document leaves the field out.
    pub fn is_empty(&self) -> bool {
        self.target.is_none()
    }
}

/// How the talks ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Agreed,
    NoAgreement,
}

/// The record of the talks' end, and what was learnt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    pub outcome: Outcome,
    /// The agreed package, one option per issue (empty for no agreement).
    #[serde(default)]
    pub choices: BTreeMap<IssueId, OptionId>,
    /// The day it was signed or the talks ended, as a date field gives it ("2025-05-28").
    #[serde(default)]
    pub date: String,
    /// Notes on the deal, or why there was no agreement.
    #[serde(default)]
    pub notes: String,
    /// Lessons for next time, written during the review.
    #[serde(default)]
    pub lessons: String,
}

impl Agreement {
    pub fn new(outcome: Outcome) -> Agreement {
        Agreement {
            outcome,
            choices: BTreeMap::new(),
            date: String::new(),
            notes: String::new(),
            lessons: String::new(),
        }
    }
}

/// An option that depends on an uncertain event: `then` if it happens, `otherwise` if not.
/// Both are ordinary options of the same issue. Each party values it by its own chance of
/// the event, so parties that expect different futures can both gain from the bet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contingency {
    /// The event, in words ("Sales exceed 10,000 units in the first year").
    pub event: String,
    pub then: OptionId,
    pub otherwise: OptionId,
    /// Each party's chance of the event, in percent (0–100). A party without one has not
    /// rated the option yet.
    #[serde(default)]
    pub chances: BTreeMap<PartyId, f64>,
}

/// A party's rating of an option of `issue`: the stored rating, or for a contingent option
/// the mix `P·r(then) + (1 − P)·r(otherwise)` with the party's own chance `P` of the event
/// (its confidence is the lower of the two ratings'). `None` while something it needs is
/// missing.
pub fn rating(party: &Party, issue: &Issue, option: &OptionItem) -> Option<Score> {
    let Some(c) = &option.contingent else {
        return party.ratings.get(&option.id).copied();
    };
    let plain = |id: &OptionId| {
        issue
            .options
            .iter()
            .find(|o| &o.id == id && o.contingent.is_none())
    };
    let (a, b) = (plain(&c.then)?, plain(&c.otherwise)?);
    let (ra, rb) = (party.ratings.get(&a.id)?, party.ratings.get(&b.id)?);
    let p = (c.chances.get(&party.id)? / 100.0).clamp(0.0, 1.0);
    let value = p * ra.value + (1.0 - p) * rb.value;
    if !value.is_finite() {
        return None;
    }
    let confidence = if rank(ra.confidence) >= rank(rb.confidence) {
        ra.confidence
    } else {
        rb.confidence
    };
    Some(Score {
        value,
        confidence,
        locked: false,
    })
}

/// Reads a chance typed as a percentage ("70", "70%", "12.5"): 0 to 100.
pub fn parse_chance(text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches('%').trim().replace(',', ".");
    let v: f64 = t.parse().ok()?;
    (v.is_finite() && (0.0..=100.0).contains(&v)).then_some(v)
}

/// Adds a contingent option to `issue`: "`then` if `event`, else `otherwise`", with each
/// party's chance of the event as typed (percent). Errors are sentences for the user.
pub fn add_contingent(
    plan: &mut Plan,
    issue: &IssueId,
    event: &str,
    then: &OptionId,
    otherwise: &OptionId,
    chances: &[(PartyId, String)],
) -> Result<OptionId, String> {
    let event = event.trim();
    if event.is_empty() {
        return Err(
            "Say what the event is, for example “Sales exceed 10,000 units in the first year”."
                .into(),
        );
    }
    let Some(found) = plan.issue(issue) else {
        return Err("This issue no longer exists.".into());
    };
    if then == otherwise {
        return Err(
            "Pick two different options: one if the event happens, another if it does not.".into(),
        );
    }
    let plain = |id: &OptionId| {
        found
            .options
            .iter()
            .find(|o| &o.id == id && o.contingent.is_none())
            .map(|o| o.label.trim().to_string())
    };
    let (Some(a), Some(b)) = (plain(then), plain(otherwise)) else {
        return Err("Pick both outcomes among this issue's ordinary options.".into());
    };
    let mut read = BTreeMap::new();
    for (party, text) in chances {
        let name = plan.party(party).map_or("", |p| p.name.trim());
        match parse_chance(text) {
            Some(v) => {
                read.insert(party.clone(), v);
            }
            None => {
                return Err(format!(
                    "Give {name}'s chance of the event as a number from 0 to 100 (a percentage)."
                ))
            }
        }
    }
    let label = format!("{a} if {}, else {b}", lower_first(event));
    let id = plan
        .add_option(issue, &label)
        .ok_or("This issue no longer exists.")?;
    if let Some(option) = plan
        .issues
        .iter_mut()
        .flat_map(|i| i.options.iter_mut())
        .find(|o| o.id == id)
    {
        option.contingent = Some(Contingency {
            event: event.to_string(),
            then: then.clone(),
            otherwise: otherwise.clone(),
            chances: read,
        });
    }
    Ok(id)
}

/// A sentence in the middle of a label: its first letter in lower case, unless the second
/// is upper case too (an acronym stays as it is). Shared with `crate::strategy`'s sentences.
pub(crate) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), c.clone().next()) {
        (Some(f), Some(n)) if !n.is_uppercase() => f.to_lowercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

/// A contingent option in words: "If “Sales beat the forecast”: Bonus paid; if not: No
/// bonus. Chance of the event: Dana 70%, Nimbus not given yet."
pub fn describe_contingency(plan: &Plan, issue: &Issue, c: &Contingency) -> String {
    let label = |id: &OptionId| {
        issue
            .options
            .iter()
            .find(|o| &o.id == id)
            .map_or("(an option that no longer exists)".to_string(), |o| {
                o.label.trim().to_string()
            })
    };
    let chances: Vec<String> = plan
        .parties
        .iter()
        .map(|p| match c.chances.get(&p.id) {
            Some(v) => format!("{} {v:.0}%", p.name.trim()),
            None => format!("{} not given yet", p.name.trim()),
        })
        .collect();
    format!(
        "If “{}”: {}; if not: {}. Chance of the event: {}.",
        c.event.trim(),
        label(&c.then),
        label(&c.otherwise),
        chances.join(", ")
    )
}

/// Lower is more sure.
fn rank(c: Confidence) -> u8 {
    match c {
        Confidence::High => 0,
        Confidence::Medium => 1,
        Confidence::Low => 2,
    }
}

/// What is wrong with an option's contingency in `issue`, if anything: both outcomes must
/// be other, ordinary options of the same issue.
fn contingency_fault(issue: &Issue, option: &OptionId, c: &Contingency) -> Option<String> {
    for (side, id) in [("then", &c.then), ("otherwise", &c.otherwise)] {
        match issue.options.iter().find(|o| &o.id == id) {
            None => return Some(format!("{side}: the issue has no option {:?}", id.0)),
            Some(o) if &o.id == option => {
                return Some(format!("{side}: an option cannot depend on itself"))
            }
            Some(o) if o.contingent.is_some() => {
                return Some(format!("{side}: {:?} is itself contingent", id.0))
            }
            Some(_) => {}
        }
    }
    (c.then == c.otherwise).then(|| "then and otherwise are the same option".to_string())
}

fn in_range(v: f64) -> bool {
    v.is_finite() && (0.0..=100.0).contains(&v)
}

impl Plan {
    /// The strategy's and the agreement's part of [`Plan::repair`].
    pub(super) fn repair_strategy(&mut self, notes: &mut Vec<String>) {
        if let Some(t) = self.strategy.target {
            if !in_range(t) {
                self.strategy.target = t.is_finite().then(|| t.clamp(0.0, 100.0));
                notes.push("Brought the strategy's target back into the 0–100 range.".into());
            }
        }
        // Contingencies whose outcomes are gone make their option an ordinary one (its
        // label and event stay in the notes so nothing the user wrote is lost).
        let parties: Vec<PartyId> = self.parties.iter().map(|p| p.id.clone()).collect();
        let mut undone = Vec::new();
        let mut fixed_chances = 0;
        for k in 0..self.issues.len() {
            let issue = self.issues[k].clone();
            for option in &mut self.issues[k].options {
                let id = option.id.clone();
                let Some(c) = &mut option.contingent else {
                    continue;
                };
                if contingency_fault(&issue, &id, c).is_some() {
                    undone.push(format!("“{}” (if {})", option.label, c.event));
                    option.contingent = None;
                    continue;
                }
                let before = c.chances.clone();
                c.chances.retain(|id, _| parties.contains(id));
                for v in c.chances.values_mut() {
                    *v = if v.is_nan() {
                        50.0
                    } else {
                        v.clamp(0.0, 100.0)
                    };
                }
                fixed_chances += usize::from(before != c.chances);
            }
        }
        if !undone.is_empty() {
            notes.push(format!(
                "{} contingent option(s) named outcomes that no longer exist and are now ordinary options: {}.",
                undone.len(),
                undone.join(", ")
            ));
        }
        if fixed_chances > 0 {
            notes.push(format!(
                "Fixed the chances of {fixed_chances} contingent option(s) (unknown parties or numbers outside 0–100)."
            ));
        }
        if let Some(a) = &mut self.agreement {
            let issues = &self.issues;
            let before = a.choices.len();
            a.choices.retain(|issue, option| {
                issues
                    .iter()
                    .find(|i| &i.id == issue)
                    .is_some_and(|i| i.options.iter().any(|o| &o.id == option))
            });
            if a.choices.len() != before {
                notes.push(format!(
                    "{} choice(s) of the recorded agreement named an issue or option that no longer exists; those issues are open again.",
                    before - a.choices.len()
                ));
            }
        }
    }

    /// The strategy's and the agreement's part of [`Plan::check`].
    pub(super) fn check_strategy(&self) -> Result<(), super::repair::CheckError> {
        if let Some(t) = self.strategy.target {
            if !in_range(t) {
                return Err((
                    "strategy.target".into(),
                    format!("{t} is not between 0 and 100"),
                ));
            }
        }
        for (i, issue) in self.issues.iter().enumerate() {
            for (k, option) in issue.options.iter().enumerate() {
                let Some(c) = &option.contingent else {
                    continue;
                };
                let path = format!("issues[{i}].options[{k}].contingent");
                if let Some(fault) = contingency_fault(issue, &option.id, c) {
                    return Err((path, fault));
                }
                for (party, v) in &c.chances {
                    if self.party(party).is_none() {
                        return Err((
                            format!("{path}.chances.{party}"),
                            "no party has this id".into(),
                        ));
                    }
                    if !in_range(*v) {
                        return Err((
                            format!("{path}.chances.{party}"),
                            format!("{v} is not between 0 and 100"),
                        ));
                    }
                }
            }
        }
        if let Some(a) = &self.agreement {
            for (issue, option) in &a.choices {
                let path = format!("agreement.choices.{issue}");
                match self.issue(issue) {
                    None => return Err((path, "no issue has this id".into())),
                    Some(x) if !x.options.iter().any(|o| &o.id == option) => {
                        return Err((path, format!("the issue has no option {:?}", option.0)))
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{supplier_contract, PlanId};

    /// The supplier example with a contingent option on the volume issue: "80% if sales
    /// grow, else none", the buyer at 30%, the supplier at 80%.
    fn with_bet() -> (Plan, OptionId) {
        let mut plan = supplier_contract(PlanId::parse("p1").unwrap(), 0);
        let issue = plan.issues[4].id.clone();
        let (none, eighty) = (
            plan.issues[4].options[0].id.clone(),
            plan.issues[4].options[2].id.clone(),
        );
        let id = plan
            .add_option(&issue, "80% if sales grow, else none")
            .unwrap();
        let chances = BTreeMap::from([
            (plan.parties[0].id.clone(), 30.0),
            (plan.parties[1].id.clone(), 80.0),
        ]);
        let option = plan.issues[4].options.last_mut().unwrap();
        option.contingent = Some(Contingency {
            event: "Sales grow by a tenth".into(),
            then: eighty,
            otherwise: none,
            chances,
        });
        (plan, id)
    }

    #[test]
    fn a_contingent_rating_is_the_chance_weighted_mix_of_its_outcomes() {
        let (plan, id) = with_bet();
        let issue = &plan.issues[4];
        let option = issue.options.iter().find(|o| o.id == id).unwrap();
        // Buyer: none 100, 80% 20 → 0.3·20 + 0.7·100 = 76. Supplier: 0.8·100 + 0.2·0 = 80.
        let buyer = rating(&plan.parties[0], issue, option).unwrap();
        let supplier = rating(&plan.parties[1], issue, option).unwrap();
        assert!((buyer.value - 76.0).abs() < 1e-9, "{buyer:?}");
        assert!((supplier.value - 80.0).abs() < 1e-9, "{supplier:?}");
        // The supplier's volume ratings are medium-confidence estimates; so is the mix.
        assert_eq!(supplier.confidence, Confidence::Medium);
        // Without the party's chance, the option is not rated yet.
        let mut plan = plan;
        if let Some(c) = plan.issues[4]
            .options
            .last_mut()
            .unwrap()
            .contingent
            .as_mut()
        {
            c.chances.clear();
        }
        let issue = &plan.issues[4];
        assert_eq!(
            rating(&plan.parties[0], issue, issue.options.last().unwrap()),
            None
        );
    }

    #[test]
    fn a_contingent_option_is_added_from_typed_chances_or_refused_in_plain_words() {
        let mut plan = supplier_contract(PlanId::parse("p1").unwrap(), 0);
        let issue = plan.issues[4].id.clone();
        let (none, eighty) = (
            plan.issues[4].options[0].id.clone(),
            plan.issues[4].options[2].id.clone(),
        );
        let (us, them) = (plan.parties[0].id.clone(), plan.parties[1].id.clone());
        let chances =
            |a: &str, b: &str| vec![(us.clone(), a.to_string()), (them.clone(), b.to_string())];
        let add = |plan: &mut Plan, event: &str, then: &OptionId, c: Vec<(PartyId, String)>| {
            add_contingent(plan, &issue, event, then, &none, &c)
        };
        assert!(add(&mut plan, " ", &eighty, chances("30", "80"))
            .unwrap_err()
            .starts_with("Say what the event is"));
        assert!(add(&mut plan, "x", &none, chances("30", "80"))
            .unwrap_err()
            .starts_with("Pick two different options"));
        let e = add(&mut plan, "x", &eighty, chances("30", "eighty")).unwrap_err();
        assert!(e.contains("Verpa Packaging (supplier)'s chance"), "{e}");
        assert!(add(&mut plan, "x", &eighty, chances("30", "120")).is_err());
        let id = add(
            &mut plan,
            "Sales grow by a tenth",
            &eighty,
            chances("30%", " 80 "),
        )
        .unwrap();
        let issue_now = &plan.issues[4];
        let option = issue_now.options.iter().find(|o| o.id == id).unwrap();
        assert_eq!(
            option.label,
            "80% of forecast if sales grow by a tenth, else None"
        );
        let c = option.contingent.as_ref().unwrap();
        assert_eq!(c.chances[&us], 30.0);
        assert_eq!(
            describe_contingency(&plan, issue_now, c),
            "If “Sales grow by a tenth”: 80% of forecast; if not: None. Chance of the event: Northfield Bakeries (buyer) 30%, Verpa Packaging (supplier) 80%."
        );
        // A contingent option cannot be an outcome of another.
        assert!(add(&mut plan, "y", &id, chances("1", "2"))
            .unwrap_err()
            .contains("ordinary options"));
        assert_eq!(plan.check(), Ok(()));
        assert_eq!(parse_chance("12,5"), Some(12.5));
        assert_eq!(parse_chance("-1"), None);
    }

    #[test]
    fn repair_turns_a_broken_bet_into_an_ordinary_option_and_check_refuses_it() {
        let (mut plan, _) = with_bet();
        assert_eq!(plan.check(), Ok(()));
        assert_eq!(plan.clone().repair(), Vec::<String>::new());
        // The "then" outcome names an option that is not there.
        if let Some(c) = plan.issues[4].options[3].contingent.as_mut() {
            c.then = OptionId("opt404".into());
        }
        let err = plan.check().unwrap_err();
        assert!(err.0.ends_with(".contingent"), "{err:?}");
        let notes = plan.repair();
        assert!(
            notes.iter().any(|n| n.contains("now ordinary options")),
            "{notes:?}"
        );
        assert!(plan.issues[4]
            .options
            .iter()
            .all(|o| o.contingent.is_none()));
        assert_eq!(plan.check(), Ok(()));
    }

    #[test]
    fn repair_fixes_chances_targets_and_agreements() {
        let (mut plan, _) = with_bet();
        let c = plan.issues[4].options.last_mut().unwrap();
        let c = c.contingent.as_mut().unwrap();
        c.chances.insert(PartyId("ghost".into()), 20.0);
        c.chances.insert(plan.parties[0].id.clone(), 140.0);
        plan.strategy.target = Some(120.0);
        let mut agreement = Agreement::new(Outcome::Agreed);
        agreement.choices = plan.packages[0].choices.clone();
        agreement
            .choices
            .insert(IssueId("iss404".into()), OptionId("opt404".into()));
        plan.agreement = Some(agreement);
        assert!(plan.check().is_err());
        let notes = plan.repair();
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert_eq!(plan.strategy.target, Some(100.0));
        let c = plan.issues[4].options.last().unwrap().contingent.as_ref();
        assert_eq!(c.unwrap().chances.len(), 2);
        assert_eq!(c.unwrap().chances[&plan.parties[0].id], 100.0);
        assert_eq!(
            plan.agreement.as_ref().unwrap().choices,
            plan.packages[0].choices
        );
        assert_eq!(plan.check(), Ok(()));
    }
}
