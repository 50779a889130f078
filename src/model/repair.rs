//! Checking every reference of a plan. A plan read from storage or from a file may have
//! been written by an older version, edited by hand, or truncated: `repair` makes it
//! consistent and says, in plain words, what it changed. It never panics and never drops
//! text a user wrote without saying so.

use super::entities::*;
use super::Plan;
use std::collections::{BTreeSet, HashSet};

/// Clamps a score to 0–100; NaN (from a hand-edited file) becomes 0.
fn clamp_score(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(0.0, 100.0)
    }
}

impl Plan {
    /// Makes every reference valid and every number sane. Returns what was changed; an
    /// empty list means the plan was already consistent.
    pub fn repair(&mut self) -> Vec<String> {
        let mut notes = Vec::new();
        self.repair_ids(&mut notes);

        // At least two parties: a negotiation needs someone to negotiate with.
        while self.parties.len() < 2 {
            let name = if self.parties.is_empty() {
                "Us"
            } else {
                "The other side"
            };
            let id = PartyId::from_seq(self.take_seq());
            self.parties.push(Party::new(id, name));
            notes.push(format!(
                "Added the missing party “{name}” (a plan needs two)."
            ));
        }

        let parties: HashSet<PartyId> = self.parties.iter().map(|p| p.id.clone()).collect();
        if let Perspective::Us(id) = &self.perspective {
            if !parties.contains(id) {
                self.perspective = Perspective::Neutral;
                notes.push(
                    "The party marked as “us” no longer exists; the plan is now neutral.".into(),
                );
            }
        }

        // Orphaned interests and offers keep their text under a recovered party.
        let orphan_interests = self.interests.iter().any(|i| !parties.contains(&i.party));
        let orphan_offers = self.offers.iter().any(|o| !parties.contains(&o.party));
        if orphan_interests || orphan_offers {
            let id = PartyId::from_seq(self.take_seq());
            for interest in &mut self.interests {
                if !parties.contains(&interest.party) {
                    interest.party = id.clone();
                }
            }
            for offer in &mut self.offers {
                if !parties.contains(&offer.party) {
                    offer.party = id.clone();
                }
            }
            self.parties.push(Party::new(id, "Recovered party"));
            notes.push(
                "Some interests or offers belonged to a party that no longer exists; they \
                 are now under “Recovered party”."
                    .into(),
            );
        }

        let interests: HashSet<InterestId> = self.interests.iter().map(|i| i.id.clone()).collect();
        let party_of = |id: &InterestId| {
            self.interests
                .iter()
                .find(|i| &i.id == id)
                .map(|i| i.party.clone())
        };
        let before = self.links.len();
        let mut seen = HashSet::new();
        let links: Vec<InterestLink> = self
            .links
            .iter()
            .filter(|l| {
                interests.contains(&l.a)
                    && interests.contains(&l.b)
                    && party_of(&l.a) != party_of(&l.b)
                    && seen.insert(ordered(&l.a, &l.b))
            })
            .cloned()
            .collect();
        self.links = links;
        if self.links.len() != before {
            notes.push(format!(
                "Removed {} link(s) between interests that were missing, of the same party, or repeated.",
                before - self.links.len()
            ));
        }

        let issues: HashSet<IssueId> = self.issues.iter().map(|i| i.id.clone()).collect();
        let options: HashSet<OptionId> = self
            .issues
            .iter()
            .flat_map(|i| i.options.iter().map(|o| o.id.clone()))
            .collect();

        let mut dropped_serves = 0;
        for option in self.issues.iter_mut().flat_map(|i| i.options.iter_mut()) {
            let before = option.serves.len();
            let mut seen = HashSet::new();
            option
                .serves
                .retain(|id| interests.contains(id) && seen.insert(id.clone()));
            dropped_serves += before - option.serves.len();
        }
        if dropped_serves > 0 {
            notes.push(format!(
                "Removed {dropped_serves} link(s) from options to interests that no longer exist."
            ));
        }

        let mut dropped_scores = 0;
        let mut clamped = 0;
        for party in &mut self.parties {
            let before = party.weights.len() + party.ratings.len();
            party.weights.retain(|id, _| issues.contains(id));
            party.ratings.retain(|id, _| options.contains(id));
            dropped_scores += before - party.weights.len() - party.ratings.len();
            for score in party.weights.values_mut().chain(party.ratings.values_mut()) {
                let fixed = clamp_score(score.value);
                if fixed != score.value {
                    score.value = fixed;
                    clamped += 1;
                }
            }
            let r = &mut party.reservation;
            let fixed = Estimate {
                value: clamp_score(r.value),
                low: clamp_score(r.low),
                high: clamp_score(r.high),
            };
            let fixed = Estimate {
                low: fixed.low.min(fixed.value),
                high: fixed.high.max(fixed.value),
                ..fixed
            };
            if fixed != *r {
                *r = fixed;
                clamped += 1;
            }
        }
        if dropped_scores > 0 {
            notes.push(format!(
                "Removed {dropped_scores} score(s) for issues or options that no longer exist."
            ));
        }
        if clamped > 0 {
            notes.push(format!(
                "Brought {clamped} number(s) back into the 0–100 range."
            ));
        }

        let mut opened = 0;
        for package in &mut self.packages {
            let before = package.choices.len();
            let plan_issues = &self.issues;
            package.choices.retain(|issue, option| {
                plan_issues
                    .iter()
                    .find(|i| &i.id == issue)
                    .is_some_and(|i| i.options.iter().any(|o| &o.id == option))
            });
            opened += before - package.choices.len();
        }
        if opened > 0 {
            notes.push(format!(
                "{opened} choice(s) in packages named an issue or option that no longer exists; those issues are open again."
            ));
        }

        let packages: HashSet<PackageId> = self.packages.iter().map(|p| p.id.clone()).collect();
        let before = self.offers.len();
        self.offers.retain(|o| packages.contains(&o.package));
        if self.offers.len() != before {
            notes.push(format!(
                "Removed {} offer(s) whose package no longer exists.",
                before - self.offers.len()
            ));
        }

        let mut dropped_refs = 0;
        for q in &mut self.questions {
            let before = q.issues.len() + q.interests.len();
            q.issues.retain(|id| issues.contains(id));
            q.interests.retain(|id| interests.contains(id));
            dropped_refs += before - q.issues.len() - q.interests.len();
        }
        if dropped_refs > 0 {
            notes.push(format!(
                "Removed {dropped_refs} link(s) from questions to issues or interests that no longer exist."
            ));
        }
        notes
    }

