//! Merging a teammate's answer into the plan that asked, and handling what they proposed.
//!
//! What an answer may change: it adds one named view (the member's numbers for the plan's
//! parties, issues and options) and their proposals, which wait for the owner. It never
//! changes the plan's own numbers, names or structure. Every id it brings is replaced by a
//! fresh one from the plan's counter, so ids stay unique. An answer is read whole or not at
//! all: refusals come before any change.

use super::doc::{Answer, TeamError};
use super::request::plan_numbers;
use super::words::{member_name, possessive};
use crate::model::team::{InterestProposal, Numbers, OptionProposal, ProposalState, Rule, View};
use crate::model::{Millis, PartyId, Plan, ProposalId, ViewId};
use std::collections::BTreeMap;

/// What a merge did, for the message the owner reads.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub view: ViewId,
    pub member: String,
    pub numbers: usize,
    pub interests: usize,
    pub options: usize,
    /// Numbers and proposals for parties, issues or options removed since the request.
    pub left_out: usize,
    pub replaced: bool,
    /// The owner's own numbers, kept as a view under this name with the first answer.
    pub kept_own: Option<String>,
}

impl Merged {
    pub fn describe(&self) -> String {
        let who = member_name(&self.member);
        let mut text = format!(
            "{} {} view: {} number{}",
            if self.replaced { "Replaced" } else { "Added" },
            possessive(&who),
            self.numbers,
            if self.numbers == 1 { "" } else { "s" },
        );
        let proposals = self.interests + self.options;
        if proposals > 0 {
            text.push_str(&format!(
                ", {proposals} proposal{} to accept or reject",
                if proposals == 1 { "" } else { "s" }
            ));
        }
        text.push('.');
        if self.left_out > 0 {
            text.push_str(&format!(
                " {} number{} or proposal{} for things removed since the request {} left out.",
                self.left_out,
                if self.left_out == 1 { "" } else { "s" },
                if self.left_out == 1 { "" } else { "s" },
                if self.left_out == 1 { "was" } else { "were" },
            ));
        }
        if let Some(own) = &self.kept_own {
            text.push_str(&format!(
                " Your own numbers were kept as {} view, so the team's numbers can change \
                 without losing them.",
                possessive(own)
            ));
        }
        text
    }
}

fn same_member(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The view of a member, by name (case and surrounding spaces aside).
pub fn view_of_member<'a>(plan: &'a Plan, member: &str) -> Option<&'a View> {
    plan.team
        .views
        .iter()
        .find(|v| same_member(&v.member, member))
}

fn in_range(v: f64) -> bool {
    v.is_finite() && (0.0..=100.0).contains(&v)
}

/// Refuses an answer whose numbers are off the 0–100 scale, naming the first.
fn check_numbers(answer: &Answer) -> Result<(), TeamError> {
    let bad = |path: String, v: f64| {
        Err(TeamError::Damaged {
            path,
            detail: format!("{v} is not between 0 and 100"),
        })
    };
    for (party, n) in &answer.parties {
        for (id, v) in &n.weights {
            if !in_range(*v) {
                return bad(format!("parties.{party}.weights.{id}"), *v);
            }
        }
        for (id, v) in &n.ratings {
            if !in_range(*v) {
                return bad(format!("parties.{party}.ratings.{id}"), *v);
            }
        }
        if let Some(r) = n.reservation {
            if ![r.low, r.value, r.high].into_iter().all(in_range)
                || r.low > r.value
                || r.value > r.high
            {
                return bad(format!("parties.{party}.reservation.value"), r.value);
            }
        }
    }
    for (k, o) in answer.options.iter().enumerate() {
        for (party, v) in &o.ratings {
            if !in_range(*v) {
                return bad(format!("options[{k}].ratings.{party}"), *v);
            }
        }
    }
    Ok(())
}

