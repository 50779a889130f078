use crate::app::{AppState, Route};
use crate::model::{describe_age, PlanId};
use leptos::prelude::*;

/// A plan's workspace. The workflow steps (parties, interests, issues…) build on this.
#[component]
pub fn WorkspacePage(id: PlanId) -> impl IntoView {
    let state = expect_context::<AppState>();
    match state.read_plan(&id) {
        None => {
            super::set_document_title("Plan not found · Negotiation planner");
            view! {
                <section class="page">
                    <h1>"Plan not found"</h1>
                    <p>
                        "This plan is not in this browser's library. It may have been deleted, \
                         or it was made in another browser."
                    </p>
                    <p><a href=Route::Library.to_hash()>"Go to your plans"</a></p>
                </section>
            }
            .into_any()
        }
        Some(plan) => {
            let plan = RwSignal::new(plan);
            Effect::new(move |_| {
                let title = plan.with(|p| p.display_title().to_string());
                super::set_document_title(&format!("{title} · Negotiation planner"));
            });
            let edit = move |f: &dyn Fn(&mut crate::model::Plan)| {
                plan.update(|p| {
                    f(p);
                    p.updated = crate::app::now();
                });
                state.save_plan(&plan.get_untracked());
            };
            view! {
                <section class="page workspace" aria-labelledby="plan-title-label">
                    <nav class="breadcrumb" aria-label="Breadcrumb">
                        <a href=Route::Library.to_hash()>"← All plans"</a>
                    </nav>
                    <label id="plan-title-label" class="field-label" for="plan-title">
                        "Plan title"
                    </label>
                    <input
                        id="plan-title"
                        class="title-input"
                        type="text"
                        maxlength="200"
                        dir="auto"
                        prop:value=move || plan.with(|p| p.title.clone())
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            edit(&|p| p.title = value.clone());
                        }
                    />
                    <p class="meta">
                        {move || {
                            let (created, updated) = plan.with(|p| (p.created, p.updated));
                            let now = state.clock.get().max(updated);
                            format!(
                                "Created {} · changed {}",
                                describe_age(now, created),
                                describe_age(now, updated),
                            )
                        }}
                    </p>
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
                            edit(&|p| p.notes = value.clone());
                        }
                    ></textarea>
                </section>
            }
            .into_any()
        }
    }
}
