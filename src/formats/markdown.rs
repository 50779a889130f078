//! The preparation brief as a Markdown file, rendered from [`BriefData`].
//!
//! User text is escaped so it comes out literally in any CommonMark renderer: a party named
//! `*bold*` stays with its asterisks and `<script>` stays text, never HTML. Line breaks in a
//! field cannot break the document's structure: inline fields become one line, and multi-line
//! text (the context, notes) becomes one paragraph per line.

use super::brief::{
    estimate, number, priority_label, relation_label, BriefData, PackageLine, Reference, Section,
};
use crate::model::text::is_direction_control;
use crate::model::{Plan, QuestionStatus};
use std::fmt::Write;

/// The one-page brief of a plan, as Markdown.
pub fn brief(plan: &Plan) -> String {
    render(&BriefData::from_plan(plan))
}

/// Escapes user text for use inside a Markdown line: whitespace runs (newlines too) become
/// one space, control and direction characters go (see `model::text`), and every character that can start inline syntax or
/// HTML gets a backslash. `(`, `)` and `!` need none: they only matter after `[` or `]`,
/// which are escaped. A line-starting marker (`-`, `+`, `=`, `1.`) is escaped too, so the
/// result is also safe at the start of a line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word
            .chars()
            .filter(|&c| !c.is_control() && !is_direction_control(c))
        {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    escape_line_start(out)
}

/// Escapes what would make a line a list item, a setext underline or an ordered item.
fn escape_line_start(text: String) -> String {
    if text.starts_with(['-', '+', '=']) {
        return format!("\\{text}");
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && text[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    text
}

/// Multi-line user text: one escaped paragraph per non-empty line.
fn paragraphs(out: &mut String, text: &str) {
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(out, "{}\n", escape(line));
    }
}

fn heading(out: &mut String, level: usize, text: &str) {
    let _ = writeln!(out, "{} {}\n", "#".repeat(level), text);
}

pub fn render(b: &BriefData) -> String {
    let mut out = String::new();
    heading(
        &mut out,
        1,
        &format!("Preparation brief: {}", escape(&b.title)),
    );
    match &b.prepared_for {
        Some(us) => {
            let _ = writeln!(out, "*Prepared for {}.*\n", escape(us));
        }
        None => out.push_str("*Prepared by a neutral planner.*\n\n"),
    }
    paragraphs(&mut out, &b.context);

    for section in Section::ALL {
        heading(&mut out, 2, section.heading());
        match section {
            Section::Parties => parties(&mut out, b),
            Section::Interests => interests(&mut out, b),
            Section::Issues => issues(&mut out, b),
            Section::Packages => packages(&mut out, b),
            Section::Strategy => super::strategy_md::strategy_section(&mut out, &b.strategy),
            Section::Questions => questions(&mut out, b),
        }
        if section == Section::Packages {
            team(&mut out, b);
        }
    }
    // One trailing newline, whatever the last section wrote.
    let end = out.trim_end().len();
    out.truncate(end);
    out.push('\n');
    out
}

fn parties(out: &mut String, b: &BriefData) {
    if b.parties.is_empty() {
        let _ = writeln!(out, "{}\n", Section::Parties.empty());
        return;
    }
    for p in &b.parties {
        let us = if p.is_us { " (us)" } else { "" };
        let role = if p.role.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", escape(&p.role))
        };
        let _ = writeln!(out, "- **{}**{us}{role}", escape(&p.name));
        let batna = if p.batna.trim().is_empty() {
            "not recorded yet".to_string()
        } else {
            escape(&p.batna)
        };
        let _ = writeln!(out, "  - BATNA: {batna}");
        let _ = writeln!(out, "  - Reservation value: {}", estimate(p.reservation));
        if let Some(tree) = &p.tree {
            let _ = writeln!(out, "  - {}", escape(tree));
        }
    }
    out.push('\n');
}

