//! The cells of the Evaluate tables: a party's weight of an issue or rating of an option.
//! What typing into one means (numbers read with a decimal comma, clamped to 0–100, weights
//! rebalanced), what it writes, and the words the cell shows. One piece for both kinds of
//! cell, so the two tables cannot drift apart; the step only binds it.

use super::{set_weight, Confidence, Find, IssueId, OptionId, PartyId, Plan, Score};
use std::collections::BTreeMap;

/// How a score is written in a cell: whole numbers plainly, others with one decimal.
pub fn format_score(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    // `+ 0.0` turns -0 into 0, so an empty sum never shows as "-0".
    let r = (v * 10.0).round() / 10.0 + 0.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// What the user typed into a 0–100 cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Typed {
    Empty,
    /// A number in range (one decimal at most).
    Value(f64),
    /// A number out of range, brought to the nearest end.
    Clamped {
        typed: String,
        value: f64,
    },
    NotANumber,
}

/// Reads a cell's text: accepts a decimal comma, clamps to 0–100, never yields NaN.
pub fn parse_score(text: &str) -> Typed {
    let t = text.trim();
    if t.is_empty() {
        return Typed::Empty;
    }
    let Ok(v) = t.replace(',', ".").parse::<f64>() else {
        return Typed::NotANumber;
    };
    if !v.is_finite() {
        return Typed::NotANumber;
    }
    let rounded = (v * 10.0).round() / 10.0;
    let clamped = rounded.clamp(0.0, 100.0);
    if clamped != rounded {
        Typed::Clamped {
            typed: t.to_string(),
            value: clamped,
        }
    } else {
        Typed::Value(clamped)
    }
}

/// The confidences in the order the select lists them, with their values and words.
pub const CONFIDENCES: [(Confidence, &str, &str); 3] = [
    (Confidence::Low, "low", "Low"),
    (Confidence::Medium, "medium", "Medium"),
    (Confidence::High, "high", "High"),
];

/// The select's value for a confidence.
pub fn confidence_slug(c: Confidence) -> &'static str {
    CONFIDENCES
        .iter()
        .find(|(x, _, _)| *x == c)
        .map_or("high", |(_, slug, _)| slug)
}

/// The confidence a select's value names (anything unknown is "high", the default).
pub fn confidence_from(s: &str) -> Confidence {
    CONFIDENCES
        .iter()
        .find(|(_, slug, _)| *slug == s)
        .map_or(Confidence::High, |(c, _, _)| *c)
}

/// Our estimates of other parties start at medium confidence; our own numbers are known.
pub fn new_score(value: f64, counterpart: bool) -> Score {
    Score {
        confidence: if counterpart {
            Confidence::Medium
        } else {
            Confidence::High
        },
        ..Score::new(value)
    }
}

/// New scores for a counterpart are estimates: medium confidence until the user says more.
pub fn mark_new_estimates(
    weights: &mut BTreeMap<IssueId, Score>,
    before: &BTreeMap<IssueId, Score>,
    counterpart: bool,
) {
    if !counterpart {
        return;
    }
    for (id, s) in weights.iter_mut() {
        if !before.contains_key(id) {
            s.confidence = Confidence::Medium;
        }
    }
}

/// A party's name for sentences ("this party" when it has none).
pub fn party_name(plan: &Plan, id: &PartyId) -> String {
    plan.party(id)
        .map(|p| p.name.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "this party".into())
}

/// The plan's issues, in order.
pub fn issue_ids(plan: &Plan) -> Vec<IssueId> {
    plan.issues.iter().map(|i| i.id.clone()).collect()
}

/// An issue's name for a table ("Untitled issue" when blank).
fn issue_name(plan: &Plan, id: &IssueId) -> String {
    plan.issue(id)
        .map(|i| i.name.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Untitled issue".into())
}

/// One cell of a party's column: the weight of an issue, or the rating of an option.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ScoreCell {
    Weight(IssueId),
    Rating(OptionId),
}

