//! The Agreement step: the record of how the talks ended (the agreed package, chosen from
//! a package or option by option, the date and notes; or no agreement and why), which sets
//! the plan's status; and its review (`crate::strategy::review`): the figures, questions to
//! bring back when a package is better for every side, how our offers followed the plan,
//! the lessons, and the review as Markdown.

use super::explore::Explorer;
use super::packages::AnalysisStatus;
use super::widgets::StepIntro;
use crate::analysis::plan::PlanProblem;
use crate::app::{AppState, Notice, PlanSession, Undo};
use crate::formats::strategy_md;
use crate::model::{Agreement, IssueId, OptionId, Outcome, Package, PackageId, PlanStatus, Step};
use crate::strategy::review::{review, Review};
use crate::ui::files;
use crate::ui::steps::fields::{text_field, Field};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

fn status_of(outcome: Outcome) -> PlanStatus {
    match outcome {
        Outcome::Agreed => PlanStatus::Agreed,
        Outcome::NoAgreement => PlanStatus::NoAgreement,
    }
}

#[component]
pub fn AgreementStep(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let explorer = Explorer::new(session);
    let outcome = Memo::new(move |_| plan.with(|p| p.agreement.as_ref().map(|a| a.outcome)));
    let record = move |o: Outcome| {
        let label = match o {
            Outcome::Agreed => "record the agreement",
            Outcome::NoAgreement => "record that there was no agreement",
        };
        session.edit(label, "", |p| {
            match &mut p.agreement {
                Some(a) => a.outcome = o,
                None => p.agreement = Some(Agreement::new(o)),
            }
            p.status = status_of(o);
        });
    };
    let clear = move |_| {
        session.edit("remove the record of the outcome", "", |p| {
            p.agreement = None;
            if matches!(p.status, PlanStatus::Agreed | PlanStatus::NoAgreement) {
                p.status = PlanStatus::Negotiating;
            }
        });
        state.notice.set(Some(Notice {
            text: "Removed the record of the outcome; the plan is back to “Negotiating”.".into(),
            undo: Undo::Edit,
        }));
    };
    let body = move || {
        match outcome.get() {
        None => view! {
            <div class="agreement-start">
                <p>"How did the talks end? The plan's status follows what you record."</p>
                <button class="primary" on:click=move |_| record(Outcome::Agreed)>
                    "Record the agreement"
                </button>
                <button on:click=move |_| record(Outcome::NoAgreement)>
                    "Record that there was no agreement"
                </button>
            </div>
        }
        .into_any(),
        Some(o) => view! {
            <section class="agreement-record" aria-labelledby="record-heading">
                <h3 id="record-heading">"The outcome"</h3>
                <fieldset class="segmented outcome">
                    <legend>"Outcome"</legend>
                    <div class="segments">
                        {[(Outcome::Agreed, "Agreed", "outcome-agreed"), (Outcome::NoAgreement, "No agreement", "outcome-none")]
                            .into_iter()
                            .map(|(value, label, id)| {
                                view! {
                                    <label class="segment" for=id>
                                        <input
                                            type="radio"
                                            name="outcome"
                                            id=id
                                            prop:checked=value == o
                                            on:change=move |_| record(value)
                                        />
                                        <span class="segment-label">{label}</span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <DateField session />
                {(o == Outcome::Agreed).then(|| view! { <DealPicker session /> })}
                {text_field(
                    session,
                    Field::new(
                        "agreement-notes",
                        if o == Outcome::Agreed { "Notes on the deal" } else { "Why there was no agreement" },
                        "edit the outcome's notes",
                    )
                    .multiline(),
                    |p| p.agreement.as_ref().map(|a| a.notes.clone()).unwrap_or_default(),
                    |p, v| {
                        if let Some(a) = &mut p.agreement {
                            a.notes = v;
                        }
                    },
                )}
                <button class="danger remove-record" on:click=clear>"Remove this record"</button>
            </section>
            <ReviewPanel session explorer />
        }
        .into_any(),
    }
    };
    view! {
        <div class="agreement-step">
            <StepIntro step=Step::Agreement />
            <AnalysisStatus runner=explorer.runner />
            {body}
        </div>
    }
}

/// The day the talks ended.
#[component]
fn DateField(session: PlanSession) -> impl IntoView {
    let plan = session.plan;
    let date = Memo::new(move |_| {
        plan.with(|p| {
            p.agreement
                .as_ref()
                .map(|a| a.date.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <label class="field-label" for="agreement-date">"Date"</label>
        <input
            id="agreement-date"
            type="date"
            prop:value=move || date.get()
            on:change=move |ev| {
                let v = event_target_value(&ev);
                session.edit("set the outcome's date", "", |p| {
                    if let Some(a) = &mut p.agreement {
                        a.date = v;
                    }
                });
            }
        />
    }
}

/// The agreed package: copied from one of the plan's packages, then option by option.
#[component]
fn DealPicker(session: PlanSession) -> impl IntoView {
    let plan = session.plan;
    let rows = Memo::new(move |_| {
        plan.with(|p| {
            p.issues
                .iter()
                .map(|i| {
                    (
                        i.id.clone(),
                        i.name.clone(),
                        i.options
                            .iter()
                            .map(|o| (o.id.clone(), o.label.clone()))
                            .collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let packages = Memo::new(move |_| {
        plan.with(|p| {
            p.packages
                .iter()
                .map(|x| (x.id.clone(), x.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let choices = Memo::new(move |_| {
        plan.with(|p| {
            p.agreement
                .as_ref()
                .map(|a| a.choices.clone())
                .unwrap_or_default()
        })
    });
    let copy = move |ev: leptos::ev::Event| {
        let id = PackageId(event_target_value(&ev));
        let Some((name, picked)) = plan.with_untracked(|p| {
            p.packages
                .iter()
                .find(|x| x.id == id)
                .map(|x| (x.name.clone(), x.choices.clone()))
        }) else {
            return;
        };
        session.edit(
            &format!("take the agreed options from “{name}”"),
            "",
            |p| {
                if let Some(a) = &mut p.agreement {
                    a.choices = picked;
                }
            },
        );
        super::fields::reset_value(&ev, "");
    };
    let choose = move |issue: IssueId, value: String| {
        session.edit("change an agreed option", "", |p| {
            if let Some(a) = &mut p.agreement {
                if value.is_empty() {
                    a.choices.remove(&issue);
                } else {
                    a.choices.insert(issue, OptionId(value));
                }
            }
        });
    };
    view! {
        <h4>"The agreed package"</h4>
        <Show when=move || packages.with(|p| !p.is_empty())>
            <label class="field-label" for="agreement-from">"Start from one of your packages"</label>
            <select id="agreement-from" on:change=copy>
                <option value="">"Pick a package"</option>
                {move || {
                    packages
                        .get()
                        .into_iter()
                        .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                        .collect_view()
                }}
            </select>
        </Show>
        <table class="deal-table">
            <tbody>
                {move || {
                    rows.get()
                        .into_iter()
                        .map(|(iid, name, options)| {
                            let id = format!("deal-{iid}");
                            let key = iid.clone();
                            let chosen = move || choices.with(|c| c.get(&key).map(|o| o.to_string()).unwrap_or_default());
                            let options = options
                                .into_iter()
                                .map(|(oid, label)| {
                                    let value = oid.to_string();
                                    let is = value.clone();
                                    let chosen = chosen.clone();
                                    view! { <option value=value selected=move || chosen() == is>{label}</option> }
                                })
                                .collect_view();
                            let none_chosen = chosen.clone();
                            view! {
                                <tr>
                                    <th scope="row"><label for=id.clone() dir="auto">{name}</label></th>
                                    <td>
                                        <select id=id on:change=move |ev| choose(iid.clone(), event_target_value(&ev))>
                                            <option value="" selected=move || none_chosen().is_empty()>"(not settled)"</option>
                                            {options}
                                        </select>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
}

/// The review of the recorded outcome, computed once the analysis of the plan is ready.
#[component]
fn ReviewPanel(session: PlanSession, explorer: Explorer) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    let made = RwSignal::new(None::<Arc<Review>>);
    let ticket = StoredValue::new(0u64);
    Effect::new(move |_| {
        let current = explorer.current.get();
        let blocked = plan.with(|p| crate::strategy::ready(p).is_err());
        ticket.update_value(|t| *t += 1);
        let mine = ticket.get_value();
        if !blocked && current.is_none() {
            return;
        }
        set_timeout(
            move || {
                if ticket.try_get_value() != Some(mine) {
                    return;
                }
                let r = plan.try_with_untracked(|p| match &current {
                    Some(c) => review(p, &c.pp, Some(&c.analysis)),
                    None => review(p, &PlanProblem::from_plan(p), None),
                });
                if let Some(r) = r {
                    made.try_set(Some(Arc::new(r)));
                }
            },
            Duration::from_millis(60),
        );
    });
    let add_question = move |k: usize| {
        let Some(r) = made.get_untracked() else {
            return;
        };
        let Some(q) = r.questions.get(k) else { return };
        let name = format!("To bring back: question {}", k + 1);
        session.edit("add a package to bring back", "", |p| {
            let id = PackageId::from_seq(p.take_seq());
            let mut pk = Package::new(id, name.clone(), q.choices.clone());
            pk.notes.clone_from(&q.text);
            p.packages.push(pk);
        });
        state.notice.set(Some(Notice {
            text: format!("Added “{name}” as a package."),
            undo: Undo::Edit,
        }));
    };
    let download = move |_| {
        let Some(r) = made.get_untracked() else {
            return;
        };
        let (text, title) =
            plan.with_untracked(|p| (strategy_md::review(p, &r), p.display_title().to_string()));
        let name = format!("{}.review.md", files::file_stem(&title));
        let text = match files::download(&name, "text/markdown;charset=utf-8", &text) {
            Ok(()) => format!("Downloaded “{name}”."),
            Err(e) => e,
        };
        state.notice.set(Some(Notice {
            text,
            undo: Undo::No,
        }));
    };
    let body = move || {
        let Some(r) = made.get() else {
            return view! { <p class="hint">"The review appears once the analysis is ready."</p> }
                .into_any();
        };
        let figures = r
            .figures
            .iter()
            .chain(&r.notes)
            .map(|f| view! { <li dir="auto">{f.clone()}</li> })
            .collect_view();
        let questions = (!r.questions.is_empty()).then(|| {
            let items = r
                .questions
                .iter()
                .enumerate()
                .map(|(k, q)| {
                    view! {
                        <li class="review-question">
                            <p dir="auto">{q.text.clone()}</p>
                            <button on:click=move |_| add_question(k)>"Add as a package to discuss"</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h4>"Better for both sides? Questions to bring back"</h4>
                <ol class="review-questions">{items}</ol>
            }
        });
        let log = (!r.log.is_empty()).then(|| {
            let items = r
                .log
                .iter()
                .map(|l| view! { <li dir="auto">{l.clone()}</li> })
                .collect_view();
            view! {
                <h4>"The talks against the plan"</h4>
                <ul class="review-log">{items}</ul>
            }
        });
        view! {
            <ul class="review-figures" class:off-frontier=r.on_frontier == Some(false)>{figures}</ul>
            {questions}
            {log}
        }
        .into_any()
    };
    view! {
        <section class="agreement-review" aria-labelledby="review-heading">
            <h3 id="review-heading">"Review"</h3>
            {body}
            {text_field(
                session,
                Field::new("agreement-lessons", "Lessons for next time", "edit the lessons").multiline(),
                |p| p.agreement.as_ref().map(|a| a.lessons.clone()).unwrap_or_default(),
                |p, v| {
                    if let Some(a) = &mut p.agreement {
                        a.lessons = v;
                    }
                },
            )}
            <button class="download-review" on:click=download>"Download the review (Markdown)"</button>
        </section>
    }
}
