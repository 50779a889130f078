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

use super::widgets::StepIntro;
use crate::app::{AppState, Notice, PlanSession};
use crate::model::{Criterion, InterestId, IssueId, OptionId, OptionItem, Plan, Step};
use crate::ui::erased::keyed_list;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Interests of every party, grouped by party, for the "serves" checkboxes.
#[derive(Clone, Debug, PartialEq)]
pub struct PartyInterests {
    pub party: String,
    pub interests: Vec<(InterestId, String)>,
}

/// Plan operations of this screen: pure, so they are tested natively.
pub mod ops {
    use crate::model::{Issue, IssueId, OptionId, OptionItem, Plan};

    /// Moves an issue by `delta` places; false when it cannot move.
    pub fn move_issue(plan: &mut Plan, id: &IssueId, delta: isize) -> bool {
        let Some(k) = plan.issues.iter().position(|i| &i.id == id) else {
            return false;
        };
        shift(&mut plan.issues, k, delta)
    }

    /// Moves an option by `delta` places within its issue; false when it cannot move.
    pub fn move_option(plan: &mut Plan, id: &OptionId, delta: isize) -> bool {
        for issue in &mut plan.issues {
            if let Some(k) = issue.options.iter().position(|o| &o.id == id) {
                return shift(&mut issue.options, k, delta);
            }
        }
        false
    }

    fn shift<T>(items: &mut Vec<T>, k: usize, delta: isize) -> bool {
        let Some(to) = k.checked_add_signed(delta) else {
            return false;
        };
        if to >= items.len() || to == k {
            return false;
        }
        let item = items.remove(k);
        items.insert(to, item);
        true
    }

    /// Removes an issue and everything that refers to it (weights, ratings of its options,
    /// package choices, links from questions). Returns it, or None when it does not exist.
    pub fn remove_issue(plan: &mut Plan, id: &IssueId) -> Option<Issue> {
        let k = plan.issues.iter().position(|i| &i.id == id)?;
        let issue = plan.issues.remove(k);
        for party in &mut plan.parties {
            party.weights.remove(id);
            for option in &issue.options {
                party.ratings.remove(&option.id);
            }
        }
        for package in &mut plan.packages {
            package.choices.remove(id);
        }
        for question in &mut plan.questions {
            question.issues.retain(|i| i != id);
        }
        Some(issue)
    }

    /// Removes an option, its ratings and the package choices that picked it.
    pub fn remove_option(plan: &mut Plan, id: &OptionId) -> Option<OptionItem> {
        let (issue_id, option) = plan.issues.iter_mut().find_map(|issue| {
            let k = issue.options.iter().position(|o| &o.id == id)?;
            Some((issue.id.clone(), issue.options.remove(k)))
        })?;
        for party in &mut plan.parties {
            party.ratings.remove(id);
        }
        for package in &mut plan.packages {
            if package.choices.get(&issue_id) == Some(id) {
                package.choices.remove(&issue_id);
            }
        }
        Some(option)
    }

    pub fn option_mut<'a>(plan: &'a mut Plan, id: &OptionId) -> Option<&'a mut OptionItem> {
        plan.issues
            .iter_mut()
            .flat_map(|i| i.options.iter_mut())
            .find(|o| &o.id == id)
    }

    pub fn issue_mut<'a>(plan: &'a mut Plan, id: &IssueId) -> Option<&'a mut Issue> {
        plan.issues.iter_mut().find(|i| &i.id == id)
    }

    /// Whether any party has rated any option that is still in the plan.
    pub fn has_ratings(plan: &Plan) -> bool {
        plan.issues
            .iter()
            .flat_map(|i| &i.options)
            .any(|o| plan.parties.iter().any(|p| p.ratings.contains_key(&o.id)))
    }
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

fn find_option<'a>(plan: &'a Plan, id: &OptionId) -> Option<&'a OptionItem> {
    plan.issues
        .iter()
        .flat_map(|i| &i.options)
        .find(|o| &o.id == id)
}

/// A name to show in labels and notices: empty names would make "Remove “”" unreadable.
fn shown(name: &str, fallback: &str) -> String {
    if name.trim().is_empty() {
        fallback.to_string()
    } else {
        name.to_string()
    }
}

