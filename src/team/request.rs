//! The teammate's side of a view request: what a request carries (told to the owner before
//! it is made), the plan a teammate fills in from it, and the answer that plan gives back.
//!
//! The teammate works in an ordinary plan of their own library (so their work is saved,
//! survives a reload and uses every step), marked with what it answers. The answer takes
//! from it only what a teammate may change: numbers for the ids the request carried, and
//! new interests and options as proposals. Renaming or removing what the request carried,
//! or adding parties or issues, stays in the teammate's browser; the answer panel says so.

use super::doc::{
    Answer, ProposedInterest, ProposedOption, Request, RequestInterest, RequestIssue,
    RequestOption, RequestParty, TeamError, ANSWER_FORMAT, REQUEST_FORMAT,
};
use super::words::{member_name, number};
use crate::analysis::explain::list;
use crate::model::cells::new_score;
use crate::model::team::{Answering, Numbers};
use crate::model::{
    Estimate, Interest, Issue, Millis, OptionItem, Party, PartyId, Perspective, Plan, PlanId,
    PlanStatus, Team,
};
use crate::persist::schema::SCHEMA_VERSION;
use std::collections::{BTreeMap, BTreeSet};

/// The plan's numbers for every party, as a view holds them.
pub fn plan_numbers(plan: &Plan) -> BTreeMap<PartyId, Numbers> {
    plan.parties
        .iter()
        .map(|p| {
            let numbers = Numbers {
                weights: p
                    .weights
                    .iter()
                    .map(|(k, s)| (k.clone(), s.value))
                    .collect(),
                ratings: p
                    .ratings
                    .iter()
                    .map(|(k, s)| (k.clone(), s.value))
                    .collect(),
                reservation: Some(p.reservation),
            };
            (p.id.clone(), numbers)
        })
        .collect()
}

