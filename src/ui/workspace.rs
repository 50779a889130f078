use crate::app::{AppState, PlanSession, Route, SaveStatus};
use crate::model::{describe_age, Phase, PlanId, Step};
use crate::ui::erased::effect;
use leptos::prelude::*;

/// A plan's workspace. The workflow steps (parties, interests, issues…) build on this.
#[component]
pub fn WorkspacePage(id: PlanId) -> impl IntoView {
    let state = expect_context::<AppState>();
    match state.open(&id) {
        None if state.unreadable_plan(&id).is_some() => view! { <UnreadablePlan id /> }.into_any(),
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
        Some(session) => {
            // Leaving the plan writes what is pending and closes the session.
            on_cleanup(move || {
                session.flush();
                if let Some(s) = state.session.try_get_untracked().flatten() {
                    if s.plan.with_untracked(|p| p.id.clone()) == id {
                        state.session.set(None);
                    }
                }
            });
            view! { <Workspace session /> }.into_any()
        }
    }
}

#[component]
fn Workspace(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let step = Memo::new(move |_| state.route.with(|r| r.step()));
    effect(move || {
        let title = plan.with(|p| p.display_title().to_string());
        let step = step.get();
        super::set_document_title(&format!("{title} · {} · Negotiation planner", step.label()));
    });
    let export = move |_| {
        let (id, title) = plan.with_untracked(|p| (p.id.clone(), p.display_title().to_string()));
        if let Some(text) = state.export_plan(&id) {
            let name = format!("{}.plan.json", super::files::file_stem(&title));
            if let Err(e) = super::files::download(&name, "application/json", &text) {
                state.notice.set(Some(crate::app::Notice {
                    text: e,
                    undo: crate::app::Undo::No,
                }));
            }
        }
    };
    view! {
        <section class="page workspace" aria-labelledby="plan-title-label">
            <nav class="breadcrumb" aria-label="Breadcrumb">
                <a href=Route::Library.to_hash()>"← All plans"</a>
            </nav>
            <ConflictBanner session />
            <div class="toolbar" role="toolbar" aria-label="Plan actions">
                <button
                    class="undo"
                    prop:disabled=move || session.undo_label.with(Option::is_none)
                    title=move || {
                        session.undo_label.get().map(|l| format!("Undo: {l} (Ctrl+Z)")).unwrap_or_default()
                    }
                    on:click=move |_| session.undo()
                >
                    "Undo"
                </button>
                <button
                    class="redo"
                    prop:disabled=move || session.redo_label.with(Option::is_none)
                    title=move || {
                        session
                            .redo_label
                            .get()
                            .map(|l| format!("Redo: {l} (Ctrl+Shift+Z)"))
                            .unwrap_or_default()
                    }
                    on:click=move |_| session.redo()
                >
                    "Redo"
                </button>
                <button class="export" on:click=export>"Export plan"</button>
                <SaveIndicator session />
            </div>
            <super::plan_files::PlanFiles session />
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
                    session.edit("edit the title", "title", |p| p.title = value);
                }
                on:blur=move |_| session.seal()
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
            <div class="workspace-body">
                <StepNav session step />
                // A region named by the step's heading: screen readers list it by name.
                <section class="step-content" aria-labelledby="step-heading">
                    {move || super::steps::step_view(step.get(), session)}
                    <StepPager session step />
                </section>
            </div>
        </section>
    }
}

/// "Saved" / "Saving…" / "Not saved: …", announced politely to screen readers.
#[component]
fn SaveIndicator(session: PlanSession) -> impl IntoView {
    let text = move || match session.status.get() {
        SaveStatus::Saved => "Saved".to_string(),
        SaveStatus::Pending => "Saving…".to_string(),
        SaveStatus::Failed(why) => why,
    };
    let class = move || match session.status.get() {
        SaveStatus::Saved => "save-status saved",
        SaveStatus::Pending => "save-status pending",
        SaveStatus::Failed(_) => "save-status failed",
    };
    view! {
        <span class=class role="status" aria-live="polite">
            {text}
        </span>
    }
}