/// Adds a teammate's answer to the plan as a named view. Refused: an answer to another
/// plan, one whose ids were edited, one without a member's name, numbers off the scale, and
/// a second answer from the same member unless `replace` (then it takes the old view's
/// place, and decisions that took that member's number follow the new view).
pub fn merge_answer(
    plan: &mut Plan,
    answer: &Answer,
    replace: bool,
    now: Millis,
) -> Result<Merged, TeamError> {
    if answer.plan != plan.id {
        return Err(TeamError::OtherPlan {
            theirs: answer.title.clone(),
            ours: plan.display_title().to_string(),
        });
    }
    if answer.check != answer.expected_check() {
        return Err(TeamError::EditedAnswer {
            member: member_name(&answer.member),
        });
    }
    if answer.member.trim().is_empty() {
        return Err(TeamError::NoMember);
    }
    check_numbers(answer)?;
    let old = view_of_member(plan, &answer.member).cloned();
    if old.is_some() && !replace {
        return Err(TeamError::Duplicate {
            member: member_name(&answer.member),
        });
    }

    // The owner's numbers join as a view with the first answer, so deciding the team's
    // numbers never loses them.
    let mut kept_own = None;
    if plan.team.views.is_empty() {
        let own = plan_numbers(plan);
        let own_name =
            if plan.team.me.trim().is_empty() || same_member(&plan.team.me, &answer.member) {
                "Me".to_string()
            } else {
                plan.team.me.trim().to_string()
            };
        if own.values().map(Numbers::count).sum::<usize>() > 0
            && !same_member(&own_name, &answer.member)
        {
            let id = ViewId::from_seq(plan.take_seq());
            plan.team.views.push(View {
                id,
                member: own_name.clone(),
                answered: now,
                received: now,
                note: String::new(),
                parties: own,
                interests: Vec::new(),
                options: Vec::new(),
            });
            kept_own = Some(own_name);
        }
    }

    let mut left_out = 0;
    let mut numbers = 0;
    let mut parties = BTreeMap::new();
    for (party, n) in &answer.parties {
        if plan.party(party).is_none() {
            left_out += n.count();
            continue;
        }
        let mut kept = n.clone();
        kept.weights.retain(|id, _| plan.issue(id).is_some());
        kept.ratings.retain(|id, _| {
            plan.issues
                .iter()
                .any(|i| i.options.iter().any(|o| &o.id == id))
        });
        left_out += n.count() - kept.count();
        numbers += kept.count();
        if !kept.is_empty() {
            parties.insert(party.clone(), kept);
        }
    }
    // A proposal the owner already handled in the member's earlier answer keeps its state.
    let earlier_interest = |party: &PartyId, statement: &str| {
        old.as_ref().and_then(|v| {
            v.interests
                .iter()
                .find(|p| &p.party == party && p.statement.trim() == statement.trim())
                .map(|p| p.state.clone())
        })
    };
    let earlier_option = |label: &str, issue: &crate::model::IssueId| {
        old.as_ref().and_then(|v| {
            v.options
                .iter()
                .find(|p| &p.issue == issue && p.label.trim() == label.trim())
                .map(|p| p.state.clone())
        })
    };
    let mut interests = Vec::new();
    for i in &answer.interests {
        if plan.party(&i.party).is_none() || i.statement.trim().is_empty() {
            left_out += 1;
            continue;
        }
        interests.push(InterestProposal {
            id: ProposalId::from_seq(plan.take_seq()),
            party: i.party.clone(),
            statement: i.statement.trim().to_string(),
            why: i.why.clone(),
            priority: i.priority,
            kind: i.kind,
            state: earlier_interest(&i.party, &i.statement).unwrap_or_default(),
        });
    }
    let mut options = Vec::new();
    for o in &answer.options {
        if plan.issue(&o.issue).is_none() || o.label.trim().is_empty() {
            left_out += 1;
            continue;
        }
        let mut ratings = o.ratings.clone();
        ratings.retain(|p, _| plan.party(p).is_some());
        options.push(OptionProposal {
            id: ProposalId::from_seq(plan.take_seq()),
            issue: o.issue.clone(),
            label: o.label.trim().to_string(),
            description: o.description.clone(),
            ratings,
            state: earlier_option(&o.label, &o.issue).unwrap_or_default(),
        });
    }
    let pending = |s: &ProposalState| *s == ProposalState::Pending;
    let merged_interests = interests.iter().filter(|p| pending(&p.state)).count();
    let merged_options = options.iter().filter(|p| pending(&p.state)).count();
    let view = View {
        id: ViewId::from_seq(plan.take_seq()),
        member: answer.member.trim().to_string(),
        answered: answer.answered,
        received: now,
        note: answer.note.trim().to_string(),
        parties,
        interests,
        options,
    };
    let id = view.id.clone();
    let replaced = old.is_some();
    match old {
        Some(old) => {
            if let Some(k) = plan.team.views.iter().position(|v| v.id == old.id) {
                plan.team.views[k] = view;
            }
            for d in &mut plan.team.decisions {
                if d.rule == Rule::Member(old.id.clone()) {
                    d.rule = Rule::Member(id.clone());
                }
            }
        }
        None => plan.team.views.push(view),
    }
    Ok(Merged {
        view: id,
        member: answer.member.trim().to_string(),
        numbers,
        interests: merged_interests,
        options: merged_options,
        left_out,
        replaced,
        kept_own,
    })
}

