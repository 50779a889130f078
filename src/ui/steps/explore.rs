//! The value-creation tools of the packages step: the engine's verdict on each package with
//! its improvement applied in one click, the MESO builder, trades, the sensitivity of our
//! packages to our estimates, and the frontier as CSV. The engine's findings come as
//! sentences from `analysis::explain`; this module only wires them to the plan.

use super::fields::focus_soon;
use crate::analysis::explain::{self, MesoOffer, Verdict, PAGE_IMPROVE_BUDGET};
use crate::analysis::plan::PlanProblem;
use crate::analysis::{trades, Analysis};
use crate::app::analysis::{AnalysisRunner, AnalysisState, SensitivityRunner, SensitivityState};
use crate::app::{AppState, Notice, PlanSession, Route, Undo};
use crate::model::readiness::analysis_blocker;
use crate::model::{IssueId, OptionId, Package, PackageId, Step};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The engine on the plan as it is now (for the outcome-space chart and the tools that
/// read the analysis), with the bridge that maps results back to plan ids. The engine runs
/// in slices (`app::analysis`) so a large plan never freezes the page.
pub fn plan_analysis(session: PlanSession) -> (AnalysisRunner, Memo<Option<PlanProblem>>) {
    let plan = session.plan;
    let runner = AnalysisRunner::new();
    // What stops the analysis, named with its place (`model::readiness`).
    let blocker = Memo::new(move |_| plan.with(analysis_blocker));
    let bridge = Memo::new(move |_| {
        blocker
            .with(Option::is_none)
            .then(|| plan.with(PlanProblem::from_plan))
    });
    Effect::new(move |_| {
        bridge.with(|b| match b {
            Some(pp) => runner.request(&pp.problem),
            None => runner.cancel(&blocker.get_untracked().unwrap_or_default()),
        })
    });
    (runner, bridge)
}

/// A package is fragile when fewer than this share of plausible variations of our
/// estimates leave it acceptable to every counterpart.
pub const FRAGILE_BELOW: f64 = 0.7;

/// The analysis of the plan as it is now, with the bridge that maps it back to plan ids.
#[derive(Clone)]
pub struct Current {
    pub analysis: Arc<Analysis>,
    pub pp: Arc<PlanProblem>,
}

impl PartialEq for Current {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.analysis, &other.analysis) && self.pp == other.pp
    }
}

/// Everything the packages step's analysis views share.
#[derive(Clone, Copy)]
pub struct Explorer {
    pub runner: AnalysisRunner,
    pub bridge: Memo<Option<PlanProblem>>,
    /// Set only when the finished analysis belongs to the current plan: while a new one
    /// runs, views show nothing stale.
    pub current: Memo<Option<Current>>,
    pub sensitivity: SensitivityRunner,
}

impl Explorer {
    /// Starts the engine on the plan and keeps it (and the sensitivity run) up to date.
    pub fn new(session: PlanSession) -> Explorer {
        let plan = session.plan;
        let (runner, bridge) = plan_analysis(session);
        let current = Memo::new(move |_| {
            let AnalysisState::Ready(analysis) = runner.state.get() else {
                return None;
            };
            bridge.with(|b| {
                b.as_ref()
                    .filter(|pp| pp.problem.fingerprint() == analysis.fingerprint)
                    .map(|pp| Current {
                        analysis: analysis.clone(),
                        pp: Arc::new(pp.clone()),
                    })
            })
        });
        let sensitivity = SensitivityRunner::new();
        Effect::new(move |_| {
            let Some(c) = current.get() else {
                sensitivity.clear();
                return;
            };
            let packages: Vec<(PackageId, Vec<usize>)> = plan.with(|p| {
                p.packages
                    .iter()
                    .filter_map(|pk| {
                        let idx =
                            c.pp.package_indices(pk)
                                .into_iter()
                                .collect::<Option<_>>()?;
                        Some((pk.id.clone(), idx))
                    })
                    .collect()
            });
            sensitivity.request(&c.pp.problem, packages);
        });
        Explorer {
            runner,
            bridge,
            current,
            sensitivity,
        }
    }

