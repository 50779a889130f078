//! Read-only views of a strategy, shared by the Strategy step and the brief's "Strategy"
//! section, so both show the same words (made in `crate::strategy`). `level` is the heading
//! level of the parts' own headings (the step's sections are `h3`, the brief's `h4`).

use crate::formats::strategy_md::{choices_line, values_line};
use crate::strategy::{num, Figure, Strategy};
use leptos::prelude::*;

/// A heading of the given level (3 to 5), with an optional id.
pub fn heading(level: u8, id: Option<String>, text: String) -> AnyView {
    match level {
        3 => view! { <h3 id=id>{text}</h3> }.into_any(),
        4 => view! { <h4 id=id>{text}</h4> }.into_any(),
        _ => view! { <h5 id=id>{text}</h5> }.into_any(),
    }
}

fn sentences(class: &'static str, items: &[String]) -> AnyView {
    let items = items
        .iter()
        .map(|t| view! { <li dir="auto">{t.clone()}</li> })
        .collect_view();
    view! { <ul class=class>{items}</ul> }.into_any()
}

/// "Walk-away 45.0 · Target 77.0 · Opening 84.0": the three numbers in one line.
pub fn numbers(s: &Strategy) -> AnyView {
    let item = |label: &'static str, class: &'static str, f: Option<&Figure>| {
        f.map(|f| {
            view! {
                <li class=class>
                    <span class="sn-label">{label}</span>
                    <span class="sn-value">{num(f.value)}</span>
                </li>
            }
        })
    };
    view! {
        <ul class="strategy-numbers" aria-label="Our value, 0–100">
            {item("Walk-away", "sn-walk", Some(&s.walk_away))}
            {item("Target", "sn-target", s.target.as_ref())}
            {item("Opening", "sn-opening", s.opening.as_ref())}
        </ul>
    }
    .into_any()
}

/// One of the three numbers: its value, the package that realises it (with the criteria
/// behind each option when `criteria`), the chances, and the reasons. `extra` goes after
/// the value (the target's control on the step).
pub fn figure(
    s: &Strategy,
    level: u8,
    slug: &'static str,
    title: &'static str,
    f: &Figure,
    criteria: bool,
    extra: Option<AnyView>,
) -> AnyView {
    let package = f.package.as_ref().map(|p| {
        let lines = p
            .lines
            .iter()
            .map(|l| {
                let why = criteria.then(|| {
                    view! { <span class="criteria" dir="auto">{l.criteria.join(" ")}</span> }
                });
                view! {
                    <li>
                        <span class="label" dir="auto">{l.issue.clone()}</span>
                        ": "
                        <span dir="auto">{l.option.clone()}</span>
                        {why}
                    </li>
                }
            })
            .collect_view();
        let chances = p
            .chances
            .as_ref()
            .map(|c| view! { <p class="chances" dir="auto">{c.text.clone()}</p> });
        view! {
            <p class="values" dir="auto">{values_line(&s.names, s.us, &p.values)}</p>
            <ul class="choices">{lines}</ul>
            {chances}
        }
    });
    view! {
        <section class=format!("figure figure-{slug}") aria-labelledby=format!("figure-{slug}")>
            {heading(level, Some(format!("figure-{slug}")), format!("{title}: {}", num(f.value)))}
            {extra}
            {package}
            {sentences("reasons", &f.reasons)}
        </section>
    }
    .into_any()
}

/// The offers of equal value at the opening, or why there are none.
pub fn mesos(s: &Strategy) -> AnyView {
    match &s.mesos {
        Ok(offers) => {
            let items = offers
                .iter()
                .map(|o| {
                    view! {
                        <li class="meso-offer">
                            <span dir="auto">{o.text.clone()}</span>
                            " "
                            <span class="values" dir="auto">
                                {format!("({})", values_line(&s.names, s.us, &o.values))}
                            </span>
                        </li>
                    }
                })
                .collect_view();
            view! { <ol class="strategy-mesos">{items}</ol> }.into_any()
        }
        Err(why) => view! { <p class="hint" dir="auto">{why.clone()}</p> }.into_any(),
    }
}

