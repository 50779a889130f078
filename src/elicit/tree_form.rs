//! The form that edits a BATNA tree: one [`TreeField`] per input, with its id, accessible
//! name and text; reading what was typed (decimal comma, "k", thousands separators) and
//! writing it; adding alternatives and outcomes. The maths is in [`super::tree`].

use super::tree::{alternative_name, evaluate, outcome_name};
use crate::model::{BatnaTree, TreeUnit};

/// One field of a tree, for the form that edits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeField {
    PerMonth,
    MoneyZero,
    MoneyHundred,
    Currency,
    AltName(usize),
    AltCost(usize),
    AltMonths(usize),
    OutLabel(usize, usize),
    OutProbability(usize, usize),
    OutValue(usize, usize),
}

impl TreeField {
    pub fn numeric(self) -> bool {
        !matches!(
            self,
            TreeField::Currency | TreeField::AltName(_) | TreeField::OutLabel(..)
        )
    }

    /// A part of an element id: "alt1-cost", "alt0-out2-p".
    pub fn key(self) -> String {
        match self {
            TreeField::PerMonth => "per-month".into(),
            TreeField::MoneyZero => "money-zero".into(),
            TreeField::MoneyHundred => "money-hundred".into(),
            TreeField::Currency => "currency".into(),
            TreeField::AltName(k) => format!("alt{k}-name"),
            TreeField::AltCost(k) => format!("alt{k}-cost"),
            TreeField::AltMonths(k) => format!("alt{k}-months"),
            TreeField::OutLabel(k, j) => format!("alt{k}-out{j}-label"),
            TreeField::OutProbability(k, j) => format!("alt{k}-out{j}-p"),
            TreeField::OutValue(k, j) => format!("alt{k}-out{j}-value"),
        }
    }

    /// The field's accessible name, with the alternative and outcome it belongs to.
    pub fn label(self, tree: &BatnaTree) -> String {
        let unit = match tree.unit {
            TreeUnit::Points => "points".to_string(),
            TreeUnit::Money => match tree.money.currency.trim() {
                "" => "money".to_string(),
                c => c.to_string(),
            },
        };
        let outcome = |k: usize, j: usize| {
            let label = tree
                .alternatives
                .get(k)
                .and_then(|a| a.outcomes.get(j))
                .map_or("", |o| o.label.as_str());
            format!(
                "{} of {}",
                outcome_name(label, j),
                alternative_name(tree, k)
            )
        };
        match self {
            TreeField::PerMonth => format!("Cost of a month's wait ({unit})"),
            TreeField::MoneyZero => "Amount worth 0 on the package scale".into(),
            TreeField::MoneyHundred => "Amount worth 100 on the package scale".into(),
            TreeField::Currency => "Currency".into(),
            TreeField::AltName(k) => format!("Name of alternative {}", k + 1),
            TreeField::AltCost(k) => format!("Cost of {} ({unit})", alternative_name(tree, k)),
            TreeField::AltMonths(k) => {
                format!("Months until {} is decided", alternative_name(tree, k))
            }
            TreeField::OutLabel(k, j) => {
                format!("Outcome {} of {}", j + 1, alternative_name(tree, k))
            }
            TreeField::OutProbability(k, j) => format!("Probability of {} (%)", outcome(k, j)),
            TreeField::OutValue(k, j) => format!("Value of {} ({unit})", outcome(k, j)),
        }
    }
}

/// What a field shows.
pub fn field_text(tree: &BatnaTree, f: TreeField) -> String {
    let alt = |k: usize| tree.alternatives.get(k);
    let out = |k: usize, j: usize| alt(k).and_then(|a| a.outcomes.get(j));
    let n = |v: f64| if v == 0.0 { String::new() } else { plain(v) };
    match f {
        TreeField::PerMonth => n(tree.per_month),
        TreeField::MoneyZero => plain(tree.money.zero),
        TreeField::MoneyHundred => plain(tree.money.hundred),
        TreeField::Currency => tree.money.currency.clone(),
        TreeField::AltName(k) => alt(k).map(|a| a.name.clone()).unwrap_or_default(),
        TreeField::AltCost(k) => alt(k).map(|a| n(a.cost)).unwrap_or_default(),
        TreeField::AltMonths(k) => alt(k).map(|a| n(a.months)).unwrap_or_default(),
        TreeField::OutLabel(k, j) => out(k, j).map(|o| o.label.clone()).unwrap_or_default(),
        TreeField::OutProbability(k, j) => out(k, j)
            .and_then(|o| o.probability)
            .map(plain)
            .unwrap_or_default(),
        TreeField::OutValue(k, j) => out(k, j)
            .and_then(|o| o.value)
            .map(plain)
            .unwrap_or_default(),
    }
}

/// A number as typed back into a field: up to four decimals, no exponent.
fn plain(v: f64) -> String {
    let r = (v * 10_000.0).round() / 10_000.0 + 0.0;
    let s = format!("{r:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Reads a number typed into a tree field: a decimal comma, thousands separators and
/// "k"/"m" are understood; empty is `None`.
pub fn read_number(text: &str) -> Result<Option<f64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t == "-" || t == "−" {
        // Half-typed negative number: nothing yet.
        return Ok(None);
    }
    let t = t.replace('−', "-");
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => super::ratings::parse_amount(&t)
            .map(Some)
            .ok_or_else(|| format!("“{}” is not a number.", text.trim())),
    }
}

