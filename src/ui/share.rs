//! Opening a share link: the plan travels in the URL fragment (never sent to a server);
//! the user sees what it is and may import it as a copy. A teammate's view request or
//! answer travels the same way (`ui::team_links`).

use super::team_links::{AnswerPage, RequestPage};
use crate::app::{AppState, Notice, Route};
use crate::formats::share;
use crate::team::doc::DocKind;
use leptos::prelude::*;

#[component]
pub fn SharePage(data: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    super::set_document_title("A shared plan · Negotiation planner");
    // The same kind of link carries a teammate's view request or answer.
    if let Ok(text) = share::unpack(&data) {
        match crate::team::doc::kind_of(&text) {
            DocKind::Request => return view! { <RequestPage text /> }.into_any(),
            DocKind::Answer => return view! { <AnswerPage text /> }.into_any(),
            DocKind::Plan | DocKind::Other => {}
        }
    }
    match share::decode(&data) {
        Err(e) => view! {
            <section class="page">
                <h1>"This share link cannot be opened"</h1>
                <p role="alert">{format!("{}{}.", e.to_string()[..1].to_ascii_uppercase(), &e.to_string()[1..])}</p>
                <p>"Ask for the plan as a file instead (Export plan in its workspace)."</p>
                <p><a href=Route::Library.to_hash()>"Go to your plans"</a></p>
            </section>
        }
        .into_any(),
        Ok(plan) => {
            let title = plan.display_title().to_string();
            let summary = format!(
                "{} parties, {} interests, {} issues, {} packages.",
                plan.parties.len(),
                plan.interests.len(),
                plan.issues.len(),
                plan.packages.len()
            );
            let plan = StoredValue::new(plan);
            let import = move |_| {
                let mut copy = plan.get_value();
                copy.id = crate::app::new_id();
                if state.save_plan(&copy) {
                    state.notice.set(Some(Notice {
                        text: format!("Imported “{}” from the link.", copy.display_title()),
                        undo: crate::app::Undo::No,
                    }));
                    state.navigate(Route::Plan(copy.id));
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
                        <a href=Route::Library.to_hash()>"Don't import"</a>
                    </div>
                </section>
            }
            .into_any()
        }
    }
}