fn interests(out: &mut String, b: &BriefData) {
    if b.interests.is_empty() {
        let _ = writeln!(out, "{}\n", Section::Interests.empty());
        return;
    }
    for party in &b.interests {
        heading(out, 3, &escape(&party.party));
        for i in &party.key {
            let why = if i.why.trim().is_empty() {
                String::new()
            } else {
                format!(" — {}", escape(&i.why))
            };
            let _ = writeln!(
                out,
                "- **{}:** {}{why}",
                priority_label(i.priority),
                escape(&i.statement)
            );
        }
        if party.more > 0 {
            let _ = writeln!(out, "- *…and {} more of lower priority.*", party.more);
        }
        out.push('\n');
    }
    if !b.links.is_empty() {
        heading(out, 3, "How the interests relate");
        for l in &b.links {
            let _ = writeln!(
                out,
                "- {}: {}: “{}” and {}: “{}”",
                relation_label(l.relation),
                escape(&l.a.0),
                escape(&l.a.1),
                escape(&l.b.0),
                escape(&l.b.1)
            );
        }
        out.push('\n');
    }
}

fn issues(out: &mut String, b: &BriefData) {
    if b.issues.is_empty() {
        let _ = writeln!(out, "{}\n", Section::Issues.empty());
        return;
    }
    for issue in &b.issues {
        heading(out, 3, &escape(&issue.name));
        paragraphs(out, &issue.description);
        let options = if issue.options.is_empty() {
            "none yet".to_string()
        } else {
            issue
                .options
                .iter()
                .map(|o| escape(o))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        let _ = writeln!(out, "- Options: {options}");
        for c in &issue.criteria {
            let source = if c.source.trim().is_empty() {
                String::new()
            } else {
                format!(" ({})", escape(&c.source))
            };
            let applies = if c.applies.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", escape(&c.applies))
            };
            let _ = writeln!(out, "- Criterion: {}{source}{applies}", escape(&c.standard));
        }
        out.push('\n');
    }
}

fn package(out: &mut String, title: &str, p: &PackageLine) {
    heading(
        out,
        3,
        &format!("{title} — joint value {}", number(p.joint)),
    );
    if !p.choices.is_empty() {
        let choices = p
            .choices
            .iter()
            .map(|(issue, option)| format!("{}: {}", escape(issue), escape(option)))
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writeln!(out, "{choices}.\n");
    }
    if !p.open_issues.is_empty() {
        let open = p
            .open_issues
            .iter()
            .map(|i| escape(i))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(out, "Still open: {open}.\n");
    }
    for v in &p.values {
        let _ = writeln!(
            out,
            "- {}: {} — {}",
            escape(&v.party),
            number(v.value),
            v.verdict()
        );
    }
    out.push('\n');
    paragraphs(out, &p.notes);
}

fn packages(out: &mut String, b: &BriefData) {
    if b.packages.is_empty() {
        let _ = writeln!(out, "{}\n", Section::Packages.empty());
    } else {
        out.push_str(
            "Ranked by joint value (the sum of every party's value, each on a 0–100 scale); \
             each value is compared with the party's reservation value.\n\n",
        );
        for (k, p) in b.packages.iter().enumerate() {
            package(out, &format!("{}. {}", k + 1, escape(&p.name)), p);
        }
        if b.more_packages > 0 {
            let _ = writeln!(out, "*{} more in the Packages step.*\n", b.more_packages);
        }
    }
    match &b.nash {
        Reference::Package { line, same_as } => {
            package(out, Reference::HEADING, line);
            let _ = writeln!(out, "{}\n", Reference::EXPLAIN);
            match same_as {
                Some(name) => {
                    let _ = writeln!(out, "Same choices as your package “{}”.\n", escape(name));
                }
                None => out.push_str("Not among your packages yet.\n\n"),
            }
        }
        other => {
            heading(out, 3, Reference::HEADING);
            let _ = writeln!(out, "{}\n", other.message().unwrap_or_default());
        }
    }
    if !b.groups.is_empty() {
        heading(out, 3, "Offers to present together");
        for (group, names) in &b.groups {
            let names = names
                .iter()
                .map(|n| escape(n))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(out, "- **{}:** {names}", escape(group));
        }
        out.push('\n');
    }
    if let Some(line) = &b.practice {
        heading(out, 3, "Practice");
        let _ = writeln!(out, "{}\n", escape(line));
    }
}

