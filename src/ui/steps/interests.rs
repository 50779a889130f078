//! Step 2, interests: a column per party with fast entry (Enter adds and keeps the cursor
//! for the next one), each interest's reasons, priority and kind, links between interests
//! of different parties, and "send to fact-finding".

use super::fields::{
    entity_choice, entity_text, focus_id, notify, notify_undo, reset_value, Field,
};
use super::widgets::StepIntro;
use crate::app::{AppState, PlanSession, Route};
use crate::model::edit_people::{self as edit};
use crate::model::order;
use crate::model::{InterestId, PartyId, Plan, QuestionId, Relation, Step};
use crate::ui::erased::{effect, keyed_list};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// The last interest sent to fact-finding: its question (id and text) and whether the
/// question was added just now (or was already there).
type Sent = RwSignal<Option<(InterestId, QuestionId, String, bool)>>;

#[component]
pub fn InterestsStep(session: PlanSession) -> impl IntoView {
    let plan = session.plan;
    let parties = Memo::new(move |_| {
        plan.with(|p| p.parties.iter().map(|x| x.id.clone()).collect::<Vec<_>>())
    });
    let sent: Sent = RwSignal::new(None);
    view! {
        <StepIntro step=Step::Interests />
        <div class="interests-step">
            <div class="interest-columns">
                {keyed_list(
                    move || parties.get(),
                    |id| id.clone(),
                    move |party| view! { <InterestColumn session party sent /> },
                )}
            </div>
            <LinkSummary session />
        </div>
    }
}