    /// Gives every entity a well-formed id that no other entity of the plan uses, and keeps
    /// the id counter above every id in use so new ids never collide.
    fn repair_ids(&mut self, notes: &mut Vec<String>) {
        let mut used = BTreeSet::new();
        let mut max_seq = 0;
        let mut collect = |id: &str| {
            used.insert(id.to_string());
            let digits: String = id
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            let digits: String = digits.chars().rev().collect();
            if let Ok(n) = digits.parse::<u64>() {
                max_seq = max_seq.max(n);
            }
        };
        self.parties.iter().for_each(|p| collect(&p.id.0));
        self.interests.iter().for_each(|i| collect(&i.id.0));
        self.issues.iter().for_each(|i| {
            collect(&i.id.0);
            i.options.iter().for_each(|o| collect(&o.id.0));
        });
        self.packages.iter().for_each(|p| collect(&p.id.0));
        self.offers.iter().for_each(|o| collect(&o.id.0));
        self.questions.iter().for_each(|q| collect(&q.id.0));
        self.rehearsals.iter().for_each(|r| collect(&r.id.0));
        if self.next_seq <= max_seq {
            self.next_seq = max_seq + 1;
        }

        let mut seen = HashSet::new();
        let mut renamed = 0;
        let mut fresh = |id: &mut String, make: &dyn Fn(u64) -> String, seq: &mut u64| {
            if !super::ids::is_safe_id(id) || !seen.insert(id.clone()) {
                *id = make(*seq);
                *seq += 1;
                seen.insert(id.clone());
                renamed += 1;
            }
        };
        let mut seq = self.next_seq;
        for p in &mut self.parties {
            fresh(&mut p.id.0, &|n| PartyId::from_seq(n).0, &mut seq);
        }
        for i in &mut self.interests {
            fresh(&mut i.id.0, &|n| InterestId::from_seq(n).0, &mut seq);
        }
        for issue in &mut self.issues {
            fresh(&mut issue.id.0, &|n| IssueId::from_seq(n).0, &mut seq);
            for o in &mut issue.options {
                fresh(&mut o.id.0, &|n| OptionId::from_seq(n).0, &mut seq);
            }
        }
        for p in &mut self.packages {
            fresh(&mut p.id.0, &|n| PackageId::from_seq(n).0, &mut seq);
        }
        for o in &mut self.offers {
            fresh(&mut o.id.0, &|n| OfferId::from_seq(n).0, &mut seq);
        }
        for q in &mut self.questions {
            fresh(&mut q.id.0, &|n| QuestionId::from_seq(n).0, &mut seq);
        }
        for r in &mut self.rehearsals {
            fresh(&mut r.id.0, &|n| RehearsalId::from_seq(n).0, &mut seq);
        }
        self.next_seq = seq;
        if renamed > 0 {
            notes.push(format!(
                "Gave {renamed} item(s) with a missing, malformed or repeated id a new id."
            ));
        }
    }
}