/// Focuses the first of `ids` that exists and is enabled, once the view has caught up with
/// an edit (a moved row is re-inserted, which takes the focus away from it).
pub(super) fn focus_soon(ids: Vec<String>) {
    request_animation_frame(move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        for id in ids {
            if let Some(el) = doc.get_element_by_id(&id) {
                if el.has_attribute("disabled") {
                    continue;
                }
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                    return;
                }
            }
        }
    });
}

fn active_element_id() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(|e| e.id())
        .filter(|id| !id.is_empty())
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
    let brainstorm = RwSignal::new(!plan.with_untracked(ops::has_ratings));
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

#[component]
fn IssueCard(
    session: PlanSession,
    id: IssueId,
    brainstorm: RwSignal<bool>,
    interests: Memo<Vec<PartyInterests>>,
) -> impl IntoView {
    let plan = session.plan;
    let key = id.to_string();
    let id = StoredValue::new(id);
    let head = Memo::new(move |_| {
        plan.with(|p| {
            id.with_value(|id| {
                p.issue(id)
                    .map(|i| (i.name.clone(), i.description.clone()))
                    .unwrap_or_default()
            })
        })
    });
    let place = Memo::new(move |_| {
        plan.with(|p| {
            let k = id.with_value(|id| p.issues.iter().position(|i| &i.id == id));
            (k.unwrap_or(0), p.issues.len())
        })
    });
    let option_ids = Memo::new(move |_| {
        plan.with(|p| {
            id.with_value(|id| {
                p.issue(id)
                    .map(|i| i.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>())
                    .unwrap_or_default()
            })
        })
    });
    let criteria_count = Memo::new(move |_| {
        plan.with(|p| id.with_value(|id| p.issue(id).map_or(0, |i| i.criteria.len())))
    });
    let name = move || head.with(|h| shown(&h.0, "this issue"));
    let name_signal = Signal::derive(name);

    let key_s = StoredValue::new(key.clone());
    let el = move |suffix: &str| key_s.with_value(|k| format!("issue-{k}-{suffix}"));

    let move_by = move |delta: isize| {
        let label = name();
        session.edit(&format!("move “{label}”"), "", |p| {
            id.with_value(|id| ops::move_issue(p, id, delta));
        });
        let (first, second) = if delta < 0 {
            ("up", "down")
        } else {
            ("down", "up")
        };
        focus_soon(vec![el(first), el(second)]);
    };
    let remove = move |()| {
        let label = name();
        session.edit(&format!("remove the issue “{label}”"), "", |p| {
            id.with_value(|id| ops::remove_issue(p, id));
        });
        notice(format!("Removed “{label}”."));
        focus_soon(vec!["new-issue-name".into()]);
    };

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
            if let Some(issue) = id.with_value(|id| ops::issue_mut(p, id)) {
                issue.criteria.push(Criterion::default());
            }
        });
        focus_soon(vec![el(&format!("crit-{k}-standard"))]);
    };

    view! {
        <li class="issue-card" id=el("card")>
            <div class="issue-head">
                <label class="visually-hidden" for=el("name")>
                    {move || format!("Name of issue {}", place.get().0 + 1)}
                </label>
                <input
                    id=el("name")
                    class="issue-name"
                    type="text"
                    dir="auto"
                    maxlength="200"
                    prop:value=move || head.with(|h| h.0.clone())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        session.edit(
                            "rename an issue",
                            &el("name"),
                            |p| {
                                if let Some(i) = id.with_value(|id| ops::issue_mut(p, id)) {
                                    i.name = value;
                                }
                            },
                        );
                    }
                    on:blur=move |_| session.seal()
                />
                {row_actions(RowActions {
                    prefix: el(""),
                    name: name_signal,
                    place,
                    kind: RowKind::Issue,
                    on_move: Callback::new(move_by),
                    on_remove: Callback::new(remove),
                })}
            </div>
            <label class="visually-hidden" for=el("description")>
                {move || format!("Description of “{}”", name())}
            </label>
            <textarea
                id=el("description")
                class="issue-description"
                rows="2"
                dir="auto"
                placeholder="What exactly is to be decided (optional)"
                prop:value=move || head.with(|h| h.1.clone())
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    session.edit(
                        "edit an issue's description",
                        &el("description"),
                        |p| {
                            if let Some(i) = id.with_value(|id| ops::issue_mut(p, id)) {
                                i.description = value;
                            }
                        },
                    );
                }
                on:blur=move |_| session.seal()
            ></textarea>

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
                        view! { <OptionRow session issue_name=name_signal oid brainstorm interests /> }
                    },
                )}
            </ol>
            <div class="quick-add">
                <label class="field-label" for=el("new-option")>
                    {move || format!("New option for “{}”", name())}
                </label>
                <input
                    id=el("new-option")
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
                    move |k| view! { <CriterionRow session issue=id k issue_key=key_s /> },
                )}
            </ol>
            <button class="add-criterion" on:click=add_criterion>
                "Add criterion"
            </button>
        </li>
    }
}

