//! The teammate's side of the Team views step, in a plan made from a view request: who
//! asked, what the answer will hold (and what stays in this browser), and the answer as a
//! file or a link. The teammate fills in their numbers and proposals in the other steps.

use super::fields::{text_field, Field};
use super::team::{link_output, page_base};
use crate::app::{now, PlanSession, Route};
use crate::model::Step;
use crate::team::doc::{answer_link, answer_text};
use crate::team::request::{answer_from_plan, describe_answer};
use crate::team::words::{member_name, sentence};
use crate::ui::files::{download, file_stem};
use leptos::prelude::*;

#[component]
pub fn AnswerPanel(session: PlanSession) -> impl IntoView {
    let plan = session.plan;
    let link = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let asked = Memo::new(move |_| {
        plan.with(|p| {
            p.team
                .answering
                .as_ref()
                .map(|a| (member_name(&a.from), a.title.clone()))
                .unwrap_or_default()
        })
    });
    // What goes back, or why nothing can go yet.
    let contents = Memo::new(move |_| {
        plan.with(|p| match answer_from_plan(p, 0) {
            Ok(c) => Ok((describe_answer(&c, p), c.not_sent)),
            Err(e) => Err(sentence(&e.to_string())),
        })
    });
    let href = move |step: Step| Route::Step(plan.with(|p| p.id.clone()), step).to_hash();
    let file = move |_| match plan.with_untracked(|p| answer_from_plan(p, now())) {
        Ok(c) => {
            let a = &c.answer;
            let name = format!(
                "{}.{}.view-answer.json",
                file_stem(&a.title),
                file_stem(&a.member)
            );
            message.set(Some(
                match download(&name, "application/json", &answer_text(a)) {
                    Ok(()) => format!(
                    "Downloaded “{name}”. Send it to {}; they add it in their plan's Team views.",
                    asked.get_untracked().0
                ),
                    Err(e) => sentence(&e),
                },
            ));
        }
        Err(e) => message.set(Some(sentence(&e.to_string()))),
    };
    let make_link = move |_| {
        let made = plan
            .with_untracked(|p| answer_from_plan(p, now()))
            .and_then(|c| answer_link(&c.answer));
        match made {
            Ok(fragment) => {
                link.set(Some(format!("{}{fragment}", page_base())));
                message.set(Some(format!(
                    "Send this link to {}. The answer is inside the link; no server sees it.",
                    asked.get_untracked().0
                )));
            }
            Err(e) => {
                link.set(None);
                message.set(Some(sentence(&e.to_string())));
            }
        }
    };
    view! {
        <section class="team-answer" aria-labelledby="team-answer-heading">
            <h3 id="team-answer-heading">
                {move || format!("Your answer to {}", asked.get().0)}
            </h3>
            <p dir="auto">
                {move || {
                    let (from, title) = asked.get();
                    format!("{from} asked for your view of “{title}”.")
                }}
                " Give your weights and ratings for every party in "
                <a href=move || href(Step::Evaluate)>"Evaluate"</a>
                " and the reservation values in "
                <a href=move || href(Step::Parties)>"Parties and alternatives"</a>
                ". Interests and options you think are missing ("
                <a href=move || href(Step::Interests)>"Interests"</a>
                ", "
                <a href=move || href(Step::Issues)>"Issues and options"</a>
                ") go back as proposals."
            </p>
            {text_field(
                session,
                Field::new("answer-member", "Your name", "edit your name").class("answer-member"),
                |p| p.team.answering.as_ref().map(|a| a.member.clone()).unwrap_or_default(),
                |p, v| {
                    if let Some(a) = &mut p.team.answering {
                        a.member = v;
                    }
                },
            )}
            {text_field(
                session,
                Field::new("answer-note", "A note to the team (optional)", "edit your note").multiline(),
                |p| p.team.answering.as_ref().map(|a| a.note.clone()).unwrap_or_default(),
                |p, v| {
                    if let Some(a) = &mut p.team.answering {
                        a.note = v;
                    }
                },
            )}
            {move || match contents.get() {
                Ok((lines, not_sent)) => {
                    let not_sent = (!not_sent.is_empty())
                        .then(|| {
                            view! {
                                <p>"Not sent (it stays in this browser):"</p>
                                <ul class="answer-not-sent">
                                    {not_sent.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                                </ul>
                            }
                        });
                    view! {
                        <p>"Your answer will hold exactly this:"</p>
                        <ul class="answer-contents">
                            {lines.into_iter().map(|l| view! { <li dir="auto">{l}</li> }).collect_view()}
                        </ul>
                        {not_sent}
                        <p class="hint">
                            "Renaming or removing what the request held also stays here: the team \
                             takes numbers and proposals only."
                        </p>
                    }
                        .into_any()
                }
                Err(why) => view! { <p class="hint answer-blocked">{why}</p> }.into_any(),
            }}
            <div class="team-actions">
                <button class="answer-file primary" on:click=file>"Download the answer file"</button>
                <button class="answer-link" on:click=make_link>"Make an answer link"</button>
            </div>
            {link_output("team-answer-url", "Answer link", link)}
            {move || message.get().map(|m| view! { <p class="team-message" role="status">{m}</p> })}
        </section>
    }
}