/// A request for a teammate's view of `plan`, from `from` (the owner's name). The owner's
/// numbers go only when `with_numbers`. `id` tells requests apart.
pub fn make_request(
    plan: &Plan,
    from: &str,
    with_numbers: bool,
    id: String,
    now: Millis,
) -> Request {
    Request {
        format: REQUEST_FORMAT.into(),
        schema: SCHEMA_VERSION,
        id,
        plan: plan.id.clone(),
        title: plan.display_title().to_string(),
        from: from.trim().to_string(),
        made: now,
        parties: plan
            .parties
            .iter()
            .map(|p| RequestParty {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role.clone(),
                us: plan.us() == Some(&p.id),
                batna: p.batna.clone(),
            })
            .collect(),
        issues: plan
            .issues
            .iter()
            .map(|i| RequestIssue {
                id: i.id.clone(),
                name: i.name.clone(),
                description: i.description.clone(),
                options: i
                    .options
                    .iter()
                    .map(|o| RequestOption {
                        id: o.id.clone(),
                        label: o.label.clone(),
                        description: o.description.clone(),
                    })
                    .collect(),
            })
            .collect(),
        interests: plan
            .interests
            .iter()
            .map(|i| RequestInterest {
                id: i.id.clone(),
                party: i.party.clone(),
                statement: i.statement.clone(),
                why: i.why.clone(),
                priority: i.priority,
                kind: i.kind,
            })
            .collect(),
        numbers: if with_numbers {
            let mut n = plan_numbers(plan);
            n.retain(|_, v| !v.is_empty());
            n
        } else {
            BTreeMap::new()
        },
        check: String::new(),
    }
    .seal()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Exactly what a request carries, one line per part, for the owner to read before it is
/// made.
pub fn describe_request(request: &Request) -> Vec<String> {
    let options: usize = request.issues.iter().map(|i| i.options.len()).sum();
    let names: Vec<String> = request
        .parties
        .iter()
        .map(|p| {
            let name = p.name.trim().to_string();
            if p.us {
                format!("{name} (us)")
            } else {
                name
            }
        })
        .collect();
    let mut lines = vec![
        format!(
            "The plan's title, “{}”, and your name{}.",
            request.title,
            if request.from.is_empty() {
                String::new()
            } else {
                format!(", {}", request.from)
            }
        ),
        format!(
            "{}: {}, with their roles and BATNA descriptions.",
            plural(request.parties.len(), "party", "parties"),
            list(&names)
        ),
        format!(
            "{} with {}, and their descriptions.",
            plural(request.issues.len(), "issue", "issues"),
            plural(options, "option", "options")
        ),
        format!(
            "{} with their reasons, priorities and kinds.",
            plural(request.interests.len(), "interest", "interests")
        ),
    ];
    let count: usize = request.numbers.values().map(Numbers::count).sum();
    if count > 0 {
        lines.push(format!(
            "Your numbers as a starting point: {} (weights, ratings and reservation values).",
            plural(count, "number", "numbers")
        ));
    } else {
        lines.push(
            "None of your numbers: your teammate starts from blank weights, ratings and \
             reservation values."
                .into(),
        );
    }
    lines.push(
        "Nothing else: not the notes, criteria, packages, offers, fact-finding or other \
         members' views."
            .into(),
    );
    lines
}

/// The request as its teammate sees it, before starting: "Olga asks for your view of …".
pub fn request_summary(request: &Request) -> Vec<String> {
    let from = member_name(&request.from);
    let options: usize = request.issues.iter().map(|i| i.options.len()).sum();
    let mut lines = vec![
        format!("{from} asks for your view of “{}”.", request.title),
        format!(
            "It holds {}, {} with {} and {}.",
            plural(request.parties.len(), "party", "parties"),
            plural(request.issues.len(), "issue", "issues"),
            plural(options, "option", "options"),
            plural(request.interests.len(), "interest", "interests"),
        ),
    ];
    lines.push(if request.numbers.is_empty() {
        format!("{from} sent no numbers: you give every weight, rating and reservation value.")
    } else {
        format!("It holds {from}'s numbers as a starting point: change what you see differently.")
    });
    lines
}

/// An answer as its plan's owner sees it, before adding it: what it holds.
pub fn answer_summary(answer: &Answer) -> String {
    let numbers: usize = answer.parties.values().map(Numbers::count).sum();
    let mut text = format!(
        "{}'s view holds {}",
        member_name(&answer.member),
        plural(numbers, "number", "numbers")
    );
    let proposals = answer.interests.len() + answer.options.len();
    if proposals > 0 {
        text.push_str(&format!(
            " and {}",
            plural(proposals, "proposal", "proposals")
        ));
    }
    text.push('.');
    if !answer.note.trim().is_empty() {
        text.push_str(&format!(" Their note: “{}”.", answer.note.trim()));
    }
    text
}

/// The plan a teammate fills in to answer `request`, under the new id `id`: the request's
/// parties, issues, options and interests with their ids, the owner's numbers if they were
/// sent, and what it answers. Refused when the request's ids repeat or do not fit together.
pub fn plan_from_request(request: &Request, id: PlanId, now: Millis) -> Result<Plan, TeamError> {
    let us = request.parties.iter().find(|p| p.us).map(|p| p.id.clone());
    let mut plan = Plan {
        id,
        title: format!("My view: {}", request.title),
        notes: String::new(),
        created: now,
        updated: now,
        perspective: us.clone().map_or(Perspective::Neutral, Perspective::Us),
        status: PlanStatus::Preparing,
        parties: Vec::new(),
        interests: Vec::new(),
        links: Vec::new(),
        issues: Vec::new(),
        packages: Vec::new(),
        offers: Vec::new(),
        questions: Vec::new(),
        next_seq: 1,
        team: Team::default(),
        strategy: Default::default(),
        agreement: None,
        rehearsals: Vec::new(),
    };
    for p in &request.parties {
        let mut party = Party::new(p.id.clone(), p.name.clone());
        party.role.clone_from(&p.role);
        party.batna.clone_from(&p.batna);
        let counterpart = us.as_ref() != Some(&p.id);
        if let Some(n) = request.numbers.get(&p.id) {
            for (k, v) in &n.weights {
                party.weights.insert(k.clone(), new_score(*v, counterpart));
            }
            for (k, v) in &n.ratings {
                party.ratings.insert(k.clone(), new_score(*v, counterpart));
            }
            if let Some(r) = n.reservation {
                party.reservation = r;
            }
        }
        plan.parties.push(party);
    }
    for i in &request.interests {
        plan.interests.push(Interest {
            id: i.id.clone(),
            party: i.party.clone(),
            statement: i.statement.clone(),
            why: i.why.clone(),
            priority: i.priority,
            kind: i.kind,
        });
    }
    for i in &request.issues {
        plan.issues.push(Issue {
            id: i.id.clone(),
            name: i.name.clone(),
            description: i.description.clone(),
            criteria: Vec::new(),
            options: i
                .options
                .iter()
                .map(|o| OptionItem {
                    id: o.id.clone(),
                    label: o.label.clone(),
                    description: o.description.clone(),
                    serves: Vec::new(),
                    origin: String::new(),
                    // The request carries no contingency: the teammate rates the option
                    // as it stands.
                    contingent: None,
                })
                .collect(),
        });
    }
    // Numbers for ids the request does not carry are dropped, as any stored plan would be.
    let issues: BTreeSet<_> = plan.issues.iter().map(|i| i.id.clone()).collect();
    let options: BTreeSet<_> = plan
        .issues
        .iter()
        .flat_map(|i| i.options.iter().map(|o| o.id.clone()))
        .collect();
    for party in &mut plan.parties {
        party.weights.retain(|k, _| issues.contains(k));
        party.ratings.retain(|k, _| options.contains(k));
    }
    if let Err((path, message)) = plan.check() {
        return Err(TeamError::Damaged {
            path,
            detail: message,
        });
    }
    // Only the id counter can need repair now: new ids must not collide with the request's.
    plan.repair();
    plan.team.answering = Some(Answering {
        request: request.id.clone(),
        plan: request.plan.clone(),
        title: request.title.clone(),
        from: request.from.clone(),
        check: request.check.clone(),
        member: String::new(),
        note: String::new(),
        with_numbers: !request.numbers.is_empty(),
        parties: request.parties.iter().map(|p| p.id.clone()).collect(),
        issues: request.issues.iter().map(|i| i.id.clone()).collect(),
        options: request
            .issues
            .iter()
            .flat_map(|i| i.options.iter().map(|o| o.id.clone()))
            .collect(),
        interests: request.interests.iter().map(|i| i.id.clone()).collect(),
    });
    Ok(plan)
}

/// What a teammate's plan sends back, split as the answer panel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerContents {
    pub answer: Answer,
    /// Parts of the teammate's plan the answer cannot carry.
    pub not_sent: Vec<String>,
}

