//! The workflow's steps and when each counts as done: pure, so the progress view and the
//! brief agree, and it is tested natively.

use super::{Perspective, Plan};

/// The steps of a plan's workspace, in the order of the method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Overview,
    Parties,
    Interests,
    Issues,
    Evaluate,
    Packages,
    Facts,
    Practise,
    Brief,
}

impl Step {
    pub const ALL: [Step; 9] = [
        Step::Overview,
        Step::Parties,
        Step::Interests,
        Step::Issues,
        Step::Evaluate,
        Step::Packages,
        Step::Facts,
        Step::Practise,
        Step::Brief,
    ];

    /// The steps of the preparation itself, which the brief summarises (practice is not
    /// part of it).
    pub const PREPARATION: [Step; 6] = [
        Step::Parties,
        Step::Interests,
        Step::Issues,
        Step::Evaluate,
        Step::Packages,
        Step::Facts,
    ];

    /// The word in the URL (`#/plan/<id>/<slug>`).
    pub fn slug(self) -> &'static str {
        match self {
            Step::Overview => "overview",
            Step::Parties => "parties",
            Step::Interests => "interests",
            Step::Issues => "issues",
            Step::Evaluate => "evaluate",
            Step::Packages => "packages",
            Step::Facts => "facts",
            Step::Practise => "practise",
            Step::Brief => "brief",
        }
    }

    pub fn from_slug(s: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.slug() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Step::Overview => "Overview",
            Step::Parties => "Parties and alternatives",
            Step::Interests => "Interests",
            Step::Issues => "Issues and options",
            Step::Evaluate => "Evaluate",
            Step::Packages => "Packages",
            Step::Facts => "Fact-finding",
            Step::Practise => "Practise",
            Step::Brief => "Brief",
        }
    }

    /// What good preparation looks like at this step, in two or three sentences.
    pub fn guidance(self) -> &'static str {
        match self {
            Step::Overview => {
                "Say what is being negotiated, with whom and by when. \
                The steps below follow the method: know everyone's alternatives and \
                interests before inventing options, and invent before judging."
            }
            Step::Parties => {
                "List everyone whose agreement is needed, and mark which side is \
                yours. For each, write down the best alternative to a negotiated agreement \
                (BATNA) and what it is worth on the 0–100 scale: no one should accept less. \
                For the other side it is an estimate, so give a range."
            }
            Step::Interests => {
                "Interests are the needs and concerns behind positions: ask \
                why. Write a complete list for every party, with priorities, then mark which \
                interests are shared, merely different (the raw material of trades) or \
                conflicting."
            }
            Step::Issues => {
                "Name the issues to be decided, then brainstorm several options \
                for each without judging them yet. Tie options to the interests they serve, \
                and note the objective criteria (market rates, precedent) that make an option \
                fair."
            }
            Step::Evaluate => {
                "For each party, say how much each issue matters (weights that \
                sum to 100) and how good each option is (0–100). Estimates of the other side \
                carry a confidence; be honest about what you do not know."
            }
            Step::Packages => {
                "A package picks one option per issue. Good packages beat every \
                party's BATNA and leave no joint gain on the table; compare them for all \
                parties at once."
            }
            Step::Facts => {
                "Questions both sides could answer together take heat out of the \
                room. Record each with its source, who finds out, and what was agreed."
            }
            Step::Practise => {
                "Rehearse against a counterpart simulated from your own estimates, then read \
                the debrief: what you did, what was possible, and what to do differently. \
                The other side's true preferences are drawn within your estimates' \
                uncertainty, so each rehearsal teaches what that uncertainty means."
            }
            Step::Brief => {
                "One page to take into the room: the parties and their \
                alternatives, the key interests, the issues with their criteria, the best \
                packages and the open questions."
            }
        }
    }

    /// Whether the plan has what this step asks for. The overview and the brief are done
    /// when the steps they summarise are.
    pub fn is_complete(self, plan: &Plan) -> bool {
        match self {
            Step::Overview => !plan.notes.trim().is_empty(),
            Step::Parties => {
                plan.parties.len() >= 2
                    && !matches!(&plan.perspective, Perspective::Us(id) if plan.party(id).is_none())
                    && plan
                        .parties
                        .iter()
                        .all(|p| !p.name.trim().is_empty() && !p.batna.trim().is_empty())
            }
            Step::Interests => plan
                .parties
                .iter()
                .all(|p| plan.interests.iter().any(|i| i.party == p.id)),
            Step::Issues => {
                !plan.issues.is_empty() && plan.issues.iter().all(|i| i.options.len() >= 2)
            }
            Step::Evaluate => {
                Step::Issues.is_complete(plan)
                    && plan.parties.iter().all(|p| {
                        let sum: f64 = plan
                            .issues
                            .iter()
                            .filter_map(|i| p.weights.get(&i.id))
                            .map(|s| s.value)
                            .sum();
                        (sum - 100.0).abs() < 0.5
                            && plan
                                .issues
                                .iter()
                                .flat_map(|i| &i.options)
                                .all(|o| p.ratings.contains_key(&o.id))
                    })
            }
            Step::Packages => plan
                .packages
                .iter()
                .any(|p| plan.issues.iter().all(|i| p.choices.contains_key(&i.id))),
            Step::Facts => !plan.questions.is_empty(),
            Step::Practise => plan.rehearsals.iter().any(|r| r.result.is_some()),
            Step::Brief => Step::PREPARATION.iter().all(|s| s.is_complete(plan)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};

    #[test]
    fn slugs_round_trip() {
        for step in Step::ALL {
            assert_eq!(Step::from_slug(step.slug()), Some(step));
        }
        assert_eq!(Step::from_slug("nope"), None);
    }

    #[test]
    fn a_new_plan_is_not_done_and_the_sample_is() {
        let p = Plan::new(PlanId::parse("p1").unwrap(), "x", 0);
        assert!(Step::ALL.iter().all(|s| !s.is_complete(&p)));
        let s = sample_plan(PlanId::parse("p2").unwrap(), 0);
        for step in Step::ALL {
            // Practice is done by the user, never by an example.
            assert_eq!(step.is_complete(&s), step != Step::Practise, "{step:?}");
        }
    }
}