/// Removes a member's view and every decision that took that member's number (those
/// places are open again). Returns the member's name.
pub fn remove_view(plan: &mut Plan, id: &ViewId) -> Option<String> {
    let k = plan.team.views.iter().position(|v| &v.id == id)?;
    let view = plan.team.views.remove(k);
    plan.team
        .decisions
        .retain(|d| d.rule != Rule::Member(view.id.clone()));
    Some(view.member)
}

/// A pending proposal, with the view it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub view: ViewId,
    pub member: String,
    pub proposal: ProposalId,
    /// "Ben proposes an interest of Nimbus: “…” (why: …)".
    pub text: String,
    /// The party or issue it belongs to was removed: it can only be rejected.
    pub orphan: bool,
}

/// Every proposal still waiting for the owner, view by view.
pub fn pending(plan: &Plan) -> Vec<Pending> {
    let mut out = Vec::new();
    for v in &plan.team.views {
        let who = member_name(&v.member);
        for p in v
            .interests
            .iter()
            .filter(|p| p.state == ProposalState::Pending)
        {
            let why = if p.why.trim().is_empty() {
                String::new()
            } else {
                format!(" Why: {}", p.why.trim())
            };
            out.push(Pending {
                view: v.id.clone(),
                member: who.clone(),
                proposal: p.id.clone(),
                text: format!(
                    "{who} proposes an interest of {}: “{}”.{why}",
                    super::words::party_name(plan, &p.party),
                    p.statement
                ),
                orphan: plan.party(&p.party).is_none(),
            });
        }
        for p in v
            .options
            .iter()
            .filter(|p| p.state == ProposalState::Pending)
        {
            let issue = plan
                .issue(&p.issue)
                .map(|i| i.name.trim().to_string())
                .unwrap_or_else(|| "a removed issue".into());
            out.push(Pending {
                view: v.id.clone(),
                member: who.clone(),
                proposal: p.id.clone(),
                text: format!("{who} proposes an option for {issue}: “{}”.", p.label),
                orphan: plan.issue(&p.issue).is_none(),
            });
        }
    }
    out
}

/// Accepts a proposal: a new interest or option joins the plan under a fresh id (for an
/// option, the member's ratings of it join their view). Returns the sentence to show;
/// `None` when the proposal is gone, already handled, or its party or issue was removed.
pub fn accept(plan: &mut Plan, view: &ViewId, proposal: &ProposalId) -> Option<String> {
    let v = plan.team.views.iter().position(|x| &x.id == view)?;
    if let Some(k) = plan.team.views[v]
        .interests
        .iter()
        .position(|p| &p.id == proposal && p.state == ProposalState::Pending)
    {
        let p = plan.team.views[v].interests[k].clone();
        plan.party(&p.party)?;
        let id = plan.add_interest(&p.party, &p.statement);
        if let Some(i) = plan.interests.iter_mut().find(|i| i.id == id) {
            i.why = p.why.clone();
            i.priority = p.priority;
            i.kind = p.kind;
        }
        plan.team.views[v].interests[k].state = ProposalState::AcceptedInterest { id };
        return Some(format!("Added the interest “{}”.", p.statement));
    }
    let k = plan.team.views[v]
        .options
        .iter()
        .position(|p| &p.id == proposal && p.state == ProposalState::Pending)?;
    let p = plan.team.views[v].options[k].clone();
    let id = plan.add_option(&p.issue, &p.label)?;
    let member = plan.team.views[v].member.clone();
    for issue in &mut plan.issues {
        if let Some(o) = issue.options.iter_mut().find(|o| o.id == id) {
            o.description = p.description.clone();
            o.origin = format!("Proposed by {}", member_name(&member));
        }
    }
    let view = &mut plan.team.views[v];
    for (party, r) in &p.ratings {
        view.parties
            .entry(party.clone())
            .or_default()
            .ratings
            .insert(id.clone(), *r);
    }
    view.options[k].state = ProposalState::AcceptedOption { id };
    Some(format!(
        "Added the option “{}”. Rate it for every party in Evaluate.",
        p.label
    ))
}

/// Rejects a pending proposal; it stays in the member's view as rejected.
pub fn reject(plan: &mut Plan, view: &ViewId, proposal: &ProposalId) -> bool {
    let Some(v) = plan.team.views.iter_mut().find(|x| &x.id == view) else {
        return false;
    };
    let states = v
        .interests
        .iter_mut()
        .filter(|p| &p.id == proposal)
        .map(|p| &mut p.state)
        .chain(
            v.options
                .iter_mut()
                .filter(|p| &p.id == proposal)
                .map(|p| &mut p.state),
        );
    for s in states {
        if *s == ProposalState::Pending {
            *s = ProposalState::Rejected;
            return true;
        }
    }
    false
}
