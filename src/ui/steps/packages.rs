//! Packages: compose packages one option per issue and compare them for every party, with
//! the engine's findings beside them (the value-creation tools live in `explore`).

use super::explore::{
    Explorer, FragileWarning, FrontierExport, MesoBuilder, PackageVerdict, SensitivityStatus,
    TradeList,
};
use super::offers::OfferLog;
use super::revealed::RevealedPanel;
use super::team_packages::{InViews, PackageInViews, ViewsStatus};
use super::widgets::StepIntro;
use crate::analysis::explain;
use crate::analysis::plan::{package_report, PackageReport};
use crate::app::analysis::{AnalysisRunner, AnalysisState};
use crate::app::{AppState, Notice, PlanSession};
use crate::model::{IssueId, OptionId, Package, PackageId, Plan, Step};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// How the package list is ordered.
#[derive(Clone, Copy, Debug, PartialEq)]
enum SortBy {
    Added,
    Joint,
    Party(usize),
}

impl SortBy {
    fn key(self) -> String {
        match self {
            SortBy::Added => "added".into(),
            SortBy::Joint => "joint".into(),
            SortBy::Party(k) => format!("party-{k}"),
        }
    }

    fn parse(s: &str) -> SortBy {
        match s {
            "joint" => SortBy::Joint,
            _ => s
                .strip_prefix("party-")
                .and_then(|k| k.parse().ok())
                .map_or(SortBy::Added, SortBy::Party),
        }
    }
}

/// Package ids in display order: by value (highest first) or as added.
fn ordered(plan: &Plan, sort: SortBy) -> Vec<PackageId> {
    if sort == SortBy::Added {
        // No values needed: this runs on every edit of the plan.
        return plan.packages.iter().map(|p| p.id.clone()).collect();
    }
    let mut rows: Vec<(PackageId, f64)> = plan
        .packages
        .iter()
        .map(|p| {
            let r = package_report(plan, p);
            let key = match sort {
                SortBy::Added => 0.0,
                SortBy::Joint => r.joint,
                SortBy::Party(k) => r.values.get(k).copied().unwrap_or(0.0),
            };
            (p.id.clone(), key)
        })
        .collect();
    if sort != SortBy::Added {
        rows.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    }
    rows.into_iter().map(|(id, _)| id).collect()
}

/// What a package card's choice table is built from: the issues and their options, without
/// the rest of the plan. Cards rebuild their selects only when this changes, so typing a
/// package's name or choosing an option does not rebuild every select of every card.
#[derive(Clone, PartialEq)]
struct IssueRow {
    id: IssueId,
    name: String,
    options: Vec<(OptionId, String)>,
}

fn issue_rows(plan: &Plan) -> Vec<IssueRow> {
    plan.issues
        .iter()
        .map(|i| IssueRow {
            id: i.id.clone(),
            name: i.name.clone(),
            options: i
                .options
                .iter()
                .map(|o| (o.id.clone(), o.label.clone()))
                .collect(),
        })
        .collect()
}

