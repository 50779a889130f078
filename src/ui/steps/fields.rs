//! Inputs bound to one place of the open plan. Every change is an edit of the session (so
//! it is saved and undoable); typing in one field is one undo step until the field loses
//! focus. Values are read through memos, so an edit elsewhere in the plan does not touch
//! the field the user is typing in.

use crate::app::PlanSession;
use crate::model::Plan;
use leptos::prelude::*;

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

/// A labelled text input (or textarea) showing `get(plan)` and writing with `set`.
pub fn text_field(
    session: PlanSession,
    field: Field,
    get: impl Fn(&Plan) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Plan, String) + Send + Sync + Copy + 'static,
) -> impl IntoView {
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
}

/// A labelled select over a fixed list of choices (priorities, kinds, statuses).
pub fn choice_field<T>(
    session: PlanSession,
    field: Field,
    choices: &'static [T],
    name: fn(T) -> &'static str,
    get: impl Fn(&Plan) -> Option<T> + Send + Sync + 'static,
    set: impl Fn(&mut Plan, T) + Send + Sync + Copy + 'static,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let plan = session.plan;
    let current = Memo::new(move |_| plan.with(|p| get(p)));
    let undo = field.undo;
    let on_change = move |ev: leptos::ev::Event| {
        let Ok(k) = event_target_value(&ev).parse::<usize>() else {
            return;
        };
        if let Some(&choice) = choices.get(k) {
            if current.get_untracked() != Some(choice) {
                session.edit(undo, "", |p| set(p, choice));
            }
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
                {choices
                    .iter()
                    .enumerate()
                    .map(|(k, &choice)| {
                        view! {
                            <option
                                value=k.to_string()
                                prop:selected=move || current.get() == Some(choice)
                            >
                                {name(choice)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
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

/// Shows a short message in the notice bar (announced to screen readers).
pub fn notify(state: crate::app::AppState, text: impl Into<String>) {
    state.notice.set(Some(crate::app::Notice {
        text: text.into(),
        undo: crate::app::Undo::No,
    }));
}