#[component]
fn InterestColumn(session: PlanSession, party: PartyId, sent: Sent) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let key = party.to_string();
    let party = StoredValue::new(party);
    let name =
        Memo::new(move |_| plan.with(|p| party.with_value(|id| edit::party_display_name(p, id))));
    let is_us = Memo::new(move |_| plan.with(|p| party.with_value(|id| p.us() == Some(id))));
    let ids = Memo::new(move |_| {
        plan.with(|p| {
            party.with_value(|id| {
                p.interests
                    .iter()
                    .filter(|i| &i.party == id)
                    .map(|i| i.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let draft = RwSignal::new(String::new());
    let on_key = move |ev: KeyboardEvent| {
        if ev.key() != "Enter" || ev.is_composing() {
            return;
        }
        ev.prevent_default();
        let text = draft.get_untracked();
        if text.trim().is_empty() {
            notify(state, "Type the interest first, then press Enter.");
            return;
        }
        session.edit("add an interest", "", |p| {
            party.with_value(|id| edit::add_interest(p, id, &text));
        });
        draft.set(String::new());
    };
    let heading = format!("interests-{key}-heading");
    let labelled_by = heading.clone();
    let input_id = format!("new-interest-{key}");
    let hint_id = format!("new-interest-{key}-hint");
    view! {
        <section class="interest-column" aria-labelledby=labelled_by>
            <h3 id=heading dir="auto">
                {move || name.get()}
                <Show when=move || is_us.get()>
                    <span class="party-badge">"Us"</span>
                </Show>
            </h3>
            <label class="field-label" for=input_id.clone()>
                {move || format!("New interest of {}", name.get())}
            </label>
            <input
                id=input_id
                class="new-interest"
                type="text"
                dir="auto"
                maxlength="500"
                placeholder="What they need; Enter adds"
                aria-describedby=hint_id.clone()
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
                on:keydown=on_key
            />
            <p class="hint" id=hint_id>
                "Press Enter to add it; the cursor stays here for the next one. Ask “why?” to find the interest behind a demand."
            </p>
            <Show
                when=move || !ids.with(Vec::is_empty)
                fallback=move || {
                    view! { <p class="empty-hint">{move || format!("No interests of {} yet.", name.get())}</p> }
                }
            >
                <ol class="interest-list" aria-label=move || format!("Interests of {}", name.get())>
                    {keyed_list(
                        move || ids.get(),
                        |id| id.clone(),
                        move |id| view! { <InterestItem session id sent /> },
                    )}
                </ol>
            </Show>
        </section>
    }
}

fn relation_phrase(r: Relation) -> &'static str {
    match r {
        Relation::Shared => "Shared with",
        Relation::Different => "Different from",
        Relation::Conflicting => "Conflicts with",
    }
}

/// "Nimbus: Stay inside the salary band".
fn owner_and_statement(p: &Plan, id: &InterestId) -> String {
    let party = edit::interest(p, id)
        .map(|i| edit::party_display_name(p, &i.party))
        .unwrap_or_default();
    format!("{party}: {}", edit::interest_display(p, id))
}

#[component]
fn InterestItem(session: PlanSession, id: InterestId, sent: Sent) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let key = id.to_string();
    let id = StoredValue::new(id);
    let statement =
        Memo::new(move |_| plan.with(|p| id.with_value(|id| edit::interest_display(p, id))));
    let links = Memo::new(move |_| {
        plan.with(|p| {
            id.with_value(|id| {
                edit::links_of(p, id)
                    .into_iter()
                    .map(|(other, r)| (r, owner_and_statement(p, &other)))
                    .collect::<Vec<_>>()
            })
        })
    });
    let link_open = RwSignal::new(false);
    let remove = move |_| {
        let mut trial = plan.get_untracked();
        let party = id.with_value(|id| edit::interest(&trial, id).map(|i| i.party.clone()));
        if let Some(removed) = id.with_value(|id| edit::remove_interest(&mut trial, id)) {
            session.edit("remove an interest", "", move |p| *p = trial);
            notify_undo(state, removed.describe());
            if let Some(party) = party {
                focus_id(&format!("new-interest-{party}"));
            }
        }
    };
    let send = move |_| {
        let mut trial = plan.get_untracked();
        if let Some((q, created)) = id.with_value(|id| edit::send_to_fact_finding(&mut trial, id)) {
            let text = trial
                .questions
                .iter()
                .find(|x| x.id == q)
                .map(|x| x.question.clone())
                .unwrap_or_default();
            if created {
                session.edit("send an interest to fact-finding", "", move |p| *p = trial);
            }
            sent.set(Some((id.get_value(), q, text, created)));
        }
    };
    let facts_href = move || Route::Step(plan.with(|p| p.id.clone()), Step::Facts).to_hash();
    let field = |suffix: &str, label: &str, undo: &'static str| {
        Field::new(format!("int-{key}-{suffix}"), label, undo)
    };
    let link_button = format!("int-{key}-link-button");
    let panel_id = format!("int-{key}-link-panel");
    view! {
        <li class="interest">
            {entity_text(
                session,
                id,
                field("statement", "Interest", "edit an interest")
                    .hide_label()
                    .wrap()
                    .class("interest-statement"),
                |x| &x.statement,
                |x| &mut x.statement,
            )}
            {entity_text(
                session,
                id,
                field("why", "Why it matters", "edit why an interest matters")
                    .wrap()
                    .placeholder("The need or worry behind it"),
                |x| &x.why,
                |x| &mut x.why,
            )}
            <div class="interest-meta">
                {entity_choice(
                    session,
                    id,
                    field("priority", "Priority", "change a priority"),
                    &edit::PRIORITIES,
                    edit::priority_label,
                    |x| x.priority,
                    |x, v| x.priority = v,
                )}
                {entity_choice(
                    session,
                    id,
                    field("kind", "Kind", "change the kind of an interest"),
                    &edit::KINDS,
                    edit::kind_label,
                    |x| x.kind,
                    |x, v| x.kind = v,
                )}
            </div>
            <Show when=move || !links.with(Vec::is_empty)>
                <ul class="interest-links" aria-label="Links to other parties' interests">
                    {move || {
                        links
                            .get()
                            .into_iter()
                            .map(|(r, other)| {
                                view! {
                                    <li class=format!("rel-{}", edit::relation_label(r))>
                                        <span class="rel-tag">{relation_phrase(r)}</span>
                                        " "
                                        <span dir="auto">{other}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
            <div class="interest-actions">
                <button
                    type="button"
                    id=link_button.clone()
                    aria-expanded=move || if link_open.get() { "true" } else { "false" }
                    aria-controls=panel_id.clone()
                    on:click=move |_| link_open.update(|o| *o = !*o)
                >
                    "Link…"
                </button>
                <button type="button" class="send-to-facts" on:click=send>
                    "Send to fact-finding"
                </button>
                <button
                    type="button"
                    class="danger"
                    aria-label=move || format!("Remove the interest “{}”", statement.get())
                    on:click=remove
                >
                    "Remove"
                </button>
            </div>
            <Show when=move || link_open.get()>
                <LinkPanel
                    session
                    id
                    open=link_open
                    panel_id=panel_id.clone()
                    button_id=link_button.clone()
                />
            </Show>
            <p class="sent-note" role="status">
                {move || {
                    sent.with(|s| match s {
                        // Gone after an undo: then there is nothing to point at.
                        Some((sid, q, text, created))
                            if id.with_value(|id| id == sid)
                                && plan.with(|p| p.questions.iter().any(|x| &x.id == q)) =>
                        {
                            let words = if *created {
                                format!("Added “{text}” to fact-finding.")
                            } else {
                                format!("“{text}” is already in fact-finding.")
                            };
                            Some(
                                view! {
                                    <span>{words}</span>
                                    " "
                                    <a href=facts_href>"Open fact-finding →"</a>
                                },
                            )
                        }
                        _ => None,
                    })
                }}
            </p>
        </li>
    }
}

/// Picks another party's interest and a relation, and adds the link.
#[component]
fn LinkPanel(
    session: PlanSession,
    id: StoredValue<InterestId>,
    open: RwSignal<bool>,
    panel_id: String,
    button_id: String,
) -> impl IntoView {
    let plan = session.plan;
    let relation = RwSignal::new(Relation::Shared);
    let target = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let button_id = StoredValue::new(button_id);
    // (party name, [(interest id, statement, existing relation)])
    let groups = Memo::new(move |_| {
        plan.with(|p| {
            id.with_value(|id| {
                edit::link_candidates(p, id)
                    .into_iter()
                    .map(|(party, ids)| {
                        let items = ids
                            .into_iter()
                            .map(|(i, r)| (i.to_string(), edit::interest_display(p, &i), r))
                            .collect::<Vec<_>>();
                        (edit::party_display_name(p, &party), items)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let close = move || {
        open.set(false);
        button_id.with_value(|b| focus_id(b));
    };
    let add = move |_| {
        let other = target.get_untracked();
        if other.is_empty() {
            error.set(Some(edit::LinkError::Missing.to_string()));
            return;
        }
        let mut trial = plan.get_untracked();
        let result = id.with_value(|id| {
            edit::add_link(&mut trial, id, &InterestId(other), relation.get_untracked())
        });
        match result {
            Ok(()) => {
                session.edit("link two interests", "", move |p| *p = trial);
                close();
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let key = id.with_value(|id| id.to_string());
    let rel_id = format!("int-{key}-link-relation");
    let to_id = format!("int-{key}-link-to");
    // Opening the panel takes the cursor to its first choice.
    let first = to_id.clone();
    effect(move || focus_id(&first));
    let error_id = format!("int-{key}-link-error");
    view! {
        <div
            class="link-panel"
            id=panel_id
            role="group"
            aria-label="Link this interest to another party's"
            on:keydown=move |ev: KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    close();
                }
            }
        >
            <Show
                when=move || !groups.with(Vec::is_empty)
                fallback=move || {
                    view! {
                        <p class="hint">
                            "No other party has interests yet. Add theirs first, then link."
                        </p>
                        <button type="button" on:click=move |_| close()>"Close"</button>
                    }
                }
            >
                <div class="field">
                    <label class="field-label" for=to_id.clone()>"Another party's interest"</label>
                    <select
                        id=to_id.clone()
                        aria-describedby=error_id.clone()
                        on:change=move |ev| {
                            target.set(event_target_value(&ev));
                            error.set(None);
                        }
                    >
                        <option value="" prop:selected=move || target.with(String::is_empty)>
                            "Choose an interest…"
                        </option>
                        {move || {
                            groups
                                .get()
                                .into_iter()
                                .map(|(party, items)| {
                                    view! {
                                        <optgroup label=party>
                                            {items
                                                .into_iter()
                                                .map(|(value, text, existing)| {
                                                    let label = match existing {
                                                        Some(r) => {
                                                            format!("{text} (already {})", edit::relation_label(r))
                                                        }
                                                        None => text,
                                                    };
                                                    let selected = value.clone();
                                                    view! {
                                                        <option
                                                            value=value
                                                            disabled=existing.is_some()
                                                            prop:selected=move || target.with(|t| *t == selected)
                                                        >
                                                            {label}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </optgroup>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for=rel_id.clone()>"How they relate"</label>
                    <select
                        id=rel_id.clone()
                        on:change=move |ev| {
                            if let Some(r) = event_target_value(&ev)
                                .parse::<usize>()
                                .ok()
                                .and_then(|k| edit::RELATIONS.get(k))
                            {
                                relation.set(*r);
                            } else {
                                reset_value(&ev, "0");
                            }
                        }
                    >
                        {edit::RELATIONS
                            .iter()
                            .enumerate()
                            .map(|(k, &r)| {
                                let words = match r {
                                    Relation::Shared => "Shared: both want it",
                                    Relation::Different => "Different: room to trade",
                                    Relation::Conflicting => "Conflicting: one's gain is the other's loss",
                                };
                                view! {
                                    <option value=k.to_string() prop:selected=move || relation.get() == r>
                                        {words}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="link-actions">
                    <button type="button" class="primary" on:click=add>
                        "Add link"
                    </button>
                    <button type="button" on:click=move |_| close()>
                        "Cancel"
                    </button>
                </div>
                <p class="field-error" id=error_id.clone() role="alert">
                    {move || error.get()}
                </p>
            </Show>
        </div>
    }
}

/// Every link, shared first, with a way to remove each.
#[component]
fn LinkSummary(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let rows = Memo::new(move |_| {
        plan.with(|p| {
            let mut rows: Vec<(Relation, InterestId, InterestId, String, String)> = p
                .links
                .iter()
                .map(|l| {
                    (
                        l.relation,
                        l.a.clone(),
                        l.b.clone(),
                        owner_and_statement(p, &l.a),
                        owner_and_statement(p, &l.b),
                    )
                })
                .collect();
            order::sort_by_key(&mut rows, |r| {
                edit::RELATIONS.iter().position(|x| *x == r.0)
            });
            rows
        })
    });
    view! {
        <section class="link-summary" aria-labelledby="link-summary-heading">
            <h3 id="link-summary-heading" tabindex="-1">
                "How the interests relate"
            </h3>
            <p class="hint">
                "Shared interests bind the parties; different ones are the raw material of \
                 trades; conflicting ones need creative options or objective criteria."
            </p>
            <Show
                when=move || !rows.with(Vec::is_empty)
                fallback=|| {
                    view! {
                        <p class="empty-hint">
                            "No links yet. Use “Link…” on an interest to mark it as shared with, \
                             different from or conflicting with another party's."
                        </p>
                    }
                }
            >
                <ul class="link-list">
                    {keyed_list(
                        move || rows.get(),
                        |r| (edit::relation_label(r.0), r.1.clone(), r.2.clone(), r.3.clone(), r.4.clone()),
                        move |row| {
                            let (r, a, b, a_text, b_text) = row;
                            let label = format!("Remove the link between “{a_text}” and “{b_text}”");
                            let remove = move |_| {
                                session.edit("remove a link", "", |p| {
                                    edit::remove_link(p, &a, &b);
                                });
                                notify_undo(state, "Removed the link.");
                                focus_id("link-summary-heading");
                            };
                            view! {
                                <li class=format!("rel-{}", edit::relation_label(r))>
                                    <span class="rel-tag">{edit::relation_label(r)}</span>
                                    <span class="link-ends">
                                        <span dir="auto">{a_text}</span>
                                        <span class="link-sep" aria-label="and">" ↔ "</span>
                                        <span dir="auto">{b_text}</span>
                                    </span>
                                    <button type="button" class="danger" aria-label=label on:click=remove>
                                        "Remove"
                                    </button>
                                </li>
                            }
                        },
                    )}
                </ul>
            </Show>
        </section>
    }
}