/// Whose row the [`row_actions`] are in: an issue's head or an option's row.
#[derive(Clone, Copy, PartialEq)]
enum RowKind {
    Issue,
    Option,
}

/// What the move and remove buttons of a row need.
struct RowActions {
    /// The element ids start with it: `<prefix>up`, `<prefix>down`.
    prefix: String,
    /// The row's name, for the buttons' labels.
    name: Signal<String>,
    /// (position, count) among its siblings.
    place: Memo<(usize, usize)>,
    kind: RowKind,
    /// Moves the row by -1 or +1.
    on_move: Callback<isize>,
    on_remove: Callback<()>,
}

/// Move up, move down and remove, for an issue or an option (options show their Alt+arrow
/// shortcuts and a compact remove button).
fn row_actions(actions: RowActions) -> impl IntoView {
    let RowActions {
        prefix,
        name,
        place,
        kind,
        on_move,
        on_remove,
    } = actions;
    let option = kind == RowKind::Option;
    view! {
        <div class="row-actions">
            <button
                id=format!("{prefix}up")
                class="icon"
                aria-label=move || format!("Move “{}” up", name.get())
                title=if option { "Move up (Alt+↑)" } else { "Move up" }
                disabled=move || place.get().0 == 0
                on:click=move |_| on_move.run(-1)
            >
                "↑"
            </button>
            <button
                id=format!("{prefix}down")
                class="icon"
                aria-label=move || format!("Move “{}” down", name.get())
                title=if option { "Move down (Alt+↓)" } else { "Move down" }
                disabled=move || {
                    let (k, n) = place.get();
                    k + 1 >= n
                }
                on:click=move |_| on_move.run(1)
            >
                "↓"
            </button>
            <button
                class=if option { "danger icon" } else { "danger" }
                aria-label=move || {
                    if option {
                        format!("Remove “{}”", name.get())
                    } else {
                        format!("Remove the issue “{}”", name.get())
                    }
                }
                title=option.then_some("Remove")
                on:click=move |_| on_remove.run(())
            >
                {if option { "✕" } else { "Remove" }}
            </button>
        </div>
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
                p.issue(id)
                    .and_then(|i| i.criteria.get(k).cloned())
                    .unwrap_or_default()
            })
        })
    });
    let el =
        move |suffix: &str| issue_key.with_value(|key| format!("issue-{key}-crit-{k}-{suffix}"));
    let field = move |f: CriterionField| {
        let dom_id = el(f.slug());
        let merge = dom_id.clone();
        let input = move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            session.edit("edit a criterion", &merge, |p| {
                if let Some(c) = issue
                    .with_value(|id| ops::issue_mut(p, id))
                    .and_then(|i| i.criteria.get_mut(k))
                {
                    *f.get_mut(c) = value;
                }
            });
        };
        view! {
            <div class="crit-field">
                <label class="small-label" for=dom_id.clone()>{f.label()}</label>
                <input
                    id=dom_id
                    type="text"
                    dir="auto"
                    maxlength="500"
                    prop:value=move || criterion.with(|c| f.get(c).clone())
                    on:input=input
                    on:blur=move |_| session.seal()
                />
            </div>
        }
    };
    let remove = move |_| {
        let label = criterion.with_untracked(|c| shown(&c.standard, "criterion"));
        session.edit(&format!("remove the criterion “{label}”"), "", |p| {
            if let Some(i) = issue.with_value(|id| ops::issue_mut(p, id)) {
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

/// One option: its label edited in place, moves, removal, and on demand its description,
/// origin and the interests it serves.
#[component]
fn OptionRow(
    session: PlanSession,
    issue_name: Signal<String>,
    oid: OptionId,
    brainstorm: RwSignal<bool>,
    interests: Memo<Vec<PartyInterests>>,
) -> impl IntoView {
    let plan = session.plan;
    let key = StoredValue::new(oid.to_string());
    let oid = StoredValue::new(oid);
    let option =
        Memo::new(move |_| plan.with(|p| oid.with_value(|id| find_option(p, id).cloned())));
    let place = Memo::new(move |_| {
        plan.with(|p| {
            oid.with_value(|id| {
                p.issues
                    .iter()
                    .find_map(|i| {
                        let k = i.options.iter().position(|o| &o.id == id)?;
                        Some((k, i.options.len()))
                    })
                    .unwrap_or((0, 0))
            })
        })
    });
    let label = move || {
        option.with(|o| {
            o.as_ref()
                .map(|o| shown(&o.label, "untitled option"))
                .unwrap_or_default()
        })
    };
    let el = move |suffix: &str| key.with_value(|k| format!("opt-{k}-{suffix}"));
    let edit_option = move |what: &str, merge: String, f: Box<dyn FnOnce(&mut OptionItem)>| {
        session.edit(what, &merge, |p| {
            if let Some(o) = oid.with_value(|id| ops::option_mut(p, id)) {
                f(o);
            }
        });
    };

    let move_by = move |delta: isize, refocus: Vec<String>| {
        let l = label();
        session.edit(&format!("move “{l}”"), "", |p| {
            oid.with_value(|id| ops::move_option(p, id, delta));
        });
        focus_soon(refocus);
    };
    let remove = move |()| {
        let l = label();
        // Where the focus goes next: the following option, else the quick-add field.
        let next = plan.with_untracked(|p| {
            oid.with_value(|id| {
                p.issues.iter().find_map(|i| {
                    let k = i.options.iter().position(|o| &o.id == id)?;
                    let next = i
                        .options
                        .get(k + 1)
                        .or_else(|| k.checked_sub(1).and_then(|j| i.options.get(j)));
                    Some((i.id.clone(), next.map(|o| o.id.clone())))
                })
            })
        });
        session.edit(&format!("remove the option “{l}”"), "", |p| {
            oid.with_value(|id| ops::remove_option(p, id));
        });
        notice(format!("Removed “{l}”."));
        if let Some((issue, next)) = next {
            let mut ids = Vec::new();
            if let Some(n) = next {
                ids.push(format!("opt-{n}-label"));
            }
            ids.push(format!("issue-{issue}-new-option"));
            focus_soon(ids);
        }
    };
    // Alt+ArrowUp/Down moves the option from wherever the focus is in its row.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if !ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let delta = match ev.key().as_str() {
            "ArrowUp" => -1,
            "ArrowDown" => 1,
            _ => return,
        };
        ev.prevent_default();
        let back = active_element_id().into_iter().collect();
        move_by(delta, back);
    };

    let details_open = RwSignal::new(false);
    let served = move || {
        let serves = option.with(|o| o.as_ref().map(|o| o.serves.clone()).unwrap_or_default());
        interests.with(|groups| {
            groups
                .iter()
                .flat_map(|g| &g.interests)
                .filter(|(id, _)| serves.contains(id))
                .map(|(_, s)| shown(s, "untitled interest"))
                .collect::<Vec<_>>()
        })
    };
    let origin = move || option.with(|o| o.as_ref().map(|o| o.origin.clone()).unwrap_or_default());
    // A memo, so a keystroke elsewhere does not rebuild every option's hint.
    let ratings = Memo::new(move |_| {
        plan.with(|p| {
            oid.with_value(|id| {
                p.parties
                    .iter()
                    .filter_map(|party| {
                        party
                            .ratings
                            .get(id)
                            .map(|s| (shown(&party.name, "party"), s.value))
                    })
                    .collect::<Vec<_>>()
            })
        })
    });

    view! {
        <li class="option-row" on:keydown=on_keydown>
            <div class="option-main">
                <label class="visually-hidden" for=el("label")>
                    {move || format!("Option {} of “{}”", place.get().0 + 1, issue_name.get())}
                </label>
                <input
                    id=el("label")
                    class="option-label"
                    type="text"
                    dir="auto"
                    maxlength="200"
                    aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                    prop:value=move || {
                        option.with(|o| o.as_ref().map(|o| o.label.clone()).unwrap_or_default())
                    }
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        edit_option("rename an option", el("label"), Box::new(move |o| o.label = value));
                    }
                    on:blur=move |_| session.seal()
                />
                {row_actions(RowActions {
                    prefix: el(""),
                    name: Signal::derive(label),
                    place,
                    kind: RowKind::Option,
                    on_move: Callback::new(move |delta: isize| {
                        let (first, second) = if delta < 0 { ("up", "down") } else { ("down", "up") };
                        move_by(delta, vec![el(first), el(second)])
                    }),
                    on_remove: Callback::new(remove),
                })}
            </div>
            <div class="option-meta">
                {move || {
                    let names = served();
                    (!names.is_empty())
                        .then(|| {
                            view! {
                                <span class="serves-summary">
                                    <span class="meta-key">"Serves: "</span>
                                    <span dir="auto">{names.join(" · ")}</span>
                                </span>
                            }
                        })
                }}
                {move || {
                    let o = origin();
                    (!o.trim().is_empty())
                        .then(|| {
                            view! {
                                <span class="origin-summary">
                                    <span class="meta-key">"From: "</span>
                                    <span dir="auto">{o}</span>
                                </span>
                            }
                        })
                }}
                <Show when=move || !brainstorm.get()>
                    {move || {
                        let r = ratings.get();
                        if r.is_empty() {
                            view! { <span class="ratings-hint unrated">"Not rated yet"</span> }
                                .into_any()
                        } else {
                            let text = r
                                .iter()
                                .map(|(name, v)| format!("{name}: {}", v.round()))
                                .collect::<Vec<_>>()
                                .join(" · ");
                            view! {
                                <span class="ratings-hint">
                                    <span class="meta-key">"Rated "</span>
                                    <span dir="auto">{text}</span>
                                </span>
                            }
                                .into_any()
                        }
                    }}
                </Show>
            </div>
            <details class="option-details" on:toggle=move |_| details_open.update(|o| *o = !*o)>
                <summary id=el("more")>"Description, origin and interests served"</summary>
                <Show when=move || details_open.get()>
                    <div class="details-body">
                        <label class="small-label" for=el("description")>"Description"</label>
                        <textarea
                            id=el("description")
                            rows="2"
                            dir="auto"
                            prop:value=move || {
                                option.with(|o| o.as_ref().map(|o| o.description.clone()).unwrap_or_default())
                            }
                            on:input=move |ev| {
                                let value = event_target_value(&ev);
                                edit_option(
                                    "edit an option's description",
                                    el("description"),
                                    Box::new(move |o| o.description = value),
                                );
                            }
                            on:blur=move |_| session.seal()
                        ></textarea>
                        <label class="small-label" for=el("origin")>"Where the idea came from"</label>
                        <input
                            id=el("origin")
                            type="text"
                            dir="auto"
                            maxlength="200"
                            list="origin-suggestions"
                            placeholder="A brainstorm, the other side, a precedent…"
                            prop:value=origin
                            on:input=move |ev| {
                                let value = event_target_value(&ev);
                                edit_option(
                                    "edit where an option came from",
                                    el("origin"),
                                    Box::new(move |o| o.origin = value),
                                );
                            }
                            on:blur=move |_| session.seal()
                        />
                        <ServesPicker session oid option interests />
                    </div>
                </Show>
            </details>
        </li>
    }
}

/// Checkboxes of every party's interests, grouped by party: ticking one says this option
/// serves it.
#[component]
fn ServesPicker(
    session: PlanSession,
    oid: StoredValue<OptionId>,
    option: Memo<Option<OptionItem>>,
    interests: Memo<Vec<PartyInterests>>,
) -> impl IntoView {
    let key = oid.with_value(|o| o.to_string());
    view! {
        <fieldset class="serves">
            <legend>"Interests this option serves"</legend>
            {move || {
                let groups = interests.get();
                if groups.iter().all(|g| g.interests.is_empty()) {
                    return view! {
                        <p class="hint">
                            "No interests yet: list them in the Interests step, then tie \
                             options to them here."
                        </p>
                    }
                        .into_any();
                }
                groups
                    .into_iter()
                    .filter(|g| !g.interests.is_empty())
                    .map(|g| {
                        let key = key.clone();
                        view! {
                            <div class="serves-group">
                                <p class="serves-party" dir="auto">{shown(&g.party, "Unnamed party")}</p>
                                <ul>
                                    {g
                                        .interests
                                        .into_iter()
                                        .map(|(iid, statement)| {
                                            let dom_id = format!("opt-{key}-serves-{iid}");
                                            let iid = StoredValue::new(iid);
                                            let checked = move || {
                                                option
                                                    .with(|o| {
                                                        o.as_ref()
                                                            .is_some_and(|o| iid.with_value(|i| o.serves.contains(i)))
                                                    })
                                            };
                                            let toggle = move |ev: leptos::ev::Event| {
                                                let on = event_target_checked(&ev);
                                                let what = if on {
                                                    "link an option to an interest"
                                                } else {
                                                    "unlink an option from an interest"
                                                };
                                                session
                                                    .edit(
                                                        what,
                                                        "",
                                                        |p| {
                                                            if let Some(o) = oid.with_value(|id| ops::option_mut(p, id)) {
                                                                let i = iid.get_value();
                                                                o.serves.retain(|x| x != &i);
                                                                if on {
                                                                    o.serves.push(i);
                                                                }
                                                            }
                                                        },
                                                    );
                                            };
                                            view! {
                                                <li>
                                                    <input
                                                        type="checkbox"
                                                        id=dom_id.clone()
                                                        prop:checked=checked
                                                        on:change=toggle
                                                    />
                                                    <label for=dom_id dir="auto">
                                                        {shown(&statement, "Untitled interest")}
                                                    </label>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::ops::*;
    use crate::model::{sample_plan, PlanId};

    fn plan() -> crate::model::Plan {
        sample_plan(PlanId::parse("p1").unwrap(), 0)
    }

    fn labels(p: &crate::model::Plan, issue: usize) -> Vec<String> {
        p.issues[issue]
            .options
            .iter()
            .map(|o| o.label.clone())
            .collect()
    }

    #[test]
    fn options_and_issues_move_within_bounds() {
        let mut p = plan();
        let first = p.issues[0].options[0].id.clone();
        assert!(!move_option(&mut p, &first, -1));
        assert!(move_option(&mut p, &first, 1));
        assert_eq!(labels(&p, 0), ["€90k", "€85k", "€95k"]);
        assert!(move_option(&mut p, &first, 1));
        assert_eq!(labels(&p, 0), ["€90k", "€95k", "€85k"]);
        assert!(!move_option(&mut p, &first, 1));
        assert!(move_option(&mut p, &first, -1));
        assert_eq!(labels(&p, 0), ["€90k", "€85k", "€95k"]);

        let names =
            |p: &crate::model::Plan| p.issues.iter().map(|i| i.name.clone()).collect::<Vec<_>>();
        let last = p.issues[3].id.clone();
        assert!(move_issue(&mut p, &last, -1));
        assert_eq!(
            names(&p),
            [
                "Salary",
                "Signing bonus",
                "Remote days per week",
                "Start date"
            ]
        );
        let first = p.issues[0].id.clone();
        assert!(!move_issue(&mut p, &first, -1));
        let mut repaired = p.clone();
        assert!(repaired.repair().is_empty());
    }

    #[test]
    fn removing_an_option_removes_what_refers_to_it() {
        let mut p = plan();
        // The sample package picks option 1 of the salary issue.
        let picked = p.issues[0].options[1].id.clone();
        let removed = remove_option(&mut p, &picked).map(|o| o.label);
        assert_eq!(removed.as_deref(), Some("€90k"));
        assert!(p
            .parties
            .iter()
            .all(|party| !party.ratings.contains_key(&picked)));
        assert!(!p.packages[0].choices.contains_key(&p.issues[0].id));
        assert!(p.clone().repair().is_empty());
        assert!(remove_option(&mut p, &picked).is_none());
    }

    #[test]
    fn removing_an_issue_removes_what_refers_to_it() {
        let mut p = plan();
        let remote = p.issues[3].id.clone();
        assert!(remove_issue(&mut p, &remote).is_some());
        assert_eq!(p.issues.len(), 3);
        assert!(p
            .parties
            .iter()
            .all(|party| !party.weights.contains_key(&remote)));
        assert!(p.parties.iter().all(|party| party.ratings.len() == 9));
        assert!(p.questions[0].issues.is_empty());
        assert!(p.clone().repair().is_empty());
    }

    #[test]
    fn a_new_plan_has_no_ratings_and_the_sample_has() {
        let fresh = crate::model::Plan::new(PlanId::parse("p2").unwrap(), "x", 0);
        assert!(!has_ratings(&fresh));
        assert!(has_ratings(&plan()));
    }
}
