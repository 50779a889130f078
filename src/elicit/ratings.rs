//! Ratings made easier: put an issue's options in order from best to worst, then place
//! them on the 0–100 scale (best 100 and worst 0 are preset); or, for options that are
//! numbers (salary, price, days), rate them by a curve over those numbers.
//!
//! Moving an option keeps the scale: the ratings, sorted from best to worst, are slots that
//! the options take in their new order. Ratings that are not yet a proper scale (an option
//! unrated, best not 100, worst not 0, or ties) give way to evenly spaced slots on the first
//! move.

use super::{new_score, num, option_label};
use crate::model::{IssueId, OptionId, PartyId, Plan};

/// One option in the order panel.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderedOption {
    pub option: OptionId,
    pub label: String,
    pub rating: Option<f64>,
}

/// An issue's options for the party, best first by its ratings; unrated ones last; equal
/// ratings keep the issue's order.
pub fn ordered_options(plan: &Plan, party: &PartyId, issue: &IssueId) -> Vec<OrderedOption> {
    let (Some(p), Some(i)) = (plan.party(party), plan.issue(issue)) else {
        return Vec::new();
    };
    let mut rows: Vec<OrderedOption> = i
        .options
        .iter()
        .map(|o| OrderedOption {
            option: o.id.clone(),
            label: option_label(plan, &o.id),
            rating: p.ratings.get(&o.id).map(|s| s.value),
        })
        .collect();
    crate::model::order::sort_by(&mut rows, |a, b| match (a.rating, b.rating) {
        (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(std::cmp::Ordering::Equal),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    rows
}

/// Whether ratings listed best first already form the scale: every option rated, the
/// first 100, the last 0, strictly falling.
pub fn is_scale(ratings: &[Option<f64>]) -> bool {
    let Some(values) = ratings.iter().copied().collect::<Option<Vec<f64>>>() else {
        return false;
    };
    values.len() >= 2
        && values.first() == Some(&100.0)
        && values.last() == Some(&0.0)
        && values.windows(2).all(|w| w[0] > w[1])
}

/// `n` ratings evenly spaced from 100 down to 0, to one decimal (100, 50, 0 for three).
pub fn evenly(n: usize) -> Vec<f64> {
    match n {
        0 => Vec::new(),
        1 => vec![100.0],
        _ => (0..n)
            .map(|k| (1000.0 * (n - 1 - k) as f64 / (n - 1) as f64).round() / 10.0)
            .collect(),
    }
}

/// The places on the scale that options listed best first take, whatever their order: the
/// current ratings when they form a scale, else evenly spaced ones.
pub fn slots(ratings: &[Option<f64>]) -> Vec<f64> {
    if is_scale(ratings) {
        ratings.iter().map(|r| r.unwrap_or(0.0)).collect()
    } else {
        evenly(ratings.len())
    }
}

/// Writes ratings for options listed in order.
fn write(plan: &mut Plan, party: &PartyId, options: &[OptionId], values: &[f64]) {
    let fresh: Vec<_> = values.iter().map(|&v| new_score(plan, party, v)).collect();
    if let Some(p) = plan.party_mut(party) {
        for ((o, &v), score) in options.iter().zip(values).zip(fresh) {
            p.ratings
                .entry(o.clone())
                .and_modify(|s| s.value = v)
                .or_insert(score);
        }
    }
}

/// Moves an option from position `from` to `to` of the issue's best-first order and rates
/// every option by its new place.
pub fn move_option(plan: &mut Plan, party: &PartyId, issue: &IssueId, from: usize, to: usize) {
    let rows = ordered_options(plan, party, issue);
    if from >= rows.len() || to >= rows.len() {
        return;
    }
    let ratings: Vec<Option<f64>> = rows.iter().map(|r| r.rating).collect();
    let slots = slots(&ratings);
    let mut order: Vec<OptionId> = rows.into_iter().map(|r| r.option).collect();
    let item = order.remove(from);
    order.insert(to, item);
    write(plan, party, &order, &slots);
}

/// Rates the options in their current order: best 100, worst 0, the others evenly between.
pub fn rate_in_order(plan: &mut Plan, party: &PartyId, issue: &IssueId) {
    let order: Vec<OptionId> = ordered_options(plan, party, issue)
        .into_iter()
        .map(|r| r.option)
        .collect();
    let values = evenly(order.len());
    write(plan, party, &order, &values);
}

/// Places the option at `position` (not the first or the last, which are 100 and 0) on the
/// scale, kept between its neighbours so the order stays as the user set it. Returns the
/// value written and, when it differs from the one asked, why.
pub fn place(
    plan: &mut Plan,
    party: &PartyId,
    issue: &IssueId,
    position: usize,
    value: f64,
) -> Option<(f64, Option<String>)> {
    let rows = ordered_options(plan, party, issue);
    let n = rows.len();
    if position == 0 || position + 1 >= n {
        return None;
    }
    let ratings: Vec<Option<f64>> = rows.iter().map(|r| r.rating).collect();
    if !is_scale(&ratings) {
        // Make the scale first, in the current order.
        rate_in_order(plan, party, issue);
        return place(plan, party, issue, position, value);
    }
    let above = ratings[position - 1].unwrap_or(100.0);
    let below = ratings[position + 1].unwrap_or(0.0);
    let asked = if value.is_finite() { value } else { 0.0 };
    // Strictly between the neighbours, so the order cannot change by typing.
    let (lo, hi) = (below + 0.1, above - 0.1);
    let v = ((asked.clamp(lo.min(hi), hi.max(lo))) * 10.0).round() / 10.0;
    let why = (v != asked).then(|| {
        format!(
            "“{}” stays between “{}” ({}) and “{}” ({}); move it to change the order.",
            rows[position].label,
            rows[position - 1].label,
            num(above),
            rows[position + 1].label,
            num(below)
        )
    });
    write(plan, party, &[rows[position].option.clone()], &[v]);
    Some((v, why))
}

/// Reads the amount an option's label stands for: "€85k" → 85000, "In 2 weeks" → 2,
/// "1,200" → 1200, "2,5 days" → 2.5, "None" → 0. `None` when the label has no number or
/// more than one ("2–3 days").
pub fn parse_amount(label: &str) -> Option<f64> {
    let lower = label.trim().to_lowercase();
    if matches!(lower.as_str(), "none" | "no" | "zero" | "nothing" | "nil") {
        return Some(0.0);
    }
    let chars: Vec<char> = lower.chars().collect();
    let mut found: Option<f64> = None;
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        if found.is_some() {
            return None;
        }
        let start = k;
        let mut text = String::new();
        while k < chars.len() {
            let c = chars[k];
            if c.is_ascii_digit() {
                text.push(c);
            } else if (c == ',' || c == '.' || c == ' ' || c == '\u{a0}' || c == '\'')
                && chars.get(k + 1).is_some_and(|d| d.is_ascii_digit())
            {
                // A separator followed by exactly three digits groups thousands; a comma
                // or point followed by other digit counts is a decimal mark.
                let digits = chars[k + 1..]
                    .iter()
                    .take_while(|d| d.is_ascii_digit())
                    .count();
                if digits == 3 && c != '.' {
                    // "1,200", "1 200": grouping.
                } else if c == ',' || c == '.' {
                    if text.contains('.') {
                        return None;
                    }
                    text.push('.');
                } else {
                    break;
                }
            } else {
                break;
            }
            k += 1;
        }
        let negative = start > 0
            && matches!(chars[start - 1], '-' | '−')
            && (start < 2 || !chars[start - 2].is_ascii_digit());
        let mut v: f64 = text.parse().ok()?;
        // A multiplier right after the number: 85k, 1.5m, 2bn.
        let rest: String = chars[k..].iter().collect();
        let rest = rest.trim_start();
        let word_end = |s: &str, w: &str| {
            s.starts_with(w) && !s[w.len()..].starts_with(|c: char| c.is_alphabetic())
        };
        if word_end(rest, "k") || word_end(rest, "thousand") {
            v *= 1e3;
        } else if word_end(rest, "m") || word_end(rest, "mn") || word_end(rest, "million") {
            v *= 1e6;
        } else if word_end(rest, "bn") || word_end(rest, "billion") {
            v *= 1e9;
        }
        if negative {
            v = -v;
        }
        found = Some(v);
    }
    found.filter(|v| v.is_finite())
}

/// Which way an issue's numbers are good for the party.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    MoreIsBetter,
    LessIsBetter,
}

/// The curve from numbers to ratings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Equal steps in the number are equal steps in the rating.
    Linear,
    /// Diminishing returns: the first steps from the worst count most. Half way between the
    /// worst and the best number rates 75.
    Diminishing,
}

