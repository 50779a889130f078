//! Inputs bound to one place of the open plan. Every change is an edit of the session (so
//! it is saved and undoable); typing in one field is one undo step until the field loses
//! focus. Values are read through memos, so an edit elsewhere in the plan does not touch
//! the field the user is typing in.

use crate::app::PlanSession;
use crate::model::Plan;
use leptos::prelude::*;
use std::sync::Arc;

/// How a text field looks and what its undo step is called.
pub struct Field {
    /// The element id (unique on the page: built from entity ids).
    pub id: String,
    pub label: String,
    /// The label is for screen readers only (the field's place says what it is).
    pub hide_label: bool,
    pub multiline: bool,
    /// One line of text that wraps on screen (a textarea that refuses new lines), so a
    /// long statement is readable in a narrow column.
    pub wrap: bool,
    pub placeholder: &'static str,
    /// What "Undo" names this edit ("edit a party's name").
    pub undo: &'static str,
    pub class: &'static str,
}

impl Field {
    pub fn new(id: impl Into<String>, label: impl Into<String>, undo: &'static str) -> Field {
        Field {
            id: id.into(),
            label: label.into(),
            hide_label: false,
            multiline: false,
            wrap: false,
            placeholder: "",
            undo,
            class: "",
        }
    }

    pub fn multiline(mut self) -> Field {
        self.multiline = true;
        self
    }

    pub fn wrap(mut self) -> Field {
        self.wrap = true;
        self
    }

    pub fn hide_label(mut self) -> Field {
        self.hide_label = true;
        self
    }

    pub fn placeholder(mut self, text: &'static str) -> Field {
        self.placeholder = text;
        self
    }

    pub fn class(mut self, class: &'static str) -> Field {
        self.class = class;
        self
    }
}

/// Reads a field's text from the plan.
type GetFn<T> = Box<dyn Fn(&Plan) -> T + Send + Sync>;
/// Writes a field's value into the plan.
type SetFn<T> = Arc<dyn Fn(&mut Plan, T) + Send + Sync>;

/// A labelled text input (or textarea) showing `get(plan)` and writing with `set`.
///
/// The closures are boxed here, so the field's view is compiled once for the app (the
/// fields are in every step; see ARCHITECTURE.md, "Bundle size").
pub fn text_field(
    session: PlanSession,
    field: Field,
    get: impl Fn(&Plan) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Plan, String) + Send + Sync + 'static,
) -> AnyView {
    text_field_erased(session, field, Box::new(get), Arc::new(set))
}

/// A text field of one entity of the plan (a party, an interest, a question), found by id:
/// `pick` names the text it shows, `put` the place an edit writes to.
pub struct EntityText<Id: 'static, E: 'static> {
    pub find: for<'a> fn(&'a Plan, &Id) -> Option<&'a E>,
    pub find_mut: for<'a> fn(&'a mut Plan, &Id) -> Option<&'a mut E>,
    pub pick: fn(&E) -> &String,
    pub put: fn(&mut E) -> &mut String,
}

/// The text field of [`EntityText`] for the entity `id`.
pub fn entity_text<Id, E>(
    session: PlanSession,
    id: StoredValue<Id>,
    field: Field,
    text: EntityText<Id, E>,
) -> AnyView
where
    Id: Send + Sync + 'static,
{
    let EntityText {
        find,
        find_mut,
        pick,
        put,
    } = text;
    text_field(
        session,
        field,
        move |p| {
            id.with_value(|id| find(p, id).map(|x| pick(x).clone()))
                .unwrap_or_default()
        },
        move |p, v| {
            id.with_value(|id| {
                if let Some(x) = find_mut(p, id) {
                    *put(x) = v;
                }
            })
        },
    )
}

fn text_field_erased(
    session: PlanSession,
    field: Field,
    get: GetFn<String>,
    set: SetFn<String>,
) -> AnyView {
    let plan = session.plan;
    let value = Memo::new(move |_| plan.with(|p| get(p)));
    let merge = StoredValue::new(field.id.clone());
    let undo = field.undo;
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        merge.with_value(|key| session.edit(undo, key, |p| set(p, text)));
    };
    let label_class = if field.hide_label {
        "visually-hidden"
    } else {
        "field-label"
    };
    let wrap = field.wrap;
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if wrap && ev.key() == "Enter" {
            // One line: Enter ends the undo step instead of starting a new line.
            ev.prevent_default();
            session.seal();
        }
    };
    let control = if field.multiline || field.wrap {
        let class = if field.wrap {
            format!("{} wrap-line", field.class)
        } else {
            format!("{} multi-line", field.class)
        };
        view! {
            <textarea
                id=field.id.clone()
                class=class
                rows=if field.wrap { "1" } else { "2" }
                on:keydown=on_key
                dir="auto"
                placeholder=field.placeholder
                prop:value=move || value.get()
                on:input=on_input
                on:blur=move |_| session.seal()
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=field.id.clone()
                class=field.class
                type="text"
                dir="auto"
                placeholder=field.placeholder
                prop:value=move || value.get()
                on:input=on_input
                on:blur=move |_| session.seal()
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label class=label_class for=field.id>
                {field.label}
            </label>
            {control}
        </div>
    }
    .into_any()
}

