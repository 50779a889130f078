//! Views. Each module is one screen or widget; state and storage go through `app`.

pub mod erased;
pub mod files;
mod library;
mod notices;
mod plan_files;
mod share;
pub mod steps;
mod team_links;
pub mod update;
mod workspace;

use crate::app::{current_hash, now, AppState, Route};
use leptos::prelude::*;
use std::time::Duration;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);

    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        state.route.set(Route::parse(&current_hash()))
    });
    on_cleanup(move || handle.remove());
    // Other tabs' changes to the library and to the open plan.
    let handle = crate::persist::storage::on_external_change(move |c| state.external_change(c));
    on_cleanup(move || handle.remove());
    // Pending edits are written at once when the page is hidden or closed.
    let handle = window_event_listener(leptos::ev::pagehide, move |_| state.flush());
    on_cleanup(move || handle.remove());
    let handle = window_event_listener(leptos::ev::visibilitychange, move |_| {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden {
            state.flush();
        }
    });
    on_cleanup(move || handle.remove());
    // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo the open plan's edits. Text fields are
    // included on purpose: their typing is in the plan's history, step by step.
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let Some(session) = state.session.get_untracked() else {
            return;
        };
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        match ev.key().to_ascii_lowercase().as_str() {
            "z" if ev.shift_key() => session.redo(),
            "z" => session.undo(),
            "y" => session.redo(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || handle.remove());
    if let Ok(tick) =
        set_interval_with_handle(move || state.clock.set(now()), Duration::from_secs(30))
    {
        on_cleanup(move || tick.clear());
    }

    // Memos, so moving between a plan's steps does not rebuild (and reopen) the plan.
    let page = Memo::new(move |_| match state.route.get() {
        Route::Library => Page::Library,
        Route::Plan(id) | Route::Step(id, _) => Page::Plan(id),
        Route::Share(data) => Page::Share(data),
        Route::NotFound(_) => Page::NotFound,
    });
    let page = move || match page.get() {
        Page::Library => view! { <library::LibraryPage /> }.into_any(),
        Page::Plan(id) => view! { <workspace::WorkspacePage id /> }.into_any(),
        Page::Share(data) => view! { <share::SharePage data /> }.into_any(),
        Page::NotFound => view! {
            <section class="page">
                <h1>"Page not found"</h1>
                <p>"This link does not lead to a plan or a page of the planner."</p>
                <p><a href="#/">"Go to your plans"</a></p>
            </section>
        }
        .into_any(),
    };

    view! {
        <header class="app-header">
            <a class="brand" href="#/">
                <span class="brand-mark" aria-hidden="true">"⇄"</span>
                " Negotiation planner"
            </a>
            <span class="privacy-note">"Plans stay in this browser"</span>
        </header>
        <update::UpdateBanner />
        <notices::Problems />
        <main id="main" tabindex="-1">{page}</main>
        <notices::NoticeBar />
    }
}

#[derive(Clone, PartialEq)]
enum Page {
    Library,
    Plan(crate::model::PlanId),
    Share(String),
    NotFound,
}

/// Sets the browser tab's title, so several open plans can be told apart.
pub(crate) fn set_document_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}