fn ordered(a: &InterestId, b: &InterestId) -> (InterestId, InterestId) {
    if a <= b {
        (a.clone(), b.clone())
    } else {
        (b.clone(), a.clone())
    }
}

/// The first inconsistency of a plan, as (path, plain-language message): used to refuse an
/// import rather than repair it silently.
pub type CheckError = (String, String);

impl Plan {
    /// Checks every id, reference and number without changing anything.
    pub fn check(&self) -> Result<(), CheckError> {
        let err = |path: String, msg: String| Err((path, msg));
        let mut seen = HashSet::new();
        let mut ids: Vec<(String, &str)> = Vec::new();
        for (i, p) in self.parties.iter().enumerate() {
            ids.push((format!("parties[{i}].id"), &p.id.0));
        }
        for (i, x) in self.interests.iter().enumerate() {
            ids.push((format!("interests[{i}].id"), &x.id.0));
        }
        for (i, issue) in self.issues.iter().enumerate() {
            ids.push((format!("issues[{i}].id"), &issue.id.0));
            for (k, o) in issue.options.iter().enumerate() {
                ids.push((format!("issues[{i}].options[{k}].id"), &o.id.0));
            }
        }
        for (i, x) in self.packages.iter().enumerate() {
            ids.push((format!("packages[{i}].id"), &x.id.0));
        }
        for (i, x) in self.offers.iter().enumerate() {
            ids.push((format!("offers[{i}].id"), &x.id.0));
        }
        for (i, x) in self.questions.iter().enumerate() {
            ids.push((format!("questions[{i}].id"), &x.id.0));
        }
        // Rehearsals are history: what their moves name may since have left the plan (see
        // `model::rehearsal`), so only their own ids are checked.
        for (i, x) in self.rehearsals.iter().enumerate() {
            ids.push((format!("rehearsals[{i}].id"), &x.id.0));
        }
        for (path, id) in ids {
            if !super::ids::is_safe_id(id) {
                return err(
                    path,
                    format!("{id:?} is not a valid id (letters, digits, - and _ only)"),
                );
            }
            if !seen.insert(id) {
                return err(path, format!("the id {id:?} is used twice"));
            }
        }
        if self.parties.len() < 2 {
            return err("parties".into(), "a plan needs at least two parties".into());
        }
        let has_party = |id: &PartyId| self.parties.iter().any(|p| &p.id == id);
        if let Perspective::Us(id) = &self.perspective {
            if !has_party(id) {
                return err(
                    "perspective.party".into(),
                    format!("no party has the id {:?}", id.0),
                );
            }
        }
        let interest_party = |id: &InterestId| {
            self.interests
                .iter()
                .find(|x| &x.id == id)
                .map(|x| &x.party)
        };
        for (i, x) in self.interests.iter().enumerate() {
            if !has_party(&x.party) {
                return err(
                    format!("interests[{i}].party"),
                    format!("no party has the id {:?}", x.party.0),
                );
            }
        }
        for (i, l) in self.links.iter().enumerate() {
            for (side, id) in [("a", &l.a), ("b", &l.b)] {
                if interest_party(id).is_none() {
                    return err(
                        format!("links[{i}].{side}"),
                        format!("no interest has the id {:?}", id.0),
                    );
                }
            }
            if interest_party(&l.a) == interest_party(&l.b) {
                return err(
                    format!("links[{i}]"),
                    "a link must join interests of two different parties".into(),
                );
            }
        }
        for (i, issue) in self.issues.iter().enumerate() {
            for (k, o) in issue.options.iter().enumerate() {
                for (s, id) in o.serves.iter().enumerate() {
                    if interest_party(id).is_none() {
                        return err(
                            format!("issues[{i}].options[{k}].serves[{s}]"),
                            format!("no interest has the id {:?}", id.0),
                        );
                    }
                }
            }
        }
        let has_issue = |id: &IssueId| self.issues.iter().any(|x| &x.id == id);
        let has_option = |id: &OptionId| {
            self.issues
                .iter()
                .any(|x| x.options.iter().any(|o| &o.id == id))
        };
        let in_range = |v: f64| v.is_finite() && (0.0..=100.0).contains(&v);
        for (i, p) in self.parties.iter().enumerate() {
            for (id, s) in &p.weights {
                if !has_issue(id) {
                    return err(
                        format!("parties[{i}].weights.{id}"),
                        "no issue has this id".into(),
                    );
                }
                if !in_range(s.value) {
                    return err(
                        format!("parties[{i}].weights.{id}.value"),
                        format!("{} is not between 0 and 100", s.value),
                    );
                }
            }
            for (id, s) in &p.ratings {
                if !has_option(id) {
                    return err(
                        format!("parties[{i}].ratings.{id}"),
                        "no option has this id".into(),
                    );
                }
                if !in_range(s.value) {
                    return err(
                        format!("parties[{i}].ratings.{id}.value"),
                        format!("{} is not between 0 and 100", s.value),
                    );
                }
            }
            let r = p.reservation;
            for (name, v) in [("value", r.value), ("low", r.low), ("high", r.high)] {
                if !in_range(v) {
                    return err(
                        format!("parties[{i}].reservation.{name}"),
                        format!("{v} is not between 0 and 100"),
                    );
                }
            }
            if r.low > r.value || r.value > r.high {
                return err(
                    format!("parties[{i}].reservation"),
                    "low must not exceed value, nor value exceed high".into(),
                );
            }
        }
        for (i, pk) in self.packages.iter().enumerate() {
            for (issue, option) in &pk.choices {
                match self.issues.iter().find(|x| &x.id == issue) {
                    None => {
                        return err(
                            format!("packages[{i}].choices.{issue}"),
                            "no issue has this id".into(),
                        )
                    }
                    Some(x) if !x.options.iter().any(|o| &o.id == option) => {
                        return err(
                            format!("packages[{i}].choices.{issue}"),
                            format!("the issue has no option {:?}", option.0),
                        )
                    }
                    Some(_) => {}
                }
            }
        }
        for (i, o) in self.offers.iter().enumerate() {
            if !has_party(&o.party) {
                return err(
                    format!("offers[{i}].party"),
                    format!("no party has the id {:?}", o.party.0),
                );
            }
            if !self.packages.iter().any(|p| p.id == o.package) {
                return err(
                    format!("offers[{i}].package"),
                    format!("no package has the id {:?}", o.package.0),
                );
            }
        }
        for (i, q) in self.questions.iter().enumerate() {
            for (k, id) in q.issues.iter().enumerate() {
                if !has_issue(id) {
                    return err(
                        format!("questions[{i}].issues[{k}]"),
                        format!("no issue has the id {:?}", id.0),
                    );
                }
            }
            for (k, id) in q.interests.iter().enumerate() {
                if interest_party(id).is_none() {
                    return err(
                        format!("questions[{i}].interests[{k}]"),
                        format!("no interest has the id {:?}", id.0),
                    );
                }
            }
        }
        Ok(())
    }
}
