use super::erased::{effect, keyed_list};
use crate::app::{AppState, Problem, Undo};
use leptos::prelude::*;

/// The undo bar: announces what just happened (to screen readers too) and offers undo.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    // A notice leaves by itself after a while so it does not cover the page; one with an
    // undo stays longer, to leave time to use it.
    effect(move || {
        if let Some(notice) = state.notice.get() {
            let wait = if notice.undo == Undo::No { 8 } else { 15 };
            set_timeout(
                move || {
                    if state.notice.get_untracked().as_ref() == Some(&notice) {
                        state.notice.set(None);
                    }
                },
                std::time::Duration::from_secs(wait),
            );
        }
    });
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
                                <Show when=move || notice.undo != Undo::No>
                                    <button
                                        class="notice-undo"
                                        on:click=move |_| match notice.undo {
                                            Undo::Delete => state.undo_delete(),
                                            Undo::Discard => state.undo_discard(),
                                            _ => {
                                                if let Some(s) = state.session.get_untracked() {
                                                    s.undo();
                                                }
                                                state.notice.set(None);
                                            }
                                        }
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

/// Storage problems: kept on screen until the user deals with them. Text that was set
/// aside can be downloaded (to inspect or repair) or discarded.
#[component]
pub fn Problems() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.problems.with(|p| !p.is_empty())>
            <div class="problems" role="alert">
                <ul>
                    {keyed_list(
                        move || state.problems.get(),
                        |p| p.clone(),
                        |problem| view! { <ProblemItem problem /> },
                    )}
                </ul>
                <button on:click=move |_| {
                    state.problems.update(|p| p.retain(|x| x.aside_key.is_some()))
                }>"Dismiss messages"</button>
            </div>
        </Show>
    }
}

#[component]
fn ProblemItem(problem: Problem) -> impl IntoView {
    let state = expect_context::<AppState>();
    let actions = problem.aside_key.clone().map(|key| {
        let key = StoredValue::new(key);
        let download = move |_| {
            let key = key.get_value();
            if let Some(text) = state.aside_text(&key) {
                let name = format!("unreadable-{}.txt", super::files::file_stem(&key));
                if let Err(e) = super::files::download(&name, "text/plain", &text) {
                    state.notice.set(Some(crate::app::Notice::info(e)));
                }
            }
        };
        view! {
            <span class="problem-actions">
                <button on:click=download>"Download the kept text"</button>
                <button class="danger" on:click=move |_| state.discard_aside(&key.get_value())>
                    "Discard it"
                </button>
            </span>
        }
    });
    view! {
        <li>
            <span>{problem.text}</span>
            {actions}
            {problem.detail.map(|d| view! { <Details detail=d /> })}
        </li>
    }
}

/// The reader's own words (line, column, field) for whoever wants to repair the text.
#[component]
pub fn Details(detail: String) -> impl IntoView {
    view! {
        <details class="problem-detail">
            <summary>"Details"</summary>
            <p>{detail}</p>
        </details>
    }
}
