//! Edits of the issues step: moving and removing issues and options (with what refers to
//! them), and the issue-or-option entry that the step's two editors share. Pure, tested
//! natively; the step only binds these.

use super::{Find, Issue, IssueId, OptionId, OptionItem, Plan};

/// Moves an issue by `delta` places; false when it cannot move.
pub fn move_issue(plan: &mut Plan, id: &IssueId, delta: isize) -> bool {
    let Some(k) = plan.issues.iter().position(|i| &i.id == id) else {
        return false;
    };
    shift(&mut plan.issues, k, delta)
}

/// Moves an option by `delta` places within its issue; false when it cannot move.
pub fn move_option(plan: &mut Plan, id: &OptionId, delta: isize) -> bool {
    for issue in &mut plan.issues {
        if let Some(k) = issue.options.iter().position(|o| &o.id == id) {
            return shift(&mut issue.options, k, delta);
        }
    }
    false
}

fn shift<T>(items: &mut Vec<T>, k: usize, delta: isize) -> bool {
    let Some(to) = k.checked_add_signed(delta) else {
        return false;
    };
    if to >= items.len() || to == k {
        return false;
    }
    let item = items.remove(k);
    items.insert(to, item);
    true
}

/// Removes an issue and everything that refers to it (weights, ratings of its options,
/// package choices, links from questions). Returns it, or None when it does not exist.
pub fn remove_issue(plan: &mut Plan, id: &IssueId) -> Option<Issue> {
    let k = plan.issues.iter().position(|i| &i.id == id)?;
    let issue = plan.issues.remove(k);
    for party in &mut plan.parties {
        party.weights.remove(id);
        for option in &issue.options {
            party.ratings.remove(&option.id);
        }
    }
    for package in &mut plan.packages {
        package.choices.remove(id);
    }
    for question in &mut plan.questions {
        question.issues.retain(|i| i != id);
    }
    Some(issue)
}

/// Removes an option, its ratings and the package choices that picked it.
pub fn remove_option(plan: &mut Plan, id: &OptionId) -> Option<OptionItem> {
    let (issue_id, option) = plan.issues.iter_mut().find_map(|issue| {
        let k = issue.options.iter().position(|o| &o.id == id)?;
        Some((issue.id.clone(), issue.options.remove(k)))
    })?;
    for party in &mut plan.parties {
        party.ratings.remove(id);
    }
    for package in &mut plan.packages {
        if package.choices.get(&issue_id) == Some(id) {
            package.choices.remove(&issue_id);
        }
    }
    Some(option)
}

/// Whether any party has rated any option that is still in the plan.
pub fn has_ratings(plan: &Plan) -> bool {
    plan.issues
        .iter()
        .flat_map(|i| &i.options)
        .any(|o| plan.parties.iter().any(|p| p.ratings.contains_key(&o.id)))
}

/// A name to show in labels and notices: empty names would make "Remove “”" unreadable.
pub fn shown(name: &str, fallback: &str) -> String {
    if name.trim().is_empty() {
        fallback.to_string()
    } else {
        name.to_string()
    }
}

/// The issue an option belongs to, the option's position in it and the issue's option
/// count.
fn option_place<'a>(plan: &'a Plan, id: &OptionId) -> Option<(&'a Issue, usize)> {
    plan.issues.iter().find_map(|i| {
        let k = i.options.iter().position(|o| &o.id == id)?;
        Some((i, k))
    })
}

/// An entry of the issues list, edited the same way whichever it is: an issue, or one of
/// its options. Each has a name edited in place, moves among its siblings and can be
/// removed with everything that refers to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Issue(IssueId),
    Option(OptionId),
}

impl Item {
    pub fn is_option(&self) -> bool {
        matches!(self, Item::Option(_))
    }

    /// The start of the entry's element ids: `issue-<id>-`, `opt-<id>-`.
    pub fn dom_prefix(&self) -> String {
        match self {
            Item::Issue(id) => format!("issue-{id}-"),
            Item::Option(id) => format!("opt-{id}-"),
        }
    }

