//! The Practise step's debrief of a finished rehearsal (from `rehearsal::debrief`) and the
//! list of rehearsals kept with the plan, with replay and delete (undoable).

use super::fields::focus_soon;
use super::fields::{notify, notify_undo};
use super::practise::ShownState;
use crate::app::{now, AppState, PlanSession};
use crate::model::{describe_age, RehearsalId};
use crate::rehearsal::bridge::{start, Start};
use crate::rehearsal::debrief::{debrief, Debrief};
use crate::rehearsal::view::kept_rows;
use crate::rehearsal::words::result_line;
use crate::ui::erased::keyed_list;
use leptos::prelude::*;

/// Starts a new rehearsal with a kept one's counterpart, settings and seed: the same
/// counterpart again.
fn replay(session: PlanSession, id: &RehearsalId, picked: RwSignal<Option<RehearsalId>>) {
    let state = expect_context::<AppState>();
    let how = session.plan.with_untracked(|p| {
        let r = p.rehearsals.iter().find(|r| &r.id == id)?;
        Some(Start {
            counterpart: r.counterpart.clone(),
            style: (!r.surprise).then_some(r.style),
            as_estimated: r.as_estimated,
            rounds: r.rounds,
            seed: r.seed,
        })
    });
    let Some(how) = how else { return };
    let at = now();
    let tried = session
        .plan
        .with_untracked(|p| start(&mut p.clone(), &how, at).map(|_| ()));
    match tried {
        Ok(()) => {
            picked.set(None);
            session.edit("replay a rehearsal", "", |p| {
                let _ = start(p, &how, at);
            });
            notify(
                state,
                "Replaying with the same seed: the same counterpart again.",
            );
            focus_soon(vec!["practise-start-from".into()]);
        }
        Err(e) => notify(state, e.to_string()),
    }
}

fn delete(session: PlanSession, id: &RehearsalId) {
    let state = expect_context::<AppState>();
    session.edit("delete a rehearsal", "", |p| {
        p.rehearsals.retain(|r| &r.id != id);
    });
    notify_undo(state, "Deleted the rehearsal.");
}

