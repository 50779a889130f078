//! The words users read about views: disagreements ("Ana weighs Price at 50, Ben at 20"),
//! how the team settled a value, and what a package is worth in each member's view. Made
//! here so they are tested natively and compiled once; the steps show them as they are.

use super::stats::{rule_value, team_value, Disagreement, MemberValue};
use crate::analysis::explain::list;
use crate::model::edit_people::party_display_name;
use crate::model::team::{Place, Rule};
use crate::model::{PartyId, Plan};

pub use crate::formats::brief::number;

/// A party's name as the views show it.
pub fn party_name(plan: &Plan, id: &PartyId) -> String {
    party_display_name(plan, id).trim().to_string()
}

/// A member's name, never blank.
pub fn member_name(name: &str) -> String {
    let t = name.trim();
    if t.is_empty() {
        "A teammate".into()
    } else {
        t.to_string()
    }
}

/// "Ana's", "James's".
pub fn possessive(name: &str) -> String {
    format!("{}'s", member_name(name))
}

fn issue_name(plan: &Plan, place: &Place) -> String {
    match place {
        Place::Weight(id) => plan
            .issue(id)
            .map(|i| i.name.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "an untitled issue".into()),
        Place::Rating(id) => plan
            .issues
            .iter()
            .find_map(|i| {
                let o = i.options.iter().find(|o| &o.id == id)?;
                let label = o.label.trim();
                let label = if label.is_empty() {
                    "an untitled option"
                } else {
                    label
                };
                Some(format!("{label} ({})", i.name.trim()))
            })
            .unwrap_or_else(|| "a removed option".into()),
        Place::Reservation => String::new(),
    }
}

/// What a place is, for labels: "the weight of Price", "the rating of €90k (Salary)",
/// "the walk-away", each for a party: "… for Nimbus".
pub fn place_label(plan: &Plan, party: &PartyId, place: &Place) -> String {
    let what = match place {
        Place::Weight(_) => format!("the weight of {}", issue_name(plan, place)),
        Place::Rating(_) => format!("the rating of {}", issue_name(plan, place)),
        Place::Reservation => "the walk-away (reservation value)".into(),
    };
    format!("{what} for {}", party_name(plan, party))
}

