//! One issue's card: its head (name, move, remove), its description, its options with a
//! quick-add field, and its objective criteria.

use super::editor::Editor;
use super::option_row::OptionRow;
use super::{notice, PartyInterests};
use crate::app::PlanSession;
use crate::model::edit_issues::{shown, Item};
use crate::model::{Criterion, Find, IssueId};
use crate::ui::erased::keyed_list;
use crate::ui::steps::fields::{entity_text, focus_soon, text_field, Field};
use leptos::prelude::*;

#[component]
pub(super) fn IssueCard(
    session: PlanSession,
    id: IssueId,
    brainstorm: RwSignal<bool>,
    interests: Memo<Vec<PartyInterests>>,
) -> impl IntoView {
    let plan = session.plan;
    let editor = Editor::new(session, Item::Issue(id.clone()));
    let id = StoredValue::new(id);
    let option_ids = Memo::new(move |_| {
        plan.with(|p| {
            id.with_value(|id| {
                id.find(p)
                    .map(|i| i.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>())
                    .unwrap_or_default()
            })
        })
    });
    let criteria_count = Memo::new(move |_| {
        plan.with(|p| id.with_value(|id| id.find(p).map_or(0, |i| i.criteria.len())))
    });
    let name = editor.name;

    let new_option = RwSignal::new(String::new());
    let add_option = move || {
        let label = new_option.get_untracked().trim().to_string();
        if label.is_empty() {
            return;
        }
        session.edit(&format!("add the option “{label}”"), "", |p| {
            id.with_value(|id| p.add_option(id, &label));
        });
        new_option.set(String::new());
    };
    let add_criterion = move |_| {
        let k = criteria_count.get_untracked();
        session.edit("add a criterion", "", |p| {
            if let Some(issue) = id.with_value(|id| id.find_mut(p)) {
                issue.criteria.push(Criterion::default());
            }
        });
        focus_soon(vec![editor.el(&format!("crit-{k}-standard"))]);
    };
    let description = Field::new(editor.el("description"), "", "edit an issue's description")
        .live_label(Signal::derive(move || {
            format!("Description of “{}”", name.get())
        }))
        .hide_label()
        .multiline()
        .class("issue-description")
        .placeholder("What exactly is to be decided (optional)");
    let key = StoredValue::new(id.with_value(|id| id.to_string()));

    view! {
        <li class="issue-card" id=editor.el("card")>
            {editor.head("issue-head")}
            {entity_text(session, id, description, |i| &i.description, |i| &mut i.description)}

            <h3 class="issue-sub">
                "Options "
                <span class="count">{move || format!("({})", option_ids.with(Vec::len))}</span>
            </h3>
            <Show when=move || option_ids.with(Vec::is_empty)>
                <p class="empty-state small">
                    "No options yet. Type one below and press Enter; aim for several, \
                     including unusual ones."
                </p>
            </Show>
            <ol class="option-list">
                {keyed_list(
                    move || option_ids.get(),
                    |o| o.clone(),
                    move |oid| {
                        view! { <OptionRow session oid brainstorm interests /> }
                    },
                )}
            </ol>
            <div class="quick-add">
                <label class="field-label" for=editor.el("new-option")>
                    {move || format!("New option for “{}”", name.get())}
                </label>
                <input
                    id=editor.el("new-option")
                    class="new-option"
                    type="text"
                    dir="auto"
                    maxlength="200"
                    placeholder="Type an idea and press Enter"
                    prop:value=move || new_option.get()
                    on:input=move |ev| new_option.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add_option();
                        }
                    }
                />
            </div>

            <h3 class="issue-sub">"Objective criteria"</h3>
            <Show when=move || criteria_count.get() == 0>
                <p class="hint">
                    "None yet. A market rate, a precedent or an expert's view makes an option \
                     easier for both sides to accept."
                </p>
            </Show>
            <ol class="criteria-list">
                {keyed_list(
                    move || (0..criteria_count.get()).collect(),
                    |k| *k,
                    move |k| view! { <CriterionRow session issue=id k issue_key=key /> },
                )}
            </ol>
            <button class="add-criterion" on:click=add_criterion>
                "Add criterion"
            </button>
        </li>
    }
}

#[derive(Clone, Copy)]
enum CriterionField {
    Standard,
    Source,
    Applies,
}

impl CriterionField {
    fn slug(self) -> &'static str {
        match self {
            CriterionField::Standard => "standard",
            CriterionField::Source => "source",
            CriterionField::Applies => "applies",
        }
    }
    fn label(self) -> &'static str {
        match self {
            CriterionField::Standard => "Standard",
            CriterionField::Source => "Source",
            CriterionField::Applies => "How it applies",
        }
    }
    fn get(self, c: &Criterion) -> &String {
        match self {
            CriterionField::Standard => &c.standard,
            CriterionField::Source => &c.source,
            CriterionField::Applies => &c.applies,
        }
    }
    fn get_mut(self, c: &mut Criterion) -> &mut String {
        match self {
            CriterionField::Standard => &mut c.standard,
            CriterionField::Source => &mut c.source,
            CriterionField::Applies => &mut c.applies,
        }
    }
}

/// One objective criterion: standard, source and how it applies, each edited in place.
#[component]
fn CriterionRow(
    session: PlanSession,
    issue: StoredValue<IssueId>,
    k: usize,
    issue_key: StoredValue<String>,
) -> impl IntoView {
    let plan = session.plan;
    let criterion = Memo::new(move |_| {
        plan.with(|p| {
            issue.with_value(|id| {
                id.find(p)
                    .and_then(|i| i.criteria.get(k).cloned())
                    .unwrap_or_default()
            })
        })
    });
    let el =
        move |suffix: &str| issue_key.with_value(|key| format!("issue-{key}-crit-{k}-{suffix}"));
    let field = move |f: CriterionField| {
        let field = Field::new(el(f.slug()), f.label(), "edit a criterion")
            .small_label()
            .max_length(500);
        text_field(
            session,
            field,
            move |p| {
                issue
                    .with_value(|id| {
                        id.find(p)
                            .and_then(|i| i.criteria.get(k))
                            .map(|c| f.get(c).clone())
                    })
                    .unwrap_or_default()
            },
            move |p, value| {
                if let Some(c) = issue
                    .with_value(|id| id.find_mut(p))
                    .and_then(|i| i.criteria.get_mut(k))
                {
                    *f.get_mut(c) = value;
                }
            },
        )
    };
    let remove = move |_| {
        let label = criterion.with_untracked(|c| shown(&c.standard, "criterion"));
        session.edit(&format!("remove the criterion “{label}”"), "", |p| {
            if let Some(i) = issue.with_value(|id| id.find_mut(p)) {
                if k < i.criteria.len() {
                    i.criteria.remove(k);
                }
            }
        });
        notice(format!("Removed “{label}”."));
        focus_soon(vec![
            issue_key.with_value(|key| format!("issue-{key}-new-option"))
        ]);
    };
    view! {
        <li class="criterion">
            {field(CriterionField::Standard)}
            {field(CriterionField::Source)}
            {field(CriterionField::Applies)}
            <button
                class="danger icon"
                aria-label=move || {
                    format!("Remove the criterion “{}”", criterion.with(|c| shown(&c.standard, "untitled")))
                }
                title="Remove criterion"
                on:click=remove
            >
                "✕"
            </button>
        </li>
    }
}