/// A labelled select over a fixed list of choices (priorities, kinds, statuses).
pub fn choice_field<T>(
    session: PlanSession,
    field: Field,
    choices: &'static [T],
    name: fn(T) -> &'static str,
    get: impl Fn(&Plan) -> Option<T> + Send + Sync + 'static,
    set: impl Fn(&mut Plan, T) + Send + Sync + 'static,
) -> AnyView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    // The select works on positions in `choices`, so its view is compiled once.
    let names = choices.iter().map(|&c| name(c)).collect();
    choice_field_erased(
        session,
        field,
        names,
        Box::new(move |p| get(p).and_then(|v| choices.iter().position(|&c| c == v))),
        Arc::new(move |p, k| {
            if let Some(&choice) = choices.get(k) {
                set(p, choice)
            }
        }),
    )
}

fn choice_field_erased(
    session: PlanSession,
    field: Field,
    names: Vec<&'static str>,
    get: GetFn<Option<usize>>,
    set: SetFn<usize>,
) -> AnyView {
    let plan = session.plan;
    let current = Memo::new(move |_| plan.with(|p| get(p)));
    let undo = field.undo;
    let count = names.len();
    let on_change = move |ev: leptos::ev::Event| {
        let Ok(k) = event_target_value(&ev).parse::<usize>() else {
            return;
        };
        if k < count && current.get_untracked() != Some(k) {
            session.edit(undo, "", |p| set(p, k));
        }
    };
    let label_class = if field.hide_label {
        "visually-hidden"
    } else {
        "field-label"
    };
    view! {
        <div class=format!("field {}", field.class)>
            <label class=label_class for=field.id.clone()>
                {field.label}
            </label>
            <select id=field.id on:change=on_change>
                {names
                    .into_iter()
                    .enumerate()
                    .map(|(k, name)| {
                        view! {
                            <option value=k.to_string() prop:selected=move || current.get() == Some(k)>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// What a [`ref_picker`] links (a question's issues, a question's interests): its ids and
/// words.
pub struct RefPicker {
    /// Start of the element ids (`q-<question>-issues`): `-label` and `-add` follow.
    pub id: String,
    /// The group's label ("Issues it bears on").
    pub label: &'static str,
    /// One linked thing ("issue"): "Unlink the issue “…”", "Link an issue…".
    pub noun: &'static str,
    /// Shown instead of the select while the plan has nothing of the kind.
    pub none_yet: &'static str,
}

/// `(id, text)` pairs.
pub type RefItems = Vec<(String, String)>;

/// The contents of a [`ref_picker`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RefLists {
    /// Whether the plan has anything of the kind at all.
    pub any: bool,
    pub linked: RefItems,
    /// What can still be linked; a group with a name is an `<optgroup>` (interests by party).
    pub unlinked: Vec<(Option<String>, RefItems)>,
}

/// Linked things as removable chips and a select to link one more. `set(id, on)` links or
/// unlinks.
pub fn ref_picker(
    picker: RefPicker,
    lists: Memo<RefLists>,
    set: Callback<(String, bool)>,
) -> impl IntoView {
    let RefPicker {
        id,
        label,
        noun,
        none_yet,
    } = picker;
    let label_id = format!("{id}-label");
    let select_id = format!("{id}-add");
    let labelled_by = label_id.clone();
    let all_linked = move || lists.with(|l| l.unlinked.is_empty());
    view! {
        <div class="ref-picker" role="group" aria-labelledby=labelled_by>
            <span class="field-label" id=label_id>{label}</span>
            <ul class="chips">
                {move || {
                    lists
                        .get()
                        .linked
                        .into_iter()
                        .map(|(id, name)| {
                            let label = format!("Unlink the {noun} “{name}”");
                            view! {
                                <li class="chip">
                                    <span dir="auto">{name}</span>
                                    <button
                                        type="button"
                                        class="chip-remove"
                                        aria-label=label
                                        on:click=move |_| set.run((id.clone(), false))
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <Show
                when=move || lists.with(|l| l.any)
                fallback=move || view! { <p class="hint">{none_yet}</p> }
            >
                <label class="visually-hidden" for=select_id.clone()>{format!("Link an {noun}")}</label>
                <select
                    id=select_id.clone()
                    prop:disabled=all_linked
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        reset_value(&ev, "");
                        if !value.is_empty() {
                            set.run((value, true));
                        }
                    }
                >
                    <option value="" selected>
                        {move || {
                            if all_linked() { format!("All {noun}s linked") } else { format!("Link an {noun}…") }
                        }}
                    </option>
                    {move || {
                        lists
                            .get()
                            .unlinked
                            .into_iter()
                            .map(|(group, items)| {
                                let options = items
                                    .into_iter()
                                    .map(|(id, text)| view! { <option value=id>{text}</option> })
                                    .collect_view();
                                match group {
                                    Some(name) => view! { <optgroup label=name>{options}</optgroup> }.into_any(),
                                    None => options.into_any(),
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </Show>
        </div>
    }
}

/// Sets an element's `value` (a select back to its prompt after a pick), without needing a
/// web-sys feature per element type.
pub fn reset_value(ev: &leptos::ev::Event, value: &str) {
    if let Some(target) = ev.target() {
        let _ = js_sys::Reflect::set(&target, &"value".into(), &value.into());
    }
}

/// Moves focus to an element by id (after the focused element was removed).
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Shows what an edit just removed or changed, with an Undo button that undoes it.
pub fn notify_undo(state: crate::app::AppState, text: impl Into<String>) {
    state.notice.set(Some(crate::app::Notice {
        text: text.into(),
        undo: crate::app::Undo::Edit,
    }));
}

/// Shows a short message in the notice bar (announced to screen readers).
pub fn notify(state: crate::app::AppState, text: impl Into<String>) {
    state.notice.set(Some(crate::app::Notice {
        text: text.into(),
        undo: crate::app::Undo::No,
    }));
}