#[component]
pub fn PackagesStep(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let sort = RwSignal::new(SortBy::Added);
    let add = move |_| {
        let name = plan.with_untracked(|p| format!("Package {}", p.packages.len() + 1));
        session.edit("add a package", "", |p| {
            let id = PackageId::from_seq(p.take_seq());
            p.packages.push(Package::new(id, name, BTreeMap::new()));
        });
    };
    let explorer = Explorer::new(session);
    let runner = explorer.runner;
    let later = explorer.later();
    let in_views = InViews::new(session);
    let rows = Memo::new(move |_| plan.with(issue_rows));
    let shown = progressive_cards(plan);
    // The engine's reference packages, offered as packages to add.
    // One entry per package; reference points that coincide say so (`explain`).
    let suggestions = Memo::new(move |_| {
        explorer.current.with(|c| {
            c.as_ref()
                .map(|c| explain::suggestions(&c.pp, &c.analysis))
                .unwrap_or_default()
        })
    });
    let add_suggestion = move |label: String, choices: BTreeMap<IssueId, OptionId>| {
        session.edit("add a suggested package", "", |p| {
            let id = PackageId::from_seq(p.take_seq());
            p.packages.push(Package::new(id, &label, choices));
        });
        state.notice.set(Some(Notice {
            text: format!("Added “{label}” as a package."),
            undo: crate::app::Undo::No,
        }));
    };

    view! {
        <StepIntro step=Step::Packages />
        <div class="packages-controls">
            <button class="primary" on:click=add>"Add a package"</button>
            <label class="inline-label" for="package-sort">"Sort by"</label>
            <select
                id="package-sort"
                on:change=move |ev| sort.set(SortBy::parse(&event_target_value(&ev)))
            >
                <option value="added">"Order added"</option>
                <option value="joint">"Joint gain"</option>
                {move || {
                    plan.with(|p| {
                        p.parties
                            .iter()
                            .enumerate()
                            .map(|(k, party)| {
                                view! {
                                    <option value=SortBy::Party(k).key()>
                                        {format!("Value for {}", party.name)}
                                    </option>
                                }
                            })
                            .collect_view()
                    })
                }}
            </select>
        </div>
        <AnalysisStatus runner />
        <ViewsStatus session in_views />
        <super::chart::OutcomeChart session runner bridge=explorer.bridge />
        <FragileWarning session explorer />
        <Show when=move || !suggestions.with(Vec::is_empty)>
            <section class="suggestions" aria-labelledby="suggestions-heading">
                <h3 id="suggestions-heading">"Suggested by the analysis"</h3>
                <ul>
                    {move || {
                        suggestions
                            .get()
                            .into_iter()
                            .map(|s| {
                                let text = plan.with(|p| describe_choices(p, &s.choices));
                                let choices = StoredValue::new(s.choices);
                                let label = StoredValue::new(s.label.clone());
                                view! {
                                    <li>
                                        <strong>{s.label}</strong>
                                        ": "
                                        <span dir="auto">{text}</span>
                                        " "
                                        <button on:click=move |_| {
                                            add_suggestion(label.get_value(), choices.get_value())
                                        }>"Add as a package"</button>
                                        {s.note.map(|n| view! { <p class="hint same-package">{n}</p> })}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
        <Show
            when=move || plan.with(|p| !p.packages.is_empty())
            fallback=move || {
                view! {
                    <p class="empty-state">
                        {move || {
                            if plan.with(|p| p.issues.is_empty()) {
                                "Packages combine one option per issue. Add issues and options first (step 3), then come back."
                            } else {
                                "No packages yet. Press “Add a package” and pick an option for each issue."
                            }
                        }}
                    </p>
                }
            }
        >
            <ol class="package-list">
                <For
                    each=move || {
                        let mut ids = plan.with(|p| ordered(p, sort.get()));
                        ids.truncate(shown.get());
                        ids
                    }
                    key=|id| id.clone()
                    let:id
                >
                    <PackageCard session explorer in_views rows id />
                </For>
            </ol>
            <SensitivityStatus explorer />
        </Show>
        // Below the cards, mounted once they are all there (in a task of its own), and fed
        // the analysis one task after the chart and the cards.
        <Show when=move || shown.get() == usize::MAX>
            <div class="explore">
                <MesoBuilder session explorer=later />
                <TradeList session explorer=later />
                <OfferLog session />
                <RevealedPanel session />
                <FrontierExport session explorer=later />
            </div>
        </Show>
    }
}

/// Cards mounted in the task that opens the step; the rest follow one per task (a card of
/// 30 issues is hundreds of elements).
const FIRST_CARDS: usize = 1;
const CARDS_PER_TASK: usize = 1;

/// How many package cards are on the page. A card of 30 issues is hundreds of elements, and
/// mounting eight of them with the step made opening it one long task; so the step opens
/// with its first card and the others arrive one per task, each after the browser has
/// had a chance to paint and handle input. Once all are there, the limit is lifted, so a
/// package added later (or brought back by undo) appears at once.
fn progressive_cards(plan: RwSignal<Plan>) -> RwSignal<usize> {
    let shown = RwSignal::new(FIRST_CARDS);
    let total = Memo::new(move |_| plan.with(|p| p.packages.len()));
    Effect::new(move |_| {
        let n = shown.get();
        if n == usize::MAX {
            return;
        }
        if n >= total.get() {
            shown.set(usize::MAX);
            return;
        }
        set_timeout(
            // `try_`: the step may be gone by then.
            move || {
                shown.try_update(|n| *n = n.saturating_add(CARDS_PER_TASK));
            },
            std::time::Duration::ZERO,
        );
    });
    shown
}

/// Progress while the engine runs, with a way to stop it; why there is nothing to show.
#[component]
pub(super) fn AnalysisStatus(runner: AnalysisRunner) -> impl IntoView {
    move || {
        match runner.state.get() {
        AnalysisState::Running { done, total } => {
            let pct = (done * 100).checked_div(total).unwrap_or(100);
            view! {
                <p class="analysis-status" role="status">
                    <label for="analysis-progress">{format!("Analysing the packages… {pct}%")}</label>
                    <progress id="analysis-progress" max="100" value=pct></progress>
                    <button on:click=move |_| runner.cancel("Analysis stopped. Edit the plan to run it again.")>
                        "Stop"
                    </button>
                </p>
            }
            .into_any()
        }
        AnalysisState::Idle(why) if !why.is_empty() => {
            view! { <p class="hint analysis-status">{why}</p> }.into_any()
        }
        AnalysisState::Failed(why) => {
            view! { <p class="hint analysis-status">{format!("The analysis could not run: {why}")}</p> }
                .into_any()
        }
        _ => ().into_any(),
    }
    }
}

/// "Salary: €90k; Start date: In 4 weeks; …" for a set of choices.
fn describe_choices(plan: &Plan, choices: &BTreeMap<IssueId, OptionId>) -> String {
    plan.issues
        .iter()
        .filter_map(|i| {
            let o = i
                .options
                .iter()
                .find(|o| Some(&o.id) == choices.get(&i.id))?;
            Some(format!("{}: {}", i.name, o.label))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[component]
fn PackageCard(
    session: PlanSession,
    explorer: Explorer,
    in_views: InViews,
    rows: Memo<Vec<IssueRow>>,
    id: PackageId,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let id = StoredValue::new(id);
    let package = Memo::new(move |_| {
        plan.with(|p| p.packages.iter().find(|x| x.id == id.get_value()).cloned())
    });
    let choices = Memo::new(move |_| package.with(|p| p.as_ref().map(|p| p.choices.clone())));
    let favourite = Memo::new(move |_| package.with(|p| p.as_ref().is_some_and(|p| p.favourite)));
    let package = move || package.get();
    let report = Memo::new(move |_| {
        plan.with(|p| {
            p.packages
                .iter()
                .find(|x| x.id == id.get_value())
                .map(|x| package_report(p, x))
        })
    });
    let dom = move |suffix: &str| format!("pkg-{}-{suffix}", id.get_value());
    let remove = move |_| {
        let name = package().map(|p| p.name).unwrap_or_default();
        session.edit("remove a package", "", |p| {
            p.packages.retain(|x| x.id != id.get_value());
            // Offers of this package would dangle; they go with it (undo brings both back).
            p.offers.retain(|o| o.package != id.get_value());
        });
        state.notice.set(Some(Notice {
            text: format!("Removed “{name}”."),
            undo: crate::app::Undo::Edit,
        }));
    };
    let toggle_favourite = move |_| {
        session.edit("mark a favourite", "", |p| {
            if let Some(x) = p.packages.iter_mut().find(|x| x.id == id.get_value()) {
                x.favourite = !x.favourite;
            }
        });
    };
    let set_choice = move |issue: IssueId, value: String| {
        session.edit("choose an option", "", |p| {
            let Some(pk) = p.packages.iter_mut().find(|x| x.id == id.get_value()) else {
                return;
            };
            match p
                .issues
                .iter()
                .find(|i| i.id == issue)
                .and_then(|i| i.options.iter().find(|o| o.id.as_str() == value))
            {
                Some(o) => {
                    pk.choices.insert(issue, o.id.clone());
                }
                None => {
                    pk.choices.remove(&issue);
                }
            }
        });
    };
    view! {
        <li class="package-card">
            <div class="package-head">
                <label class="visually-hidden" for=move || dom("name")>"Package name"</label>
                <input
                    id=move || dom("name")
                    class="package-name"
                    type="text"
                    dir="auto"
                    maxlength="120"
                    prop:value=move || package().map(|p| p.name).unwrap_or_default()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        session
                            .edit(
                                "rename a package",
                                &format!("package-name-{}", id.get_value()),
                                |p| {
                                    if let Some(x) = p.packages.iter_mut().find(|x| x.id == id.get_value()) {
                                        x.name = v;
                                    }
                                },
                            );
                    }
                    on:blur=move |_| session.seal()
                />
                <button
                    class="favourite"
                    aria-pressed=move || favourite.get().to_string()
                    title="Favourite: a package you mean to propose or accept"
                    on:click=toggle_favourite
                >
                    {move || if favourite.get() { "★ Favourite" } else { "☆ Favourite" }}
                </button>
                <button class="danger" on:click=remove aria-label=move || {
                    format!("Remove {}", package().map(|p| p.name).unwrap_or_default())
                }>"Remove"</button>
            </div>
            <div class="package-body">
                <table class="package-choices">
                    <caption class="visually-hidden">"Options chosen per issue"</caption>
                    <tbody>
                        {move || {
                            // Built from the issues only; the selected option follows the
                            // package through each select's value.
                            rows.get()
                                .into_iter()
                                .map(|row| {
                                    let issue_id = StoredValue::new(row.id.clone());
                                    let value = move || {
                                        choices.with(|c| {
                                            c.as_ref()
                                                .and_then(|c| c.get(&issue_id.get_value()))
                                                .map(|o| o.to_string())
                                                .unwrap_or_default()
                                        })
                                    };
                                    let change = move |v| set_choice(issue_id.get_value(), v);
                                    choice_row(dom(&format!("issue-{}", row.id)), row, value, change)
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
                <div>
                    {move || report.get().map(|r| view! { <ReportView session report=r /> })}
                    <PackageVerdict session explorer id=id.get_value() choices favourite />
                    <PackageInViews in_views id=id.get_value() choices />
                </div>
            </div>
        </li>
    }
}

/// One issue's row of a package card: its name and a select of its options.
///
/// Chromium takes a fraction of a millisecond per `<option>` it inserts, and a step of many
/// cards holds hundreds of them (8 cards of 10 issues × 10 options: 880), which made
/// opening Packages one long task. So, until a select is first focused, it holds only what
/// it shows: "still open" and the chosen option. Focus comes first whichever way the user
/// reaches it (Tab, a click, a tap), and fills in the rest before the list can open or an
/// arrow key can move.
fn choice_row(
    select_id: String,
    row: IssueRow,
    value: impl Fn() -> String + Copy + Send + Sync + 'static,
    change: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let filled = RwSignal::new(false);
    let options = StoredValue::new(row.options);
    // `selected` is right when an option is inserted (the select's value is set before its
    // options exist); `prop:value` keeps it right after undo, redo or an applied improvement.
    // Once filled, the list no longer follows the value: `prop:value` does.
    let list = move || {
        let full = filled.get();
        let current = if full { untrack(value) } else { value() };
        let open = view! {
            <option value="" selected=current.is_empty()>"— still open —"</option>
        };
        let rest = options.with_value(|o| {
            o.iter()
                .filter(|(oid, _)| full || oid.as_str() == current)
                .map(|(oid, label)| {
                    let selected = oid.as_str() == current;
                    view! { <option value=oid.to_string() selected=selected>{label.clone()}</option> }
                })
                .collect_view()
        });
        (open, rest)
    };
    view! {
        <tr>
            <th scope="row">
                <label for=select_id.clone() dir="auto">{row.name}</label>
            </th>
            <td>
                <select
                    id=select_id
                    prop:value=value
                    on:focus=move |_| filled.set(true)
                    on:change=move |ev| change(event_target_value(&ev))
                >
                    {list}
                </select>
            </td>
        </tr>
    }
}

#[component]
fn ReportView(session: PlanSession, report: PackageReport) -> impl IntoView {
    let plan = session.plan;
    let values = plan.with_untracked(|p| {
        p.parties
            .iter()
            .zip(report.values.iter().zip(&report.beats_batna))
            .map(|(party, (v, beats))| {
                let rv = party.reservation.value;
                let beats = *beats;
                view! {
                    <li class:beats=beats class:below=!beats>
                        <span class="party-name" dir="auto">{party.name.clone()}</span>
                        <meter min="0" max="100" value=*v aria-hidden="true"></meter>
                        <span class="value">{format!("{v:.1}")}</span>
                        <span class="batna">
                            {if beats {
                                format!("beats BATNA ({rv:.0})")
                            } else {
                                format!("below BATNA ({rv:.0})")
                            }}
                        </span>
                    </li>
                }
            })
            .collect_view()
    });
    let name_of = move |id: &crate::model::InterestId| {
        plan.with_untracked(|p| {
            p.interests
                .iter()
                .find(|i| &i.id == id)
                .map(|i| {
                    let party = p
                        .party(&i.party)
                        .map(|x| x.name.clone())
                        .unwrap_or_default();
                    format!("{} ({party})", i.statement)
                })
                .unwrap_or_default()
        })
    };
    let serves: Vec<String> = report.serves.iter().map(name_of).collect();
    let misses: Vec<String> = report.misses.iter().map(name_of).collect();
    view! {
        <div class="package-report">
            <p class="joint">
                {format!("Joint value {:.1}", report.joint)}
                {(!report.complete).then_some(" · some issues are still open")}
            </p>
            <ul class="party-values" aria-label="Value for each party">
                {values}
            </ul>
            <details class="interests-served">
                <summary>
                    {format!("Serves {} interest(s), misses {}", serves.len(), misses.len())}
                </summary>
                <p class="hint">"Served:"</p>
                <ul>{serves.into_iter().map(|s| view! { <li dir="auto">{s}</li> }).collect_view()}</ul>
                <p class="hint">"Not served:"</p>
                <ul>{misses.into_iter().map(|s| view! { <li dir="auto">{s}</li> }).collect_view()}</ul>
            </details>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};

    #[test]
    fn sorting_orders_by_value_highest_first() {
        let mut plan = sample_plan(PlanId::parse("p1").unwrap(), 0);
        let mut low = plan.packages[0].clone();
        low.id = PackageId::from_seq(900);
        low.choices.clear();
        plan.packages.insert(0, low.clone());
        let first = plan.packages[1].id.clone();
        assert_eq!(
            ordered(&plan, SortBy::Added),
            vec![low.id.clone(), first.clone()]
        );
        assert_eq!(
            ordered(&plan, SortBy::Joint),
            vec![first.clone(), low.id.clone()]
        );
        assert_eq!(ordered(&plan, SortBy::Party(1)), vec![first, low.id]);
        assert_eq!(SortBy::parse(&SortBy::Party(2).key()), SortBy::Party(2));
    }
}
