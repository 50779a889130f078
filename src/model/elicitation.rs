//! What the weight and BATNA helpers keep with a party (schema 5): how its weights were
//! made, the ranking and swings behind swing weights, the packages judged as a whole in the
//! holistic cross-check, and its BATNA worked out as a small decision tree. The numbers
//! that the analysis reads stay in `Party::weights`, `ratings` and `reservation`; this is
//! the working that produced them, kept so a user can come back to it.
//!
//! References here (issues, options) may go stale when the plan changes: the helpers read
//! them against the current issues and ignore what no longer exists, and `Plan::repair`
//! forgets stale ones quietly (they are working, not the user's numbers).

use super::{IssueId, OptionId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a party's weights were last written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightMethod {
    /// Typed in the weights table (or from an example or an import).
    #[default]
    Direct,
    /// Swing weights: issues ranked by the value of moving each from worst to best, each
    /// swing scored against the largest.
    Swing,
    /// The rank-order centroid of the swing ranking alone.
    RankOrder,
    /// Adopted from the holistic cross-check's fit.
    Holistic,
    /// Halfway between the stated weights and the holistic fit.
    Blend,
    /// Moved toward what the party's offers reveal.
    Offers,
}

impl WeightMethod {
    /// How the weights were made, completing "These weights …".
    pub fn describe(self) -> &'static str {
        match self {
            WeightMethod::Direct => "were typed in directly",
            WeightMethod::Swing => "come from swings",
            WeightMethod::RankOrder => "come from the ranking alone (rank-order centroid)",
            WeightMethod::Holistic => "come from the scores given to whole packages",
            WeightMethod::Blend => {
                "are a blend of stated weights and the scores given to whole packages"
            }
            WeightMethod::Offers => "were moved toward what this party's offers reveal",
        }
    }
}

/// The working behind a party's weights.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Elicitation {
    #[serde(default, skip_serializing_if = "is_direct")]
    pub method: WeightMethod,
    /// A weight was changed by hand after the method wrote them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub adjusted: bool,
    /// Issues by the value of moving each from its worst option to its best, largest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranking: Vec<IssueId>,
    /// Each issue's swing against the largest one, 0–100.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub swings: BTreeMap<IssueId, f64>,
    /// The holistic cross-check: packages judged as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holistic: Option<HolisticCheck>,
}

fn is_direct(m: &WeightMethod) -> bool {
    *m == WeightMethod::Direct
}

impl Elicitation {
    /// Nothing kept: the party is written as in schema 2.
    pub fn is_empty(&self) -> bool {
        *self == Elicitation::default()
    }

    /// A weight was changed by hand: weights a helper wrote are now "adjusted by hand".
    pub fn note_hand_edit(&mut self) {
        if self.method != WeightMethod::Direct {
            self.adjusted = true;
        }
    }
}

/// Packages shown for the holistic cross-check, with the scores the user gave them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HolisticCheck {
    pub packages: Vec<JudgedPackage>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JudgedPackage {
    pub choices: BTreeMap<IssueId, OptionId>,
    /// The user's score of the whole package, 0–100; `None` until given.
    #[serde(default)]
    pub score: Option<f64>,
}

/// The unit a BATNA tree's values are in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreeUnit {
    /// The package scale, 0–100.
    #[default]
    Points,
    /// Money, converted with the tree's [`MoneyScale`].
    Money,
}

/// Money to points, linearly: `zero` is worth 0 on the package scale, `hundred` 100.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MoneyScale {
    #[serde(default)]
    pub zero: f64,
    #[serde(default)]
    pub hundred: f64,
    /// How amounts are written ("€", "USD"): a label only.
    #[serde(default)]
    pub currency: String,
}

/// A BATNA worked out as a small decision tree: the alternatives open without an
/// agreement, each a gamble over outcomes; the best expected value is the BATNA's.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BatnaTree {
    #[serde(default)]
    pub unit: TreeUnit,
    #[serde(default)]
    pub money: MoneyScale,
    /// What a month of waiting costs, in the tree's unit.
    #[serde(default)]
    pub per_month: f64,
    #[serde(default)]
    pub alternatives: Vec<TreeAlternative>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TreeAlternative {
    #[serde(default)]
    pub name: String,
    /// Subtracted from every outcome (fees, effort), in the tree's unit.
    #[serde(default)]
    pub cost: f64,
    /// Months until the outcome is known; each costs the tree's `per_month`.
    #[serde(default)]
    pub months: f64,
    #[serde(default)]
    pub outcomes: Vec<TreeOutcome>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TreeOutcome {
    #[serde(default)]
    pub label: String,
    /// In percent; `None` until typed.
    #[serde(default)]
    pub probability: Option<f64>,
    /// In the tree's unit; `None` until typed.
    #[serde(default)]
    pub value: Option<f64>,
}