/// Sets a field from what was typed. Numbers that do not read leave the tree as it was.
pub fn set_field(tree: &mut BatnaTree, f: TreeField, text: &str) -> Result<(), String> {
    if !f.numeric() {
        let text = text.to_string();
        match f {
            TreeField::Currency => tree.money.currency = text,
            TreeField::AltName(k) => {
                if let Some(a) = tree.alternatives.get_mut(k) {
                    a.name = text;
                }
            }
            TreeField::OutLabel(k, j) => {
                if let Some(o) = tree
                    .alternatives
                    .get_mut(k)
                    .and_then(|a| a.outcomes.get_mut(j))
                {
                    o.label = text;
                }
            }
            _ => {}
        }
        return Ok(());
    }
    let v = read_number(text)?;
    let zero = v.unwrap_or(0.0);
    match f {
        TreeField::PerMonth => tree.per_month = zero,
        TreeField::MoneyZero => tree.money.zero = zero,
        TreeField::MoneyHundred => tree.money.hundred = zero,
        TreeField::AltCost(k) => {
            if let Some(a) = tree.alternatives.get_mut(k) {
                a.cost = zero;
            }
        }
        TreeField::AltMonths(k) => {
            if let Some(a) = tree.alternatives.get_mut(k) {
                a.months = zero.max(0.0);
            }
        }
        TreeField::OutProbability(k, j) => {
            if let Some(o) = tree
                .alternatives
                .get_mut(k)
                .and_then(|a| a.outcomes.get_mut(j))
            {
                o.probability = v;
            }
        }
        TreeField::OutValue(k, j) => {
            if let Some(o) = tree
                .alternatives
                .get_mut(k)
                .and_then(|a| a.outcomes.get_mut(j))
            {
                o.value = v;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Adds an alternative with two outcomes to fill in.
pub fn add_alternative(tree: &mut BatnaTree) {
    tree.alternatives.push(crate::model::TreeAlternative {
        outcomes: vec![Default::default(), Default::default()],
        ..Default::default()
    });
}

/// Adds an outcome to alternative `k`.
pub fn add_outcome(tree: &mut BatnaTree, k: usize) {
    if let Some(a) = tree.alternatives.get_mut(k) {
        a.outcomes.push(Default::default());
    }
}

/// Switches the unit; a first switch to money starts the scale at 0 → 0 and 100 → 100 000.
pub fn set_unit(tree: &mut BatnaTree, unit: TreeUnit) {
    if unit == TreeUnit::Money && tree.money.zero == 0.0 && tree.money.hundred == 0.0 {
        tree.money.hundred = 100_000.0;
    }
    tree.unit = unit;
}

/// Expected values of each alternative that can be worked out on its own, by index.
pub fn alternative_values(tree: &BatnaTree) -> Vec<Option<f64>> {
    (0..tree.alternatives.len())
        .map(|k| {
            let single = BatnaTree {
                alternatives: vec![tree.alternatives[k].clone()],
                ..tree.clone()
            };
            evaluate(&single).ok().map(|r| r.expected)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elicit::tree::new_tree;

    #[test]
    fn the_form_reads_and_writes_every_field() {
        let mut t = new_tree("");
        set_unit(&mut t, TreeUnit::Money);
        assert_eq!((t.money.zero, t.money.hundred), (0.0, 100_000.0));
        set_field(&mut t, TreeField::MoneyZero, "70 000").unwrap();
        set_field(&mut t, TreeField::MoneyHundred, "€100k").unwrap();
        set_field(&mut t, TreeField::Currency, "€").unwrap();
        set_field(&mut t, TreeField::AltName(0), "Stay").unwrap();
        set_field(&mut t, TreeField::OutLabel(0, 0), "Promoted").unwrap();
        set_field(&mut t, TreeField::OutProbability(0, 0), "40").unwrap();
        set_field(&mut t, TreeField::OutValue(0, 0), "88,000").unwrap();
        set_field(&mut t, TreeField::OutProbability(0, 1), "60").unwrap();
        set_field(&mut t, TreeField::OutValue(0, 1), "78000").unwrap();
        set_field(&mut t, TreeField::AltMonths(0), "4").unwrap();
        set_field(&mut t, TreeField::PerMonth, "500").unwrap();
        assert_eq!(
            set_field(&mut t, TreeField::AltCost(0), "lots"),
            Err("“lots” is not a number.".into())
        );
        assert_eq!(field_text(&t, TreeField::MoneyZero), "70000");
        assert_eq!(field_text(&t, TreeField::OutValue(0, 0)), "88000");
        assert_eq!(field_text(&t, TreeField::AltCost(0)), "");
        assert_eq!(field_text(&t, TreeField::OutLabel(0, 1)), "");
        assert_eq!(
            TreeField::OutValue(0, 0).label(&t),
            "Value of “Promoted” of “Stay” (€)"
        );
        assert_eq!(
            TreeField::OutProbability(0, 1).label(&t),
            "Probability of outcome 2 of “Stay” (%)"
        );
        assert_eq!(TreeField::OutProbability(2, 1).key(), "alt2-out1-p");
        let r = evaluate(&t).unwrap();
        assert!((r.expected - 100.0 / 3.0).abs() < 1e-9);
        // Emptying a probability makes it missing again, not 0.
        set_field(&mut t, TreeField::OutProbability(0, 1), "").unwrap();
        assert!(evaluate(&t).is_err());
        add_alternative(&mut t);
        add_outcome(&mut t, 1);
        assert_eq!(t.alternatives[1].outcomes.len(), 3);
        assert_eq!(alternative_values(&t), vec![None, None]);
        assert_eq!(read_number("-"), Ok(None));
        assert_eq!(read_number("−12,5"), Ok(Some(-12.5)));
    }
}