    /// The same explorer, whose analysis reaches its views one task after the step's own:
    /// the tools below the package list (MESOs, trades, the frontier export) then work out
    /// their findings in a task of their own, not in the one that draws the chart and cards.
    pub fn later(self) -> Explorer {
        let current = self.current;
        let lagged = RwSignal::new(current.get_untracked());
        Effect::new(move |_| {
            let c = current.get();
            set_timeout(
                move || {
                    // `try_`: the step may be gone by then.
                    let _ = lagged.try_set(c);
                },
                std::time::Duration::ZERO,
            );
        });
        Explorer {
            current: Memo::new(move |_| lagged.get()),
            ..self
        }
    }

    /// The share of samples in which package `id` is acceptable to each counterpart
    /// (party index, share) and to all of them; `None` until the run has finished.
    pub fn chances(&self, id: &PackageId) -> Option<(Vec<(usize, f64)>, f64)> {
        let SensitivityState::Ready(done) = self.sensitivity.state.get() else {
            return None;
        };
        let (ids, report) = &*done;
        let k = ids.iter().position(|x| x == id)?;
        let entry = report.packages.get(k)?;
        let us = self
            .current
            .with(|c| c.as_ref().and_then(|c| c.pp.problem.us));
        let per: Vec<(usize, f64)> = entry
            .acceptable
            .iter()
            .copied()
            .enumerate()
            .filter(|(p, _)| Some(*p) != us)
            .collect();
        Some((per, entry.acceptable_to_all))
    }
}

