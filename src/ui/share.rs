//! Opening a share link: the plan travels in the URL fragment (never sent to a server);
//! the user sees what it is and may import it as a copy. A teammate's view request or
//! answer travels the same way (`ui::team_links`).

use super::team_links::{AnswerPage, RequestPage};
use crate::app::{next_task, AppState, Notice, Route};
use crate::formats::share::{self, ShareError};
use crate::model::Plan;
use crate::team::doc::DocKind;
use leptos::prelude::*;

#[component]
pub fn SharePage(data: String) -> impl IntoView {
    super::set_document_title("A shared plan · Negotiation planner");
    // Read after the page has drawn, in three tasks (unpack, the envelope, the plan), so
    // a link never holds the page for long (issue #19: a crafted link held it for 41 s);
    // the page says what it is doing meanwhile.
    let outcome = RwSignal::new(None::<Result<Shared, ShareError>>);
    leptos::task::spawn_local(async move {
        let result = async {
            next_task().await;
            let text = share::unpack(&data)?;
            // The same kind of link carries a teammate's view request or answer.
            match crate::team::doc::kind_of(&text) {
                DocKind::Request => return Ok(Shared::Request(text)),
                DocKind::Answer => return Ok(Shared::Answer(text)),
                DocKind::Plan | DocKind::Other => {}
            }
            next_task().await;
            let file = share::open(&text)?;
            next_task().await;
            share::read(&file).map(|p| Shared::Plan(Box::new(p)))
        }
        .await;
        // The user may have left the page meanwhile.
        let _ = outcome.try_set(Some(result));
    });
    move || {
        match outcome.get() {
        None => view! {
            <section class="page share">
                <h1>"A plan was shared with you"</h1>
                <p role="status">"Opening the shared plan…"</p>
            </section>
        }
        .into_any(),
        Some(Err(e)) => view! {
            <section class="page">
                <h1>"This share link cannot be opened"</h1>
                <p role="alert">{format!("{}{}.", e.to_string()[..1].to_ascii_uppercase(), &e.to_string()[1..])}</p>
                <p>"Ask for the plan as a file instead (Export plan in its workspace)."</p>
                <p><a href=Route::Library.to_hash()>"Go to your plans"</a></p>
            </section>
        }
        .into_any(),
        Some(Ok(Shared::Plan(plan))) => offer(*plan),
        Some(Ok(Shared::Request(text))) => view! { <RequestPage text /> }.into_any(),
        Some(Ok(Shared::Answer(text))) => view! { <AnswerPage text /> }.into_any(),
    }
    }
}

/// What a share link turned out to hold.
#[derive(Clone)]
enum Shared {
    Plan(Box<Plan>),
    Request(String),
    Answer(String),
}

/// What the link holds, with Import and Don't import.
fn offer(plan: Plan) -> AnyView {
    let state = expect_context::<AppState>();
    let title = plan.display_title().to_string();
    let summary = format!(
        "{} parties, {} interests, {} issues, {} packages.",
        plan.parties.len(),
        plan.interests.len(),
        plan.issues.len(),
        plan.packages.len()
    );
    let plan = StoredValue::new(plan);
    // Importing or declining replaces the link's history entry: the link holds the
    // whole plan, which should not stay one Back away (nor in synced history).
    let import = move |_| {
        let mut copy = plan.get_value();
        copy.id = crate::app::new_id();
        let id = copy.id.clone();
        match state.import_plans(vec![copy]) {
            Ok(titles) => {
                state.notice.set(Some(Notice::info(format!(
                    "Imported “{}” from the link.",
                    titles.join("")
                ))));
                state.navigate_replace(Route::Plan(id));
            }
            Err(e) => state.notice.set(Some(Notice::info(format!(
                "The plan was not imported: {e}."
            )))),
        }
    };
    view! {
        <section class="page share">
            <h1>"A plan was shared with you"</h1>
            <p>
                <strong dir="auto">{title}</strong>
                " — "
                {summary}
            </p>
            <p class="hint">
                "The plan is inside the link itself; nothing was sent to or kept on a server. \
                 Importing saves a copy in this browser's library."
            </p>
            <div class="share-actions">
                <button class="primary" on:click=import>"Import as a copy"</button>
                <button on:click=move |_| state.navigate_replace(Route::Library)>
                    "Don't import"
                </button>
            </div>
        </section>
    }
    .into_any()
}
