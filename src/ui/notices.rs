use crate::app::AppState;
use leptos::prelude::*;

/// The undo bar: announces what just happened (to screen readers too) and offers undo.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="notice-region" role="status" aria-live="polite">
            {move || {
                state
                    .notice
                    .get()
                    .map(|notice| {
                        view! {
                            <div class="notice">
                                <span class="notice-text">{notice.text}</span>
                                <Show when=move || notice.undo>
                                    <button
                                        class="notice-undo"
                                        on:click=move |_| state.undo_delete()
                                    >
                                        "Undo"
                                    </button>
                                </Show>
                                <button
                                    class="notice-close"
                                    aria-label="Dismiss message"
                                    on:click=move |_| state.notice.set(None)
                                >
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// Storage problems: kept on screen until the user dismisses them.
#[component]
pub fn Problems() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.problems.with(|p| !p.is_empty())>
            <div class="problems" role="alert">
                <ul>
                    <For
                        each=move || state.problems.get().into_iter().enumerate()
                        key=|(i, text)| (*i, text.clone())
                        let:item
                    >
                        <li>{item.1}</li>
                    </For>
                </ul>
                <button on:click=move |_| state.problems.set(Vec::new())>"Dismiss"</button>
            </div>
        </Show>
    }
}