/// A favourite acceptable to every counterpart in less than `FRAGILE_BELOW` of the samples:
/// warned about at the top of the step and on its card.
fn fragile(favourite: bool, acceptable_to_all: f64) -> bool {
    favourite && acceptable_to_all < FRAGILE_BELOW
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Below a package's values: whether it is on the frontier and, if not, the improvement
/// with a button that applies it (one undo step).
#[component]
pub fn PackageVerdict(
    session: PlanSession,
    explorer: Explorer,
    id: PackageId,
    /// The package's choices and favourite flag, the card's memos: edits elsewhere in
    /// the plan (renaming the package, too) neither search again nor rebuild the text.
    choices: Memo<Option<BTreeMap<IssueId, OptionId>>>,
    favourite: Memo<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = StoredValue::new(id);
    // Each package's improvement search runs in its own task once the analysis is ready,
    // so a plan with many packages never blocks the page for the sum of their searches.
    let input = Memo::new(move |_| Some((explorer.current.get()?, choices.get()?)));
    let verdict = RwSignal::new(None::<Verdict>);
    let ticket = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some((current, choices)) = input.get() else {
            verdict.set(None);
            return;
        };
        ticket.update_value(|t| *t += 1);
        let mine = ticket.get_value();
        set_timeout(
            move || {
                // Skipped when the card is gone or a newer input replaced this one.
                if ticket.try_get_value() == Some(mine) {
                    let package = Package::new(id.get_value(), String::new(), choices);
                    verdict.try_set(Some(explain::verdict(
                        &current.pp,
                        &current.analysis,
                        &package,
                        PAGE_IMPROVE_BUDGET,
                    )));
                }
            },
            std::time::Duration::ZERO,
        );
    });
    let apply = move |choices| {
        let mut name = String::new();
        session.edit("apply an improvement", "", |p| {
            if let Some(pk) = p.packages.iter_mut().find(|x| x.id == id.get_value()) {
                pk.choices = choices;
                name.clone_from(&pk.name);
            }
        });
        state.notice.set(Some(Notice {
            text: format!("Improved “{name}”. Undo brings back its old choices."),
            undo: Undo::Edit,
        }));
    };
    move || {
        let chances = explorer.chances(&id.get_value());
        let sensitivity = chances.map(|(per, all)| {
            let name = |k: usize| {
                explorer.current.with(|c| {
                    c.as_ref()
                        .map(|c| c.pp.problem.party_name(k))
                        .unwrap_or_default()
                })
            };
            let text = match per.as_slice() {
                [(k, _)] => format!(
                    "Acceptable to {} in {} of plausible variations of our estimates.",
                    name(*k),
                    percent(all)
                ),
                _ => format!(
                    "Acceptable to every counterpart in {} of plausible variations of our estimates ({}).",
                    percent(all),
                    per.iter()
                        .map(|(k, share)| format!("{} {}", name(*k), percent(*share)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let fragile = fragile(favourite.get(), all);
            view! {
                <p class="chances" class:fragile=fragile>
                    {fragile.then_some("Fragile favourite. ")}
                    <span dir="auto">{text}</span>
                </p>
            }
        });
        let verdict = match verdict.get() {
            Some(Verdict::Efficient) => Some(
                view! {
                    <p class="verdict efficient">
                        "On the frontier: no other package is better for one side without being worse for another."
                    </p>
                }
                .into_any(),
            ),
            Some(Verdict::Improvable { text, choices, fewest_changes }) => {
                let choices = StoredValue::new(choices);
                Some(
                    view! {
                        <div class="verdict improvable">
                            <p>
                                <strong>"Leaves value on the table. "</strong>
                                <span dir="auto">{text}</span>
                                {(!fewest_changes)
                                    .then_some(" (The search stopped at its limit: fewer changes may do.)")}
                            </p>
                            <button on:click=move |_| apply(choices.get_value())>
                                "Apply this improvement"
                            </button>
                        </div>
                    }
                    .into_any(),
                )
            }
            _ => None,
        };
        view! {
            {verdict}
            {sensitivity}
        }
    }
}

/// The favourites that the sensitivity run found fragile, named at the top of the step.
#[component]
pub fn FragileWarning(session: PlanSession, explorer: Explorer) -> impl IntoView {
    let plan = session.plan;
    let favourites = Memo::new(move |_| {
        plan.with(|p| {
            p.packages
                .iter()
                .filter(|x| x.favourite)
                .map(|x| (x.id.clone(), x.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    move || {
        let fragile: Vec<String> = favourites
            .get()
            .into_iter()
            .filter_map(|(id, name)| {
                let (_, all) = explorer.chances(&id)?;
                fragile(true, all).then(|| format!("“{name}” ({})", percent(all)))
            })
            .collect();
        (!fragile.is_empty()).then(|| {
            view! {
                <p class="fragile-warning" role="alert">
                    <strong>"Fragile: "</strong>
                    <span dir="auto">{explain::list(&fragile)}</span>
                    {format!(
                        " stay{} acceptable to every counterpart in less than {} of plausible variations of our estimates. Firm up those estimates (Fact-finding) or prepare a fallback.",
                        if fragile.len() == 1 { "s" } else { "" },
                        percent(FRAGILE_BELOW),
                    )}
                </p>
            }
        })
    }
}

/// Progress of the sensitivity run, in a line, with what the numbers mean.
#[component]
pub fn SensitivityStatus(explorer: Explorer) -> impl IntoView {
    move || {
        match explorer.sensitivity.state.get() {
        SensitivityState::Running { done, total } => Some(format!(
            "Testing the packages against our estimates… {done} of {total} variations."
        )),
        SensitivityState::Ready(done) => Some(format!(
            "Each package's chances come from {} variations of our estimates of the other side, wider where our confidence is lower. Mark a package as a favourite (☆) to be warned when it is fragile.",
            done.1.samples
        )),
        SensitivityState::Failed(why) => Some(format!("The sensitivity test could not run: {why}")),
        SensitivityState::Idle => None,
    }
    .map(|text| view! { <p class="hint sensitivity-status">{text}</p> })
    }
}

/// Sets of offers of equal value to us, to present together (MESOs).
#[component]
pub fn MesoBuilder(session: PlanSession, explorer: Explorer) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let target = RwSignal::new(String::new());
    let band = RwSignal::new("3".to_string());
    let count = RwSignal::new(3usize);
    let group = RwSignal::new(String::new());
    // The offers and the analysis they came from (its fingerprint): if the plan changes,
    // they are stale.
    type Generated = (u64, Result<Vec<MesoOffer>, String>);
    let result: RwSignal<Option<Generated>> = RwSignal::new(None);
    let nash_value = Memo::new(move |_| {
        explorer.current.with(|c| {
            let c = c.as_ref()?;
            let us = c.pp.problem.us?;
            c.analysis.points.nash.as_ref()?.values.get(us).copied()
        })
    });
    let generate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(c) = explorer.current.get_untracked() else {
            return;
        };
        let parse = |s: String| s.trim().replace(',', ".").parse::<f64>();
        let t = target.get_untracked();
        let t = if t.trim().is_empty() {
            Ok(None)
        } else {
            parse(t).map(Some)
        };
        let out = match (t, parse(band.get_untracked())) {
            (Ok(t), Ok(b)) => explain::meso_offers(&c.pp, &c.analysis, t, b, count.get_untracked()),
            _ => Err("The target and the band must be numbers, like 60 and 3.".into()),
        };
        if group.get_untracked().trim().is_empty() {
            let n = plan.with_untracked(|p| {
                let mut n = 1;
                while p
                    .packages
                    .iter()
                    .any(|x| x.group == format!("Offer set {n}"))
                {
                    n += 1;
                }
                n
            });
            group.set(format!("Offer set {n}"));
        }
        result.set(Some((c.analysis.fingerprint, out)));
    };
    let save = move |_| {
        let Some((_, Ok(offers))) = result.get_untracked() else {
            return;
        };
        let name = group.get_untracked().trim().to_string();
        let name = if name.is_empty() {
            "Offer set".to_string()
        } else {
            name
        };
        session.edit("save a set of offers", "", |p| {
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
        result.set(None);
        state.notice.set(Some(Notice {
            text: format!(
                "Saved {} offers as packages in “{name}”; the brief lists them as offers to present together.",
                offers.len()
            ),
            undo: Undo::Edit,
        }));
    };
    let party_names =
        move || plan.with(|p| p.parties.iter().map(|x| x.name.clone()).collect::<Vec<_>>());
    view! {
        <section class="explore-section meso" aria-labelledby="meso-heading">
            <h3 id="meso-heading">"Offers to present together (MESOs)"</h3>
            <p class="hint">
                "Several offers worth the same to us but different to them: their choice shows what they value, and no single offer anchors the talks."
            </p>
            <form class="meso-form" on:submit=generate>
                <label>
                    "Our value (0–100)"
                    <input
                        type="text"
                        inputmode="decimal"
                        id="meso-target"
                        placeholder=move || {
                            nash_value.get().map_or(String::new(), |v| format!("{v:.0} (Nash)"))
                        }
                        prop:value=target
                        on:input=move |ev| target.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    "Band ±"
                    <input
                        type="text"
                        inputmode="decimal"
                        id="meso-band"
                        prop:value=band
                        on:input=move |ev| band.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    "Offers"
                    <select
                        id="meso-count"
                        on:change=move |ev| count.set(event_target_value(&ev).parse().unwrap_or(3))
                    >
                        {(2..=5usize)
                            .map(|n| view! { <option value=n.to_string() selected=n == 3>{n}</option> })
                            .collect_view()}
                    </select>
                </label>
                <button type="submit" class="primary" disabled=move || explorer.current.with(Option::is_none)>
                    "Generate offers"
                </button>
            </form>
            {move || {
                let (key, out) = result.get()?;
                let stale = explorer.current.with(|c| c.as_ref().map(|c| c.analysis.fingerprint)) != Some(key);
                Some(match out {
                    Err(why) => view! { <p class="field-error" role="alert">{why}</p> }.into_any(),
                    Ok(offers) => {
                        let names = party_names();
                        let cards = offers
                            .iter()
                            .enumerate()
                            .map(|(k, o)| {
                                let values = names
                                    .iter()
                                    .zip(&o.values)
                                    .map(|(n, v)| view! { <li><span dir="auto">{n.clone()}</span>" "<b>{format!("{v:.1}")}</b></li> })
                                    .collect_view();
                                view! {
                                    <li class="meso-offer">
                                        <h4>{format!("Offer {}", k + 1)}</h4>
                                        <ul class="meso-values">{values}</ul>
                                        <p dir="auto">{o.text.clone()}</p>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            {stale.then(|| view! {
                                <p class="hint" role="status">"The plan changed since these offers were made. Generate them again before saving."</p>
                            })}
                            <ol class="meso-offers">{cards}</ol>
                            <div class="meso-save">
                                <label for="meso-group">"Name of the set"</label>
                                <input
                                    id="meso-group"
                                    type="text"
                                    dir="auto"
                                    maxlength="80"
                                    prop:value=group
                                    on:input=move |ev| group.set(event_target_value(&ev))
                                />
                                <button class="primary" on:click=save disabled=stale>
                                    "Save as packages"
                                </button>
                            </div>
                        }
                        .into_any()
                    }
                })
            }}
        </section>
    }
}

/// Logrolling suggestions: give where we care less and they care more.
#[component]
pub fn TradeList(session: PlanSession, explorer: Explorer) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let show_all = RwSignal::new(false);
    let list = Memo::new(move |_| {
        explorer.current.with(|c| {
            let Some(c) = c.as_ref() else {
                return Vec::new();
            };
            trades(&c.analysis.model)
                .iter()
                .map(|t| {
                    let issues = [t.take_issue, t.give_issue]
                        .map(|i| (c.pp.issues[i].clone(), c.pp.problem.issue_name(i)));
                    (explain::trade(&c.pp.problem, t), issues, t.mutual)
                })
                .collect::<Vec<_>>()
        })
    });
    let open_issue = move |issue: crate::model::IssueId| {
        let plan_id = plan.with_untracked(|p| p.id.clone());
        state.navigate(Route::Step(plan_id, Step::Issues));
        focus_soon(vec![format!("issue-{issue}-name")]);
    };
    const SHOWN: usize = 5;
    view! {
        <section class="explore-section trades" aria-labelledby="trades-heading">
            <h3 id="trades-heading">"Trades"</h3>
            {move || {
                let all = list.get();
                if explorer.current.with(Option::is_none) {
                    return view! { <p class="hint">"Trades appear when the analysis has run."</p> }.into_any();
                }
                if all.is_empty() {
                    return view! {
                        <p class="hint">"No trades: every party ranks the issues the same way, so there is nothing to swap."</p>
                    }
                    .into_any();
                }
                let total = all.len();
                let items = all
                    .into_iter()
                    .take(if show_all.get() { usize::MAX } else { SHOWN })
                    .map(|(text, issues, mutual)| {
                        let title = format!("{} for {}", issues[0].1, issues[1].1);
                        let links = issues
                            .into_iter()
                            .map(|(issue, name)| {
                                let issue = StoredValue::new(issue);
                                view! {
                                    <button class="small" on:click=move |_| open_issue(issue.get_value())>
                                        {format!("Open {name}")}
                                    </button>
                                }
                            })
                            .collect_view();
                        view! {
                            <li class:one-sided=!mutual>
                                <p class="trade-title" dir="auto"><strong>{title}</strong></p>
                                <p dir="auto">{text}</p>
                                <p class="trade-links">{links}</p>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <ul class="trade-list">{items}</ul>
                    {(total > SHOWN).then(|| view! {
                        <button on:click=move |_| show_all.update(|s| *s = !*s)>
                            {move || if show_all.get() { "Show fewer".to_string() } else { format!("Show all {total} trades") }}
                        </button>
                    })}
                }
                .into_any()
            }}
        </section>
    }
}

/// The frontier and marked packages as a CSV download.
#[component]
pub fn FrontierExport(session: PlanSession, explorer: Explorer) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let export = move |_| {
        let Some(c) = explorer.current.get_untracked() else {
            return;
        };
        let (csv, stem) = plan.with_untracked(|p| {
            (
                crate::formats::frontier_csv::export(p, &c.pp, &c.analysis),
                crate::ui::files::file_stem(&p.display_title()),
            )
        });
        let text =
            match crate::ui::files::download(&format!("{stem}-frontier.csv"), "text/csv", &csv) {
                Ok(()) => format!(
                    "Downloaded the frontier ({} packages) as CSV.",
                    c.analysis.frontier.len()
                ),
                Err(e) => format!("The frontier could not be downloaded: {e}."),
            };
        state.notice.set(Some(Notice::info(text)));
    };
    view! {
        <section class="explore-section export" aria-labelledby="frontier-export-heading">
            <h3 id="frontier-export-heading">"Frontier for other tools"</h3>
            <p class="hint">
                "The frontier, the reference packages and your packages as CSV: one row per package, with the option on every issue and every party's value."
            </p>
            <button on:click=export disabled=move || explorer.current.with(Option::is_none)>
                "Download the frontier (CSV)"
            </button>
        </section>
    }
}