/// "Ana at 50, Ben at 20": every member after the first, with the first's verb before.
fn values_after(members: &[MemberValue]) -> String {
    members
        .iter()
        .skip(1)
        .map(|m| format!("{} at {}", member_name(&m.member), number(m.value)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One disagreement in plain words: "Ana weighs Price at 50, Ben at 20". For a party other
/// than us the sentence says whose numbers these are: "For Nimbus, Ana weighs …".
pub fn disagreement(plan: &Plan, d: &Disagreement) -> String {
    let Some(first) = d.members.first() else {
        return String::new();
    };
    let who = member_name(&first.member);
    let rest = values_after(&d.members);
    let rest = if rest.is_empty() {
        String::new()
    } else {
        format!(", {rest}")
    };
    let ours = plan.us() == Some(&d.party);
    let at = number(first.value);
    let sentence = match &d.place {
        Place::Weight(_) => format!("{who} weighs {} at {at}{rest}", issue_name(plan, &d.place)),
        Place::Rating(_) => format!("{who} rates {} at {at}{rest}", issue_name(plan, &d.place)),
        Place::Reservation if ours => format!("{who} puts our walk-away at {at}{rest}"),
        Place::Reservation => format!(
            "{who} puts {}'s walk-away at {at}{rest}",
            party_name(plan, &d.party)
        ),
    };
    if ours || d.place == Place::Reservation {
        sentence
    } else {
        format!("For {}, {sentence}", party_name(plan, &d.party))
    }
}

/// A rule as the team's choice reads: "the median (35)", "Ben's number (20)", "by hand (38)".
pub fn rule_text(plan: &Plan, party: &PartyId, place: &Place, rule: &Rule) -> String {
    let value = rule_value(plan, party, place, rule)
        .map(number)
        .unwrap_or_else(|| "–".into());
    match rule {
        Rule::Average => format!("the average ({value})"),
        Rule::Median => format!("the median ({value})"),
        Rule::Member(view) => {
            let name = plan
                .team
                .view(view)
                .map(|v| possessive(&v.member))
                .unwrap_or_else(|| "a removed member's".into());
            format!("{name} number ({value})")
        }
        Rule::Hand => format!("by hand ({value})"),
    }
}

/// The team's choices at a place, as (form value, label): the average, the median, each
/// member who gave a number, and by hand. "Average: 35", "Ben: 20".
pub fn choices(plan: &Plan, party: &PartyId, place: &Place) -> Vec<(String, String)> {
    use super::choose::rule_key;
    let mut out = Vec::new();
    let members = super::stats::member_values(plan, party, place);
    if !members.is_empty() {
        for (rule, name) in [(Rule::Average, "Average"), (Rule::Median, "Median")] {
            if let Some(v) = rule_value(plan, party, place, &rule) {
                out.push((rule_key(&rule), format!("{name}: {}", number(v))));
            }
        }
        for m in members {
            out.push((
                rule_key(&Rule::Member(m.view)),
                format!("{}: {}", member_name(&m.member), number(m.value)),
            ));
        }
    }
    out.push((rule_key(&Rule::Hand), "By hand".into()));
    out
}

/// How a settled place reads: "Team: 35, the median." When the team's number has moved
/// away from what the rule gives (typed over, or moved by rebalancing), it says so instead
/// of claiming the rule.
pub fn decided(plan: &Plan, party: &PartyId, place: &Place, rule: &Rule) -> String {
    let team = team_value(plan, party, place);
    let team_text = team.map(number).unwrap_or_else(|| "no number".into());
    let by_rule = rule_value(plan, party, place, rule);
    let how = match (rule, by_rule, team) {
        (Rule::Hand, _, _) => "set by hand".to_string(),
        (_, Some(r), Some(t)) if (r - t).abs() < 0.05 => match rule {
            Rule::Average => "the average".into(),
            Rule::Median => "the median".into(),
            Rule::Member(view) => plan
                .team
                .view(view)
                .map(|v| format!("{} number", possessive(&v.member)))
                .unwrap_or_else(|| "set by hand".into()),
            Rule::Hand => "set by hand".into(),
        },
        _ => "changed by hand since".into(),
    };
    format!("Team: {team_text}, {how}.")
}

/// A message as a sentence: its first letter upper-case (whatever the script) and a full
/// stop at the end.
pub fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = first.to_uppercase().collect();
    out.push_str(chars.as_str());
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// "in Ana's view", "in Ana's and Ben's views", "in Ana's or Ben's view".
fn in_views(names: &[String], joiner: &str) -> String {
    let owned: Vec<String> = names.iter().map(|n| possessive(n)).collect();
    let text = match owned.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., last] => format!("{} {joiner} {last}", head.join(", ")),
    };
    let noun = if names.len() > 1 && joiner == "and" {
        "views"
    } else {
        "view"
    };
    format!("in {text} {noun}")
}

/// Splits members by a yes/no finding: "Good for us in Ana's view, not in Ben's." /
/// "Good for us in Ana's and Ben's views." / "Not good for us in Ana's or Ben's view."
pub fn split_finding(yes: &str, no: &str, yes_names: &[String], no_names: &[String]) -> String {
    match (yes_names.is_empty(), no_names.is_empty()) {
        (_, true) if yes_names.is_empty() => String::new(),
        (false, true) => format!("{yes} {}.", in_views(yes_names, "and")),
        (true, false) => format!("{no} {}.", in_views(no_names, "or")),
        _ => {
            let nos: Vec<String> = no_names.iter().map(|n| possessive(n)).collect();
            format!(
                "{yes} {}, not in {}.",
                in_views(yes_names, "and"),
                list(&nos)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn findings_read_as_sentences() {
        let good = |y: &[&str], n: &[&str]| {
            split_finding("Good for us", "Not good for us", &names(y), &names(n))
        };
        assert_eq!(
            good(&["Ana"], &["Ben"]),
            "Good for us in Ana's view, not in Ben's."
        );
        assert_eq!(
            good(&["Ana", "Ben"], &[]),
            "Good for us in Ana's and Ben's views."
        );
        assert_eq!(
            good(&[], &["Ana", "Ben"]),
            "Not good for us in Ana's or Ben's view."
        );
        assert_eq!(
            good(&["Ana", "Carla"], &["Ben", "Dev"]),
            "Good for us in Ana's and Carla's views, not in Ben's and Dev's."
        );
        assert_eq!(
            good(&["Ana", "Ben", "Carla"], &[]),
            "Good for us in Ana's, Ben's and Carla's views."
        );
        assert_eq!(good(&[], &[]), "");
        assert_eq!(possessive("  "), "A teammate's");
        assert_eq!(
            sentence("émile has already answered"),
            "Émile has already answered."
        );
        assert_eq!(sentence("done."), "Done.");
        assert_eq!(sentence(""), "");
    }
}
