//! Step 6, joint fact-finding: questions both sides could answer together, with why they
//! matter, what they bear on (issues, interests), who finds out, the source, the status and
//! the agreed answer; filtered by status.

use super::fields::{entity_choice, entity_text, focus_id, notify, notify_undo, ref_picker, Field};
use super::widgets::StepIntro;
use crate::app::{AppState, PlanSession};
use crate::model::edit_people::{self as edit, StatusFilter};
use crate::model::refs::RefKind;
use crate::model::{QuestionId, QuestionStatus, Step};
use crate::ui::erased::keyed_list;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

const NEW_QUESTION_INPUT: &str = "new-question";

/// Questions shown although the filter would hide them: one just added or whose status just
/// changed stays in view until the filter changes, so it does not vanish under the cursor.
type Sticky = RwSignal<Vec<QuestionId>>;

#[component]
pub fn FactsStep(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let filter = RwSignal::new(StatusFilter::All);
    let sticky: Sticky = RwSignal::new(Vec::new());
    let shown = Memo::new(move |_| {
        let f = filter.get();
        sticky.with(|sticky| {
            plan.with(|p| {
                p.questions
                    .iter()
                    .filter(|q| f.matches(q) || sticky.contains(&q.id))
                    .map(|q| q.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let total = Memo::new(move |_| plan.with(|p| p.questions.len()));
    let draft = RwSignal::new(String::new());
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked();
        if text.trim().is_empty() {
            notify(state, "Type the question first, then press Enter.");
        } else {
            let mut added = None;
            session.edit("add a question", "", |p| {
                added = edit::add_question(p, &text)
            });
            if let Some(id) = added {
                let open = StatusFilter::Only(QuestionStatus::Open);
                if !matches!(filter.get_untracked(), StatusFilter::All)
                    && filter.get_untracked() != open
                {
                    sticky.update(|s| s.push(id));
                }
            }
            draft.set(String::new());
        }
        focus_id(NEW_QUESTION_INPUT);
    };
    view! {
        <StepIntro step=Step::Facts />
        <div class="facts-step">
            <form class="add-question" on:submit=add>
                <label for=NEW_QUESTION_INPUT>"New question"</label>
                <div class="inline-field">
                    <input
                        id=NEW_QUESTION_INPUT
                        type="text"
                        dir="auto"
                        maxlength="500"
                        placeholder="e.g. What is the market rate for this role?"
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                    />
                    <button type="submit" class="primary">
                        "Add question"
                    </button>
                </div>
            </form>
            <fieldset class="segmented status-filter">
                <legend>"Show"</legend>
                <div class="segments">
                    {StatusFilter::ALL
                        .iter()
                        .map(|&f| {
                            let count = move || plan.with(|p| f.count(p));
                            view! {
                                <label class="segment">
                                    <input
                                        type="radio"
                                        name="question-filter"
                                        value=f.label()
                                        prop:checked=move || filter.get() == f
                                        on:change=move |_| {
                                            sticky.set(Vec::new());
                                            filter.set(f);
                                        }
                                    />
                                    <span class="segment-label">
                                        {f.label()}
                                        " "
                                        <span class="count">"(" {count} ")"</span>
                                    </span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <Show
                when=move || !shown.with(Vec::is_empty)
                fallback=move || {
                    let text = move || {
                        if total.get() == 0 {
                            "No questions yet. Type one above and press Enter, or send an \
                             interest here from the Interests step."
                                .to_string()
                        } else {
                            format!(
                                "No {} questions. Choose “All” to see the other {}.",
                                filter.get().label().to_ascii_lowercase(),
                                total.get()
                            )
                        }
                    };
                    view! { <p class="empty-state">{text}</p> }
                }
            >
                <ol class="question-list" aria-label="Questions">
                    {keyed_list(
                        move || shown.get(),
                        |id| id.clone(),
                        move |id| view! { <QuestionCard session id sticky /> },
                    )}
                </ol>
            </Show>
        </div>
    }
}

#[component]
fn QuestionCard(session: PlanSession, id: QuestionId, sticky: Sticky) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let key = id.to_string();
    let id = StoredValue::new(id);
    let question = Memo::new(move |_| {
        plan.with(|p| {
            id.with_value(|id| {
                p.questions
                    .iter()
                    .find(|q| &q.id == id)
                    .map(|q| (q.question.clone(), q.status))
            })
        })
    });
    let status_class = move || {
        let s = question.get().map(|q| q.1).unwrap_or_default();
        format!(
            "question-card status-{}",
            edit::status_label(s).to_ascii_lowercase()
        )
    };
    let remove = move |_| {
        let mut removed = None;
        session.edit("remove a question", "", |p| {
            removed = id.with_value(|id| edit::remove_question(p, id))
        });
        if let Some(q) = removed {
            let what = if q.question.trim().is_empty() {
                "a question".to_string()
            } else {
                format!("the question “{}”", q.question)
            };
            notify_undo(state, format!("Removed {what}."));
            focus_id(NEW_QUESTION_INPUT);
        }
    };
    let field = |suffix: &str, label: &str, undo: &'static str| {
        Field::new(format!("q-{key}-{suffix}"), label, undo)
    };
    view! {
        <li class=status_class>
            <div class="question-head">
                {entity_text(
                    session,
                    id,
                    field("text", "Question", "edit a question").wrap().class("question-text"),
                    |q| &q.question,
                    |q| &mut q.question,
                )}
                <button
                    type="button"
                    class="danger remove-question"
                    aria-label=move || {
                        format!("Remove the question “{}”", question.get().map(|q| q.0).unwrap_or_default())
                    }
                    on:click=remove
                >
                    "Remove"
                </button>
            </div>
            {entity_text(
                session,
                id,
                field("why", "Why it matters", "edit why a question matters")
                    .wrap()
                    .placeholder("What changes if we know the answer"),
                |q| &q.why,
                |q| &mut q.why,
            )}
            <div class="question-grid">
                {entity_text(
                    session,
                    id,
                    field("owner", "Who finds out", "edit who finds out"),
                    |q| &q.owner,
                    |q| &mut q.owner,
                )}
                {entity_text(
                    session,
                    id,
                    field("source", "Source", "edit a source")
                        .placeholder("A survey, an expert, a document…"),
                    |q| &q.source,
                    |q| &mut q.source,
                )}
                {entity_choice(
                    session,
                    id,
                    field("status", "Status", "change a question's status"),
                    &edit::STATUSES,
                    edit::status_label,
                    |q| q.status,
                    move |q, v| {
                        q.status = v;
                        // A question whose status just changed stays in view (see `Sticky`).
                        sticky.update_untracked(|s| {
                            if !s.contains(&q.id) {
                                s.push(q.id.clone());
                            }
                        });
                    },
                )}
            </div>
            {entity_text(
                session,
                id,
                field("answer", "Agreed answer", "edit an agreed answer")
                    .multiline()
                    .placeholder("What both sides accept as the answer"),
                |q| &q.answer,
                |q| &mut q.answer,
            )}
            <div class="question-refs">
                <QuestionRefs session id kind=RefKind::Issues />
                <QuestionRefs session id kind=RefKind::Interests />
            </div>
        </li>
    }
}

/// What a question bears on (its issues, or its interests grouped by party), as removable
/// chips, and a select to link one more.
#[component]
fn QuestionRefs(session: PlanSession, id: StoredValue<QuestionId>, kind: RefKind) -> impl IntoView {
    let plan = session.plan;
    let key = id.with_value(|id| id.to_string());
    let lists = Memo::new(move |_| plan.with(|p| id.with_value(|q| kind.lists(p, q))));
    let set = Callback::new(move |(thing, on): (String, bool)| {
        session.edit(kind.undo(on), "", |p| {
            id.with_value(|q| kind.set(p, q, &thing, on))
        });
    });
    ref_picker(format!("q-{key}-{}", kind.slug()), kind, lists, set)
}
