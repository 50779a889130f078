//! The words of a rehearsal: the styles' names and descriptions, the counterpart's
//! messages (each derived from its move, never filler), and the lines that list a kept
//! rehearsal. Produced here so they are tested and compiled once; the step only shows them.

use super::counterpart::{Counterpart, Decision, Leave, Reply, TOUGH_PATIENCE};
use super::Style;
use crate::analysis::explain::list;
use crate::analysis::Problem;
use crate::model::RehearsalResult;

/// A style's name, as the step's choices and the debrief say it.
pub fn style_name(style: Style) -> &'static str {
    match style {
        Style::Tough => "Tough",
        Style::Steady => "Steady",
        Style::Accommodating => "Accommodating",
        Style::Mirror => "Mirror",
    }
}

/// A style in one line.
pub fn style_description(style: Style) -> &'static str {
    match style {
        Style::Tough => {
            "Concedes late, and may leave early if your offers stay below what it can accept."
        }
        Style::Steady => "Concedes at an even pace from its best deal toward its walk-away value.",
        Style::Accommodating => "Concedes early: moves quickly toward its walk-away value.",
        Style::Mirror => "Mirrors you: concedes as much as you do, and holds when you hold.",
    }
}

/// The "surprise me" choice.
pub const SURPRISE_NAME: &str = "Surprise me";
pub const SURPRISE_DESCRIPTION: &str = "One of the four at random; the debrief says which.";

/// "Salary: €90k; Start date: In 4 weeks; …" for a package; open issues are left out.
pub fn describe(problem: &Problem, package: &[Option<usize>]) -> String {
    package
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            Some(format!(
                "{}: {}",
                problem.issue_name(i),
                problem.option_label(i, (*o)?)
            ))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The same for a complete package.
pub fn describe_complete(problem: &Problem, package: &[usize]) -> String {
    let partial: Vec<Option<usize>> = package.iter().copied().map(Some).collect();
    describe(problem, &partial)
}

/// Issue names in lower case unless they look like names (all capitals or mixed inside),
/// so they read inside a sentence: "start date", but "VAT rate".
fn issue_in_sentence(problem: &Problem, issue: usize) -> String {
    let name = problem.issue_name(issue);
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return name;
    };
    let rest: String = chars.collect();
    if first.is_uppercase() && !rest.chars().any(char::is_uppercase) {
        first.to_lowercase().collect::<String>() + &rest
    } else {
        name
    }
}

/// "start date and remote days per week": issue names joined for a sentence.
fn issues_in_sentence(problem: &Problem, issues: &[usize]) -> String {
    let names: Vec<String> = issues
        .iter()
        .map(|&i| issue_in_sentence(problem, i))
        .collect();
    list(&names)
}