/// The debrief of the shown rehearsal, once it has ended.
#[component]
pub fn DebriefView(
    session: PlanSession,
    shown: Memo<ShownState>,
    picked: RwSignal<Option<RehearsalId>>,
) -> impl IntoView {
    let plan = session.plan;
    // Computed once per change of the shown rehearsal (the engine runs twice in it).
    let data: Memo<Option<Result<(RehearsalId, Debrief), String>>> = Memo::new(move |_| {
        shown.with(|s| match s.as_ref()? {
            Ok(s) => {
                let (record, _, sim) = &*s.0;
                sim.ending()?;
                Some(Ok((record.id.clone(), debrief(sim, record.surprise))))
            }
            Err((record, why)) => {
                let batna = plan
                    .with_untracked(|p| p.party(&record.you).map_or(0.0, |x| x.reservation.value));
                let result = record
                    .result
                    .as_ref()
                    .map(|r| result_line(r, batna))
                    .unwrap_or_default();
                Some(Err(format!("{result} The debrief cannot be shown: {why}")))
            }
        })
    });
    move || {
        let d = data.get()?;
        let (id, d) = match d {
            Ok(x) => x,
            Err(why) => {
                return Some(
                    view! {
                        <section class="debrief" aria-labelledby="debrief-heading">
                            <h3 id="debrief-heading" tabindex="-1">"Debrief"</h3>
                            <p>{why}</p>
                        </section>
                    }
                    .into_any(),
                )
            }
        };
        let id = StoredValue::new(id);
        let lines = |items: Vec<String>| {
            items
                .into_iter()
                .map(|t| view! { <p dir="auto">{t}</p> })
                .collect_view()
        };
        let items = |items: Vec<String>| {
            items
                .into_iter()
                .map(|t| view! { <li dir="auto">{t}</li> })
                .collect_view()
        };
        let revealed = d
            .revealed
            .iter()
            .map(|r| {
                view! {
                    <tr>
                        <th scope="row" dir="auto">{r.what.clone()}</th>
                        <td class="num">{r.estimated.clone()}</td>
                        <td class="num">{r.actual.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        let off = (!d.off_frontier.is_empty()).then(|| view! { <p>{d.off_frontier.clone()}</p> });
        let concessions = (!d.concessions.is_empty())
            .then(|| view! { <ul class="debrief-concessions">{items(d.concessions.clone())}</ul> });
        Some(
            view! {
                <section class="debrief" aria-labelledby="debrief-heading">
                    <h3 id="debrief-heading" tabindex="-1">"Debrief"</h3>
                    <p class="debrief-meta">
                        {format!("Seed {}. ", d.seed)}
                        <span dir="auto">{d.style.clone()}</span>
                    </p>
                    <h4>"The result"</h4>
                    <div class="debrief-result">{lines(d.result.clone())} {lines(d.frontier.clone())}</div>
                    <h4>"The counterpart revealed"</h4>
                    <div class="practise-table-wrap" tabindex="0" role="region" aria-label="Estimates and the truth">
                        <table class="debrief-revealed">
                            <caption class="visually-hidden">"Your estimates beside their true values"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"What"</th>
                                    <th scope="col">"You estimated"</th>
                                    <th scope="col">"In truth"</th>
                                </tr>
                            </thead>
                            <tbody>{revealed}</tbody>
                        </table>
                    </div>
                    <ul>{items(d.revealed_words.clone())}</ul>
                    <h4>"Your pattern"</h4>
                    <p>{d.first_offer.clone()}</p>
                    <figure class="debrief-curves">
                        <div class="curves-plot" inner_html=d.curves_svg.clone()></div>
                        <figcaption>
                            <span class="curves-key curves-key-ours">"Your offers, valued by you"</span>
                            <span class="curves-key curves-key-theirs">"Their offers, valued by them"</span>
                            <span class="curves-key curves-key-rv">"Dashed: each side’s walk-away value"</span>
                        </figcaption>
                    </figure>
                    {concessions}
                    {off}
                    <h4>"Lessons"</h4>
                    <ol class="debrief-lessons">{items(d.lessons.clone())}</ol>
                    <div class="practise-actions">
                        <button
                            class="primary"
                            id="practise-replay"
                            on:click=move |_| replay(session, &id.get_value(), picked)
                        >
                            "Replay with the same seed"
                        </button>
                        <button
                            class="danger"
                            on:click=move |_| delete(session, &id.get_value())
                        >
                            "Delete this rehearsal"
                        </button>
                    </div>
                </section>
            }
            .into_any(),
        )
    }
}

/// The rehearsals kept with the plan, newest first, with their results.
#[component]
pub fn KeptList(
    session: PlanSession,
    picked: RwSignal<Option<RehearsalId>>,
    shown_id: Memo<Option<RehearsalId>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let rows = Memo::new(move |_| plan.with(kept_rows));
    view! {
        <section class="practise-kept" aria-labelledby="practise-kept-heading">
            <h3 id="practise-kept-heading">"Your rehearsals"</h3>
            <Show
                when=move || !rows.with(Vec::is_empty)
                fallback=|| view! { <p class="hint">"None yet. Each rehearsal is kept here with its result."</p> }
            >
                <ol class="kept-list">
                    {keyed_list(
                        move || rows.get(),
                        |r| (r.id.clone(), r.result.clone(), r.settings.clone()),
                        move |r| {
                            let id = StoredValue::new(r.id.clone());
                            let current = move || shown_id.get() == Some(id.get_value());
                            let when = move || {
                                let now = state.clock.get().max(r.at);
                                describe_age(now, r.at)
                            };
                            view! {
                                <li class="kept" class:current=current>
                                    <p class="kept-head">
                                        <strong dir="auto">{r.against.clone()}</strong>
                                        " · "
                                        <span>{when}</span>
                                    </p>
                                    <p class="kept-result">{r.result.clone()}</p>
                                    <p class="hint">{r.settings.clone()}</p>
                                    <div class="practise-actions">
                                        <button
                                            aria-current=move || current().then_some("true")
                                            on:click=move |_| {
                                                picked.set(Some(id.get_value()));
                                                focus_soon(vec!["debrief-heading".into(), "practise-start-from".into()]);
                                            }
                                        >
                                            {if r.finished { "Show the debrief" } else { "Continue" }}
                                        </button>
                                        <button
                                            class="danger"
                                            on:click=move |_| delete(session, &id.get_value())
                                        >
                                            "Delete"
                                        </button>
                                    </div>
                                </li>
                            }
                        },
                    )}
                </ol>
            </Show>
        </section>
    }
}
