//! The library's side of preparing as a team: a view request opened in this browser
//! becomes a plan to fill in, and an answer joins the plan it belongs to (as one undoable
//! edit of that plan). The rules are `crate::team`'s; this only finds plans and saves.

use super::{new_id, now, AppState, Notice, Route};
use crate::model::{PlanId, Step};
use crate::team::doc::{Answer, Request, TeamError};
use crate::team::merge::merge_answer;
use crate::team::request::plan_from_request;
use leptos::prelude::*;

/// A fresh id for a request: like a plan id, so it is safe in a file and unique enough.
pub fn new_request_id() -> String {
    format!("r{}", &new_id().as_str()[1..])
}

impl AppState {
    /// Opens a request as a plan of this library to answer in; the same request opened
    /// again leads to the plan already made, so no work is lost or doubled.
    pub fn open_request(&self, request: &Request) -> Result<PlanId, String> {
        let existing = self.all_plans().into_iter().find(|p| {
            p.team
                .answering
                .as_ref()
                .is_some_and(|a| a.request == request.id && a.plan == request.plan)
        });
        if let Some(plan) = existing {
            self.notice.set(Some(Notice::info(format!(
                "You had already started this answer: “{}”.",
                plan.display_title()
            ))));
            self.navigate(Route::Step(plan.id.clone(), Step::Team));
            return Ok(plan.id);
        }
        let plan = plan_from_request(request, new_id(), now()).map_err(|e| e.to_string())?;
        if !self.save_plan(&plan) {
            return Err("it could not be saved in this browser".into());
        }
        self.navigate(Route::Step(plan.id.clone(), Step::Team));
        Ok(plan.id)
    }

    /// Sends an answer to its plan in this library: refusals are found now (on a copy of
    /// the stored plan), and the plan's Team views step merges it as one undoable edit of
    /// its own session (a session opened here would belong to the page that is closing).
    pub fn add_answer(&self, answer: &Answer, replace: bool) -> Result<(), TeamError> {
        let missing = || TeamError::NoSuchPlan {
            title: answer.title.clone(),
        };
        if self.index.with_untracked(|i| i.get(&answer.plan).is_none()) {
            return Err(missing());
        }
        self.flush();
        let mut copy = self.read_plan(&answer.plan).ok_or_else(missing)?;
        merge_answer(&mut copy, answer, replace, now())?;
        self.pending_answer.set(Some((answer.clone(), replace)));
        self.navigate(Route::Step(answer.plan.clone(), Step::Team));
        Ok(())
    }
}

/// Merges an answer into an open plan as one undoable step; returns what it did in words.
pub fn merge_into(
    session: super::PlanSession,
    answer: &Answer,
    replace: bool,
) -> Result<String, TeamError> {
    // Tried on a copy first: a refused answer leaves no empty step in the history.
    let mut copy = session.plan.get_untracked();
    let merged = merge_answer(&mut copy, answer, replace, now())?;
    let label = format!(
        "{} {}",
        if merged.replaced { "replace" } else { "add" },
        crate::team::words::possessive(&merged.member) + " view"
    );
    session.edit(&label, "", |p| *p = copy);
    Ok(merged.describe())
}
