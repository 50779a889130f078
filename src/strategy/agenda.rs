//! The agenda: the order in which to raise the issues, the questions that reveal the other
//! side's interests, and what to keep to ourselves.
//!
//! Each issue is placed by how the parties see it: where some option is good for every
//! party (each rates it 80 or more) it is *shared*, agreed early to build momentum; where
//! our weight and the counterparts' (average) weight differ by a quarter or more, it is a
//! trade (ours to *give*, or ours to *ask for*), and gives are paired with asks; the rest is
//! *contested*, left for last and settled inside a package.

use super::{num, Cx};
use crate::model::order;
use crate::model::{Confidence, Priority, QuestionStatus};

/// An option every party rates at least this high makes an issue shared.
const SHARED_RATING: f64 = 80.0;
/// Relative weight difference that makes an issue a trade.
const TRADE_DIFFERENCE: f64 = 0.25;
/// Questions about one counterpart's interests, at most.
const INTEREST_QUESTIONS: usize = 4;

/// How an issue stands between us and the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueKind {
    Shared,
    /// Matters more to them: ours to give, in exchange.
    Give,
    /// Matters more to us: ours to ask for.
    Take,
    Contested,
}

impl IssueKind {
    pub fn label(self) -> &'static str {
        match self {
            IssueKind::Shared => "Agree early",
            IssueKind::Give => "Ours to give",
            IssueKind::Take => "Ours to ask for",
            IssueKind::Contested => "Settle inside a package",
        }
    }

    /// An id-safe word, for classes.
    pub fn slug(self) -> &'static str {
        match self {
            IssueKind::Shared => "shared",
            IssueKind::Give => "give",
            IssueKind::Take => "take",
            IssueKind::Contested => "contested",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AgendaItem {
    pub issue: String,
    pub kind: IssueKind,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Agenda {
    /// How to run the talk, in a few sentences.
    pub advice: String,
    /// The issues in the order to raise them.
    pub order: Vec<AgendaItem>,
    /// Questions to ask to learn their interests and check our estimates.
    pub questions: Vec<String>,
    /// What not to reveal.
    pub keep: Vec<String>,
}

struct Row {
    issue: usize,
    ours: f64,
    /// Per counterpart, in `cx.others` order.
    theirs: Vec<f64>,
    shared: bool,
}

impl Row {
    fn theirs_mean(&self) -> f64 {
        self.theirs.iter().sum::<f64>() / self.theirs.len().max(1) as f64
    }
    fn joint(&self) -> f64 {
        self.ours + self.theirs.iter().sum::<f64>()
    }
    fn kind(&self) -> IssueKind {
        if self.shared {
            return IssueKind::Shared;
        }
        let t = self.theirs_mean();
        let top = self.ours.max(t);
        if top <= 0.0 {
            return IssueKind::Contested;
        }
        let d = (self.ours - t) / top;
        if d >= TRADE_DIFFERENCE {
            IssueKind::Take
        } else if d <= -TRADE_DIFFERENCE {
            IssueKind::Give
        } else {
            IssueKind::Contested
        }
    }
}

/// The agenda; `target` is our target value when there is one.
pub(crate) fn agenda(cx: &Cx, target: Option<f64>) -> Agenda {
    let model = &cx.analysis.model;
    let problem = &cx.pp.problem;
    let rows: Vec<Row> = (0..model.issues())
        .map(|i| {
            let evals = problem.issues.get(i).map(|x| &x.evaluations);
            let shared = (0..model.option_count(i)).any(|o| {
                (0..model.parties()).all(|p| {
                    evals
                        .and_then(|e| e.get(p))
                        .and_then(|e| e.ratings.get(o))
                        .is_some_and(|&r| r >= SHARED_RATING)
                })
            });
            Row {
                issue: i,
                ours: model.weight(cx.us, i),
                theirs: cx.others.iter().map(|&p| model.weight(p, i)).collect(),
                shared,
            }
        })
        .collect();
    let weights = |r: &Row| {
        let mut s = format!("us {}", num(r.ours));
        for (k, &p) in cx.others.iter().enumerate() {
            s.push_str(&format!(", {} {}", cx.names[p], num(r.theirs[k])));
        }
        s
    };
    let name = |r: &Row| problem.issue_name(r.issue);
    let by = |kind: IssueKind, key: &dyn Fn(&Row) -> f64| {
        let mut v: Vec<&Row> = rows.iter().filter(|r| r.kind() == kind).collect();
        order::sort_by(&mut v, |a, b| key(b).total_cmp(&key(a)));
        v
    };
    let shared = by(IssueKind::Shared, &|r| r.joint());
    let gives = by(IssueKind::Give, &|r| r.theirs_mean() - r.ours);
    let takes = by(IssueKind::Take, &|r| r.ours - r.theirs_mean());
    let contested = by(IssueKind::Contested, &|r| r.joint());

    let mut order = Vec::new();
    for r in &shared {
        order.push(AgendaItem {
            issue: name(r),
            kind: IssueKind::Shared,
            reason: format!(
                "An option suits everyone here ({}): agree on it early to build momentum, and keep it open until the whole package is agreed.",
                weights(r)
            ),
        });
    }
    for k in 0..gives.len().max(takes.len()) {
        if let Some(g) = gives.get(k) {
            let pair = takes.get(k).map_or(String::new(), |t| {
                format!(", best in exchange for {}", name(t))
            });
            order.push(AgendaItem {
                issue: name(g),
                kind: IssueKind::Give,
                reason: format!(
                    "Matters more to them than to us ({}): ours to give{pair}.",
                    weights(g)
                ),
            });
        }
        if let Some(t) = takes.get(k) {
            let pair = gives
                .get(k)
                .map_or(String::new(), |g| format!(", offering {} for it", name(g)));
            order.push(AgendaItem {
                issue: name(t),
                kind: IssueKind::Take,
                reason: format!(
                    "Matters more to us than to them ({}): ours to ask for{pair}.",
                    weights(t)
                ),
            });
        }
    }
    for r in &contested {
        order.push(AgendaItem {
            issue: name(r),
            kind: IssueKind::Contested,
            reason: format!(
                "Both sides care about it about as much ({}) and want different options: raise it last, inside a package, with the objective criteria.",
                weights(r)
            ),
        });
    }

    let advice = "Put every issue on the table at the start and negotiate whole packages, not one issue at a time: an issue settled on its own can no longer be traded. Share interests and the criteria behind each option freely; they keep the talk on merits rather than positions."
        .to_string();
    let mut keep = vec![format!(
        "Our walk-away ({}): once known, it becomes the most the other side offers.",
        num(model.reservation(cx.us))
    )];
    let batna = cx
        .plan
        .us()
        .and_then(|id| cx.plan.party(id))
        .map(|p| p.batna.trim().to_string())
        .unwrap_or_default();
    if !batna.is_empty() {
        keep.push(format!(
            "What our BATNA is worth to us. Mention the alternative itself (“{batna}”) if it strengthens our hand; never its value."
        ));
    }
    if let Some(t) = target {
        keep.push(format!(
            "Our target ({}): aim for it, do not announce it.",
            num(t)
        ));
    }
    if let Some(t) = takes.first() {
        keep.push(format!(
            "How much we care about {}: they would price it high.",
            name(t)
        ));
    }
    if let Some(g) = gives.first() {
        keep.push(format!(
            "That {} costs us little: give it only in exchange.",
            name(g)
        ));
    }
    Agenda {
        advice,
        order,
        questions: questions(cx),
        keep,
    }
}

/// Questions from the Interests, Evaluate and Fact-finding steps.
fn questions(cx: &Cx) -> Vec<String> {
    let plan = cx.plan;
    let mut out = Vec::new();
    let rank = |p: Priority| match p {
        Priority::High => 0,
        Priority::Medium => 1,
        Priority::Low => 2,
    };
    for party in plan.parties.iter().filter(|p| plan.us() != Some(&p.id)) {
        let name = party.name.trim();
        let mut own: Vec<_> = plan
            .interests
            .iter()
            .filter(|i| i.party == party.id && !i.statement.trim().is_empty())
            .collect();
        order::sort_by_key(&mut own, |i| rank(i.priority));
        for i in own.iter().take(INTEREST_QUESTIONS) {
            let statement = i.statement.trim();
            out.push(if i.why.trim().is_empty() {
                format!("Ask {name} why “{statement}” matters to them, and what would meet it.")
            } else {
                format!(
                    "Ask {name} about “{statement}”: is it as important as we think, and what would meet it?"
                )
            });
        }
        let mut unsure: Vec<(u8, &str)> = plan
            .issues
            .iter()
            .filter_map(|issue| {
                let c = party.weights.get(&issue.id)?.confidence;
                let level = match c {
                    Confidence::Low => 0,
                    Confidence::Medium => 1,
                    Confidence::High => return None,
                };
                Some((level, issue.name.trim()))
            })
            .collect();
        order::sort_by_key(&mut unsure, |(level, _)| *level);
        for (level, issue) in unsure.into_iter().take(3) {
            out.push(format!(
                "Ask how much {issue} matters to {name}: our estimate is unsure ({} confidence).",
                if level == 0 { "low" } else { "medium" }
            ));
        }
    }
    for q in &plan.questions {
        let text = q.question.trim();
        if text.is_empty() {
            continue;
        }
        match q.status {
            QuestionStatus::Open => out.push(format!("{text} (fact-finding, still open)")),
            QuestionStatus::Disputed => out.push(format!("{text} (fact-finding, disputed)")),
            QuestionStatus::Agreed => {}
        }
    }
    out
}
