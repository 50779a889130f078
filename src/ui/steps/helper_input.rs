//! The one input of the weight, rating and BATNA helpers: a text or number field bound to
//! a value of the plan. Typing runs the caller's edit (one undo step per field while typing,
//! merged by the field's id); leaving the field ends the step and shows what is stored.
//! Erased (one instance for every field of the helpers, see ARCHITECTURE.md "Bundle size").

use crate::app::PlanSession;
use leptos::prelude::*;

pub struct HelperInput {
    /// Element id, unique on the page; also the undo merge key.
    pub id: String,
    /// The accessible name (the field's visible label is the caller's).
    pub label: Signal<String>,
    /// What the field shows when not being typed in.
    pub value: Signal<String>,
    /// Runs on every keystroke with the field's text; returns the text to show instead
    /// when the stored value differs from what was typed (a clamped number).
    pub on_input: Callback<String, Option<String>>,
    pub numeric: bool,
    pub class: &'static str,
    pub placeholder: &'static str,
}

fn input_of(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    use wasm_bindgen::JsCast;
    ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()
}

pub fn helper_input(session: PlanSession, f: HelperInput) -> AnyView {
    let HelperInput {
        id,
        label,
        value,
        on_input,
        numeric,
        class,
        placeholder,
    } = f;
    view! {
        <input
            id=id
            class=class
            type="text"
            inputmode=if numeric { "decimal" } else { "text" }
            dir=if numeric { "ltr" } else { "auto" }
            autocomplete="off"
            maxlength=if numeric { "12" } else { "200" }
            placeholder=placeholder
            aria-label=move || label.get()
            prop:value=move || value.get()
            on:focus=move |ev| {
                if numeric {
                    if let Some(input) = input_of(&ev) {
                        input.select();
                    }
                }
            }
            on:input=move |ev| {
                let text = event_target_value(&ev);
                if let Some(shown) = on_input.run(text) {
                    if let Some(input) = input_of(&ev) {
                        input.set_value(&shown);
                    }
                }
            }
            on:blur=move |ev| {
                session.seal();
                // The helper may be gone (step left while focused): nothing to restore.
                let Some(v) = value.try_get_untracked() else {
                    return;
                };
                if let Some(input) = input_of(&ev) {
                    input.set_value(&v);
                }
            }
        />
    }
    .into_any()
}
