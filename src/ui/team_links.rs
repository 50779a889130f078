//! The pages a teammate's link opens: a view request (in the teammate's browser, which may
//! never have seen the plan) and an answer (in the owner's). The documents travel inside
//! the link; nothing is sent to a server. The rules are `crate::team`'s.

use crate::app::{AppState, Route};
use crate::team::doc::{read_answer, read_request, TeamError};
use crate::team::request::{answer_summary, request_summary};
use crate::team::words::{possessive, sentence};
use leptos::prelude::*;

/// A page for a link that cannot be read, with what to do instead.
fn unreadable(heading: &'static str, why: String, instead: &'static str) -> AnyView {
    view! {
        <section class="page">
            <h1>{heading}</h1>
            <p role="alert">{sentence(&why)}</p>
            <p>{instead}</p>
            <p><a href=Route::Library.to_hash()>"Go to your plans"</a></p>
        </section>
    }
    .into_any()
}

#[component]
pub fn RequestPage(text: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    super::set_document_title("A request for your view · Negotiation planner");
    let request = match read_request(&text) {
        Ok(r) => r,
        Err(e) => {
            return unreadable(
                "This request cannot be opened",
                e.to_string(),
                "Ask for the request again, as a file or a new link.",
            )
        }
    };
    let lines = request_summary(&request)
        .into_iter()
        .map(|l| view! { <li dir="auto">{l}</li> })
        .collect_view();
    let error = RwSignal::new(None::<String>);
    let request = StoredValue::new(request);
    let start = move |_| {
        if let Err(e) = request.with_value(|r| state.open_request(r)) {
            error.set(Some(sentence(&format!(
                "the answer could not be started: {e}"
            ))));
        }
    };
    view! {
        <section class="page share team-link" aria-labelledby="team-link-heading">
            <h1 id="team-link-heading">"A request for your view"</h1>
            <ul class="team-summary">{lines}</ul>
            <p class="hint">
                "Your answer is prepared in a plan of this browser's library and saved as you \
                 go. Nothing is sent anywhere: when you are done, you send the answer back \
                 yourself, as a file or a link."
            </p>
            <div class="share-actions">
                <button class="primary start-answer" on:click=start>"Start my answer"</button>
                <a href=Route::Library.to_hash()>"Not now"</a>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
    }
    .into_any()
}

#[component]
pub fn AnswerPage(text: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    super::set_document_title("A teammate's answer · Negotiation planner");
    let answer = match read_answer(&text) {
        Ok(a) => a,
        Err(e) => {
            return unreadable(
                "This answer cannot be opened",
                e.to_string(),
                "Ask your teammate to send the answer again, as a file or a new link.",
            )
        }
    };
    let heading = format!("{} view of “{}”", possessive(&answer.member), answer.title);
    let summary = answer_summary(&answer);
    let known = state
        .index
        .with_untracked(|i| i.get(&answer.plan).is_some());
    let member = possessive(&answer.member);
    let error = RwSignal::new(None::<TeamError>);
    let answer = StoredValue::new(answer);
    let add = move |replace: bool| {
        if let Err(e) = answer.with_value(|a| state.add_answer(a, replace)) {
            error.set(Some(e));
        }
    };
    let missing = (!known).then(|| {
        let why = answer.with_value(|a| {
            TeamError::NoSuchPlan {
                title: a.title.clone(),
            }
            .to_string()
        });
        view! { <p role="alert">{sentence(&why)}</p> }
    });
    view! {
        <section class="page share team-link" aria-labelledby="team-link-heading">
            <h1 id="team-link-heading" dir="auto">{heading}</h1>
            <p dir="auto">{summary}</p>
            <p class="hint">
                "Adding it keeps it beside your numbers as a named view; it never overwrites \
                 the plan. Undo takes it back."
            </p>
            {missing}
            <div class="share-actions">
                <Show when=move || known>
                    <button class="primary add-answer" on:click=move |_| add(false)>
                        "Add to the plan"
                    </button>
                </Show>
                <a href=Route::Library.to_hash()>"Don't add"</a>
            </div>
            {move || {
                error
                    .get()
                    .map(|e| {
                        let duplicate = matches!(e, TeamError::Duplicate { .. });
                        let label = format!("Replace {member} view");
                        view! {
                            <p class="field-error" role="alert">{sentence(&e.to_string())}</p>
                            {duplicate
                                .then(|| {
                                    view! {
                                        <button class="replace-view" on:click=move |_| add(true)>
                                            {label}
                                        </button>
                                    }
                                })}
                        }
                    })
            }}
        </section>
    }
    .into_any()
}