/// The concession plan as a list: each step's tag (as on the chart), values, move and
/// chances, then the stop at the walk-away.
pub fn steps(s: &Strategy) -> AnyView {
    let items = s
        .steps
        .iter()
        .map(|c| {
            let chances = c
                .package
                .chances
                .as_ref()
                .map(|x| view! { <p class="chances" dir="auto">{x.text.clone()}</p> });
            view! {
                <li class="concession" class:beyond=c.beyond_target>
                    <p class="concession-head">
                        <span class="step-tag" aria-hidden="true">{c.tag.clone()}</span>
                        <strong>{c.label.clone()}</strong>
                        " "
                        <span class="values" dir="auto">
                            {values_line(&s.names, s.us, &c.package.values)}
                        </span>
                    </p>
                    <p class="package" dir="auto">{choices_line(&c.package)}</p>
                    <p dir="auto">{c.text.clone()}</p>
                    {chances}
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="concessions">{items}</ol>
        <p class="stop">
            <strong>"Walk-away: "</strong>
            <span dir="auto">{s.stop.clone()}</span>
        </p>
    }
    .into_any()
}

/// The agenda: advice, the issues in order with why, the questions, what to keep.
pub fn agenda(s: &Strategy, level: u8) -> AnyView {
    let order = s
        .agenda
        .order
        .iter()
        .map(|a| {
            view! {
                <li>
                    <strong dir="auto">{a.issue.clone()}</strong>
                    " "
                    <span class=format!("kind kind-{}", a.kind.slug())>{a.kind.label()}</span>
                    <span class="reason" dir="auto">{a.reason.clone()}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <p dir="auto">{s.agenda.advice.clone()}</p>
        <ol class="agenda-order">{order}</ol>
        {(!s.agenda.questions.is_empty())
            .then(|| {
                view! {
                    {heading(level, None, "Questions to ask".into())}
                    {sentences("agenda-questions", &s.agenda.questions)}
                }
            })}
        {heading(level, None, "Keep to ourselves".into())}
        {sentences("agenda-keep", &s.agenda.keep)}
    }
    .into_any()
}

/// The plan's contingent options and ideas for new ones.
pub fn bets(s: &Strategy) -> AnyView {
    let items: Vec<String> = s
        .bets
        .iter()
        .map(|b| b.text.clone())
        .chain(s.bet_ideas.iter().cloned())
        .collect();
    if items.is_empty() {
        return view! {
            <p class="hint">
                "No contingent options, and no issue where the sides want opposite options."
            </p>
        }
        .into_any();
    }
    sentences("bets", &items)
}

/// The limits of the strategy (no zone of agreement, one issue, several counterparts).
pub fn notes(s: &Strategy) -> Option<AnyView> {
    (!s.notes.is_empty()).then(|| sentences("strategy-notes", &s.notes))
}

/// The risk warning, if any.
pub fn risk(s: &Strategy) -> Option<AnyView> {
    s.risk.as_ref().map(|r| {
        view! { <p class="strategy-risk" role="note" dir="auto">{r.clone()}</p> }.into_any()
    })
}

/// The whole strategy, read-only, for the brief.
pub fn brief_section(strategy: &Result<Strategy, String>) -> AnyView {
    let s = match strategy {
        Ok(s) => s,
        Err(why) => {
            return view! { <p class="empty-state" dir="auto">{why.clone()}</p> }.into_any()
        }
    };
    let opening_parts = s.opening.as_ref().map(|o| {
        view! {
            {figure(s, 5, "brief-opening", "Opening", o, true, None)}
            <h5>"Opening offers of equal value"</h5>
            {mesos(s)}
        }
    });
    view! {
        {numbers(s)}
        {notes(s)}
        {risk(s)}
        <div class="brief-figures">
            {figure(s, 5, "brief-walk", "Walk-away", &s.walk_away, false, None)}
            {s.target.as_ref().map(|t| figure(s, 5, "brief-target", "Target", t, false, None))}
        </div>
        {opening_parts}
        {(!s.steps.is_empty())
            .then(|| {
                view! {
                    <h5>"Concession plan"</h5>
                    {steps(s)}
                }
            })}
        <h5>"Agenda"</h5>
        {agenda(s, 5)}
        <h5>"Contingent options"</h5>
        {bets(s)}
    }
    .into_any()
}
