use super::widgets::StepIntro;
use crate::app::{PlanSession, Route};
use crate::model::{PlanStatus, Step};
use leptos::prelude::*;

/// The plan's context and the progress through the method.
#[component]
pub fn OverviewStep(session: PlanSession) -> impl IntoView {
    let plan = session.plan;
    let statuses = [
        (PlanStatus::Preparing, "Preparing"),
        (PlanStatus::Negotiating, "Negotiating"),
        (PlanStatus::Agreed, "Agreed"),
        (PlanStatus::NoAgreement, "No agreement"),
        (PlanStatus::Archived, "Archived"),
    ];
    view! {
        <StepIntro step=Step::Overview />
        <label class="field-label" for="plan-notes">"Context"</label>
        <p class="hint" id="plan-notes-hint">
            "What is being negotiated, with whom, by when, and anything you must not forget."
        </p>
        <textarea
            id="plan-notes"
            rows="6"
            dir="auto"
            aria-describedby="plan-notes-hint"
            prop:value=move || plan.with(|p| p.notes.clone())
            on:input=move |ev| {
                let value = event_target_value(&ev);
                session.edit("edit the context", "notes", |p| p.notes = value);
            }
            on:blur=move |_| session.seal()
        ></textarea>
        <label class="field-label" for="plan-status">"Status"</label>
        <select
            id="plan-status"
            on:change=move |ev| {
                let value = event_target_value(&ev);
                if let Some((status, _)) = statuses.iter().find(|(s, _)| format!("{s:?}") == value) {
                    let status = *status;
                    session.edit("change the status", "", |p| p.status = status);
                }
            }
        >
            {statuses
                .iter()
                .map(|(status, label)| {
                    let status = *status;
                    view! {
                        <option
                            value=format!("{status:?}")
                            selected=move || plan.with(|p| p.status == status)
                        >
                            {*label}
                        </option>
                    }
                })
                .collect_view()}
        </select>
        <h3 class="progress-heading">"Progress"</h3>
        <ol class="progress-list">
            {Step::ALL[1..]
                .iter()
                .map(|&step| {
                    let done = move || plan.with(|p| step.is_complete(p));
                    let href = move || {
                        Route::Step(plan.with(|p| p.id.clone()), step).to_hash()
                    };
                    view! {
                        <li class:done=done>
                            <a href=href>{step.label()}</a>
                            <span class="progress-state">
                                {move || if done() { "Done" } else { "To do" }}
                            </span>
                            <p class="hint">{step.guidance()}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