/// What typing into a cell asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// Nothing yet: a weight cell was emptied, the user is about to type a number.
    Nothing,
    /// Not a number: the plan stays as it is and the hint says why.
    Refused(String),
    /// Write this value (`None` clears a rating); `clamped_from` is what was typed when it
    /// was out of range.
    Set {
        value: Option<f64>,
        clamped_from: Option<String>,
    },
}

impl ScoreCell {
    pub fn is_weight(&self) -> bool {
        matches!(self, ScoreCell::Weight(_))
    }

    /// The column's start of element ids: `weight-<panel>-<issue>`, `rate-<panel>-<option>`.
    pub fn column(&self) -> &'static str {
        match self {
            ScoreCell::Weight(_) => "weight",
            ScoreCell::Rating(_) => "rate",
        }
    }

    /// The id of what the cell scores (the end of its element id).
    pub fn key(&self) -> &str {
        match self {
            ScoreCell::Weight(i) => i.as_str(),
            ScoreCell::Rating(o) => o.as_str(),
        }
    }

    /// The keys of the cells of this column, top to bottom (↑ ↓ and Enter move along it).
    pub fn column_keys(&self, plan: &Plan) -> Vec<String> {
        match self {
            ScoreCell::Weight(_) => plan.issues.iter().map(|i| i.id.to_string()).collect(),
            ScoreCell::Rating(_) => plan
                .issues
                .iter()
                .flat_map(|i| &i.options)
                .map(|o| o.id.to_string())
                .collect(),
        }
    }

    /// What the cell scores, for sentences: the issue's name or the option's label.
    pub fn name(&self, plan: &Plan) -> String {
        match self {
            ScoreCell::Weight(i) => issue_name(plan, i),
            ScoreCell::Rating(o) => o
                .find(plan)
                .map(|o| o.label.trim().to_string())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| "Untitled option".into()),
        }
    }

    /// The input's accessible name: "Weight of “Salary”", "Rating of “€90k” (Salary)".
    pub fn input_label(&self, plan: &Plan) -> String {
        let name = self.name(plan);
        match self {
            ScoreCell::Weight(_) => format!("Weight of “{name}”"),
            ScoreCell::Rating(o) => {
                let issue = plan
                    .issues
                    .iter()
                    .find(|i| i.options.iter().any(|x| &x.id == o))
                    .map(|i| issue_name(plan, &i.id))
                    .unwrap_or_default();
                if self.derived(plan) {
                    format!("Rating of “{name}” ({issue}), worked out from its two outcomes and the chance of the event")
                } else {
                    format!("Rating of “{name}” ({issue})")
                }
            }
        }
    }

    /// "weight" or "rating", for sentences.
    fn noun(&self) -> &'static str {
        match self {
            ScoreCell::Weight(_) => "weight",
            ScoreCell::Rating(_) => "rating",
        }
    }

    /// The confidence select's accessible name.
    pub fn confidence_label(&self, name: &str) -> String {
        format!("Confidence in the {} of “{name}”", self.noun())
    }

    /// The party's score in this cell.
    pub fn score(&self, plan: &Plan, party: &PartyId) -> Option<Score> {
        let party = plan.party(party)?;
        match self {
            ScoreCell::Weight(i) => party.weights.get(i).copied(),
            // A contingent option's rating is the mix of its outcomes' (read only).
            ScoreCell::Rating(o) => {
                let issue = plan
                    .issues
                    .iter()
                    .find(|i| i.options.iter().any(|x| &x.id == o))?;
                let option = issue.options.iter().find(|x| &x.id == o)?;
                super::rating(party, issue, option)
            }
        }
    }

    /// Whether the cell is worked out rather than typed: the rating of a contingent option.
    pub fn derived(&self, plan: &Plan) -> bool {
        match self {
            ScoreCell::Weight(_) => false,
            ScoreCell::Rating(o) => o.find(plan).is_some_and(|x| x.contingent.is_some()),
        }
    }

    /// The cell's text for a stored score: an unset weight reads 0, an unset rating is blank.
    pub fn shown(&self, score: Option<Score>) -> String {
        match (self, score) {
            (_, Some(s)) => format_score(s.value),
            (ScoreCell::Weight(_), None) => format_score(0.0),
            (ScoreCell::Rating(_), None) => String::new(),
        }
    }

    /// Reads what was typed. Weights are whole numbers; an emptied rating is cleared.
    pub fn read(&self, text: &str) -> Entry {
        let weight = self.is_weight();
        match parse_score(text) {
            Typed::Empty if weight => Entry::Nothing,
            Typed::Empty => Entry::Set {
                value: None,
                clamped_from: None,
            },
            Typed::NotANumber => {
                Entry::Refused(format!("“{}” is not a number: type 0 to 100.", text.trim()))
            }
            Typed::Value(v) => Entry::Set {
                value: Some(if weight { v.round() } else { v }),
                clamped_from: None,
            },
            Typed::Clamped { typed, value } => Entry::Set {
                value: Some(if weight { value.round() } else { value }),
                clamped_from: Some(typed),
            },
        }
    }

    /// What "Undo" names writing `value` for party `who`.
    pub fn undo_label(&self, name: &str, who: &str, value: Option<f64>) -> String {
        match (self, value) {
            (ScoreCell::Weight(_), _) => format!("set the weight of “{name}” for {who}"),
            (ScoreCell::Rating(_), Some(_)) => format!("rate “{name}”"),
            (ScoreCell::Rating(_), None) => format!("clear the rating of “{name}”"),
        }
    }

    /// Writes `value` into the party's column. A weight rebalances the unlocked others from
    /// `base` (the weights when the user entered the cell, so typing "5" then "50" keeps the
    /// others' proportions); it returns the value the weight was limited to, if any. New
    /// scores of a counterpart are estimates (medium confidence).
    pub fn write(
        &self,
        plan: &mut Plan,
        party: &PartyId,
        value: Option<f64>,
        base: Option<&BTreeMap<IssueId, Score>>,
    ) -> Option<f64> {
        let counterpart = plan.us() != Some(party);
        let ids = issue_ids(plan);
        let party = plan.party_mut(party)?;
        match self {
            ScoreCell::Weight(issue) => {
                let asked = value?;
                let base = base.cloned().unwrap_or_else(|| party.weights.clone());
                let result = set_weight(&base, &ids, issue, asked);
                party.weights = result.weights;
                mark_new_estimates(&mut party.weights, &base, counterpart);
                party.elicitation.note_hand_edit();
                result.limited_to
            }
            ScoreCell::Rating(option) => {
                match value {
                    Some(v) => {
                        party
                            .ratings
                            .entry(option.clone())
                            .or_insert_with(|| new_score(v, counterpart))
                            .value = v;
                    }
                    None => {
                        party.ratings.remove(option);
                    }
                }
                None
            }
        }
    }

    /// The hint after writing: why the number is not the one typed, if it is not.
    pub fn hint(
        &self,
        name: &str,
        value: Option<f64>,
        clamped_from: Option<&str>,
        limited: Option<f64>,
    ) -> Option<String> {
        let got = format_score(limited.or(value).unwrap_or(0.0));
        match (clamped_from, limited) {
            (Some(typed), _) => {
                let what = if self.is_weight() {
                    "Weights"
                } else {
                    "Ratings"
                };
                Some(format!(
                    "{what} run from 0 to 100: {typed} became {got} for “{name}”."
                ))
            }
            (None, Some(_)) => Some(format!(
                "“{name}” can have at most {got}: the locked weights take the rest."
            )),
            (None, None) => None,
        }
    }

    /// Whether the field must be rewritten with the stored number after typing `text`: a
    /// weight when it was clamped or limited; a rating when the stored number reads
    /// differently, unless the user is in the middle of typing a decimal ("62,").
    pub fn rewrite(
        &self,
        text: &str,
        value: Option<f64>,
        clamped_from: Option<&str>,
        limited: Option<f64>,
    ) -> bool {
        let t = text.trim();
        match self {
            ScoreCell::Weight(_) => limited.is_some() || clamped_from.is_some(),
            ScoreCell::Rating(_) => {
                value.is_some_and(|v| format_score(v) != t) && !t.ends_with(['.', ','])
            }
        }
    }

    /// Which cell ↑ ↓ or Enter moves to (+1 down, -1 up), if the key moves. In a weight
    /// cell (a number input, whose arrows step the value) only Enter moves.
    pub fn step_for_key(&self, key: &str, modified: bool) -> Option<isize> {
        match self {
            ScoreCell::Weight(_) => (key == "Enter").then_some(1),
            ScoreCell::Rating(_) if modified => None,
            ScoreCell::Rating(_) => match key {
                "ArrowDown" | "Enter" => Some(1),
                "ArrowUp" => Some(-1),
                _ => None,
            },
        }
    }

    /// What "Undo" names a change of confidence.
    pub fn confidence_undo(&self, name: &str) -> String {
        format!("set the confidence in the {} of “{name}”", self.noun())
    }

    /// Sets the confidence in the party's score. A weight without a number gets one (0) to
    /// carry it; a rating must be rated first.
    pub fn set_confidence(&self, plan: &mut Plan, party: &PartyId, c: Confidence) {
        let Some(party) = plan.party_mut(party) else {
            return;
        };
        match self {
            ScoreCell::Weight(i) => {
                party
                    .weights
                    .entry(i.clone())
                    .or_insert_with(|| new_score(0.0, true))
                    .confidence = c;
            }
            ScoreCell::Rating(o) => {
                if let Some(s) = party.ratings.get_mut(o) {
                    s.confidence = c;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};

    #[test]
    fn typed_numbers_are_read_and_clamped() {
        assert_eq!(parse_score(""), Typed::Empty);
        assert_eq!(parse_score("  "), Typed::Empty);
        assert_eq!(parse_score("60"), Typed::Value(60.0));
        assert_eq!(parse_score("62,5"), Typed::Value(62.5));
        assert_eq!(parse_score("60."), Typed::Value(60.0));
        assert_eq!(parse_score("33.33"), Typed::Value(33.3));
        assert_eq!(
            parse_score("150"),
            Typed::Clamped {
                typed: "150".into(),
                value: 100.0
            }
        );
        assert_eq!(
            parse_score("-5"),
            Typed::Clamped {
                typed: "-5".into(),
                value: 0.0
            }
        );
        for bad in ["abc", "-", "NaN", "inf", "1e999", "--1"] {
            assert_eq!(parse_score(bad), Typed::NotANumber, "{bad}");
        }
    }

    #[test]
    fn scores_are_written_plainly() {
        assert_eq!(format_score(60.0), "60");
        assert_eq!(format_score(62.5), "62.5");
        assert_eq!(format_score(33.333), "33.3");
        assert_eq!(format_score(f64::NAN), "");
        assert_eq!(format_score(-0.0), "0");
    }

    #[test]
    fn confidences_round_trip_through_their_slugs() {
        for (c, slug, _) in CONFIDENCES {
            assert_eq!(confidence_slug(c), slug);
            assert_eq!(confidence_from(slug), c);
        }
        assert_eq!(confidence_from("bogus"), Confidence::High);
    }

    fn plan() -> Plan {
        sample_plan(PlanId::parse("p1").unwrap(), 0)
    }

    #[test]
    fn the_two_kinds_read_what_was_typed_their_own_way() {
        let p = plan();
        let weight = ScoreCell::Weight(p.issues[0].id.clone());
        let rating = ScoreCell::Rating(p.issues[0].options[0].id.clone());
        assert_eq!(weight.read(""), Entry::Nothing);
        assert_eq!(
            rating.read(" "),
            Entry::Set {
                value: None,
                clamped_from: None
            }
        );
        assert_eq!(
            weight.read("62,5"),
            Entry::Set {
                value: Some(63.0),
                clamped_from: None
            }
        );
        assert_eq!(
            rating.read("62,5"),
            Entry::Set {
                value: Some(62.5),
                clamped_from: None
            }
        );
        for cell in [&weight, &rating] {
            assert_eq!(
                cell.read(" x "),
                Entry::Refused("“x” is not a number: type 0 to 100.".into())
            );
            assert_eq!(
                cell.read("150"),
                Entry::Set {
                    value: Some(100.0),
                    clamped_from: Some("150".into())
                }
            );
        }
        assert_eq!(weight.shown(None), "0");
        assert_eq!(rating.shown(None), "");
        assert_eq!(weight.step_for_key("ArrowDown", false), None);
        assert_eq!(weight.step_for_key("Enter", true), Some(1));
        assert_eq!(rating.step_for_key("ArrowUp", false), Some(-1));
        assert_eq!(rating.step_for_key("Enter", false), Some(1));
        assert_eq!(rating.step_for_key("ArrowDown", true), None);
    }

    #[test]
    fn the_two_kinds_write_and_explain_their_own_way() {
        let mut p = plan();
        let us = p.parties[0].id.clone();
        let them = p.parties[1].id.clone();
        let issue = p.issues[0].id.clone();
        let option = p.issues[0].options[0].id.clone();
        let weight = ScoreCell::Weight(issue.clone());
        let rating = ScoreCell::Rating(option.clone());

        // A weight rebalances the others to keep the sum at 100.
        assert_eq!(weight.write(&mut p, &us, Some(50.0), None), None);
        let sum: f64 = p.parties[0].weights.values().map(|s| s.value).sum();
        assert_eq!(weight.score(&p, &us).map(|s| s.value), Some(50.0));
        assert!((sum - 100.0).abs() < 1e-9, "{sum}");

        // A rating is cleared, then set again; a counterpart's new one is an estimate.
        rating.write(&mut p, &them, None, None);
        assert_eq!(rating.score(&p, &them), None);
        rating.write(&mut p, &them, Some(70.0), None);
        let s = rating.score(&p, &them).unwrap();
        assert_eq!((s.value, s.confidence), (70.0, Confidence::Medium));
        rating.set_confidence(&mut p, &them, Confidence::Low);
        assert_eq!(
            rating.score(&p, &them).map(|s| s.confidence),
            Some(Confidence::Low)
        );

        let name = weight.name(&p);
        assert_eq!(name, "Salary");
        assert_eq!(weight.input_label(&p), "Weight of “Salary”");
        assert_eq!(rating.input_label(&p), "Rating of “€85k” (Salary)");
        assert_eq!(
            weight
                .hint("Salary", Some(100.0), Some("150"), Some(80.0))
                .as_deref(),
            Some("Weights run from 0 to 100: 150 became 80 for “Salary”.")
        );
        assert_eq!(
            weight
                .hint("Salary", Some(90.0), None, Some(80.0))
                .as_deref(),
            Some("“Salary” can have at most 80: the locked weights take the rest.")
        );
        assert_eq!(
            rating
                .hint("€85k", Some(100.0), Some("150"), None)
                .as_deref(),
            Some("Ratings run from 0 to 100: 150 became 100 for “€85k”.")
        );
        assert_eq!(rating.hint("€85k", Some(60.0), None, None), None);
        assert!(weight.rewrite("80", Some(90.0), None, Some(80.0)));
        assert!(!weight.rewrite("80", Some(80.0), None, None));
        assert!(rating.rewrite("062", Some(62.0), None, None));
        assert!(!rating.rewrite("62,", Some(62.0), None, None));
        assert_eq!(
            rating.undo_label("€85k", "Us", None),
            "clear the rating of “€85k”"
        );
        assert_eq!(
            weight.confidence_undo("Salary"),
            "set the confidence in the weight of “Salary”"
        );
        assert_eq!(weight.column_keys(&p).len(), p.issues.len());
        assert_eq!(
            rating.column_keys(&p).len(),
            p.issues.iter().map(|i| i.options.len()).sum::<usize>()
        );
    }
}
