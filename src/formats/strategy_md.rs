//! The strategy and the agreement's review as Markdown: the brief's "Strategy" section and
//! the review's file. The sentences come from `strategy`; this module only lays them out and
//! escapes the user's text (names and labels are inside those sentences, so every sentence
//! is escaped whole).

use super::markdown::escape;
use crate::model::{Outcome, Plan};
use crate::strategy::review::Review;
use crate::strategy::{num, Figure, Planned, Strategy};
use std::fmt::Write;

fn heading(out: &mut String, level: usize, text: &str) {
    let _ = writeln!(out, "{} {}\n", "#".repeat(level), text);
}

fn bullets(out: &mut String, items: &[String]) {
    for item in items {
        let _ = writeln!(out, "- {}", escape(item));
    }
    if !items.is_empty() {
        out.push('\n');
    }
}

/// "Price per 1,000 bags: €124; Delivery time: 10 days; …".
pub fn choices_line(p: &Planned) -> String {
    p.lines
        .iter()
        .map(|l| format!("{}: {}", l.issue, l.option))
        .collect::<Vec<_>>()
        .join("; ")
}

/// "us 77.0, Verpa 53.0".
pub fn values_line(names: &[String], us: usize, values: &[f64]) -> String {
    std::iter::once(format!(
        "us {}",
        num(values.get(us).copied().unwrap_or(0.0))
    ))
    .chain(
        names
            .iter()
            .enumerate()
            .filter(|(p, _)| *p != us)
            .map(|(p, n)| format!("{n} {}", num(values.get(p).copied().unwrap_or(0.0)))),
    )
    .collect::<Vec<_>>()
    .join(", ")
}

fn figure(out: &mut String, s: &Strategy, title: &str, f: &Figure, criteria: bool) {
    heading(out, 4, &format!("{title}: {}", num(f.value)));
    if let Some(p) = &f.package {
        let _ = writeln!(
            out,
            "{} ({}).\n",
            escape(&choices_line(p)),
            escape(&values_line(&s.names, s.us, &p.values))
        );
        if let Some(c) = &p.chances {
            let _ = writeln!(out, "{}\n", escape(&c.text));
        }
    }
    bullets(out, &f.reasons);
    if criteria {
        if let Some(p) = &f.package {
            out.push_str("Why each option is fair:\n\n");
            let items: Vec<String> = p
                .lines
                .iter()
                .map(|l| format!("{} — {}: {}", l.issue, l.option, l.criteria.join("; ")))
                .collect();
            bullets(out, &items);
        }
    }
}

/// The brief's "Strategy" section body (the heading is the brief's).
pub fn strategy_section(out: &mut String, strategy: &Result<Strategy, String>) {
    let s = match strategy {
        Ok(s) => s,
        Err(why) => {
            let _ = writeln!(out, "{}\n", escape(why));
            return;
        }
    };
    let numbers = std::iter::once(format!("walk-away {}", num(s.walk_away.value)))
        .chain(s.target.iter().map(|t| format!("target {}", num(t.value))))
        .chain(
            s.opening
                .iter()
                .map(|o| format!("opening {}", num(o.value))),
        )
        .collect::<Vec<_>>()
        .join(" · ");
    let _ = writeln!(out, "*Our value, 0–100: {numbers}.*\n");
    bullets(out, &s.notes);
    figure(out, s, "Walk-away", &s.walk_away, false);
    if let Some(t) = &s.target {
        figure(out, s, "Target", t, false);
    }
    if let Some(o) = &s.opening {
        figure(out, s, "Opening", o, true);
    }
    if s.opening.is_some() {
        heading(out, 4, "Opening offers of equal value");
        match &s.mesos {
            Ok(offers) => {
                for (k, o) in offers.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "{}. {} ({})",
                        k + 1,
                        escape(&o.text),
                        escape(&values_line(&s.names, s.us, &o.values))
                    );
                }
                out.push('\n');
            }
            Err(why) => {
                let _ = writeln!(out, "{}\n", escape(why));
            }
        }
    }
    if !s.steps.is_empty() {
        heading(out, 4, "Concession plan");
        for (k, c) in s.steps.iter().enumerate() {
            let chance = c
                .package
                .chances
                .as_ref()
                .map_or(String::new(), |c| format!(" {}", c.text));
            let _ = writeln!(
                out,
                "{}. **{}** ({}): {}{}",
                k + 1,
                escape(&c.label),
                escape(&values_line(&s.names, s.us, &c.package.values)),
                escape(&c.text),
                escape(&chance)
            );
        }
        let _ = writeln!(out, "\n**Walk-away:** {}\n", escape(&s.stop));
    }
    if let Some(risk) = &s.risk {
        let _ = writeln!(out, "**Risk:** {}\n", escape(risk));
    }
    heading(out, 4, "Agenda");
    let _ = writeln!(out, "{}\n", escape(&s.agenda.advice));
    for (k, a) in s.agenda.order.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. **{}** ({}): {}",
            k + 1,
            escape(&a.issue),
            a.kind.label(),
            escape(&a.reason)
        );
    }
    out.push('\n');
    if !s.agenda.questions.is_empty() {
        out.push_str("Questions to ask:\n\n");
        bullets(out, &s.agenda.questions);
    }
    out.push_str("Keep to ourselves:\n\n");
    bullets(out, &s.agenda.keep);
    if !s.bets.is_empty() || !s.bet_ideas.is_empty() {
        heading(out, 4, "Contingent options");
        let items: Vec<String> = s
            .bets
            .iter()
            .map(|b| b.text.clone())
            .chain(s.bet_ideas.iter().cloned())
            .collect();
        bullets(out, &items);
    }
}

