//! Checking every reference of a plan. A plan read from storage or from a file may have
//! been written by an older version, edited by hand, or truncated: `repair` makes it
//! consistent and says, in plain words, what it changed. It never panics and never drops
//! text a user wrote without saying so.

use super::entities::*;
use super::team::Rule;
use super::Plan;
use std::collections::{BTreeSet, HashMap, HashSet};

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

        // Every lookup below goes through a hash map: a hostile file with hundreds of
        // thousands of references must not cost their square.
        let party_of: HashMap<InterestId, PartyId> = self
            .interests
            .iter()
            .map(|i| (i.id.clone(), i.party.clone()))
            .collect();
        let before = self.links.len();
        let mut seen = HashSet::new();
        self.links
            .retain(|l| match (party_of.get(&l.a), party_of.get(&l.b)) {
                (Some(a), Some(b)) => a != b && seen.insert(ordered(&l.a, &l.b)),
                _ => false,
            });
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
                .retain(|id| party_of.contains_key(id) && seen.insert(id.clone()));
            dropped_serves += before - option.serves.len();
        }
        if dropped_serves > 0 {
            notes.push(format!(
                "Removed {dropped_serves} link(s) from options to interests that no longer exist or were listed twice."
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
        for numbers in self
            .team
            .views
            .iter_mut()
            .flat_map(|v| v.parties.values_mut())
        {
            for v in numbers
                .weights
                .values_mut()
                .chain(numbers.ratings.values_mut())
            {
                let fixed = clamp_score(*v);
                if fixed != *v {
                    *v = fixed;
                    clamped += 1;
                }
            }
            if let Some(r) = &mut numbers.reservation {
                let value = clamp_score(r.value);
                let fixed = Estimate {
                    value,
                    low: clamp_score(r.low).min(value),
                    high: clamp_score(r.high).max(value),
                };
                if fixed != *r {
                    *r = fixed;
                    clamped += 1;
                }
            }
        }
        // The weight helpers' working: stale references are forgotten quietly (they are
        // working, not the user's numbers; the helpers ignore them anyway).
        for party in &mut self.parties {
            let e = &mut party.elicitation;
            let mut seen = HashSet::new();
            e.ranking
                .retain(|id| issues.contains(id) && seen.insert(id.clone()));
            e.swings
                .retain(|id, v| issues.contains(id) && v.is_finite());
            for v in e.swings.values_mut() {
                *v = v.clamp(0.0, 100.0);
            }
            if let Some(check) = &mut e.holistic {
                for judged in &mut check.packages {
                    judged
                        .choices
                        .retain(|i, o| issues.contains(i) && options.contains(o));
                    judged.score = judged
                        .score
                        .filter(|s| s.is_finite())
                        .map(|s| s.clamp(0.0, 100.0));
                }
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

        let option_issue: HashMap<&OptionId, &IssueId> = self
            .issues
            .iter()
            .flat_map(|i| i.options.iter().map(move |o| (&o.id, &i.id)))
            .collect();
        let mut opened = 0;
        for package in &mut self.packages {
            let before = package.choices.len();
            package
                .choices
                .retain(|issue, option| option_issue.get(option) == Some(&issue));
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
            q.interests.retain(|id| party_of.contains_key(id));
            dropped_refs += before - q.issues.len() - q.interests.len();
        }
        if dropped_refs > 0 {
            notes.push(format!(
                "Removed {dropped_refs} link(s) from questions to issues or interests that no longer exist."
            ));
        }
        self.repair_strategy(&mut notes);
        self.repair_team(&mut notes);
        notes
    }

    /// Two views never share a member's name (an answer finds its member's view by name),
    /// and a decision that took a member's number names a view the plan holds.
    fn repair_team(&mut self, notes: &mut Vec<String>) {
        let mut names = HashSet::new();
        let mut renamed = 0;
        for v in &mut self.team.views {
            let base = v.member.trim().to_string();
            let mut n = 1;
            while !names.insert(v.member.trim().to_lowercase()) {
                n += 1;
                v.member = format!("{base} ({n})");
            }
            if n > 1 {
                renamed += 1;
            }
        }
        if renamed > 0 {
            notes.push(format!(
                "Renamed {renamed} team view(s) whose member's name another view already had."
            ));
        }
        let views: HashSet<ViewId> = self.team.views.iter().map(|v| v.id.clone()).collect();
        let before = self.team.decisions.len();
        self.team
            .decisions
            .retain(|d| !matches!(&d.rule, Rule::Member(v) if !views.contains(v)));
        if self.team.decisions.len() != before {
            notes.push(format!(
                "Reopened {} team decision(s) that took the number of a view no longer in the plan.",
                before - self.team.decisions.len()
            ));
        }
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
        for v in &self.team.views {
            collect(&v.id.0);
            v.interests.iter().for_each(|p| collect(&p.id.0));
            v.options.iter().for_each(|p| collect(&p.id.0));
        }
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
        for v in &mut self.team.views {
            fresh(&mut v.id.0, &|n| ViewId::from_seq(n).0, &mut seq);
            for p in &mut v.interests {
                fresh(&mut p.id.0, &|n| ProposalId::from_seq(n).0, &mut seq);
            }
            for p in &mut v.options {
                fresh(&mut p.id.0, &|n| ProposalId::from_seq(n).0, &mut seq);
            }
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
        // Paths are only written out for the id that fails.
        let mut seen = HashSet::new();
        let mut check_id = |id: &str, path: &dyn Fn() -> String| -> Result<(), CheckError> {
            if !super::ids::is_safe_id(id) {
                return err(
                    path(),
                    format!("{id:?} is not a valid id (letters, digits, - and _ only)"),
                );
            }
            if !seen.insert(id.to_string()) {
                return err(path(), format!("the id {id:?} is used twice"));
            }
            Ok(())
        };
        for (i, p) in self.parties.iter().enumerate() {
            check_id(&p.id.0, &|| format!("parties[{i}].id"))?;
        }
        for (i, x) in self.interests.iter().enumerate() {
            check_id(&x.id.0, &|| format!("interests[{i}].id"))?;
        }
        for (i, issue) in self.issues.iter().enumerate() {
            check_id(&issue.id.0, &|| format!("issues[{i}].id"))?;
            for (k, o) in issue.options.iter().enumerate() {
                check_id(&o.id.0, &|| format!("issues[{i}].options[{k}].id"))?;
            }
        }
        for (i, x) in self.packages.iter().enumerate() {
            check_id(&x.id.0, &|| format!("packages[{i}].id"))?;
        }
        for (i, x) in self.offers.iter().enumerate() {
            check_id(&x.id.0, &|| format!("offers[{i}].id"))?;
        }
        for (i, x) in self.questions.iter().enumerate() {
            check_id(&x.id.0, &|| format!("questions[{i}].id"))?;
        }
        for (i, v) in self.team.views.iter().enumerate() {
            check_id(&v.id.0, &|| format!("team.views[{i}].id"))?;
            for (k, x) in v.interests.iter().enumerate() {
                check_id(&x.id.0, &|| format!("team.views[{i}].interests[{k}].id"))?;
            }
            for (k, x) in v.options.iter().enumerate() {
                check_id(&x.id.0, &|| format!("team.views[{i}].options[{k}].id"))?;
            }
        }
        // Rehearsals are history: what their moves name may since have left the plan (see
        // `model::rehearsal`), so only their own ids are checked.
        for (i, x) in self.rehearsals.iter().enumerate() {
            check_id(&x.id.0, &|| format!("rehearsals[{i}].id"))?;
        }
        if self.parties.len() < 2 {
            return err("parties".into(), "a plan needs at least two parties".into());
        }
        // Hash lookups throughout: the cost stays linear in the size of the plan.
        let parties: HashSet<&PartyId> = self.parties.iter().map(|p| &p.id).collect();
        if let Perspective::Us(id) = &self.perspective {
            if !parties.contains(id) {
                return err(
                    "perspective.party".into(),
                    format!("no party has the id {:?}", id.0),
                );
            }
        }
        let interest_party: HashMap<&InterestId, &PartyId> =
            self.interests.iter().map(|x| (&x.id, &x.party)).collect();
        for (i, x) in self.interests.iter().enumerate() {
            if !parties.contains(&x.party) {
                return err(
                    format!("interests[{i}].party"),
                    format!("no party has the id {:?}", x.party.0),
                );
            }
        }
        let mut linked = HashSet::new();
        for (i, l) in self.links.iter().enumerate() {
            let mut sides = [None, None];
            for (k, (side, id)) in [("a", &l.a), ("b", &l.b)].into_iter().enumerate() {
                sides[k] = interest_party.get(id);
                if sides[k].is_none() {
                    return err(
                        format!("links[{i}].{side}"),
                        format!("no interest has the id {:?}", id.0),
                    );
                }
            }
            if sides[0] == sides[1] {
                return err(
                    format!("links[{i}]"),
                    "a link must join interests of two different parties".into(),
                );
            }
            // Repair would drop a repeated link, so an import refuses it.
            if !linked.insert(ordered(&l.a, &l.b)) {
                return err(
                    format!("links[{i}]"),
                    "these two interests are already linked".into(),
                );
            }
        }
        for (i, issue) in self.issues.iter().enumerate() {
            for (k, o) in issue.options.iter().enumerate() {
                let mut served = HashSet::new();
                for (s, id) in o.serves.iter().enumerate() {
                    if !interest_party.contains_key(id) {
                        return err(
                            format!("issues[{i}].options[{k}].serves[{s}]"),
                            format!("no interest has the id {:?}", id.0),
                        );
                    }
                    if !served.insert(id) {
                        return err(
                            format!("issues[{i}].options[{k}].serves[{s}]"),
                            format!("the interest {:?} is listed twice", id.0),
                        );
                    }
                }
            }
        }
        let issues: HashSet<&IssueId> = self.issues.iter().map(|x| &x.id).collect();
        let option_issue: HashMap<&OptionId, &IssueId> = self
            .issues
            .iter()
            .flat_map(|x| x.options.iter().map(move |o| (&o.id, &x.id)))
            .collect();
        let in_range = |v: f64| v.is_finite() && (0.0..=100.0).contains(&v);
        for (i, p) in self.parties.iter().enumerate() {
            for (id, s) in &p.weights {
                if !issues.contains(id) {
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
                if !option_issue.contains_key(id) {
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
        // A view's numbers may name things removed since (they are inert), but each one
        // must be a number on the scale.
        for (i, v) in self.team.views.iter().enumerate() {
            for (party, n) in &v.parties {
                let place = format!("team.views[{i}].parties.{party}");
                let values = n
                    .weights
                    .iter()
                    .map(|(id, x)| (format!("weights.{id}"), *x))
                    .chain(
                        n.ratings
                            .iter()
                            .map(|(id, x)| (format!("ratings.{id}"), *x)),
                    );
                for (path, x) in values {
                    if !in_range(x) {
                        return err(
                            format!("{place}.{path}"),
                            format!("{x} is not between 0 and 100"),
                        );
                    }
                }
                if let Some(r) = n.reservation {
                    if ![r.value, r.low, r.high].into_iter().all(in_range)
                        || r.low > r.value
                        || r.value > r.high
                    {
                        return err(
                            format!("{place}.reservation"),
                            "a reservation value must be between 0 and 100, within its range"
                                .into(),
                        );
                    }
                }
            }
        }
        let mut members = HashSet::new();
        for (i, v) in self.team.views.iter().enumerate() {
            if !members.insert(v.member.trim().to_lowercase()) {
                return err(
                    format!("team.views[{i}].member"),
                    format!("another view already belongs to “{}”", v.member.trim()),
                );
            }
        }
        for (i, d) in self.team.decisions.iter().enumerate() {
            if let Rule::Member(view) = &d.rule {
                if self.team.view(view).is_none() {
                    return err(
                        format!("team.decisions[{i}].rule"),
                        format!("no view has the id {:?}", view.0),
                    );
                }
            }
        }
        for (i, pk) in self.packages.iter().enumerate() {
            for (issue, option) in &pk.choices {
                if !issues.contains(issue) {
                    return err(
                        format!("packages[{i}].choices.{issue}"),
                        "no issue has this id".into(),
                    );
                }
                if option_issue.get(option) != Some(&issue) {
                    return err(
                        format!("packages[{i}].choices.{issue}"),
                        format!("the issue has no option {:?}", option.0),
                    );
                }
            }
        }
        let packages: HashSet<&PackageId> = self.packages.iter().map(|p| &p.id).collect();
        for (i, o) in self.offers.iter().enumerate() {
            if !parties.contains(&o.party) {
                return err(
                    format!("offers[{i}].party"),
                    format!("no party has the id {:?}", o.party.0),
                );
            }
            if !packages.contains(&o.package) {
                return err(
                    format!("offers[{i}].package"),
                    format!("no package has the id {:?}", o.package.0),
                );
            }
        }
        for (i, q) in self.questions.iter().enumerate() {
            for (k, id) in q.issues.iter().enumerate() {
                if !issues.contains(id) {
                    return err(
                        format!("questions[{i}].issues[{k}]"),
                        format!("no issue has the id {:?}", id.0),
                    );
                }
            }
            for (k, id) in q.interests.iter().enumerate() {
                if !interest_party.contains_key(id) {
                    return err(
                        format!("questions[{i}].interests[{k}]"),
                        format!("no interest has the id {:?}", id.0),
                    );
                }
            }
        }
        self.check_strategy()
    }
}
