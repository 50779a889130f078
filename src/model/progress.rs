//! The workflow's steps and when each counts as done: pure, so the progress view and the
//! brief agree, and it is tested natively.

use super::{Perspective, Plan};

/// The phases of the method; the workspace's navigation groups the steps by phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Who is involved, what they could do instead, and what they need.
    Understand,
    /// Issues, options, scores and packages: inventing and judging.
    CreateValue,
    /// Getting ready for the room.
    ToTheTable,
    /// Recording the outcome and learning from it.
    AfterTheTalks,
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::Understand,
        Phase::CreateValue,
        Phase::ToTheTable,
        Phase::AfterTheTalks,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Phase::Understand => "Understand",
            Phase::CreateValue => "Create value",
            Phase::ToTheTable => "To the table",
            Phase::AfterTheTalks => "After the talks",
        }
    }

    /// An id-safe word, for element ids.
    pub fn slug(self) -> &'static str {
        match self {
            Phase::Understand => "understand",
            Phase::CreateValue => "create-value",
            Phase::ToTheTable => "to-the-table",
            Phase::AfterTheTalks => "after",
        }
    }

    /// The steps of this phase, in method order.
    pub fn steps(self) -> impl Iterator<Item = Step> {
        Step::ALL.into_iter().filter(move |s| s.phase() == self)
    }
}

/// Declares the steps in one table: each line is a step with its URL word, its label and
/// its phase, in the order of the method. Adding a step is one line here; the compiler
/// then asks for its guidance, its completeness rule and its view (`ui::steps::step_view`),
/// and the navigation places it under its phase by itself.
macro_rules! steps {
    ($($step:ident: $slug:literal, $label:literal, $phase:ident;)+) => {
        /// The steps of a plan's workspace, in the order of the method.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Step {
            $($step),+
        }

        impl Step {
            pub const ALL: [Step; [$(Step::$step),+].len()] = [$(Step::$step),+];

            /// The word in the URL (`#/plan/<id>/<slug>`).
            pub fn slug(self) -> &'static str {
                match self {
                    $(Step::$step => $slug),+
                }
            }

            pub fn label(self) -> &'static str {
                match self {
                    $(Step::$step => $label),+
                }
            }

            pub fn phase(self) -> Phase {
                match self {
                    $(Step::$step => Phase::$phase),+
                }
            }
        }
    };
}

steps! {
    Overview: "overview", "Overview", Understand;
    Parties: "parties", "Parties and alternatives", Understand;
    Interests: "interests", "Interests", Understand;
    Issues: "issues", "Issues and options", CreateValue;
    Evaluate: "evaluate", "Evaluate", CreateValue;
    Team: "team", "Team views", CreateValue;
    Packages: "packages", "Packages", CreateValue;
    Facts: "facts", "Fact-finding", CreateValue;
    Strategy: "strategy", "Strategy", ToTheTable;
    Practise: "practise", "Practise", ToTheTable;
    Brief: "brief", "Brief", ToTheTable;
    Agreement: "agreement", "Agreement", AfterTheTalks;
}