/// The agreement's review as a Markdown file.
pub fn review(plan: &Plan, r: &Review) -> String {
    let mut out = String::new();
    heading(
        &mut out,
        1,
        &format!("Agreement review: {}", escape(&plan.display_title())),
    );
    let Some(a) = &plan.agreement else {
        out.push_str("No outcome recorded yet.\n");
        return out;
    };
    let date = if a.date.trim().is_empty() {
        String::new()
    } else {
        format!(" on {}", escape(a.date.trim()))
    };
    match r.outcome {
        Outcome::Agreed => {
            let _ = writeln!(out, "*Agreed{date}.*\n");
            heading(&mut out, 2, "The deal");
            for issue in &plan.issues {
                let chosen = a
                    .choices
                    .get(&issue.id)
                    .and_then(|o| issue.options.iter().find(|x| &x.id == o))
                    .map_or("(not recorded)".to_string(), |o| escape(&o.label));
                let _ = writeln!(out, "- {}: {chosen}", escape(&issue.name));
            }
            out.push('\n');
        }
        Outcome::NoAgreement => {
            let _ = writeln!(out, "*No agreement{date}.*\n");
        }
    }
    let notes_title = match r.outcome {
        Outcome::Agreed => "Notes",
        Outcome::NoAgreement => "Why there was no agreement",
    };
    if !a.notes.trim().is_empty() {
        heading(&mut out, 2, notes_title);
        for line in a.notes.lines().filter(|l| !l.trim().is_empty()) {
            let _ = writeln!(out, "{}\n", escape(line));
        }
    }
    heading(&mut out, 2, "Figures");
    bullets(&mut out, &r.figures);
    bullets(&mut out, &r.notes);
    if !r.questions.is_empty() {
        heading(
            &mut out,
            2,
            "Better for both sides? Questions to bring back",
        );
        for (k, q) in r.questions.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", k + 1, escape(&q.text));
        }
        out.push('\n');
    }
    if !r.log.is_empty() {
        heading(&mut out, 2, "The talks against the plan");
        bullets(&mut out, &r.log);
    }
    heading(&mut out, 2, "Lessons");
    if a.lessons.trim().is_empty() {
        out.push_str("None written yet.\n");
    } else {
        for line in a.lessons.lines().filter(|l| !l.trim().is_empty()) {
            let _ = writeln!(out, "{}\n", escape(line));
        }
    }
    let end = out.trim_end().len();
    out.truncate(end);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{supplier_contract, Agreement, PlanId};
    use crate::strategy::{review::review_for, strategy_for};

    #[test]
    fn the_strategy_section_has_every_part_and_escapes_user_text() {
        let mut plan = supplier_contract(PlanId::parse("p1").unwrap(), 0);
        plan.parties[1].name = "Verpa *bold* <b>".into();
        let mut out = String::new();
        strategy_section(&mut out, &strategy_for(&plan));
        for needle in [
            "*Our value, 0–100: walk-away 45.0 · target 77.0 · opening 84.0.*",
            "#### Walk-away: 45.0",
            "#### Target: 77.0",
            "#### Opening: 84.0",
            "Why each option is fair:",
            "#### Opening offers of equal value",
            "#### Concession plan",
            "1. **Opening** (us 84.0, Verpa \\*bold\\* \\<b\\> 44.0)",
            "**Walk-away:** Stop here.",
            "#### Agenda",
            "Keep to ourselves:",
            "#### Contingent options",
        ] {
            assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
        }
        assert!(!out.contains("<b>"));
        let mut neutral = plan.clone();
        neutral.perspective = crate::model::Perspective::Neutral;
        let mut out = String::new();
        strategy_section(&mut out, &strategy_for(&neutral));
        assert!(out.starts_with("A strategy is made for one side"), "{out}");
    }

    #[test]
    fn the_review_file_lists_the_deal_the_figures_the_questions_and_the_lessons() {
        let mut plan = supplier_contract(PlanId::parse("p1").unwrap(), 0);
        let mut a = Agreement::new(Outcome::Agreed);
        a.choices = plan.packages[0].choices.clone();
        a.date = "2025-05-28".into();
        a.lessons = "Ask about volume *first*.".into();
        plan.agreement = Some(a);
        let r = review_for(&plan).unwrap();
        let md = review(&plan, &r);
        for needle in [
            "# Agreement review: Example: a supplier contract",
            "*Agreed on 2025-05-28.*",
            "- Price per 1,000 bags: €130",
            "## Figures",
            "- Our value: ",
            "## Better for both sides? Questions to bring back",
            "1. Would you also prefer ",
            "## The talks against the plan",
            "Ask about volume \\*first\\*.",
        ] {
            assert!(md.contains(needle), "missing {needle:?} in:\n{md}");
        }
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
    }
}
