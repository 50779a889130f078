//! Library bookkeeping on the index, without storage: kept pure so it is tested natively.

use crate::model::{PlanId, PlanSummary};
use crate::persist::schema::LibraryIndex;

impl LibraryIndex {
    /// Inserts or replaces the summary of a plan.
    pub fn upsert(&mut self, summary: PlanSummary) {
        match self.plans.iter_mut().find(|p| p.id == summary.id) {
            Some(existing) => *existing = summary,
            None => self.plans.push(summary),
        }
    }

    /// Removes a plan's line; returns whether it was there.
    pub fn remove(&mut self, id: &PlanId) -> bool {
        let before = self.plans.len();
        self.plans.retain(|p| &p.id != id);
        self.plans.len() != before
    }

    pub fn get(&self, id: &PlanId) -> Option<&PlanSummary> {
        self.plans.iter().find(|p| &p.id == id)
    }

    /// The title of a new copy of the example labelled `label` ("Job offer"): "Job offer
    /// example (my copy)", then "(my copy 2)", "(my copy 3)"… for the titles already in the
    /// library. Every example opens as the user's own copy, on a first visit as from the
    /// library, and the title says so.
    pub fn copy_title(&self, label: &str) -> String {
        let taken = |t: &str| self.plans.iter().any(|p| p.title == t);
        let first = format!("{label} example (my copy)");
        if !taken(&first) {
            return first;
        }
        (2..)
            .map(|n| format!("{label} example (my copy {n})"))
            .find(|t| !taken(t))
            .unwrap_or(first)
    }

    /// Plans as the library lists them: most recently changed first, then by title so the
    /// order is stable when times tie.
    pub fn listed(&self) -> Vec<PlanSummary> {
        let mut plans = self.plans.clone();
        crate::model::order::sort_by(&mut plans, |a, b| {
            b.updated
                .cmp(&a.updated)
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.id.cmp(&b.id))
        });
        plans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: &str, title: &str, updated: i64) -> PlanSummary {
        PlanSummary {
            id: PlanId::parse(id).unwrap(),
            title: title.into(),
            updated,
        }
    }

    #[test]
    fn each_copy_of_an_example_says_it_is_the_users_copy() {
        let mut index = LibraryIndex::default();
        assert_eq!(index.copy_title("Job offer"), "Job offer example (my copy)");
        index.upsert(summary("a", "Job offer example (my copy)", 1));
        index.upsert(summary("b", "Job offer example (my copy 3)", 1));
        assert_eq!(
            index.copy_title("Job offer"),
            "Job offer example (my copy 2)"
        );
        index.upsert(summary("c", "Job offer example (my copy 2)", 1));
        assert_eq!(
            index.copy_title("Job offer"),
            "Job offer example (my copy 4)"
        );
        assert_eq!(
            index.copy_title("Supplier contract"),
            "Supplier contract example (my copy)"
        );
    }

    #[test]
    fn upsert_remove_and_order() {
        let mut index = LibraryIndex::default();
        index.upsert(summary("a", "Alpha", 1));
        index.upsert(summary("b", "Beta", 3));
        index.upsert(summary("c", "Gamma", 3));
        index.upsert(summary("a", "Alpha renamed", 5));
        let titles: Vec<_> = index.listed().into_iter().map(|p| p.title).collect();
        assert_eq!(titles, ["Alpha renamed", "Beta", "Gamma"]);
        assert!(index.remove(&PlanId::parse("b").unwrap()));
        assert!(!index.remove(&PlanId::parse("b").unwrap()));
        assert_eq!(index.plans.len(), 2);
    }
}