/// Only for a plan prepared as a team: what its members still disagree on.
fn team(out: &mut String, b: &BriefData) {
    let Some(t) = &b.team else {
        return;
    };
    heading(out, 2, t.heading);
    let _ = writeln!(out, "{}\n", escape(&t.members));
    for line in &t.open {
        let _ = writeln!(out, "- {}", escape(line));
    }
    if t.more > 0 {
        let _ = writeln!(out, "- and {} more", t.more);
    }
    if !t.open.is_empty() {
        out.push('\n');
    }
    for note in &t.notes {
        let _ = writeln!(out, "{}\n", escape(note));
    }
}

fn questions(out: &mut String, b: &BriefData) {
    heading(out, 3, "Open questions");
    if b.open_questions.is_empty() {
        let _ = writeln!(out, "{}\n", Section::Questions.empty());
    } else {
        for q in &b.open_questions {
            let mut line = format!("- {}", escape(&q.question));
            if q.status == QuestionStatus::Disputed {
                line.push_str(" **(disputed)**");
            }
            if !q.why.trim().is_empty() {
                let _ = write!(line, " — {}", escape(&q.why));
            }
            for (label, text) in [
                ("Who finds out", &q.owner),
                ("Source", &q.source),
                ("So far", &q.answer),
            ] {
                if !text.trim().is_empty() {
                    let _ = write!(line, " {label}: {}.", escape(text.trim_end_matches('.')));
                }
            }
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
    if !b.agreed.is_empty() {
        heading(out, 3, "Agreed facts");
        for q in &b.agreed {
            let answer = if q.answer.trim().is_empty() {
                "(answer not recorded)".to_string()
            } else {
                escape(&q.answer)
            };
            let _ = writeln!(out, "- {} **{answer}**", escape(&q.question));
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, supplier_contract, three_party, PlanId};

    fn id() -> PlanId {
        PlanId::parse("p1").unwrap()
    }

    #[test]
    fn a_team_brief_lists_the_disagreements_that_remain() {
        use crate::model::team::{Numbers, View};
        use crate::model::ViewId;
        let mut plan = sample_plan(id(), 0);
        assert!(
            !brief(&plan).contains("Team disagreements"),
            "a plan prepared alone"
        );
        let us = plan.parties[0].id.clone();
        let salary = plan.issues[0].id.clone();
        for (k, (member, w)) in [("Ana", 50.0), ("Ben", 20.0)].into_iter().enumerate() {
            let mut numbers = Numbers::default();
            numbers.weights.insert(salary.clone(), w);
            plan.team.views.push(View {
                id: ViewId::from_seq(100 + k as u64),
                member: member.into(),
                answered: 0,
                received: 0,
                note: String::new(),
                parties: [(us.clone(), numbers)].into_iter().collect(),
                interests: Vec::new(),
                options: Vec::new(),
            });
        }
        let md = brief(&plan);
        let team = md.find("## Team disagreements still open\n").expect(&md);
        assert!(md.find("## Best packages").unwrap() < team);
        assert!(team < md.find("## Fact-finding").unwrap());
        assert!(
            md.contains("Views of Ana and Ben.\n\n- Ana weighs Salary at 50, Ben at 20\n"),
            "{md}"
        );
        crate::team::choose::choose(
            &mut plan,
            &us,
            &crate::model::team::Place::Weight(salary),
            crate::model::team::Rule::Median,
        )
        .unwrap();
        let md = brief(&plan);
        assert!(md.contains("No disagreement remains"), "{md}");
        assert!(!md.contains("Ana weighs"), "{md}");
    }

    #[test]
    fn the_sample_brief_has_every_section_and_its_facts() {
        let md = brief(&sample_plan(id(), 0));
        assert!(
            md.starts_with("# Preparation brief: Example: a job offer\n"),
            "{md}"
        );
        for section in Section::ALL {
            assert!(
                md.contains(&format!("\n## {}\n", section.heading())),
                "{section:?}"
            );
        }
        for needle in [
            "*Prepared for Dana (candidate).*",
            "- **Dana (candidate)** (us): Senior engineer, receiving the offer",
            "  - BATNA: Stay in the current job: €78k, fully remote",
            "  - Reservation value: 45\n",
            "  - Reservation value: 40 (range 30–55)\n",
            "### Nimbus (hiring manager)\n",
            "- **High:** Earn clearly more than today — Moving only makes sense if it pays.",
            "- Conflicting: Dana (candidate): “Earn clearly more than today” and",
            "### Salary\n",
            "- Options: €85k · €90k · €95k\n",
            "- Criterion: Market rate for senior engineers in the city (Public salary survey): ",
            "### 1. Middle ground, more remote — joint value",
            "- Dana (candidate): 72.5 — ✓ beats 45\n",
            "### The engine's suggestion: the Nash bargaining package",
            "### Open questions\n",
            "- How many remote days do senior engineers at Nimbus actually take?",
            "Who finds out: Dana.",
        ] {
            assert!(md.contains(needle), "missing {needle:?} in\n{md}");
        }
        // Medium-priority interests come after the high ones.
        let high = md.find("Time at home with a young child").unwrap();
        let medium = md.find("Leave the current employer on good terms").unwrap();
        assert!(high < medium);
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
    }

    #[test]
    fn the_supplier_brief_lists_offers_to_present_together_and_agreed_facts() {
        let md = brief(&supplier_contract(id(), 0));
        for needle in [
            "### Offers to present together\n",
            "- **First meeting:** Lowest price for full commitment, Fast delivery for partial commitment",
            "### Agreed facts\n",
            "**Down 6% year on year.**",
            "- Verpa Packaging (supplier): ",
        ] {
            assert!(md.contains(needle), "missing {needle:?} in\n{md}");
        }
        // The dominated draft ranks last of the three.
        assert!(md.contains("### 3. Draft: short and flexible"), "{md}");
    }

    #[test]
    fn the_three_party_brief_names_every_party_and_the_disputed_question() {
        let md = brief(&three_party(id(), 0));
        for needle in [
            "- **Old Mill Residents' Association**: Speaks for about 600 households",
            "- Harbourline Developments: ",
            "**(disputed)**",
            "So far: Harbourline says 12%; the city's valuer says 9% is usual.",
        ] {
            assert!(md.contains(needle), "missing {needle:?} in\n{md}");
        }
    }

    #[test]
    fn a_batna_worked_out_as_a_tree_is_in_the_brief() {
        use crate::model::{BatnaTree, TreeAlternative, TreeOutcome};
        let mut plan = sample_plan(id(), 0);
        let outcome = |p: f64, v: f64| TreeOutcome {
            label: String::new(),
            probability: Some(p),
            value: Some(v),
        };
        plan.parties[0].batna_tree = Some(BatnaTree {
            alternatives: vec![TreeAlternative {
                name: "Stay *and* ask".into(),
                outcomes: vec![outcome(50.0, 70.0), outcome(50.0, 40.0)],
                ..Default::default()
            }],
            ..Default::default()
        });
        let md = brief(&plan);
        assert!(
            md.contains(
                "  - Worked out as a decision tree: expected value 55; 10th–90th percentile: \
                 40 to 70.\n"
            ),
            "{md}"
        );
        // An unfinished tree says nothing in the brief.
        plan.parties[0].batna_tree = Some(crate::elicit::tree::new_tree("Stay"));
        assert!(!brief(&plan).contains("decision tree"));
    }

    #[test]
    fn user_text_comes_out_literally() {
        assert_eq!(escape("*bold*"), "\\*bold\\*");
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape("[link](http://x)"), "\\[link\\](http://x)");
        assert_eq!(
            escape("a_b `c` # d | e ~f~ &amp; \\"),
            "a\\_b \\`c\\` \\# d \\| e \\~f\\~ \\&amp; \\\\"
        );
        assert_eq!(escape("line\none\r\n\ttwo"), "line one two");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("12. item"), "12\\. item");
        assert_eq!(escape("=== "), "\\===");
        assert_eq!(escape("Dana (candidate) 12-day"), "Dana (candidate) 12-day");
        assert_eq!(escape("مرحبا 👋"), "مرحبا 👋");
        assert_eq!(escape("a\u{0}b"), "ab");
    }

    #[test]
    fn hostile_names_cannot_become_markup_or_break_the_structure() {
        let mut plan = sample_plan(id(), 0);
        plan.title = "<img src=x onerror=alert(1)>".into();
        plan.notes = "# Not a heading\n\n- not a list\n<b>bold</b>".into();
        plan.parties[0].name = "*Dana*\n## injected".into();
        plan.issues[0].name = "Salary | [x](javascript:alert(1))".into();
        let md = brief(&plan);
        assert!(
            md.contains("# Preparation brief: \\<img src=x onerror=alert(1)\\>\n"),
            "{md}"
        );
        assert!(md.contains("\n\\# Not a heading\n"), "{md}");
        assert!(md.contains("\n\\- not a list\n"), "{md}");
        assert!(md.contains("\n\\<b\\>bold\\</b\\>\n"), "{md}");
        assert!(md.contains("- **\\*Dana\\* \\#\\# injected** (us)"), "{md}");
        assert!(
            md.contains("### Salary \\| \\[x\\](javascript:alert(1))\n"),
            "{md}"
        );
        // No unescaped angle bracket anywhere: nothing a renderer could take as HTML.
        let bytes = md.as_bytes();
        for (k, &c) in bytes.iter().enumerate() {
            if c == b'<' {
                assert!(k > 0 && bytes[k - 1] == b'\\', "unescaped < at {k}:\n{md}");
            }
        }
        // No line starts a heading except the brief's own.
        for line in md.lines().filter(|l| l.starts_with('#')) {
            let text = line.trim_start_matches('#').trim();
            assert!(
                !text.starts_with("injected") && !text.starts_with("Not a heading"),
                "{line}"
            );
        }
    }

    #[test]
    fn control_and_direction_characters_never_reach_the_file() {
        let mut plan = sample_plan(id(), 0);
        plan.title = "Deal\u{0}\u{7}\u{202E}fdp.exe".into();
        plan.notes = "line\u{1b}[31m one\r\nline \u{2067}two".into();
        plan.parties[1].name = "Nimbus\u{202D}".into();
        let md = brief(&plan);
        assert!(md.contains("# Preparation brief: Dealfdp.exe\n"), "{md}");
        let bad: Vec<char> = md
            .chars()
            .filter(|&c| (c.is_control() && c != '\n') || is_direction_control(c))
            .collect();
        assert_eq!(bad, Vec::<char>::new());
    }

    #[test]
    fn an_empty_new_plan_says_what_to_do_next() {
        let plan = Plan::new(id(), "", 0);
        let md = brief(&plan);
        assert!(md.starts_with("# Preparation brief: Untitled plan\n"));
        for needle in [
            "*Prepared for Us.*",
            "- **Us** (us)\n  - BATNA: not recorded yet\n  - Reservation value: 0\n",
            "No interests recorded yet.",
            "No issues recorded yet.",
            "No packages yet.",
            "Not available yet. The analysis needs at least one issue with options",
            "No open questions.",
        ] {
            assert!(md.contains(needle), "missing {needle:?} in\n{md}");
        }
        assert!(!md.contains("Agreed facts"));
        assert!(!md.contains("Offers to present together"));
    }
}