/// What the counterpart says with its reply to the user's `offer`, derived from the move:
/// whether the offer reached its reservation value, what it agrees to, where it moved since
/// its `previous` offer and where it asks the user to move.
pub fn reply_message(
    them: &Counterpart,
    reply: &Reply,
    offer: &[usize],
    previous: Option<&[usize]>,
    rounds: u32,
) -> String {
    let problem = &them.truth;
    // How much an issue's option is worth to the counterpart, for ordering and direction.
    let worth = |i: usize, o: usize| them.model.contribution(i, o, 1);
    let by_weight = |issues: &mut Vec<usize>| {
        crate::model::order::sort_by(issues, |&a, &b| {
            them.model
                .weight(1, b)
                .partial_cmp(&them.model.weight(1, a))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    };
    let mut parts: Vec<String> = Vec::new();
    match &reply.decision {
        Decision::Accept => {
            if previous == Some(offer) {
                parts.push("That is what we offered: we accept. We have a deal.".into());
            } else {
                parts.push("We accept: we have a deal.".into());
            }
        }
        Decision::WalkAway(Leave::Deadline) => parts.push(
            "Time is up, and your offer does not work for us. We will take our alternative.".into(),
        ),
        Decision::WalkAway(Leave::BelowTooLong) => parts.push(format!(
            "Your offers have stayed below what we can accept for {} rounds. We are leaving \
             the table.",
            reply.below_streak.max(TOUGH_PATIENCE)
        )),
        Decision::WalkAway(Leave::NothingAcceptable) => parts.push(
            "Nothing on the table is worth more to us than our alternative. We are leaving.".into(),
        ),
        Decision::Counter { package, last } => {
            if reply.below {
                parts.push(if reply.below_streak >= 2 {
                    "That is still below what we can accept.".into()
                } else {
                    "That is below what we can accept.".into()
                });
            }
            let n = package.len().min(offer.len());
            let mut apart: Vec<usize> = (0..n).filter(|&i| package[i] != offer[i]).collect();
            by_weight(&mut apart);
            match previous {
                None => {
                    let agree: Vec<usize> = (0..n).filter(|&i| package[i] == offer[i]).collect();
                    if !agree.is_empty() && !apart.is_empty() {
                        parts.push(format!(
                            "We can agree with you on {}.",
                            issues_in_sentence(problem, &agree)
                        ));
                    }
                    match apart.first() {
                        Some(&i) => parts.push(format!(
                            "On {} we need {}.",
                            issue_in_sentence(problem, i),
                            problem.option_label(i, package[i])
                        )),
                        None => parts.push("We propose the same package.".into()),
                    }
                }
                Some(prev) => {
                    let m = n.min(prev.len());
                    let mut gave: Vec<usize> = (0..m)
                        .filter(|&i| worth(i, package[i]) < worth(i, prev[i]) - 1e-9)
                        .collect();
                    let mut took: Vec<usize> = (0..m)
                        .filter(|&i| worth(i, package[i]) > worth(i, prev[i]) + 1e-9)
                        .collect();
                    by_weight(&mut gave);
                    by_weight(&mut took);
                    let ask: Vec<usize> = if took.is_empty() {
                        apart
                            .iter()
                            .copied()
                            .filter(|i| !gave.contains(i))
                            .take(1)
                            .collect()
                    } else {
                        took.clone()
                    };
                    match (gave.is_empty(), ask.is_empty()) {
                        (false, false) => parts.push(format!(
                            "We can move on {} if you can move on {}.",
                            issues_in_sentence(problem, &gave),
                            issues_in_sentence(problem, &ask)
                        )),
                        (false, true) => parts.push(format!(
                            "We have moved on {}.",
                            issues_in_sentence(problem, &gave)
                        )),
                        (true, _) if !took.is_empty() => parts.push(format!(
                            "You took back part of your last move, so we need more on {}.",
                            issues_in_sentence(problem, &took)
                        )),
                        (true, _) => {
                            parts.push("We cannot move further unless you do.".into());
                        }
                    }
                }
            }
            if *last {
                parts.push(if rounds <= 2 {
                    "This is our only offer: the next round is the last.".into()
                } else {
                    "This is our final offer.".into()
                });
            }
        }
    }
    parts.join(" ")
}

/// "Agreement in round 6: 68.0 for you (BATNA 45), 52.0 for them." — a kept rehearsal's
/// result for the list.
pub fn result_line(result: &RehearsalResult, our_batna: f64) -> String {
    if result.agreed {
        format!(
            "Agreement in round {}: {:.1} for you (BATNA {our_batna:.0}), {:.1} for them.",
            result.round, result.ours, result.theirs
        )
    } else {
        let who = match result.ended_by {
            crate::model::Side::Us => "you walked away",
            crate::model::Side::Them => "they walked away",
        };
        format!("No agreement: {who} in round {}.", result.round)
    }
}

/// "Mirror, 10 rounds, drawn within our estimates, seed 4056789123" — a kept rehearsal's
/// settings for the list (a surprise style is named only once it has ended).
pub fn settings_line(
    style: Style,
    surprise: bool,
    ended: bool,
    rounds: u32,
    as_estimated: bool,
    seed: u64,
) -> String {
    let style = match (surprise, ended) {
        (true, false) => "Surprise style".to_string(),
        (true, true) => format!("{} (a surprise)", style_name(style)),
        (false, _) => style_name(style).to_string(),
    };
    format!(
        "{style}, {rounds} rounds, {}, seed {seed}",
        if as_estimated {
            "exactly as estimated"
        } else {
            "drawn within our estimates"
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Side;

    #[test]
    fn result_lines_say_who_got_what() {
        let r = RehearsalResult {
            agreed: true,
            ended_by: Side::Them,
            round: 6,
            ours: 68.04,
            theirs: 52.0,
        };
        assert_eq!(
            result_line(&r, 45.0),
            "Agreement in round 6: 68.0 for you (BATNA 45), 52.0 for them."
        );
        let r = RehearsalResult {
            agreed: false,
            ended_by: Side::Us,
            round: 3,
            ours: 0.0,
            theirs: 0.0,
        };
        assert_eq!(
            result_line(&r, 45.0),
            "No agreement: you walked away in round 3."
        );
        assert_eq!(
            settings_line(Style::Mirror, true, false, 10, false, 7),
            "Surprise style, 10 rounds, drawn within our estimates, seed 7"
        );
        assert_eq!(
            settings_line(Style::Mirror, true, true, 10, true, 7),
            "Mirror (a surprise), 10 rounds, exactly as estimated, seed 7"
        );
    }

    #[test]
    fn every_style_has_a_name_and_a_line() {
        for s in Style::ALL {
            assert!(!style_name(s).is_empty());
            assert!(style_description(s).ends_with('.'));
        }
    }
}
