//! Better numbers in (`shared/docs/method.md`, "Eliciting weights and ratings",
//! "Alternatives as decision trees", "Learning the other side from its offers"): the
//! helpers that turn a user's judgements into the weights, ratings and reservation values
//! the analysis reads. Pure: no Leptos, web-sys or gloo; tested natively.
//!
//! Each helper has the maths on plain numbers, the words a user reads, and the edits it
//! makes to a plan (functions on `&mut Plan` that the views run inside one
//! `PlanSession::edit`, so each is one undoable step):
//!
//! - [`weights`]: swing weights and the rank-order centroid; the method used is kept in
//!   `Party::elicitation`.
//! - [`ratings`]: options put in order and placed on the 0–100 scale; a value curve over
//!   options that are numbers.
//! - [`holistic`]: contrasting packages, the constrained least-squares fit of the weights a
//!   user's scores of whole packages imply, and how it compares with the stated weights.
//! - [`tree`]: a BATNA as a small decision tree: expected value, percentiles, errors;
//!   [`tree_form`] the form that edits it.
//! - [`revealed`]: what a counterpart's offers in the offer log reveal, through the
//!   frequency model of `analysis::opponent`, compared with our estimate.

pub mod holistic;
pub mod ratings;
pub mod revealed;
pub mod tree;
pub mod tree_form;
pub mod weights;

use crate::model::{IssueId, OptionId, PartyId, Plan, Score};

/// A number as the helpers write it: whole numbers plainly, others with one decimal.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    // `+ 0.0` turns -0 into 0.
    let r = (v * 10.0).round() / 10.0 + 0.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// An issue's name for a sentence; "Untitled issue" for an empty one.
pub fn issue_name(plan: &Plan, id: &IssueId) -> String {
    plan.issue(id)
        .map(|i| i.name.trim())
        .filter(|n| !n.is_empty())
        .unwrap_or("Untitled issue")
        .to_string()
}

/// An option's label for a sentence; "Untitled option" for an empty one.
pub fn option_label(plan: &Plan, id: &OptionId) -> String {
    plan.issues
        .iter()
        .flat_map(|i| &i.options)
        .find(|o| &o.id == id)
        .map(|o| o.label.trim())
        .filter(|l| !l.is_empty())
        .unwrap_or("Untitled option")
        .to_string()
}

/// A new score for a party: our estimates of a counterpart start at medium confidence.
fn new_score(plan: &Plan, party: &PartyId, value: f64) -> Score {
    let mut s = Score::new(value);
    if plan.us() != Some(party) {
        s.confidence = crate::model::Confidence::Medium;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_plainly() {
        assert_eq!(num(60.0), "60");
        assert_eq!(num(62.46), "62.5");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(f64::NAN), "");
    }
}