/// The answer a teammate's plan gives; refused without the member's name.
pub fn answer_from_plan(plan: &Plan, now: Millis) -> Result<AnswerContents, TeamError> {
    let Some(a) = &plan.team.answering else {
        return Err(TeamError::NotA {
            wanted: "a plan made from a view request",
            found: None,
        });
    };
    if a.member.trim().is_empty() {
        return Err(TeamError::NoMember);
    }
    let known_parties: BTreeSet<_> = a.parties.iter().collect();
    let known_issues: BTreeSet<_> = a.issues.iter().collect();
    let known_options: BTreeSet<_> = a.options.iter().collect();
    // Numbers go for the request's issues and options the teammate kept: one they removed
    // has no number in their view.
    let kept_issues: BTreeSet<_> = plan
        .issues
        .iter()
        .map(|i| &i.id)
        .filter(|id| known_issues.contains(id))
        .collect();
    let kept_options: BTreeSet<_> = plan
        .issues
        .iter()
        .flat_map(|i| i.options.iter().map(|o| &o.id))
        .filter(|id| known_options.contains(id))
        .collect();
    let known_interests: BTreeSet<_> = a.interests.iter().collect();
    let mut parties = BTreeMap::new();
    for p in plan
        .parties
        .iter()
        .filter(|p| known_parties.contains(&p.id))
    {
        let n = Numbers {
            weights: p
                .weights
                .iter()
                .filter(|(k, _)| kept_issues.contains(k))
                .map(|(k, s)| (k.clone(), s.value))
                .collect(),
            ratings: p
                .ratings
                .iter()
                .filter(|(k, _)| kept_options.contains(k))
                .map(|(k, s)| (k.clone(), s.value))
                .collect(),
            // A walk-away still at the blank default was never given.
            reservation: (a.with_numbers || p.reservation != Estimate::default())
                .then_some(p.reservation),
        };
        parties.insert(p.id.clone(), n);
    }
    let interests: Vec<ProposedInterest> = plan
        .interests
        .iter()
        .filter(|i| !known_interests.contains(&i.id) && known_parties.contains(&i.party))
        .filter(|i| !i.statement.trim().is_empty())
        .map(|i| ProposedInterest {
            party: i.party.clone(),
            statement: i.statement.trim().to_string(),
            why: i.why.clone(),
            priority: i.priority,
            kind: i.kind,
        })
        .collect();
    let options: Vec<ProposedOption> = plan
        .issues
        .iter()
        .filter(|i| known_issues.contains(&i.id))
        .flat_map(|i| i.options.iter().map(move |o| (i, o)))
        .filter(|(_, o)| !known_options.contains(&o.id) && !o.label.trim().is_empty())
        .map(|(i, o)| ProposedOption {
            issue: i.id.clone(),
            label: o.label.trim().to_string(),
            description: o.description.clone(),
            ratings: plan
                .parties
                .iter()
                .filter(|p| known_parties.contains(&p.id))
                .filter_map(|p| Some((p.id.clone(), p.ratings.get(&o.id)?.value)))
                .collect(),
        })
        .collect();
    let mut not_sent = Vec::new();
    let new_parties = plan
        .parties
        .iter()
        .filter(|p| !known_parties.contains(&p.id))
        .count();
    if new_parties > 0 {
        not_sent.push(format!(
            "{} you added (a view cannot add parties).",
            plural(new_parties, "party", "parties")
        ));
    }
    let new_issues = plan
        .issues
        .iter()
        .filter(|i| !known_issues.contains(&i.id))
        .count();
    if new_issues > 0 {
        not_sent.push(format!(
            "{} you added (propose options for the existing issues instead).",
            plural(new_issues, "issue", "issues")
        ));
    }
    let answer = Answer {
        format: ANSWER_FORMAT.into(),
        schema: SCHEMA_VERSION,
        request: a.request.clone(),
        plan: a.plan.clone(),
        title: a.title.clone(),
        member: a.member.trim().to_string(),
        answered: now,
        note: a.note.trim().to_string(),
        parties,
        interests,
        options,
        check: String::new(),
    }
    .seal();
    Ok(AnswerContents { answer, not_sent })
}

