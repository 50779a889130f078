//! One option of an issue: its head (label, move, remove), what it serves and where it
//! came from, how the parties rated it (outside brainstorm mode), and on demand its
//! description, origin and the interests it serves.

use super::editor::Editor;
use super::PartyInterests;
use crate::app::PlanSession;
use crate::model::edit_issues::{shown, Item};
use crate::model::{Find, OptionId, OptionItem};
use crate::ui::steps::fields::{entity_text, Field};
use leptos::prelude::*;

fn active_element_id() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(|e| e.id())
        .filter(|id| !id.is_empty())
}

#[component]
pub(super) fn OptionRow(
    session: PlanSession,
    oid: OptionId,
    brainstorm: RwSignal<bool>,
    interests: Memo<Vec<PartyInterests>>,
) -> impl IntoView {
    let plan = session.plan;
    let editor = Editor::new(session, Item::Option(oid.clone()));
    let oid = StoredValue::new(oid);
    let option = Memo::new(move |_| plan.with(|p| oid.with_value(|id| id.find(p).cloned())));
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
        editor.move_by(delta, active_element_id().into_iter().collect());
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
    let description = move || {
        let field = Field::new(
            editor.el("description"),
            "Description",
            "edit an option's description",
        )
        .small_label()
        .multiline();
        entity_text(
            session,
            oid,
            field,
            |o| &o.description,
            |o| &mut o.description,
        )
    };
    let origin_field = move || {
        let field = Field::new(
            editor.el("origin"),
            "Where the idea came from",
            "edit where an option came from",
        )
        .small_label()
        .max_length(200)
        .list("origin-suggestions")
        .placeholder("A brainstorm, the other side, a precedent…");
        entity_text(session, oid, field, |o| &o.origin, |o| &mut o.origin)
    };

    view! {
        <li class="option-row" on:keydown=on_keydown>
            {editor.head("option-main")}
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
                <summary id=editor.el("more")>"Description, origin and interests served"</summary>
                <Show when=move || details_open.get()>
                    <div class="details-body">
                        {description()}
                        {origin_field()}
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
                                                            if let Some(o) = oid.with_value(|id| id.find_mut(p)) {
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
