//! A list the user puts in order: by dragging an item by its handle, with its ↑ and ↓
//! buttons, or with Alt+↑ / Alt+↓ anywhere in the item. Serves the swing ranking, options
//! best to worst, and packages judged as a whole. After a move the focus stays with the
//! moved item and a live region says where it went.
//!
//! One erased widget: each use passes its items as (key, label) and a function for the rest
//! of an item's content (an input, a note), so the list machinery is compiled once.

use super::fields::focus_soon;
use crate::ui::erased::keyed_list;
use leptos::prelude::*;
use std::sync::Arc;

/// What an item shows besides its handle, label and move buttons, by its key.
pub type ItemBody = Arc<dyn Fn(String) -> AnyView + Send + Sync>;

pub struct OrderList {
    /// Prefix of the element ids; unique on the page.
    pub id: String,
    /// The list's accessible name.
    pub label: String,
    /// (key, label) in order.
    pub items: Signal<Vec<(String, String)>>,
    pub body: ItemBody,
    /// Moves the item at the first position to the second.
    pub on_move: Callback<(usize, usize)>,
}

pub fn order_list(list: OrderList) -> AnyView {
    let OrderList {
        id,
        label,
        items,
        body,
        on_move,
    } = list;
    let id = StoredValue::new(id);
    let dragging = RwSignal::new(None::<usize>);
    let over = RwSignal::new(None::<usize>);
    let announce = RwSignal::new(String::new());
    let count = Memo::new(move |_| items.with(Vec::len));
    let move_to = move |key: String, from: usize, to: usize, refocus: Option<&'static str>| {
        let n = count.get_untracked();
        if from == to || to >= n {
            return;
        }
        let name = items.with_untracked(|v| v.get(from).map(|x| x.1.clone()).unwrap_or_default());
        on_move.run((from, to));
        announce.set(format!("“{name}” moved to place {} of {n}.", to + 1));
        if let Some(part) = refocus {
            // The moved item keeps its view; a button that is now disabled hands the
            // focus to the handle.
            focus_soon(vec![
                id.with_value(|id| format!("{id}-{key}-{part}")),
                id.with_value(|id| format!("{id}-{key}-handle")),
            ]);
        }
    };
    let hint_id = id.with_value(|id| format!("{id}-keys"));
    let rows = keyed_list(
        move || items.get(),
        |item| item.clone(),
        move |(key, name)| {
            let place = {
                let key = key.clone();
                Memo::new(move |_| items.with(|v| v.iter().position(|x| x.0 == key).unwrap_or(0)))
            };
            let el = {
                let key = key.clone();
                move |part: &str| id.with_value(|id| format!("{id}-{key}-{part}"))
            };
            let key = StoredValue::new(key);
            let name = StoredValue::new(name);
            let step = move |delta: isize, part: Option<&'static str>| {
                let from = place.get_untracked();
                if let Some(to) = from.checked_add_signed(delta) {
                    move_to(key.get_value(), from, to, part);
                }
            };
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
                step(delta, Some("handle"));
            };
            let body = body(key.get_value());
            let hint = id.with_value(|id| format!("{id}-keys"));
            view! {
                <li
                    class="order-item"
                    class:dragging=move || dragging.get() == Some(place.get())
                    class:drop-target=move || {
                        over.get() == Some(place.get()) && dragging.get() != Some(place.get())
                    }
                    on:keydown=on_keydown
                    on:dragover=move |ev: leptos::ev::DragEvent| {
                        if dragging.get_untracked().is_some() {
                            ev.prevent_default();
                            over.set(Some(place.get_untracked()));
                        }
                    }
                    on:dragleave=move |_| over.set(None)
                    on:drop=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        if let Some(from) = dragging.get_untracked() {
                            let key = items
                                .with_untracked(|v| v.get(from).map(|x| x.0.clone()))
                                .unwrap_or_default();
                            move_to(key, from, place.get_untracked(), None);
                        }
                        dragging.set(None);
                        over.set(None);
                    }
                >
                    <span
                        id=el("handle")
                        class="drag-handle"
                        draggable="true"
                        tabindex="0"
                        role="button"
                        aria-label=move || {
                            format!(
                                "“{}”, place {} of {}",
                                name.get_value(),
                                place.get() + 1,
                                count.get(),
                            )
                        }
                        aria-describedby=hint
                        aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                        on:dragstart=move |ev: leptos::ev::DragEvent| {
                            dragging.set(Some(place.get_untracked()));
                            if let Some(dt) = ev.data_transfer() {
                                dt.set_effect_allowed("move");
                                let _ = dt.set_data("text/plain", &name.get_value());
                            }
                        }
                        on:dragend=move |_| {
                            dragging.set(None);
                            over.set(None);
                        }
                    >
                        <span class="place" aria-hidden="true">{move || place.get() + 1}</span>
                        <span class="grip" aria-hidden="true">"⠿"</span>
                    </span>
                    <span class="order-label" dir="auto">{name.get_value()}</span>
                    <span class="order-body">{body}</span>
                    <span class="order-moves">
                        <button
                            type="button"
                            id=el("up")
                            class="icon"
                            aria-label=move || format!("Move “{}” up", name.get_value())
                            title="Move up (Alt+↑)"
                            disabled=move || place.get() == 0
                            on:click=move |_| step(-1, Some("up"))
                        >
                            "↑"
                        </button>
                        <button
                            type="button"
                            id=el("down")
                            class="icon"
                            aria-label=move || format!("Move “{}” down", name.get_value())
                            title="Move down (Alt+↓)"
                            disabled=move || { place.get() + 1 >= count.get() }
                            on:click=move |_| step(1, Some("down"))
                        >
                            "↓"
                        </button>
                    </span>
                </li>
            }
        },
    );
    view! {
        <div class="order-list">
            <p class="hint" id=hint_id>
                "Drag an item by its handle, or move it with its arrow buttons or Alt+↑ and Alt+↓."
            </p>
            <ol aria-label=label>{rows}</ol>
            <p class="visually-hidden" role="status">{move || announce.get()}</p>
        </div>
    }
    .into_any()
}