/// What an answer carries, one line per part, for the teammate to read before sending it.
pub fn describe_answer(contents: &AnswerContents, plan: &Plan) -> Vec<String> {
    let a = &contents.answer;
    let weights: usize = a.parties.values().map(|n| n.weights.len()).sum();
    let ratings: usize = a.parties.values().map(|n| n.ratings.len()).sum();
    let name = |id: &PartyId| super::words::party_name(plan, id);
    let reservations = a
        .parties
        .values()
        .filter(|n| n.reservation.is_some())
        .count();
    let mut lines = vec![format!(
        "Your view as {}: {}, {} and {}.",
        member_name(&a.member),
        plural(weights, "weight", "weights"),
        plural(ratings, "rating", "ratings"),
        plural(reservations, "reservation value", "reservation values"),
    )];
    for i in &a.interests {
        lines.push(format!(
            "A proposed interest of {}: “{}”.",
            name(&i.party),
            i.statement
        ));
    }
    for o in &a.options {
        let issue = plan
            .issue(&o.issue)
            .map(|i| i.name.trim().to_string())
            .unwrap_or_default();
        let rated: Vec<String> = o
            .ratings
            .iter()
            .map(|(p, v)| format!("{} {}", name(p), number(*v)))
            .collect();
        let rated = if rated.is_empty() {
            String::new()
        } else {
            format!(" (rated: {})", rated.join(", "))
        };
        lines.push(format!(
            "A proposed option for {issue}: “{}”{rated}.",
            o.label
        ));
    }
    if !a.note.is_empty() {
        lines.push(format!("Your note: “{}”.", a.note));
    }
    lines
}
