//! The Packages step in each member's view: one engine run per view (in slices, like the
//! plan's own, through `app::analysis`), and under every package a line on whether it is
//! good for us and on the frontier in each view ("Good for us in Ana's view, not in
//! Ben's."). The judgement and the words are `crate::team::views`'.

use crate::analysis::plan::PlanProblem;
use crate::analysis::Analysis;
use crate::app::analysis::{AnalysisRunner, AnalysisState};
use crate::app::PlanSession;
use crate::model::{IssueId, OptionId, Package, PackageId, Plan, Step, ViewId};
use crate::team::views::{judge, plan_in_view, verdict_lines};
use crate::team::words::possessive;
use crate::ui::erased::keyed_list;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One member's view, ready to judge packages in: the plan with their numbers, and the
/// engine's analysis of it once finished (`None` while it runs or when the view lacks
/// numbers the engine needs).
#[derive(Clone)]
pub struct ViewResult {
    pub member: String,
    pub plan: Arc<Plan>,
    pub analysis: Option<(Arc<PlanProblem>, Arc<Analysis>)>,
}

/// Every view's result, in the plan's view order, shared by the step's package cards.
#[derive(Clone, Copy)]
pub struct InViews {
    results: RwSignal<Vec<(ViewId, ViewResult)>>,
    order: Memo<Vec<ViewId>>,
}

impl InViews {
    pub fn new(session: PlanSession) -> InViews {
        let plan = session.plan;
        InViews {
            results: RwSignal::new(Vec::new()),
            order: Memo::new(move |_| {
                plan.with(|p| p.team.views.iter().map(|v| v.id.clone()).collect())
            }),
        }
    }

    fn sorted(&self) -> Vec<ViewResult> {
        let order = self.order.get();
        let results = self.results.get();
        order
            .iter()
            .filter_map(|id| {
                results
                    .iter()
                    .find(|(k, _)| k == id)
                    .map(|(_, r)| r.clone())
            })
            .collect()
    }
}

/// The per-view runs, with a status line each; nothing for a plan without views.
#[component]
pub fn ViewsStatus(session: PlanSession, in_views: InViews) -> impl IntoView {
    view! {
        <Show when=move || !in_views.order.with(Vec::is_empty)>
            <section class="in-views-status" aria-labelledby="in-views-heading">
                <h3 id="in-views-heading">"In each member's view"</h3>
                <p class="hint">
                    "Each package is also judged with each member's numbers (Team views): \
                     whether it is good for us and on the frontier in their view."
                </p>
                <ul>
                    {keyed_list(
                        move || in_views.order.get(),
                        |id| id.clone(),
                        move |id| view! { <ViewRun session in_views id /> },
                    )}
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn ViewRun(session: PlanSession, in_views: InViews, id: ViewId) -> impl IntoView {
    let plan = session.plan;
    let id = StoredValue::new(id);
    let runner = AnalysisRunner::new();
    let view_plan = Memo::new(move |_| {
        plan.with(|p| {
            let v = p.team.view(&id.get_value())?;
            Some((v.member.clone(), Arc::new(plan_in_view(p, v))))
        })
    });
    let bridge = Memo::new(move |_| {
        view_plan.with(|v| {
            let (_, vp) = v.as_ref()?;
            Step::Evaluate
                .is_complete(vp)
                .then(|| PlanProblem::from_plan(vp))
        })
    });
    Effect::new(move |_| {
        bridge.with(|b| match b {
            Some(pp) => runner.request(&pp.problem),
            None => runner.cancel("This view lacks weights or ratings the analysis needs."),
        })
    });
    Effect::new(move |_| {
        let Some((member, vp)) = view_plan.get() else {
            return;
        };
        let analysis = match runner.state.get() {
            AnalysisState::Ready(a) => bridge.with(|b| {
                b.as_ref()
                    .filter(|pp| pp.problem.fingerprint() == a.fingerprint)
                    .map(|pp| (Arc::new(pp.clone()), a.clone()))
            }),
            _ => None,
        };
        let result = ViewResult {
            member,
            plan: vp,
            analysis,
        };
        in_views.results.update(|r| {
            r.retain(|(k, _)| *k != id.get_value());
            r.push((id.get_value(), result));
        });
    });
    on_cleanup(move || {
        if let Some(id) = id.try_get_value() {
            in_views.results.try_update(|r| r.retain(|(k, _)| *k != id));
        }
    });
    let status = move || {
        let who = view_plan.with(|v| v.as_ref().map(|(m, _)| possessive(m)).unwrap_or_default());
        let state = match runner.state.get() {
            AnalysisState::Running { done, total } => {
                format!(
                    "analysing… {}%",
                    (done * 100).checked_div(total).unwrap_or(100)
                )
            }
            AnalysisState::Ready(_) => "analysed".to_string(),
            AnalysisState::Idle(why) | AnalysisState::Failed(why) => why,
        };
        format!("{who} view: {state}")
    };
    view! { <li class="in-view-run">{status}</li> }
}

/// Under a package: whether it is good for us and on the frontier in each member's view.
#[component]
pub fn PackageInViews(
    in_views: InViews,
    id: PackageId,
    choices: Memo<Option<BTreeMap<IssueId, OptionId>>>,
) -> impl IntoView {
    let id = StoredValue::new(id);
    let lines = RwSignal::new(Vec::<String>::new());
    let ticket = StoredValue::new(0u64);
    // Judged in a task of its own, as the plan's verdict is: a frontier check per view.
    Effect::new(move |_| {
        let results = in_views.sorted();
        let Some(choices) = choices.get() else {
            lines.set(Vec::new());
            return;
        };
        ticket.update_value(|t| *t += 1);
        let mine = ticket.get_value();
        set_timeout(
            move || {
                if ticket.try_get_value() != Some(mine) {
                    return;
                }
                let package = Package::new(id.get_value(), String::new(), choices);
                let judged: Vec<(String, _)> = results
                    .iter()
                    .map(|r| {
                        let analysis = r.analysis.as_ref().map(|(pp, a)| (&**pp, &**a));
                        (r.member.clone(), judge(&r.plan, &package, analysis))
                    })
                    .collect();
                lines.try_set(verdict_lines(&judged));
            },
            std::time::Duration::ZERO,
        );
    });
    move || {
        let l = lines.get();
        (!l.is_empty()).then(|| {
            view! {
                <div class="in-views">
                    {l.into_iter().map(|t| view! { <p dir="auto">{t}</p> }).collect_view()}
                </div>
            }
        })
    }
}
