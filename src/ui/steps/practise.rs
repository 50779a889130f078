//! Practise: rehearse the negotiation against a counterpart simulated from the plan, then
//! read the debrief. The simulation and every sentence shown come from `rehearsal`; this
//! module binds them. Each move is one undoable edit of the plan, kept in
//! `Plan::rehearsals` (never in the offer log), so a rehearsal survives a reload and undo
//! takes a move back. The debrief and the list of kept rehearsals are in
//! `practise_debrief`.

use super::chart::{Exchange, OutcomeChart};
use super::explore::plan_analysis;
use super::fields::focus_soon;
use super::fields::{notify, reset_value};
use super::practise_debrief::{DebriefView, KeptList};
use super::widgets::StepIntro;
use crate::app::{now, AppState, PlanSession};
use crate::model::{Plan, RehearsalId, Step, Style};
use crate::rehearsal::bridge::{after_move, start, Bridge, Start, UserMove};
use crate::rehearsal::view::{
    chart_points, compose_line, exchange_rows, starting_points, status_line,
};
use crate::rehearsal::words::{style_description, style_name, SURPRISE_DESCRIPTION, SURPRISE_NAME};
use crate::rehearsal::{Simulation, DEFAULT_ROUNDS, MAX_ROUNDS, MIN_ROUNDS};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use std::sync::Arc;

/// A rehearsal as the step shows it: its record, its bridge to the plan and the
/// simulation resumed from its moves. The simulation follows from the other two, so they
/// decide equality: an edit that changes neither (the plan's title) redraws nothing and
/// does not run the debrief again.
#[derive(Clone)]
pub struct Shown(pub Arc<(crate::model::Rehearsal, Bridge, Simulation)>);

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || (self.0 .0 == other.0 .0 && self.0 .1 == other.0 .1)
    }
}

/// The shown rehearsal, or why it cannot be simulated (with its record).
pub type ShownState = Option<Result<Shown, (crate::model::Rehearsal, String)>>;

/// Why practice cannot start, in words; `None` when it can.
fn blocked(plan: &Plan) -> Option<&'static str> {
    if plan.us().is_none() {
        return Some(
            "Practice needs to know which side is yours: mark a party as “us” in Parties and \
             alternatives.",
        );
    }
    if !Step::Evaluate.is_complete(plan) {
        return Some(
            "Practice needs both sides’ weights and ratings: fill them in at the Evaluate step.",
        );
    }
    None
}

/// The style choices, in order: the four styles, then "surprise me" (`None`).
const STYLES: [(Option<Style>, &str); 5] = [
    (Some(Style::Tough), "tough"),
    (Some(Style::Steady), "steady"),
    (Some(Style::Accommodating), "accommodating"),
    (Some(Style::Mirror), "mirror"),
    (None, "surprise"),
];