impl Step {
    pub fn from_slug(s: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.slug() == s)
    }

    /// The steps of the preparation itself, which the brief summarises (practice, the
    /// strategy and a team's views are not part of it).
    pub const PREPARATION: [Step; 6] = [
        Step::Parties,
        Step::Interests,
        Step::Issues,
        Step::Evaluate,
        Step::Packages,
        Step::Facts,
    ];

    /// Its place in the method, from 1.
    pub fn number(self) -> usize {
        Step::ALL
            .iter()
            .position(|&s| s == self)
            .map_or(0, |k| k + 1)
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
            Step::Strategy => {
                "Decide before you meet: the least you accept (walk-away), what you \
                aim for (target) and where you open, the concessions you are ready to make \
                and what to ask for each, and the order of the talk. Opening high but \
                defensibly, and conceding in shrinking steps, protects the value you found."
            }
            Step::Practise => {
                "Rehearse against a counterpart simulated from your own estimates, then read \
                the debrief: what you did, what was possible, and what to do differently. \
                The other side's true preferences are drawn within your estimates' \
                uncertainty, so each rehearsal teaches what that uncertainty means."
            }
            Step::Team => {
                "Optional, for a team: ask teammates for their view of the numbers, then \
                merge their answers. Keep each member's numbers, see where you disagree, \
                and choose the team's number for each value before the talks."
            }
            Step::Brief => {
                "One page to take into the room: the parties and their \
                alternatives, the key interests, the issues with their criteria, the best \
                packages, the strategy and the open questions."
            }
            Step::Agreement => {
                "Once the talks are over, record the outcome: the package agreed, or \
                why there was none. The review compares it with your plan and looks for a \
                deal better for both sides, to bring back as a question."
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
            // Every issue has an option (one alone is a settled issue) and some issue
            // still has a choice to make.
            Step::Issues => {
                plan.issues.iter().all(|i| !i.options.is_empty())
                    && plan.issues.iter().any(|i| i.options.len() >= 2)
            }
            // Done when the analysis can run (`readiness` says what is missing if not).
            Step::Evaluate => {
                Step::Issues.is_complete(plan) && super::readiness::analysis_blocker(plan).is_none()
            }
            Step::Packages => plan
                .packages
                .iter()
                .any(|p| plan.issues.iter().all(|i| p.choices.contains_key(&i.id))),
            Step::Facts => !plan.questions.is_empty(),
            // A strategy is for one side, and needs the scores it is computed from.
            Step::Strategy => {
                plan.us().is_some()
                    && plan.strategy.target.is_some()
                    && Step::Evaluate.is_complete(plan)
            }
            // Optional: done once teammates' views are in and nothing is left to settle (in
            // a plan made from a request, once the teammate has said who they are).
            Step::Team => match &plan.team.answering {
                Some(a) => !a.member.trim().is_empty(),
                None => {
                    !plan.team.views.is_empty()
                        && crate::team::stats::open_disagreements(plan).is_empty()
                        && crate::team::merge::pending(plan).is_empty()
                }
            },
            // The brief summarises the method's steps; the team's is optional.
            // Done once a rehearsal has ended.
            Step::Practise => plan.rehearsals.iter().any(|r| r.result.is_some()),
            Step::Brief => Step::PREPARATION.iter().all(|s| s.is_complete(plan)),
            Step::Agreement => plan.agreement.is_some(),
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
    fn a_new_plan_is_not_done_and_the_sample_is_ready_for_the_table() {
        let p = Plan::new(PlanId::parse("p1").unwrap(), "x", 0);
        assert!(Step::ALL.iter().all(|s| !s.is_complete(&p)));
        let mut s = sample_plan(PlanId::parse("p2").unwrap(), 0);
        for step in Step::ALL {
            // The talks have not happened yet; preparing as a team is optional and the
            // sample is prepared alone; practice is done by the user, never by an example.
            let after = step.phase() == Phase::AfterTheTalks;
            assert_eq!(
                step.is_complete(&s),
                !after && step != Step::Team && step != Step::Practise,
                "{step:?}"
            );
        }
        s.agreement = Some(crate::model::Agreement::new(
            crate::model::Outcome::NoAgreement,
        ));
        assert!(Step::Agreement.is_complete(&s));
        // A neutral planner has no strategy to make.
        s.perspective = crate::model::Perspective::Neutral;
        assert!(!Step::Strategy.is_complete(&s));
    }

    #[test]
    fn phases_hold_consecutive_steps_in_method_order() {
        let grouped: Vec<Step> = Phase::ALL.iter().flat_map(|p| p.steps()).collect();
        assert_eq!(grouped, Step::ALL.to_vec());
        assert!(Phase::ALL.iter().all(|p| p.steps().count() > 0));
        assert!(Step::Strategy.number() < Step::Brief.number());
        assert_eq!(Step::Agreement.number(), Step::ALL.len());
        assert_eq!(Step::Overview.number(), 1);
        let slugs: std::collections::HashSet<_> = Phase::ALL.iter().map(|p| p.slug()).collect();
        assert_eq!(slugs.len(), Phase::ALL.len());
    }
}
