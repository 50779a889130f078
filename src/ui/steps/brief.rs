//! The Brief step: the one-page preparation brief on screen, ready to print, and as a
//! Markdown download. Both render the same [`BriefData`], computed once per plan change.

use super::widgets::StepIntro;
use crate::app::{AppState, Notice, PlanSession};
use crate::formats::brief::{
    estimate, number, priority_label, relation_label, BriefData, IssueLine, PackageLine,
    PartyValue, Reference, Section,
};
use crate::formats::markdown;
use crate::model::{Priority, Step};
use crate::ui::files;
use leptos::prelude::*;

#[component]
pub fn BriefStep(session: PlanSession) -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = session.plan;
    // Read-only view: rebuilt only when the plan changes (undo, another tab).
    let data = Memo::new(move |_| plan.with(BriefData::from_plan));

    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let download = move |_| {
        let text = data.with_untracked(markdown::render);
        let title = plan.with_untracked(|p| p.display_title().to_string());
        let name = format!("{}.brief.md", files::file_stem(&title));
        let result = files::download(&name, "text/markdown;charset=utf-8", &text);
        let text = match result {
            Ok(()) => format!("Downloaded “{name}”."),
            Err(e) => e,
        };
        state.notice.set(Some(Notice {
            text,
            undo: crate::app::Undo::No,
        }));
    };

    view! {
        <div class="brief-step">
            <StepIntro step=Step::Brief />
            <div class="brief-actions" role="group" aria-label="Use the brief">
                <button class="primary" on:click=print>"Print"</button>
                <button on:click=download>"Download as Markdown"</button>
            </div>
            {move || data.with(brief_view)}
        </div>
    }
}

fn brief_view(b: &BriefData) -> AnyView {
    let prepared = match &b.prepared_for {
        Some(us) => view! { "Prepared for " <span dir="auto">{us.clone()}</span> "." }.into_any(),
        None => view! { "Prepared by a neutral planner." }.into_any(),
    };
    let context = b
        .context
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| view! { <p dir="auto">{l.to_string()}</p> })
        .collect_view();
    view! {
        <article class="brief" aria-labelledby="brief-title">
            <header class="brief-head">
                <h3 id="brief-title">
                    "Preparation brief: " <span dir="auto">{b.title.clone()}</span>
                </h3>
                <p class="brief-for">{prepared}</p>
                <div class="brief-context">{context}</div>
            </header>
            {Section::ALL
                .into_iter()
                .map(|s| {
                    let body = match s {
                        Section::Parties => parties(b),
                        Section::Interests => interests(b),
                        Section::Issues => issues(b),
                        Section::Packages => packages(b),
                        Section::Strategy => super::strategy_parts::brief_section(&b.strategy),
                        Section::Questions => questions(b),
                    };
                    let id = format!("brief-{}", s.slug());
                    let labelledby = id.clone();
                    let team = (s == Section::Packages).then(|| team(b));
                    view! {
                        <section class="brief-section" aria-labelledby=labelledby>
                            <h4 id=id>{s.heading()}</h4>
                            {body}
                        </section>
                        {team}
                    }
                })
                .collect_view()}
        </article>
    }
    .into_any()
}

/// What the team still disagrees on; nothing for a plan prepared alone.
fn team(b: &BriefData) -> Option<AnyView> {
    let t = b.team.as_ref()?;
    let list = (!t.open.is_empty()).then(|| {
        let items = t
            .open
            .iter()
            .map(|l| view! { <li dir="auto">{l.clone()}</li> })
            .collect_view();
        let more = (t.more > 0).then(|| view! { <li>{format!("and {} more", t.more)}</li> });
        view! { <ul class="team-open">{items}{more}</ul> }
    });
    let notes = t
        .notes
        .iter()
        .map(|n| view! { <p>{n.clone()}</p> })
        .collect_view();
    Some(
        view! {
            <section class="brief-section brief-team" aria-labelledby="brief-team">
                <h4 id="brief-team">{t.heading}</h4>
                <p dir="auto">{t.members.clone()}</p>
                {list}
                {notes}
            </section>
        }
        .into_any(),
    )
}