#[component]
pub fn PractiseStep(session: PlanSession) -> impl IntoView {
    let plan = session.plan;
    let (runner, analysis) = plan_analysis(session);
    let reason = Memo::new(move |_| plan.with(blocked));
    let live = Memo::new(move |_| {
        plan.with(|p| {
            p.rehearsals
                .iter()
                .rev()
                .find(|r| r.result.is_none())
                .map(|r| r.id.clone())
        })
    });
    // The finished rehearsal whose debrief is open (the latest, until the user picks one).
    let picked = RwSignal::new(None::<RehearsalId>);
    let shown_id = Memo::new(move |_| {
        live.get().or_else(|| {
            plan.with(|p| {
                let exists = |id: &RehearsalId| p.rehearsals.iter().any(|r| &r.id == id);
                picked
                    .get()
                    .filter(exists)
                    .or_else(|| p.rehearsals.last().map(|r| r.id.clone()))
            })
        })
    });
    let shown: Memo<ShownState> = Memo::new(move |_| {
        let id = shown_id.get()?;
        plan.with(|p| {
            let record = p.rehearsals.iter().find(|r| r.id == id)?.clone();
            let made = Bridge::of(p, &record).and_then(|b| b.resume(&record).map(|s| (b, s)));
            Some(match made {
                Ok((bridge, sim)) => Ok(Shown(Arc::new((record, bridge, sim)))),
                Err(e) => Err((record, e.to_string())),
            })
        })
    });
    let exchange: Memo<Option<Exchange>> = Memo::new(move |_| {
        shown.with(|s| {
            let s = s.as_ref()?.as_ref().ok()?;
            let (_, bridge, sim) = &*s.0;
            let points = chart_points(bridge, sim);
            (!points.is_empty()).then_some((bridge.counterpart, points))
        })
    });
    let has_live = move || live.with(Option::is_some);
    view! {
        <StepIntro step=Step::Practise />
        <div class="practise">
            {move || reason.get().map(|r| view! { <p class="hint practise-blocked">{r}</p> })}
            <Show when=has_live>
                <LiveRehearsal session shown />
            </Show>
            <Show when=move || exchange.with(Option::is_some)>
                <OutcomeChart session runner bridge=analysis exchange />
            </Show>
            // A finished rehearsal's debrief comes first, then the form for the next one.
            <DebriefView session shown picked />
            <Show when=move || !has_live() && reason.with(Option::is_none)>
                <SetupForm session picked />
            </Show>
            <KeptList session picked shown_id />
        </div>
    }
}