/// Shown when this tab and another both changed the plan: the user decides; nothing is
/// overwritten until then.
#[component]
fn ConflictBanner(session: PlanSession) -> impl IntoView {
    view! {
        <Show when=move || session.conflict.with(Option::is_some)>
            <div class="conflict" role="alert">
                <p>
                    {move || {
                        if session.conflict.with(|c| c.as_ref().is_some_and(|c| c.theirs.is_some())) {
                            "This plan was also changed in another tab. Which version do you want to keep?"
                        } else {
                            "This plan was deleted in another tab, but this tab has unsaved changes."
                        }
                    }}
                </p>
                <div class="conflict-actions">
                    <button class="primary" on:click=move |_| session.keep_mine()>
                        "Keep this tab's version"
                    </button>
                    <Show when=move || {
                        session.conflict.with(|c| c.as_ref().is_some_and(|c| c.theirs.is_some()))
                    }>
                        <button on:click=move |_| session.take_theirs()>
                            "Use the other tab's version"
                        </button>
                    </Show>
                    <button on:click=move |_| session.keep_both()>
                        "Keep both (save mine as a copy)"
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// The steps of the method grouped by phase, with which are done; the current one is
/// marked for screen readers too. On a wide screen the list is a column beside the step;
/// on a narrow one it folds behind a button that says where the user is ("Step 8 of 10 ·
/// To the table: Strategy"), opens the list, and closes again on a choice or Escape.
///
/// The groups come from `Step::phase`, so a new step (one line in `model::progress`)
/// appears under its phase with nothing to change here.
#[component]
fn StepNav(session: PlanSession, step: Memo<Step>) -> impl IntoView {
    let plan = session.plan;
    let open = RwSignal::new(false);
    // A choice in the folded list closes it (the route changes).
    effect(move || {
        step.track();
        open.set(false);
    });
    let toggle_ref = NodeRef::<leptos::html::Button>::new();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = toggle_ref.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let total = Step::ALL.len();
    let phases = Phase::ALL
        .iter()
        .map(|&phase| {
            let heading = format!("phase-{}", phase.slug());
            let links = phase
                .steps()
                .map(|s| {
                    let href = move || Route::Step(plan.with(|p| p.id.clone()), s).to_hash();
                    let done = move || s != Step::Overview && plan.with(|p| s.is_complete(p));
                    view! {
                        <li class:done=done>
                            <a
                                href=href
                                aria-current=move || (step.get() == s).then_some("step")
                            >
                                <span class="step-check" aria-hidden="true">
                                    {move || if done() { "✓" } else { "" }}
                                </span>
                                {s.label()}
                                <span class="visually-hidden">
                                    {move || if done() { " (done)" } else { "" }}
                                </span>
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class="step-phase" class:current=move || step.get().phase() == phase>
                    <span class="phase-name" id=heading.clone()>{phase.label()}</span>
                    <ol aria-labelledby=heading>{links}</ol>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="step-nav" aria-label="Steps" on:keydown=on_keydown>
            <button
                class="step-nav-toggle"
                node_ref=toggle_ref
                aria-expanded=move || open.get().to_string()
                aria-controls="step-nav-list"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span class="step-nav-where">
                    {move || format!("Step {} of {total}", step.get().number())}
                </span>
                <span class="step-nav-current">
                    {move || format!("{}: {}", step.get().phase().label(), step.get().label())}
                </span>
                <span class="step-nav-arrow" aria-hidden="true">
                    {move || if open.get() { "▴" } else { "▾" }}
                </span>
            </button>
            <ol id="step-nav-list" class="step-phases" class:open=move || open.get()>
                {phases}
            </ol>
        </nav>
    }
}

/// "← Previous step" and "Next step →" under each step.
#[component]
fn StepPager(session: PlanSession, step: Memo<Step>) -> impl IntoView {
    let plan = session.plan;
    let neighbour = move |delta: isize| {
        let k = Step::ALL.iter().position(|&s| s == step.get())? as isize + delta;
        let s = *Step::ALL.get(usize::try_from(k).ok()?)?;
        Some((
            Route::Step(plan.with(|p| p.id.clone()), s).to_hash(),
            s.label(),
        ))
    };
    view! {
        <nav class="step-pager" aria-label="Previous and next step">
            {move || {
                neighbour(-1)
                    .map(|(href, label)| {
                        view! { <a class="prev" href=href>"← " {label}</a> }
                    })
            }}
            {move || {
                neighbour(1)
                    .map(|(href, label)| {
                        view! { <a class="next" href=href>{label} " →"</a> }
                    })
            }}
        </nav>
    }
}

/// A stored plan that cannot be read: what happened, in plain words and by its name; its
/// text was kept, and the user may download or discard it. The reader's words are behind
/// "Details".
#[component]
fn UnreadablePlan(id: PlanId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let entry = state.unreadable_plan(&id);
    let title = entry.as_ref().map(|u| u.title.clone()).unwrap_or_default();
    super::set_document_title(&format!("{title} cannot be opened · Negotiation planner"));
    let id = StoredValue::new(id);
    let file = StoredValue::new(super::files::file_stem(&title));
    let download = move |_| {
        if let Some(text) = state.unreadable_text(&id.get_value()) {
            let name = format!("{}.unreadable.txt", file.get_value());
            if let Err(e) = super::files::download(&name, "text/plain", &text) {
                state.notice.set(Some(crate::app::Notice::info(e)));
            }
        }
    };
    let discard = move |_| {
        state.discard_unreadable(&id.get_value());
        state.navigate(Route::Library);
    };
    view! {
        <section class="page unreadable-plan" aria-labelledby="unreadable-heading">
            <nav class="breadcrumb" aria-label="Breadcrumb">
                <a href=Route::Library.to_hash()>"← All plans"</a>
            </nav>
            <h1 id="unreadable-heading" dir="auto">{format!("“{title}” cannot be opened")}</h1>
            {entry.map(|u| {
                view! {
                    <p>{u.message}</p>
                    <div class="unreadable-actions">
                        <button class="primary" on:click=download>"Download its text"</button>
                        <button class="danger" on:click=discard>"Discard it"</button>
                    </div>
                    <super::notices::Details detail=u.detail />
                }
            })}
        </section>
    }
}
