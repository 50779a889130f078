//! What a fact-finding question bears on: the issues and the interests it is linked to.
//! One kind-driven piece gives the picker its lists and its words, for either kind.

use super::edit_people::{
    interest_display, party_display_name, set_question_interest, set_question_issue,
};
use super::{Find, InterestId, IssueId, Plan, QuestionId};

/// The kind of thing a question can be linked to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    Issues,
    Interests,
}

/// `(id, text)` pairs.
pub type RefItems = Vec<(String, String)>;

/// The contents of a picker of links: what is linked, and what can still be.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RefLists {
    /// Whether the plan has anything of the kind at all.
    pub any: bool,
    pub linked: RefItems,
    /// What can still be linked; a group with a name is an `<optgroup>` (interests by party).
    pub unlinked: Vec<(Option<String>, RefItems)>,
}

impl RefKind {
    pub const ALL: [RefKind; 2] = [RefKind::Issues, RefKind::Interests];

    /// The end of the picker's element ids (`q-<question>-issues`).
    pub fn slug(self) -> &'static str {
        match self {
            RefKind::Issues => "issues",
            RefKind::Interests => "interests",
        }
    }

    /// The group's label.
    pub fn label(self) -> &'static str {
        match self {
            RefKind::Issues => "Issues it bears on",
            RefKind::Interests => "Interests it bears on",
        }
    }

    /// One linked thing: "Unlink the issue “…”", "Link an issue…".
    pub fn noun(self) -> &'static str {
        match self {
            RefKind::Issues => "issue",
            RefKind::Interests => "interest",
        }
    }

    /// Shown instead of the select while the plan has nothing of the kind.
    pub fn none_yet(self) -> &'static str {
        match self {
            RefKind::Issues => "No issues yet: name them in “Issues and options”.",
            RefKind::Interests => "No interests yet: list them in “Interests”.",
        }
    }

    /// What "Undo" names a link or an unlink.
    pub fn undo(self, on: bool) -> &'static str {
        match (self, on) {
            (RefKind::Issues, true) => "link a question to an issue",
            (RefKind::Issues, false) => "unlink an issue from a question",
            (RefKind::Interests, true) => "link a question to an interest",
            (RefKind::Interests, false) => "unlink an interest from a question",
        }
    }

    /// The picker's lists for question `q`: issues in plan order; interests named with
    /// their party when linked, grouped by party when not.
    pub fn lists(self, plan: &Plan, q: &QuestionId) -> RefLists {
        let Some(question) = q.find(plan) else {
            return RefLists {
                any: self.any(plan),
                ..RefLists::default()
            };
        };
        match self {
            RefKind::Issues => {
                let name = |i: &IssueId| {
                    plan.issue(i)
                        .map(|x| x.name.clone())
                        .filter(|n| !n.trim().is_empty())
                        .unwrap_or_else(|| "(an issue with no name yet)".into())
                };
                let off: RefItems = plan
                    .issues
                    .iter()
                    .filter(|i| !question.issues.contains(&i.id))
                    .map(|i| (i.id.to_string(), name(&i.id)))
                    .collect();
                RefLists {
                    any: self.any(plan),
                    linked: question
                        .issues
                        .iter()
                        .map(|i| (i.to_string(), name(i)))
                        .collect(),
                    unlinked: if off.is_empty() {
                        Vec::new()
                    } else {
                        vec![(None, off)]
                    },
                }
            }
            RefKind::Interests => {
                let linked = question
                    .interests
                    .iter()
                    .map(|i| {
                        let party = i
                            .find(plan)
                            .map(|x| party_display_name(plan, &x.party))
                            .unwrap_or_default();
                        (
                            i.to_string(),
                            format!("{party}: {}", interest_display(plan, i)),
                        )
                    })
                    .collect();
                let unlinked = plan
                    .parties
                    .iter()
                    .map(|party| {
                        let items: RefItems = plan
                            .interests
                            .iter()
                            .filter(|i| i.party == party.id && !question.interests.contains(&i.id))
                            .map(|i| (i.id.to_string(), interest_display(plan, &i.id)))
                            .collect();
                        (Some(party_display_name(plan, &party.id)), items)
                    })
                    .filter(|(_, items)| !items.is_empty())
                    .collect();
                RefLists {
                    any: self.any(plan),
                    linked,
                    unlinked,
                }
            }
        }
    }

    fn any(self, plan: &Plan) -> bool {
        match self {
            RefKind::Issues => !plan.issues.is_empty(),
            RefKind::Interests => !plan.interests.is_empty(),
        }
    }

    /// Links question `q` to the thing `id` names, or unlinks it; no duplicates, no
    /// dangling ids.
    pub fn set(self, plan: &mut Plan, q: &QuestionId, id: &str, on: bool) {
        match self {
            RefKind::Issues => set_question_issue(plan, q, &IssueId(id.to_string()), on),
            RefKind::Interests => set_question_interest(plan, q, &InterestId(id.to_string()), on),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit_people::add_question;
    use crate::model::{three_party, PlanId};

    /// Three parties with interests, and a new question (the last one) linked to nothing.
    fn plan() -> (Plan, QuestionId) {
        let mut p = three_party(PlanId::parse("p1").unwrap(), 0);
        let q = add_question(&mut p, "What is the market rate?").unwrap();
        (p, q)
    }

    #[test]
    fn issue_lists_split_linked_from_the_rest_in_plan_order() {
        let (mut p, q) = plan();
        let second = p.issues[1].id.clone();
        RefKind::Issues.set(&mut p, &q, second.as_str(), true);
        let lists = RefKind::Issues.lists(&p, &q);
        assert!(lists.any);
        assert!(lists.linked.iter().any(|(id, _)| id == second.as_str()));
        let linked: Vec<_> = lists.linked.iter().map(|(id, _)| id.clone()).collect();
        let off: Vec<_> = lists.unlinked.iter().flat_map(|(_, i)| i).collect();
        assert_eq!(lists.unlinked.len(), 1, "issues are one ungrouped list");
        assert!(lists.unlinked[0].0.is_none());
        assert_eq!(linked.len() + off.len(), p.issues.len());
        assert!(off.iter().all(|(id, _)| !linked.contains(id)));
        // Unlinking puts it back; a dangling id is refused.
        RefKind::Issues.set(&mut p, &q, second.as_str(), false);
        assert!(!RefKind::Issues
            .lists(&p, &q)
            .linked
            .iter()
            .any(|(id, _)| id == second.as_str()));
        RefKind::Issues.set(&mut p, &q, "iss-nope", true);
        assert!(!q
            .find(&p)
            .unwrap()
            .issues
            .iter()
            .any(|i| i.as_str() == "iss-nope"));
    }

    #[test]
    fn interest_lists_name_the_party_and_group_by_party() {
        let (mut p, q) = plan();
        let target = p.interests.last().unwrap().clone();
        RefKind::Interests.set(&mut p, &q, target.id.as_str(), true);
        RefKind::Interests.set(&mut p, &q, target.id.as_str(), true);
        assert_eq!(
            q.find(&p)
                .unwrap()
                .interests
                .iter()
                .filter(|i| **i == target.id)
                .count(),
            1,
            "no duplicates"
        );
        let lists = RefKind::Interests.lists(&p, &q);
        let party = party_display_name(&p, &target.party);
        let shown = lists
            .linked
            .iter()
            .find(|(id, _)| id == target.id.as_str())
            .map(|(_, text)| text.clone());
        assert_eq!(shown, Some(format!("{party}: {}", target.statement)));
        for (group, items) in &lists.unlinked {
            let name = group.clone().expect("interests are grouped by party");
            assert!(!items.is_empty(), "no empty group for {name}");
            assert!(items.iter().all(|(id, _)| id != target.id.as_str()));
        }
    }

    #[test]
    fn an_empty_plan_says_so_and_a_missing_question_has_no_links() {
        let mut p = Plan::new(PlanId::parse("p2").unwrap(), "x", 0);
        p.interests.clear();
        let q = QuestionId("q-nope".into());
        for kind in RefKind::ALL {
            let lists = kind.lists(&p, &q);
            assert!(!lists.any, "{}", kind.slug());
            assert!(lists.linked.is_empty() && lists.unlinked.is_empty());
            assert!(kind.none_yet().contains(if kind == RefKind::Issues {
                "No issues"
            } else {
                "No interests"
            }));
            assert_ne!(kind.undo(true), kind.undo(false));
        }
    }
}