/// `v(z) = (1 − e^(−cz)) / (1 − e^(−c))` with `c = 2·ln 3`, so `v(½) = ¾`.
fn diminishing(z: f64) -> f64 {
    let c = 2.0 * 3f64.ln();
    (1.0 - (-c * z).exp()) / (1.0 - (-c).exp())
}

/// Ratings (0–100, one decimal) for options worth `amounts`: the worst number 0, the best
/// 100, the others on the curve. An error when fewer than two distinct numbers.
pub fn curve_ratings(
    amounts: &[f64],
    direction: Direction,
    shape: Shape,
) -> Result<Vec<f64>, String> {
    let lo = amounts.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = amounts.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return Err("A curve needs at least two different numbers.".into());
    }
    Ok(amounts
        .iter()
        .map(|&x| {
            let z = match direction {
                Direction::MoreIsBetter => (x - lo) / (hi - lo),
                Direction::LessIsBetter => (hi - x) / (hi - lo),
            };
            let v = match shape {
                Shape::Linear => z,
                Shape::Diminishing => diminishing(z),
            };
            (1000.0 * v.clamp(0.0, 1.0)).round() / 10.0
        })
        .collect())
}

/// The numbers an issue's options stand for, in the issue's order; an error naming the
/// first option that is not a number.
pub fn amounts(plan: &Plan, issue: &IssueId) -> Result<Vec<f64>, String> {
    let Some(i) = plan.issue(issue) else {
        return Err("That issue no longer exists.".into());
    };
    if i.options.len() < 2 {
        return Err("A curve needs at least two options.".into());
    }
    i.options
        .iter()
        .map(|o| {
            parse_amount(&o.label).ok_or_else(|| {
                format!(
                    "“{}” is not a single number, so this issue cannot be rated by a curve; \
                     rate it by order instead.",
                    option_label(plan, &o.id)
                )
            })
        })
        .collect()
}