/// The settings of a new rehearsal, and its start.
#[component]
fn SetupForm(session: PlanSession, picked: RwSignal<Option<RehearsalId>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let others = Memo::new(move |_| {
        plan.with(|p| {
            let us = p.us().cloned();
            p.parties
                .iter()
                .filter(|x| Some(&x.id) != us.as_ref())
                .map(|x| (x.id.clone(), x.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let counterpart = RwSignal::new(String::new());
    let style = RwSignal::new("steady");
    let exact = RwSignal::new(false);
    let rounds = RwSignal::new(DEFAULT_ROUNDS.to_string());
    let seed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let chosen_counterpart = move || {
        others.with(|o| {
            o.iter()
                .find(|(id, _)| id.as_str() == counterpart.get())
                .or(o.first())
                .map(|(id, name)| (id.clone(), name.clone()))
        })
    };
    let begin = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some((party, _)) = chosen_counterpart() else {
            error.set(Some(
                "The plan has no other party to practise against.".into(),
            ));
            return;
        };
        let Ok(n) = rounds.get_untracked().trim().parse::<u32>() else {
            error.set(Some(format!(
                "Rounds: a whole number from {MIN_ROUNDS} to {MAX_ROUNDS}."
            )));
            return;
        };
        if !(MIN_ROUNDS..=MAX_ROUNDS).contains(&n) {
            error.set(Some(format!(
                "Rounds: a whole number from {MIN_ROUNDS} to {MAX_ROUNDS}."
            )));
            return;
        }
        let typed = seed.get_untracked();
        let seed = if typed.trim().is_empty() {
            (js_sys::Math::random() * 4_294_967_296.0) as u64
        } else if let Ok(s) = typed.trim().parse::<u64>() {
            s
        } else {
            error.set(Some(
                "The seed is a whole number; leave it empty for a random one.".into(),
            ));
            return;
        };
        let choice = STYLES
            .iter()
            .find(|(_, key)| *key == style.get_untracked())
            .map_or(Some(Style::Steady), |(s, _)| *s);
        let how = Start {
            counterpart: party,
            style: choice,
            as_estimated: exact.get_untracked(),
            rounds: n,
            seed,
        };
        // Tried on a copy first: a plan that cannot be simulated gets an error, no edit.
        let at = now();
        let tried = plan.with_untracked(|p| start(&mut p.clone(), &how, at).map(|_| ()));
        match tried {
            Ok(()) => {
                error.set(None);
                picked.set(None);
                session.edit("start a rehearsal", "", |p| {
                    let _ = start(p, &how, at);
                });
                notify(state, "The rehearsal has started: make your first offer.");
                focus_soon(vec!["practise-start-from".into()]);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let counterpart_field = move || {
        let list = others.get();
        if list.len() <= 1 {
            let name = list.first().map(|(_, n)| n.clone()).unwrap_or_default();
            return view! { <p class="practise-against">"Against " <strong dir="auto">{name}</strong></p> }
                .into_any();
        }
        let left_out = move || {
            let chosen = chosen_counterpart().map(|(id, _)| id);
            let names: Vec<String> = others.with(|o| {
                o.iter()
                    .filter(|(id, _)| Some(id) != chosen.as_ref())
                    .map(|(_, n)| n.clone())
                    .collect()
            });
            format!(
                "You practise against one counterpart; the others ({}) are left out of this \
                 rehearsal.",
                crate::analysis::explain::list(&names)
            )
        };
        view! {
            <label for="practise-counterpart">"Counterpart"</label>
            <select
                id="practise-counterpart"
                aria-describedby="practise-left-out"
                on:change=move |ev| counterpart.set(event_target_value(&ev))
            >
                {list
                    .into_iter()
                    .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                    .collect_view()}
            </select>
            <p class="hint" id="practise-left-out">{left_out}</p>
        }
        .into_any()
    };
    view! {
        <form class="practise-setup" on:submit=begin aria-labelledby="practise-setup-heading">
            <h3 id="practise-setup-heading">"A new rehearsal"</h3>
            {counterpart_field}
            <fieldset class="practise-styles">
                <legend>"Their style"</legend>
                {STYLES
                    .iter()
                    .map(|&(s, key)| {
                        let (name, line) = match s {
                            Some(s) => (style_name(s), style_description(s)),
                            None => (SURPRISE_NAME, SURPRISE_DESCRIPTION),
                        };
                        let id = format!("practise-style-{key}");
                        view! {
                            <div class="practise-choice">
                                <input
                                    type="radio"
                                    name="practise-style"
                                    id=id.clone()
                                    value=key
                                    prop:checked=move || style.get() == key
                                    on:change=move |_| style.set(key)
                                />
                                <label for=id>
                                    <strong>{name}</strong>
                                    <span class="hint">{line}</span>
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <fieldset class="practise-truth">
                <legend>"Their true preferences"</legend>
                <div class="practise-choice">
                    <input
                        type="radio"
                        name="practise-truth"
                        id="practise-drawn"
                        prop:checked=move || !exact.get()
                        on:change=move |_| exact.set(false)
                    />
                    <label for="practise-drawn">
                        <strong>"Drawn within your estimates"</strong>
                        <span class="hint">
                            "As unsure as you said you are: the debrief shows how far off you were."
                        </span>
                    </label>
                </div>
                <div class="practise-choice">
                    <input
                        type="radio"
                        name="practise-truth"
                        id="practise-exact"
                        prop:checked=move || exact.get()
                        on:change=move |_| exact.set(true)
                    />
                    <label for="practise-exact">
                        <strong>"Exactly as estimated"</strong>
                        <span class="hint">"Your estimates are the truth."</span>
                    </label>
                </div>
            </fieldset>
            <div class="practise-numbers">
                <div>
                    <label for="practise-rounds">"Rounds"</label>
                    <input
                        id="practise-rounds"
                        type="number"
                        inputmode="numeric"
                        min=MIN_ROUNDS.to_string()
                        max=MAX_ROUNDS.to_string()
                        prop:value=move || rounds.get()
                        on:input=move |ev| rounds.set(event_target_value(&ev))
                    />
                </div>
                <div>
                    <label for="practise-seed">"Seed (optional)"</label>
                    <input
                        id="practise-seed"
                        type="text"
                        inputmode="numeric"
                        placeholder="random"
                        aria-describedby="practise-seed-hint"
                        prop:value=move || seed.get()
                        on:input=move |ev| seed.set(event_target_value(&ev))
                    />
                    <p class="hint" id="practise-seed-hint">
                        "The same seed and settings give the same counterpart."
                    </p>
                </div>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <button type="submit" class="primary" id="practise-start">"Start the rehearsal"</button>
        </form>
    }
}

/// The rehearsal in progress: where it stands, their last message, the exchange, and the
/// composer of the next offer.
#[component]
fn LiveRehearsal(session: PlanSession, shown: Memo<ShownState>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let current = move || shown.with(|s| s.as_ref().and_then(|s| s.as_ref().ok()).cloned());
    let current_now =
        move || shown.with_untracked(|s| s.as_ref().and_then(|s| s.as_ref().ok()).cloned());
    // The offer being composed, one option index per issue; reset to the user's last
    // offer (or the first starting point) after each move.
    let compose = RwSignal::new(Vec::<Option<usize>>::new());
    let starts = Memo::new(move |_| {
        let Some(s) = current() else {
            return Vec::new();
        };
        let (_, bridge, sim) = &*s.0;
        plan.with(|p| starting_points(p, bridge, sim))
    });
    let moves_made = Memo::new(move |_| current().map_or(0, |s| s.0 .2.moves().len()));
    // Only a move (or its undo) resets the composer.
    Effect::new(move |_| {
        let _ = moves_made.get();
        let issues = shown.with_untracked(|s| {
            s.as_ref()
                .and_then(|s| s.as_ref().ok())
                .map_or(0, |s| s.0 .2.setup.problem.issues.len())
        });
        let first = starts.with_untracked(|s| s.first().map(|(_, p)| p.clone()));
        compose.set(match first {
            Some(p) => p.into_iter().map(Some).collect(),
            None => vec![None; issues],
        });
    });
    let error = RwSignal::new(None::<String>);
    let act = move |label: &str, user: UserMove| {
        let Some(s) = current_now() else { return };
        let id = s.0 .0.id.clone();
        let next = plan.with_untracked(|p| after_move(p, &id, &user));
        match next {
            Ok(record) => {
                error.set(None);
                let ended = record.result.is_some();
                session.edit(label, "", |p| {
                    if let Some(r) = p.rehearsals.iter_mut().find(|r| r.id == id) {
                        *r = record;
                    }
                });
                if ended {
                    notify(state, "The rehearsal has ended: read the debrief below.");
                    focus_soon(vec!["debrief-heading".into()]);
                }
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let send = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(s) = current_now() else { return };
        let picks: Option<Vec<usize>> = compose.get_untracked().into_iter().collect();
        let Some(picks) = picks else {
            error.set(Some(
                crate::rehearsal::RehearsalError::BadPackage.to_string(),
            ));
            return;
        };
        let choices = s.0 .1.plan_problem.choices(&picks);
        act("make an offer in the rehearsal", UserMove::Offer(choices));
    };
    let status = move || {
        current()
            .map(|s| status_line(&s.0 .2, &s.0 .0))
            .unwrap_or_default()
    };
    let last_message = move || {
        current().and_then(|s| {
            let sim = &s.0 .2;
            let m = sim
                .moves()
                .iter()
                .rev()
                .find(|m| m.by == crate::model::Side::Them)?;
            Some(format!(
                "{}: “{}”",
                sim.setup.problem.party_name(1),
                m.message
            ))
        })
    };
    let rows = move || {
        current()
            .map(|s| exchange_rows(&s.0 .2))
            .unwrap_or_default()
            .into_iter()
            .map(|r| {
                view! {
                    <tr class:practise-ours=r.by_us>
                        <td>{r.round}</td>
                        <th scope="row" dir="auto">{r.who}</th>
                        <td dir="auto">{r.what}</td>
                        <td class="num">{r.ours}</td>
                        <td class="num">{r.theirs}</td>
                        <td dir="auto">{r.message}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let them = move || {
        current()
            .map(|s| s.0 .2.setup.problem.party_name(1))
            .unwrap_or_default()
    };
    // The issues and their options, compared by value: the selects are built again only
    // when these change, not after every move.
    let issues = Memo::new(move |_| {
        current()
            .map(|s| {
                let problem = &s.0 .2.setup.problem;
                (0..problem.issues.len())
                    .map(|i| {
                        let labels: Vec<String> = (0..problem.issues[i].options)
                            .map(|o| problem.option_label(i, o))
                            .collect();
                        (problem.issue_name(i), labels)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let selects = move || {
        issues
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (name, labels))| {
                let id = format!("practise-compose-{i}");
                let options = labels
                    .into_iter()
                    .enumerate()
                    .map(|(o, label)| view! { <option value=o.to_string()>{label}</option> })
                    .collect_view();
                view! {
                    <div class="practise-pick">
                        <label for=id.clone() dir="auto">{name}</label>
                        <select
                            id=id
                            prop:value=move || {
                                compose.with(|c| c.get(i).copied().flatten().map(|o| o.to_string()).unwrap_or_default())
                            }
                            on:change=move |ev| {
                                let v = event_target_value(&ev).parse::<usize>().ok();
                                compose.update(|c| {
                                    if let Some(slot) = c.get_mut(i) {
                                        *slot = v;
                                    }
                                });
                            }
                        >
                            <option value="">"— pick —"</option>
                            {options}
                        </select>
                    </div>
                }
            })
            .collect::<Vec<_>>()
    };
    let worth = move || {
        current()
            .map(|s| compose.with(|c| compose_line(&s.0 .1, &s.0 .2, c)))
            .unwrap_or_default()
    };
    let can_accept = move || current().is_some_and(|s| s.0 .2.can_accept());
    view! {
        <section class="practise-live" aria-labelledby="practise-live-heading">
            <h3 id="practise-live-heading">"Rehearsal"</h3>
            <p class="practise-status" id="practise-status">{status}</p>
            <p class="practise-message" role="status" aria-live="polite">{last_message}</p>
            <Show when=move || { moves_made.get() > 0 }>
                <div class="practise-table-wrap" tabindex="0" role="region" aria-label="The exchange so far">
                    <table class="practise-exchange">
                        <caption class="visually-hidden">"The exchange, move by move"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Round"</th>
                                <th scope="col">"Who"</th>
                                <th scope="col">"Package"</th>
                                <th scope="col">"Your value"</th>
                                <th scope="col">{move || format!("{} (your estimate)", them())}</th>
                                <th scope="col">"Said"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </Show>
            <form class="practise-compose" on:submit=send aria-labelledby="practise-compose-heading">
                <h4 id="practise-compose-heading">"Your move"</h4>
                <label for="practise-start-from">"Start from"</label>
                <select
                    id="practise-start-from"
                    on:change=move |ev| {
                        let k = event_target_value(&ev).parse::<usize>().ok();
                        if let Some((_, p)) = k.and_then(|k| starts.with(|s| s.get(k).cloned())) {
                            compose.set(p.into_iter().map(Some).collect());
                        }
                        reset_value(&ev, "");
                    }
                >
                    <option value="">"— choose a package to start from —"</option>
                    {move || {
                        starts
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(k, (label, _))| view! { <option value=k.to_string()>{label}</option> })
                            .collect_view()
                    }}
                </select>
                <div class="practise-picks">{selects}</div>
                <p class="practise-worth" aria-live="polite">{worth}</p>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="practise-actions">
                    <button type="submit" class="primary" id="practise-send">"Send the offer"</button>
                    <button
                        type="button"
                        id="practise-accept"
                        prop:disabled=move || !can_accept()
                        on:click=move |_| act("accept their offer in the rehearsal", UserMove::Accept)
                    >
                        "Accept their offer"
                    </button>
                    <button
                        type="button"
                        class="danger"
                        id="practise-walk"
                        on:click=move |_| act("walk away in the rehearsal", UserMove::WalkAway)
                    >
                        "Walk away"
                    </button>
                </div>
            </form>
        </section>
    }
}
