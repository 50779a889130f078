//! Step "Issues and options": the issues to decide, the options brainstormed for each, the
//! interests each option serves and the objective criteria of each issue.
//!
//! Brainstorm mode separates inventing from judging: while it is on, nothing on this screen
//! shows a score. It starts on when no party has rated any option of the plan yet (the plan
//! is still at the inventing stage) and off once ratings exist; the user can switch it at
//! any time. It is a way of looking at the plan, not part of the plan, so it is not saved.
//!
//! Speed: every issue and option reads the plan through its own `Memo`, so a keystroke in
//! one option's label re-renders that option only; the lists are keyed
//! (`ui::erased::keyed_list`).
//!
//! Modules: this one holds the step and its add-an-issue field; `issue_card` an issue with
//! its description, options and criteria; `option_row` an option with its details and the
//! interests it serves; `editor` the head both share (name, move, remove: one piece over
//! `model::edit_issues::Item`). The plan operations are `model::edit_issues`.

mod editor;
mod issue_card;
mod option_row;

use super::widgets::StepIntro;
use crate::app::{AppState, Notice, PlanSession};
use crate::model::edit_issues::has_ratings;
use crate::model::{InterestId, Plan, Step};
use crate::ui::erased::keyed_list;
use issue_card::IssueCard;
use leptos::prelude::*;

/// Interests of every party, grouped by party, for the "serves" checkboxes.
#[derive(Clone, Debug, PartialEq)]
pub struct PartyInterests {
    pub party: String,
    pub interests: Vec<(InterestId, String)>,
}

fn interests_by_party(plan: &Plan) -> Vec<PartyInterests> {
    plan.parties
        .iter()
        .map(|party| PartyInterests {
            party: party.name.clone(),
            interests: plan
                .interests
                .iter()
                .filter(|i| i.party == party.id)
                .map(|i| (i.id.clone(), i.statement.clone()))
                .collect(),
        })
        .collect()
}

/// A removal's notice, with an Undo button.
fn notice(text: String) {
    if let Some(state) = use_context::<AppState>() {
        state.notice.set(Some(Notice {
            text,
            undo: crate::app::Undo::Edit,
        }));
    }
}

#[component]
pub fn IssuesStep(session: PlanSession) -> impl IntoView {
    let plan = session.plan;
    let brainstorm = RwSignal::new(!plan.with_untracked(has_ratings));
    let issue_ids = Memo::new(move |_| {
        plan.with(|p| p.issues.iter().map(|i| i.id.clone()).collect::<Vec<_>>())
    });
    let interests = Memo::new(move |_| plan.with(interests_by_party));
    let party_names = Memo::new(move |_| {
        plan.with(|p| p.parties.iter().map(|p| p.name.clone()).collect::<Vec<_>>())
    });
    let new_name = RwSignal::new(String::new());
    let add_issue = move || {
        let name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            return;
        }
        session.edit(&format!("add the issue “{name}”"), "", |p| {
            p.add_issue(&name);
        });
        // The name field keeps the focus, so several issues can be listed in a row.
        new_name.set(String::new());
    };

    view! {
        <StepIntro step=Step::Issues />
        <div class="issues-mode">
            <label class="brainstorm-toggle">
                <input
                    type="checkbox"
                    id="brainstorm-mode"
                    prop:checked=move || brainstorm.get()
                    on:change=move |ev| brainstorm.set(event_target_checked(&ev))
                />
                " Brainstorm mode"
            </label>
            <p class="mode-line" aria-live="polite">
                {move || {
                    if brainstorm.get() {
                        "Brainstorming: invent first, judge later."
                    } else {
                        "Judging: each option shows how the parties rated it (set ratings in Evaluate)."
                    }
                }}
            </p>
        </div>
        <div class="add-issue">
            <label class="field-label" for="new-issue-name">"New issue"</label>
            <p class="hint" id="new-issue-hint">
                "Something the agreement must settle. Type its name and press Enter."
            </p>
            <div class="add-row">
                <input
                    id="new-issue-name"
                    type="text"
                    dir="auto"
                    maxlength="200"
                    aria-describedby="new-issue-hint"
                    placeholder="e.g. Salary, start date, warranty"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add_issue();
                        }
                    }
                />
                <button class="primary" on:click=move |_| add_issue()>"Add issue"</button>
            </div>
        </div>
        <datalist id="origin-suggestions">
            <option value="Brainstorm"></option>
            <option value="The other side"></option>
            <option value="Precedent"></option>
            <option value="An expert"></option>
            {keyed_list(
                move || party_names.get(),
                |n| n.clone(),
                |name| view! { <option value=name></option> },
            )}
        </datalist>
        <Show when=move || issue_ids.with(Vec::is_empty)>
            <p class="empty-state">
                "No issues yet. Name the first thing the agreement must settle above and \
                 press Enter, then brainstorm several options for it."
            </p>
        </Show>
        <ol class="issue-list">
            {keyed_list(
                move || issue_ids.get(),
                |id| id.clone(),
                move |id| view! { <IssueCard session id brainstorm interests /> },
            )}
        </ol>
    }
}