    /// The end of the name field's element id.
    pub fn name_slug(&self) -> &'static str {
        match self {
            Item::Issue(_) => "name",
            Item::Option(_) => "label",
        }
    }

    /// (position, count) among its siblings; (0, 0) for an option no longer there.
    pub fn place(&self, plan: &Plan) -> (usize, usize) {
        match self {
            Item::Issue(id) => {
                let k = plan.issues.iter().position(|i| &i.id == id);
                (k.unwrap_or(0), plan.issues.len())
            }
            Item::Option(id) => {
                option_place(plan, id).map_or((0, 0), |(i, k)| (k, i.options.len()))
            }
        }
    }

    /// The name as typed (an issue's name, an option's label).
    pub fn text(&self, plan: &Plan) -> String {
        match self {
            Item::Issue(id) => id.find(plan).map(|i| i.name.clone()),
            Item::Option(id) => id.find(plan).map(|o| o.label.clone()),
        }
        .unwrap_or_default()
    }

    pub fn set_text(&self, plan: &mut Plan, text: String) {
        match self {
            Item::Issue(id) => {
                if let Some(i) = id.find_mut(plan) {
                    i.name = text;
                }
            }
            Item::Option(id) => {
                if let Some(o) = id.find_mut(plan) {
                    o.label = text;
                }
            }
        }
    }

    /// The name for labels and notices, never blank.
    pub fn display_name(&self, plan: &Plan) -> String {
        match self {
            Item::Issue(_) => shown(&self.text(plan), "this issue"),
            Item::Option(id) => id
                .find(plan)
                .map(|o| shown(&o.label, "untitled option"))
                .unwrap_or_default(),
        }
    }

    /// The name field's label (read by screen readers): "Name of issue 2",
    /// "Option 1 of “Salary”".
    pub fn name_label(&self, plan: &Plan) -> String {
        let k = self.place(plan).0 + 1;
        match self {
            Item::Issue(_) => format!("Name of issue {k}"),
            Item::Option(id) => {
                let issue = option_place(plan, id).map_or(String::new(), |(i, _)| i.name.clone());
                format!("Option {k} of “{}”", shown(&issue, "this issue"))
            }
        }
    }

    /// What "Undo" names an edit of the name.
    pub fn rename_undo(&self) -> &'static str {
        match self {
            Item::Issue(_) => "rename an issue",
            Item::Option(_) => "rename an option",
        }
    }

    /// The remove button's accessible name, and what "Undo" names the removal.
    pub fn remove_words(&self, name: &str) -> (String, String) {
        match self {
            Item::Issue(_) => (
                format!("Remove the issue “{name}”"),
                format!("remove the issue “{name}”"),
            ),
            Item::Option(_) => (
                format!("Remove “{name}”"),
                format!("remove the option “{name}”"),
            ),
        }
    }

    /// Moves it by `delta` places among its siblings; false when it cannot move.
    pub fn move_by(&self, plan: &mut Plan, delta: isize) -> bool {
        match self {
            Item::Issue(id) => move_issue(plan, id, delta),
            Item::Option(id) => move_option(plan, id, delta),
        }
    }

    /// Removes it and what refers to it; false when it was not there.
    pub fn remove(&self, plan: &mut Plan) -> bool {
        match self {
            Item::Issue(id) => remove_issue(plan, id).is_some(),
            Item::Option(id) => remove_option(plan, id).is_some(),
        }
    }

    /// Where the cursor goes once it is removed: for an option, the next option of its
    /// issue (else the one before) and the issue; for an issue, nothing in the list.
    pub fn after_removal(&self, plan: &Plan) -> (Option<OptionId>, Option<IssueId>) {
        match self {
            Item::Issue(_) => (None, None),
            Item::Option(id) => match option_place(plan, id) {
                Some((issue, k)) => {
                    let next = issue
                        .options
                        .get(k + 1)
                        .or_else(|| k.checked_sub(1).and_then(|j| issue.options.get(j)));
                    (next.map(|o| o.id.clone()), Some(issue.id.clone()))
                }
                None => (None, None),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};

    fn plan() -> Plan {
        sample_plan(PlanId::parse("p1").unwrap(), 0)
    }

    fn labels(p: &Plan, issue: usize) -> Vec<String> {
        p.issues[issue]
            .options
            .iter()
            .map(|o| o.label.clone())
            .collect()
    }

    #[test]
    fn options_and_issues_move_within_bounds() {
        let mut p = plan();
        let first = p.issues[0].options[0].id.clone();
        assert!(!move_option(&mut p, &first, -1));
        assert!(move_option(&mut p, &first, 1));
        assert_eq!(labels(&p, 0), ["€90k", "€85k", "€95k"]);
        assert!(move_option(&mut p, &first, 1));
        assert_eq!(labels(&p, 0), ["€90k", "€95k", "€85k"]);
        assert!(!move_option(&mut p, &first, 1));
        assert!(move_option(&mut p, &first, -1));
        assert_eq!(labels(&p, 0), ["€90k", "€85k", "€95k"]);

        let names = |p: &Plan| p.issues.iter().map(|i| i.name.clone()).collect::<Vec<_>>();
        let last = p.issues[3].id.clone();
        assert!(move_issue(&mut p, &last, -1));
        assert_eq!(
            names(&p),
            [
                "Salary",
                "Signing bonus",
                "Remote days per week",
                "Start date"
            ]
        );
        let first = p.issues[0].id.clone();
        assert!(!move_issue(&mut p, &first, -1));
        let mut repaired = p.clone();
        assert!(repaired.repair().is_empty());
    }

    #[test]
    fn removing_an_option_removes_what_refers_to_it() {
        let mut p = plan();
        // The sample package picks option 1 of the salary issue.
        let picked = p.issues[0].options[1].id.clone();
        let removed = remove_option(&mut p, &picked).map(|o| o.label);
        assert_eq!(removed.as_deref(), Some("€90k"));
        assert!(p
            .parties
            .iter()
            .all(|party| !party.ratings.contains_key(&picked)));
        assert!(!p.packages[0].choices.contains_key(&p.issues[0].id));
        assert!(p.clone().repair().is_empty());
        assert!(remove_option(&mut p, &picked).is_none());
    }

    #[test]
    fn removing_an_issue_removes_what_refers_to_it() {
        let mut p = plan();
        let remote = p.issues[3].id.clone();
        assert!(remove_issue(&mut p, &remote).is_some());
        assert_eq!(p.issues.len(), 3);
        assert!(p
            .parties
            .iter()
            .all(|party| !party.weights.contains_key(&remote)));
        assert!(p.parties.iter().all(|party| party.ratings.len() == 9));
        assert!(p.questions[0].issues.is_empty());
        assert!(p.clone().repair().is_empty());
    }

    #[test]
    fn a_new_plan_has_no_ratings_and_the_sample_has() {
        let fresh = Plan::new(PlanId::parse("p2").unwrap(), "x", 0);
        assert!(!has_ratings(&fresh));
        assert!(has_ratings(&plan()));
    }

    #[test]
    fn issues_and_options_are_one_kind_of_entry() {
        let mut p = plan();
        let issue = Item::Issue(p.issues[0].id.clone());
        let last = Item::Option(p.issues[0].options[2].id.clone());
        let middle = Item::Option(p.issues[0].options[1].id.clone());
        assert_eq!(issue.place(&p), (0, 4));
        assert_eq!(last.place(&p), (2, 3));
        assert_eq!(issue.name_label(&p), "Name of issue 1");
        assert_eq!(last.name_label(&p), "Option 3 of “Salary”");
        assert_eq!(issue.display_name(&p), "Salary");
        assert_eq!(issue.remove_words("Salary").0, "Remove the issue “Salary”");
        assert_eq!(last.remove_words("€95k").1, "remove the option “€95k”");
        assert_eq!(issue.dom_prefix(), format!("issue-{}-", p.issues[0].id));
        assert_eq!(last.name_slug(), "label");

        // Renaming to blank keeps the labels readable.
        issue.set_text(&mut p, " ".into());
        assert_eq!(issue.display_name(&p), "this issue");
        assert_eq!(last.name_label(&p), "Option 3 of “this issue”");
        middle.set_text(&mut p, String::new());
        assert_eq!(middle.display_name(&p), "untitled option");

        // After removing the middle option the cursor goes to the next one; after the
        // last one, to the one before.
        let (next, parent) = middle.after_removal(&p);
        assert_eq!(next.as_ref(), Some(&p.issues[0].options[2].id));
        assert_eq!(parent.as_ref(), Some(&p.issues[0].id));
        let (before, _) = last.after_removal(&p);
        assert_eq!(before.as_ref(), Some(&p.issues[0].options[1].id));
        assert_eq!(issue.after_removal(&p), (None, None));

        assert!(last.move_by(&mut p, -1));
        assert_eq!(last.place(&p), (1, 3));
        assert!(last.remove(&mut p));
        assert!(!last.remove(&mut p));
        assert_eq!(last.place(&p), (0, 0));
        assert_eq!(last.display_name(&p), "");
    }
}