fn empty(s: Section) -> AnyView {
    view! { <p class="empty-state">{s.empty()}</p> }.into_any()
}

fn parties(b: &BriefData) -> AnyView {
    if b.parties.is_empty() {
        return empty(Section::Parties);
    }
    // A card per party rather than a table: BATNAs are sentences, and a three-column table
    // squeezes them into a few words per line on a phone.
    let items = b
        .parties
        .iter()
        .map(|p| {
            let batna = if p.batna.trim().is_empty() {
                view! { <span class="missing">"Not recorded yet"</span> }.into_any()
            } else {
                view! { <span dir="auto">{p.batna.clone()}</span> }.into_any()
            };
            view! {
                <li class="brief-party">
                    <h5>
                        <span dir="auto">{p.name.clone()}</span>
                        {p.is_us.then(|| view! { " " <span class="tag">"us"</span> })}
                    </h5>
                    {(!p.role.trim().is_empty())
                        .then(|| view! { <p class="party-role" dir="auto">{p.role.clone()}</p> })}
                    <dl>
                        <dt>"BATNA"</dt>
                        <dd>{batna}</dd>
                        <dt>"Reservation value"</dt>
                        <dd class="num">{estimate(p.reservation)}</dd>
                    </dl>
                    {p.tree.clone().map(|t| view! { <p class="brief-tree">{t}</p> })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="brief-parties">{items}</ul> }.into_any()
}

fn priority_class(p: Priority) -> &'static str {
    match p {
        Priority::High => "prio prio-high",
        Priority::Medium => "prio prio-medium",
        Priority::Low => "prio prio-low",
    }
}

fn interests(b: &BriefData) -> AnyView {
    if b.interests.is_empty() {
        return empty(Section::Interests);
    }
    let columns = b
        .interests
        .iter()
        .map(|party| {
            let items = party
                .key
                .iter()
                .map(|i| {
                    view! {
                        <li>
                            <span class=priority_class(i.priority)>
                                {priority_label(i.priority)}
                            </span>
                            " "
                            <span dir="auto">{i.statement.clone()}</span>
                            {(!i.why.trim().is_empty())
                                .then(|| {
                                    view! {
                                        <span class="why">
                                            " — " <span dir="auto">{i.why.clone()}</span>
                                        </span>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view();
            let more = (party.more > 0).then(|| {
                view! {
                    <p class="more">{format!("…and {} more of lower priority.", party.more)}</p>
                }
            });
            view! {
                <div class="brief-party-interests">
                    <h5 dir="auto">{party.party.clone()}</h5>
                    <ul>{items}</ul>
                    {more}
                </div>
            }
        })
        .collect_view();
    let links = (!b.links.is_empty()).then(|| {
        let items = b
            .links
            .iter()
            .map(|l| {
                view! {
                    <li>
                        <span class=format!("relation {}", relation_label(l.relation).to_ascii_lowercase())>
                            {relation_label(l.relation)}
                        </span>
                        ": "
                        <span dir="auto">{l.a.0.clone()}</span>
                        ": “"
                        <span dir="auto">{l.a.1.clone()}</span>
                        "” and "
                        <span dir="auto">{l.b.0.clone()}</span>
                        ": “"
                        <span dir="auto">{l.b.1.clone()}</span>
                        "”"
                    </li>
                }
            })
            .collect_view();
        view! {
            <h5>"How the interests relate"</h5>
            <ul class="brief-links">{items}</ul>
        }
    });
    view! {
        <div class="brief-columns">{columns}</div>
        {links}
    }
    .into_any()
}

fn issue(i: &IssueLine) -> impl IntoView {
    let options = if i.options.is_empty() {
        view! { <span class="missing">"none yet"</span> }.into_any()
    } else {
        i.options
            .iter()
            .enumerate()
            .map(|(k, o)| {
                view! {
                    {(k > 0).then_some(" · ")}
                    <span class="option" dir="auto">{o.clone()}</span>
                }
            })
            .collect_view()
            .into_any()
    };
    let criteria = i
        .criteria
        .iter()
        .map(|c| {
            view! {
                <li>
                    <span class="label">"Criterion: "</span>
                    <span dir="auto">{c.standard.clone()}</span>
                    {(!c.source.trim().is_empty())
                        .then(|| {
                            view! {
                                " (" <span dir="auto" class="source">{c.source.clone()}</span> ")"
                            }
                        })}
                    {(!c.applies.trim().is_empty())
                        .then(|| view! { ": " <span dir="auto">{c.applies.clone()}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="brief-issue">
            <h5 dir="auto">{i.name.clone()}</h5>
            {(!i.description.trim().is_empty())
                .then(|| view! { <p class="description" dir="auto">{i.description.clone()}</p> })}
            <p class="options">
                <span class="label">"Options: "</span>
                {options}
            </p>
            <ul class="criteria">{criteria}</ul>
        </div>
    }
}

fn issues(b: &BriefData) -> AnyView {
    if b.issues.is_empty() {
        return empty(Section::Issues);
    }
    view! { <div class="brief-issues">{b.issues.iter().map(issue).collect_view()}</div> }.into_any()
}

fn verdict(v: &PartyValue) -> impl IntoView {
    let class = if v.beats() {
        "verdict beats"
    } else {
        "verdict below"
    };
    view! { <span class=class>{v.verdict()}</span> }
}

fn package(title: AnyView, p: &PackageLine, extra: Option<AnyView>) -> impl IntoView {
    let choices = p
        .choices
        .iter()
        .map(|(issue, option)| {
            view! {
                <li>
                    <span class="label" dir="auto">{issue.clone()}</span>
                    ": "
                    <span dir="auto">{option.clone()}</span>
                </li>
            }
        })
        .collect_view();
    let open = (!p.open_issues.is_empty()).then(|| {
        view! { <p class="open-issues">"Still open: " {p.open_issues.join(", ")}</p> }
    });
    let values = p
        .values
        .iter()
        .map(|v| {
            view! {
                <tr>
                    <th scope="row" dir="auto">{v.party.clone()}</th>
                    <td class="num">{number(v.value)}</td>
                    <td>{verdict(v)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="brief-package">
            <h5>
                {title} <span class="joint">{format!("joint value {}", number(p.joint))}</span>
            </h5>
            <ul class="choices">{choices}</ul>
            {open}
            <div class="table-wrap">
                <table class="values">
                    <thead>
                        <tr>
                            <th scope="col">"Party"</th>
                            <th scope="col" class="num">"Value"</th>
                            <th scope="col">"Reservation value"</th>
                        </tr>
                    </thead>
                    <tbody>{values}</tbody>
                </table>
            </div>
            {(!p.notes.trim().is_empty())
                .then(|| view! { <p class="notes" dir="auto">{p.notes.clone()}</p> })}
            {extra}
        </div>
    }
}

fn packages(b: &BriefData) -> AnyView {
    let intro = if b.packages.is_empty() {
        empty(Section::Packages)
    } else {
        view! {
            <p class="hint">
                "Ranked by joint value (the sum of every party's value, each 0–100); each value is \
                 compared with the party's reservation value."
            </p>
        }
        .into_any()
    };
    let ranked = b
        .packages
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let title = view! {
                {format!("{}. ", k + 1)}
                <span dir="auto">{p.name.clone()}</span>
            }
            .into_any();
            package(title, p, None)
        })
        .collect_view();
    let more = (b.more_packages > 0).then(|| {
        view! { <p class="more">{format!("{} more in the Packages step.", b.more_packages)}</p> }
    });
    let groups = (!b.groups.is_empty()).then(|| {
        let items = b
            .groups
            .iter()
            .map(|(group, names)| {
                view! {
                    <li>
                        <strong dir="auto">{group.clone()}</strong>
                        ": "
                        {names
                            .iter()
                            .enumerate()
                            .map(|(k, n)| {
                                view! {
                                    {(k > 0).then_some(", ")}
                                    <span dir="auto">{n.clone()}</span>
                                }
                            })
                            .collect_view()}
                    </li>
                }
            })
            .collect_view();
        view! {
            <h5>"Offers to present together"</h5>
            <ul class="brief-groups">{items}</ul>
        }
    });
    let nash = match &b.nash {
        Reference::Package { line, same_as } => {
            let same = match same_as {
                Some(name) => view! {
                    <p class="same-as">
                        "Same choices as your package “" <span dir="auto">{name.clone()}</span> "”."
                    </p>
                }
                .into_any(),
                None => view! { <p class="same-as">"Not among your packages yet."</p> }.into_any(),
            };
            let extra = view! {
                <p class="hint">{Reference::EXPLAIN}</p>
                {same}
            }
            .into_any();
            view! {
                <div class="brief-nash">
                    {package(view! { {Reference::HEADING} }.into_any(), line, Some(extra))}
                </div>
            }
            .into_any()
        }
        other => view! {
            <div class="brief-nash">
                <h5>{Reference::HEADING}</h5>
                <p class="empty-state">{other.message().unwrap_or_default()}</p>
            </div>
        }
        .into_any(),
    };
    // The engine's package sits with the plan's own, so they compare side by side.
    let practice = b.practice.clone().map(|line| {
        view! {
            <h5>"Practice"</h5>
            <p class="brief-practice">{line}</p>
        }
    });
    view! {
        {intro}
        <div class="brief-package-grid">{ranked} {nash}</div>
        {more}
        {groups}
        {practice}
    }
    .into_any()
}

fn questions(b: &BriefData) -> AnyView {
    let open = if b.open_questions.is_empty() {
        empty(Section::Questions)
    } else {
        let items = b
            .open_questions
            .iter()
            .map(|q| {
                let details = [
                    ("Who finds out", &q.owner),
                    ("Source", &q.source),
                    ("So far", &q.answer),
                ]
                .into_iter()
                .filter(|(_, text)| !text.trim().is_empty())
                .map(|(label, text)| {
                    view! {
                        " "
                        <span class="label">{label} ": "</span>
                        <span dir="auto">{text.clone()}</span>
                    }
                })
                .collect_view();
                view! {
                    <li>
                        <span class="question" dir="auto">{q.question.clone()}</span>
                        {(q.status == crate::model::QuestionStatus::Disputed)
                            .then(|| view! { " " <span class="tag disputed">"disputed"</span> })}
                        {(!q.why.trim().is_empty())
                            .then(|| {
                                view! {
                                    <span class="why">
                                        " — " <span dir="auto">{q.why.clone()}</span>
                                    </span>
                                }
                            })}
                        <span class="details">{details}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="brief-questions">{items}</ul> }.into_any()
    };
    let agreed = (!b.agreed.is_empty()).then(|| {
        let items = b
            .agreed
            .iter()
            .map(|q| {
                let answer = if q.answer.trim().is_empty() {
                    "(answer not recorded)".to_string()
                } else {
                    q.answer.clone()
                };
                view! {
                    <li>
                        <span dir="auto">{q.question.clone()}</span>
                        " "
                        <strong dir="auto">{answer}</strong>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h5>"Agreed facts"</h5>
            <ul class="brief-agreed">{items}</ul>
        }
    });
    view! {
        <h5>"Open questions"</h5>
        {open}
        {agreed}
    }
    .into_any()
}
