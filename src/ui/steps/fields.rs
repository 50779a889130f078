//! Inputs bound to one place of the open plan. Every change is an edit of the session (so
//! it is saved and undoable); typing in one field is one undo step until the field loses
//! focus. Values are read through memos, so an edit elsewhere in the plan does not touch
//! the field the user is typing in.

use crate::app::PlanSession;
use crate::model::refs::{RefKind, RefLists};
use crate::model::{Find, Plan};
use leptos::prelude::*;
use std::sync::Arc;

/// How a text field looks and what its undo step is called.
pub struct Field {
    /// The element id (unique on the page: built from entity ids).
    pub id: String,
    /// What the label says; it may change (an option's label names its issue).
    pub label: Signal<String>,
    /// The label is for screen readers only (the field's place says what it is).
    pub hide_label: bool,
    /// A smaller label (fields inside a disclosure).
    pub small_label: bool,
    pub multiline: bool,
    /// One line of text that wraps on screen (a textarea that refuses new lines), so a
    /// long statement is readable in a narrow column.
    pub wrap: bool,
    pub placeholder: &'static str,
    /// What "Undo" names this edit ("edit a party's name").
    pub undo: &'static str,
    pub class: &'static str,
    pub max_length: Option<u32>,
    /// The id of a `<datalist>` of suggestions.
    pub list: Option<&'static str>,
    /// `aria-keyshortcuts` of the control.
    pub keys: Option<&'static str>,
}

impl Field {
    pub fn new(id: impl Into<String>, label: impl Into<String>, undo: &'static str) -> Field {
        Field {
            id: id.into(),
            label: Signal::stored(label.into()),
            hide_label: false,
            small_label: false,
            multiline: false,
            wrap: false,
            placeholder: "",
            undo,
            class: "",
            max_length: None,
            list: None,
            keys: None,
        }
    }

    /// A label that follows the plan.
    pub fn live_label(mut self, label: Signal<String>) -> Field {
        self.label = label;
        self
    }

    pub fn small_label(mut self) -> Field {
        self.small_label = true;
        self
    }

    pub fn max_length(mut self, n: u32) -> Field {
        self.max_length = Some(n);
        self
    }

    pub fn list(mut self, id: &'static str) -> Field {
        self.list = Some(id);
        self
    }

    pub fn keys(mut self, keys: &'static str) -> Field {
        self.keys = Some(keys);
        self
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

    fn label_class(&self) -> &'static str {
        if self.hide_label {
            "visually-hidden"
        } else if self.small_label {
            "small-label"
        } else {
            "field-label"
        }
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

/// A text field of one entity of the plan (a party, an interest, a question, an issue, an
/// option), found by id: `pick` names the text it shows, `put` the place an edit writes to.
pub fn entity_text<Id: Find>(
    session: PlanSession,
    id: StoredValue<Id>,
    field: Field,
    pick: fn(&Id::Target) -> &String,
    put: fn(&mut Id::Target) -> &mut String,
) -> AnyView {
    text_field(
        session,
        field,
        move |p| {
            id.with_value(|id| id.find(p).map(|x| pick(x).clone()))
                .unwrap_or_default()
        },
        move |p, v| {
            id.with_value(|id| {
                if let Some(x) = id.find_mut(p) {
                    *put(x) = v;
                }
            })
        },
    )
}

/// A select over a fixed list of choices for one entity of the plan, found by id: `pick`
/// reads its choice, `put` writes one.
pub fn entity_choice<Id: Find, T>(
    session: PlanSession,
    id: StoredValue<Id>,
    field: Field,
    choices: &'static [T],
    name: fn(T) -> &'static str,
    pick: fn(&Id::Target) -> T,
    put: impl Fn(&mut Id::Target, T) + Send + Sync + 'static,
) -> AnyView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    choice_field(
        session,
        field,
        choices,
        name,
        move |p| id.with_value(|id| id.find(p).map(pick)),
        move |p, v| {
            id.with_value(|id| {
                if let Some(x) = id.find_mut(p) {
                    put(x, v);
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
    let label_class = field.label_class();
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
                maxlength=field.max_length
                aria-keyshortcuts=field.keys
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
                maxlength=field.max_length
                list=field.list
                aria-keyshortcuts=field.keys
                placeholder=field.placeholder
                prop:value=move || value.get()
                on:input=on_input
                on:blur=move |_| session.seal()
            />
        }
        .into_any()
    };
    let label = field.label;
    view! {
        <div class="field">
            <label class=label_class for=field.id>
                {move || label.get()}
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
    let label_class = field.label_class();
    let label = field.label;
    view! {
        <div class=format!("field {}", field.class)>
            <label class=label_class for=field.id.clone()>
                {move || label.get()}
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

/// Linked things (of `kind`) as removable chips and a select to link one more; `id` starts
/// the element ids (`-label` and `-add` follow). `set(id, on)` links or unlinks.
pub fn ref_picker(
    id: String,
    kind: RefKind,
    lists: Memo<RefLists>,
    set: Callback<(String, bool)>,
) -> impl IntoView {
    let (label, noun, none_yet) = (kind.label(), kind.noun(), kind.none_yet());
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

/// Focuses the first of `ids` that exists and is enabled, once the view has caught up with
/// an edit (a moved row is re-inserted, which takes the focus away from it).
pub fn focus_soon(ids: Vec<String>) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
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