/// What the curve would give each option, as (label, rating), in the issue's order.
pub fn curve_preview(
    plan: &Plan,
    issue: &IssueId,
    direction: Direction,
    shape: Shape,
) -> Result<Vec<(String, f64)>, String> {
    let values = amounts(plan, issue)?;
    let ratings = curve_ratings(&values, direction, shape)?;
    let labels = plan
        .issue(issue)
        .map(|i| {
            i.options
                .iter()
                .map(|o| option_label(plan, &o.id))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    Ok(labels.into_iter().zip(ratings).collect())
}

/// Rates the issue's options by the curve.
pub fn apply_curve(
    plan: &mut Plan,
    party: &PartyId,
    issue: &IssueId,
    direction: Direction,
    shape: Shape,
) -> Result<(), String> {
    let values = amounts(plan, issue)?;
    let ratings = curve_ratings(&values, direction, shape)?;
    let options: Vec<OptionId> = plan
        .issue(issue)
        .map(|i| i.options.iter().map(|o| o.id.clone()).collect())
        .unwrap_or_default();
    write(plan, party, &options, &ratings);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};

    fn job() -> (Plan, PartyId, Vec<IssueId>) {
        let plan = sample_plan(PlanId::parse("p1").unwrap(), 0);
        let dana = plan.parties[0].id.clone();
        let ids = plan.issues.iter().map(|i| i.id.clone()).collect();
        (plan, dana, ids)
    }

    fn labels(rows: &[OrderedOption]) -> Vec<(String, Option<f64>)> {
        rows.iter().map(|r| (r.label.clone(), r.rating)).collect()
    }

    #[test]
    fn options_are_listed_best_first_with_unrated_last() {
        let (mut plan, dana, ids) = job();
        let rows = ordered_options(&plan, &dana, &ids[0]);
        assert_eq!(
            labels(&rows),
            [
                ("€95k".to_string(), Some(100.0)),
                ("€90k".to_string(), Some(60.0)),
                ("€85k".to_string(), Some(0.0))
            ]
        );
        let o = plan.issues[0].options[2].id.clone();
        plan.party_mut(&dana).unwrap().ratings.remove(&o);
        let rows = ordered_options(&plan, &dana, &ids[0]);
        assert_eq!(rows[2].label, "€95k");
        assert_eq!(rows[2].rating, None);
    }

    #[test]
    fn moving_keeps_the_scale_and_first_builds_one() {
        assert!(is_scale(&[Some(100.0), Some(60.0), Some(0.0)]));
        assert!(!is_scale(&[Some(100.0), Some(100.0), Some(0.0)]));
        assert!(!is_scale(&[Some(90.0), Some(60.0), Some(0.0)]));
        assert!(!is_scale(&[Some(100.0), None, Some(0.0)]));
        assert_eq!(evenly(3), vec![100.0, 50.0, 0.0]);
        assert_eq!(evenly(4), vec![100.0, 66.7, 33.3, 0.0]);
        let (mut plan, dana, ids) = job();
        // €85k up to second place: the slots 100, 60, 0 stay; €90k drops to 0.
        move_option(&mut plan, &dana, &ids[0], 2, 1);
        let rows = ordered_options(&plan, &dana, &ids[0]);
        assert_eq!(
            labels(&rows),
            [
                ("€95k".to_string(), Some(100.0)),
                ("€85k".to_string(), Some(60.0)),
                ("€90k".to_string(), Some(0.0))
            ]
        );
        // A fresh issue: the first move rates evenly.
        let issue = plan.add_issue("Title");
        for l in ["Senior", "Staff", "Principal"] {
            plan.add_option(&issue, l);
        }
        move_option(&mut plan, &dana, &issue, 2, 0);
        let rows = ordered_options(&plan, &dana, &issue);
        assert_eq!(
            labels(&rows),
            [
                ("Principal".to_string(), Some(100.0)),
                ("Senior".to_string(), Some(50.0)),
                ("Staff".to_string(), Some(0.0))
            ]
        );
        // Out of range does nothing.
        let before = plan.clone();
        move_option(&mut plan, &dana, &issue, 5, 0);
        assert_eq!(plan, before);
    }

    #[test]
    fn placing_stays_between_the_neighbours() {
        let (mut plan, dana, ids) = job();
        assert_eq!(
            place(&mut plan, &dana, &ids[0], 1, 80.0),
            Some((80.0, None))
        );
        let (v, why) = place(&mut plan, &dana, &ids[0], 1, 100.0).unwrap();
        assert_eq!(v, 99.9);
        assert_eq!(
            why.as_deref(),
            Some("“€90k” stays between “€95k” (100) and “€85k” (0); move it to change the order.")
        );
        // The ends are preset.
        assert_eq!(place(&mut plan, &dana, &ids[0], 0, 50.0), None);
        assert_eq!(place(&mut plan, &dana, &ids[0], 2, 50.0), None);
        // Not yet a scale: made one in the current order first.
        let issue = plan.add_issue("Title");
        for l in ["A", "B", "C", "D"] {
            plan.add_option(&issue, l);
        }
        let (v, _) = place(&mut plan, &dana, &issue, 1, 90.0).unwrap();
        assert_eq!(v, 90.0);
        let rows = ordered_options(&plan, &dana, &issue);
        assert_eq!(
            rows.iter().map(|r| r.rating).collect::<Vec<_>>(),
            vec![Some(100.0), Some(90.0), Some(33.3), Some(0.0)]
        );
    }

    #[test]
    fn amounts_are_read_from_labels() {
        let cases = [
            ("€85k", Some(85_000.0)),
            ("$1.5m", Some(1_500_000.0)),
            ("In 2 weeks", Some(2.0)),
            ("1 day", Some(1.0)),
            ("3 days", Some(3.0)),
            ("None", Some(0.0)),
            ("1,200", Some(1200.0)),
            ("1 200 €", Some(1200.0)),
            ("2,5 days", Some(2.5)),
            ("10%", Some(10.0)),
            ("-5", Some(-5.0)),
            ("CHF 95'000", Some(95_000.0)),
            ("2–3 days", None),
            ("Flexible", None),
            ("", None),
            ("1.2.3", None),
            ("4 kids", Some(4.0)),
        ];
        for (label, expected) in cases {
            assert_eq!(parse_amount(label), expected, "{label}");
        }
    }

    #[test]
    fn curves_rate_numbers_linearly_or_with_diminishing_returns() {
        let more = curve_ratings(&[85.0, 90.0, 95.0], Direction::MoreIsBetter, Shape::Linear);
        assert_eq!(more, Ok(vec![0.0, 50.0, 100.0]));
        let less = curve_ratings(&[2.0, 4.0, 8.0], Direction::LessIsBetter, Shape::Linear);
        assert_eq!(less, Ok(vec![100.0, 66.7, 0.0]));
        let dim = curve_ratings(
            &[0.0, 5.0, 10.0],
            Direction::MoreIsBetter,
            Shape::Diminishing,
        );
        assert_eq!(dim, Ok(vec![0.0, 75.0, 100.0]));
        let dim = curve_ratings(
            &[0.0, 2.5, 5.0, 7.5, 10.0],
            Direction::MoreIsBetter,
            Shape::Diminishing,
        )
        .unwrap();
        assert!(dim.windows(2).all(|w| w[1] - w[0] > 0.0));
        // Steps shrink: diminishing returns.
        assert!(dim[1] - dim[0] > dim[2] - dim[1] && dim[3] - dim[2] > dim[4] - dim[3]);
        assert!(curve_ratings(&[5.0, 5.0], Direction::MoreIsBetter, Shape::Linear).is_err());
        assert!(curve_ratings(&[], Direction::MoreIsBetter, Shape::Linear).is_err());
    }

    #[test]
    fn an_issue_of_numbers_is_rated_by_its_curve() {
        let (mut plan, _, ids) = job();
        let nimbus = plan.parties[1].id.clone();
        let preview =
            curve_preview(&plan, &ids[2], Direction::LessIsBetter, Shape::Linear).unwrap();
        assert_eq!(
            preview,
            [
                ("In 2 weeks".to_string(), 100.0),
                ("In 4 weeks".to_string(), 66.7),
                ("In 8 weeks".to_string(), 0.0)
            ]
        );
        apply_curve(
            &mut plan,
            &nimbus,
            &ids[2],
            Direction::LessIsBetter,
            Shape::Linear,
        )
        .unwrap();
        let o = plan.issues[2].options[1].id.clone();
        assert_eq!(plan.party(&nimbus).unwrap().ratings[&o].value, 66.7);
        plan.add_option(&ids[2], "When ready");
        let err = apply_curve(
            &mut plan,
            &nimbus,
            &ids[2],
            Direction::LessIsBetter,
            Shape::Linear,
        )
        .unwrap_err();
        assert!(
            err.starts_with("“When ready” is not a single number"),
            "{err}"
        );
    }
}
