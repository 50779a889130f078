//! The Strategy step: walk-away, target and opening with their packages and reasons, the
//! opening offers of equal value, the concession plan (a list, and a path on the
//! outcome-space chart), the agenda, the risk and the contingent options.
//!
//! Everything shown comes from `crate::strategy` (the words too); this module runs it once
//! the plan's analysis is ready (in a task of its own: the sensitivity model and the offer
//! search take a few milliseconds), binds the target to the plan, and saves the opening
//! offers as packages.

use super::explore::Explorer;
use super::packages::AnalysisStatus;
use super::strategy_parts as parts;
use super::widgets::StepIntro;
use crate::app::{AppState, Notice, PlanSession, Route, Undo};
use crate::formats::chart_path::PathStep;
use crate::model::{parse_chance, Package, PackageId, Step};
use crate::strategy::{num, plan_strategy, ready, Strategy};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// The strategy as computed, shared by pointer: a memo holding it compares by identity.
#[derive(Clone)]
struct Shared(Arc<Result<Strategy, String>>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[component]
pub fn StrategyStep(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let explorer = Explorer::new(session);
    let strategy = RwSignal::new(None::<Shared>);
    // Recomputed after every change of the plan or its analysis, in a task of its own and
    // after a short pause, so typing a target stays smooth; only the latest request runs.
    let ticket = StoredValue::new(0u64);
    Effect::new(move |_| {
        let current = explorer.current.get();
        let blocked = plan.with(|p| ready(p).err());
        ticket.update_value(|t| *t += 1);
        if let Some(why) = blocked {
            strategy.set(Some(Shared(Arc::new(Err(why)))));
            return;
        }
        let Some(current) = current else {
            return;
        };
        let mine = ticket.get_value();
        set_timeout(
            move || {
                if ticket.try_get_value() != Some(mine) {
                    return;
                }
                let Some(made) =
                    plan.try_with_untracked(|p| plan_strategy(p, &current.pp, &current.analysis))
                else {
                    return;
                };
                strategy.try_set(Some(Shared(Arc::new(made))));
            },
            Duration::from_millis(120),
        );
    });
    let ok = move || strategy.with(|s| s.as_ref().is_some_and(|s| s.0.is_ok()));
    let path = Memo::new(move |_| {
        strategy.with(|s| {
            let Some(Ok(s)) = s.as_ref().map(|s| &*s.0) else {
                return Vec::new();
            };
            s.steps
                .iter()
                .map(|c| PathStep {
                    tag: c.tag.clone(),
                    name: c.label.clone(),
                    values: c.package.values.clone(),
                })
                .collect::<Vec<_>>()
        })
    });
    let save_offers = move |_| {
        let Some(Shared(s)) = strategy.get_untracked() else {
            return;
        };
        let Ok(s) = &*s else { return };
        let Ok(offers) = &s.mesos else { return };
        let name = "Opening offers".to_string();
        session.edit("save the opening offers", "", |p| {
            for (k, offer) in offers.iter().enumerate() {
                let id = PackageId::from_seq(p.take_seq());
                let mut pk = Package::new(
                    id,
                    format!("{name}: offer {}", k + 1),
                    offer.choices.clone(),
                );
                pk.group.clone_from(&name);
                pk.notes.clone_from(&offer.text);
                p.packages.push(pk);
            }
        });
        state.notice.set(Some(Notice {
            text: format!(
                "Saved {} opening offers as packages in “{name}”; the brief lists them as offers to present together.",
                offers.len()
            ),
            undo: Undo::Edit,
        }));
    };
    let issues_href = move || Route::Step(plan.with(|p| p.id.clone()), Step::Issues).to_hash();

    // The parts above and below the chart are rebuilt when the strategy changes; the
    // target's field and the chart stay, so typing and the drawing are not disturbed.
    let head = move || {
        strategy.with(|s| match s.as_ref().map(|s| &*s.0) {
            None => view! {
                <p class="hint">"The strategy appears here once the analysis is ready."</p>
            }
            .into_any(),
            Some(Err(why)) => {
                view! { <p class="empty-state" dir="auto">{why.clone()}</p> }.into_any()
            }
            Some(Ok(s)) => view! {
                {parts::numbers(s)}
                {parts::notes(s)}
                {parts::risk(s)}
            }
            .into_any(),
        })
    };
    let figures = move || {
        strategy.with(|s| {
            let Some(Ok(s)) = s.as_ref().map(|s| &*s.0) else {
                return ().into_any();
            };
            view! {
                <div class="strategy-figures">
                    {parts::figure(s, 4, "walk", "Walk-away", &s.walk_away, false, None)}
                    {s.target.as_ref().map(|t| parts::figure(s, 4, "target", "Target", t, false, None))}
                    {s.opening.as_ref().map(|o| parts::figure(s, 4, "opening", "Opening", o, true, None))}
                </div>
                {s.opening.is_some().then(|| view! {
                    <section class="strategy-part" aria-labelledby="mesos-heading">
                        <h3 id="mesos-heading">"Open with several offers"</h3>
                        <p class="hint">
                            "Offers worth about the same to us, as different as possible for them: which one they prefer shows what they care about, and no single offer anchors the talks."
                        </p>
                        {parts::mesos(s)}
                        {s.mesos.as_ref().is_ok_and(|o| o.len() > 1).then(|| view! {
                            <button class="save-offers" on:click=save_offers>"Save these offers as packages"</button>
                        })}
                    </section>
                })}
                {(!s.steps.is_empty()).then(|| view! {
                    <h3 id="concessions-heading">"Concession plan"</h3>
                    <p class="hint">
                        "From the opening to the target in shrinking steps, always on the frontier, asking for something each time; the squares on the chart below follow the same path."
                    </p>
                    {parts::steps(s)}
                })}
            }
            .into_any()
        })
    };
    let tail = move || {
        strategy.with(|s| {
            let Some(Ok(s)) = s.as_ref().map(|s| &*s.0) else {
                return ().into_any();
            };
            view! {
                <section class="strategy-part" aria-labelledby="agenda-heading">
                    <h3 id="agenda-heading">"Agenda"</h3>
                    {parts::agenda(s, 4)}
                </section>
                <section class="strategy-part" aria-labelledby="bets-heading">
                    <h3 id="bets-heading">"Contingent options"</h3>
                    <p class="hint">
                        "Where the sides expect different futures, an option “A if the event happens, else B” lets each side bet on its own forecast. "
                        <a href=issues_href>"Add one on the Issues step."</a>
                    </p>
                    {parts::bets(s)}
                </section>
            }
            .into_any()
        })
    };
    view! {
        <div class="strategy-step">
            <StepIntro step=Step::Strategy />
            <AnalysisStatus runner=explorer.runner />
            {head}
            <Show when=ok>
                <TargetControl session strategy />
            </Show>
            {figures}
            <Show when=move || path.with(|p| !p.is_empty())>
                <super::chart::OutcomeChart
                    session
                    runner=explorer.runner
                    bridge=explorer.bridge
                    path=path
                />
            </Show>
            {tail}
        </div>
    }
}

/// The target the user settles on: typed, or the suggestion taken with one click. An
/// empty field leaves the target to the suggestion (not yet settled).
#[component]
fn TargetControl(session: PlanSession, strategy: RwSignal<Option<Shared>>) -> impl IntoView {
    let plan = session.plan;
    let error = RwSignal::new(None::<String>);
    let suggested = move || {
        strategy.with(|s| match s.as_ref().map(|s| &*s.0) {
            Some(Ok(s)) => s.suggested_target,
            _ => None,
        })
    };
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if text.trim().is_empty() {
            error.set(None);
            session.edit("clear the target", "target", |p| p.strategy.target = None);
            return;
        }
        match parse_chance(&text) {
            Some(v) => {
                error.set(None);
                session.edit("set the target", "target", |p| p.strategy.target = Some(v));
            }
            None => error.set(Some(format!(
                "“{}” is not a value: type a number from 0 to 100.",
                text.trim()
            ))),
        }
    };
    let take = move |_| {
        if let Some(v) = suggested() {
            let v = (v * 10.0).round() / 10.0;
            session.edit("use the suggested target", "", |p| {
                p.strategy.target = Some(v)
            });
            error.set(None);
        }
    };
    // A memo: typing "77." leaves the target at 77, so the field is not rewritten under
    // the cursor.
    let target = Memo::new(move |_| plan.with(|p| p.strategy.target));
    let shown = move || target.get().map_or(String::new(), |t| format!("{t}"));
    view! {
        <section class="target-control" aria-labelledby="target-label">
            <label id="target-label" class="field-label" for="strategy-target">
                "Our target (our value, 0–100)"
            </label>
            <p class="hint" id="strategy-target-hint">
                {move || match (target.get(), suggested()) {
                    (None, Some(v)) => format!(
                        "Not settled yet: the plan below uses the suggestion, {}. Type your own, or take the suggestion.",
                        num(v)
                    ),
                    (Some(_), Some(v)) => format!("Settled. The suggestion is {}.", num(v)),
                    _ => String::new(),
                }}
            </p>
            <div class="target-row">
                <input
                    id="strategy-target"
                    type="text"
                    inputmode="decimal"
                    maxlength="6"
                    autocomplete="off"
                    aria-describedby="strategy-target-hint strategy-target-error"
                    placeholder=move || suggested().map(num).unwrap_or_default()
                    prop:value=shown
                    on:input=on_input
                    on:blur=move |_| session.seal()
                />
                <button class="take-suggestion" on:click=take>
                    {move || suggested().map_or("Use the suggestion".to_string(), |v| format!("Use the suggestion ({})", num(v)))}
                </button>
            </div>
            <p class="field-error" id="strategy-target-error" role="alert">{move || error.get()}</p>
        </section>
    }
}
