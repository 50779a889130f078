//! Edits of the people steps (parties, interests, fact-finding) that touch more than one
//! place of a plan: removing a party with what hangs on it, linking interests, sending an
//! interest to fact-finding, keeping an estimate's range around its value. Pure, so every
//! rule is tested natively; the views only call these and show the words they return.

use super::entities::*;
use super::Plan;
use std::collections::HashSet;
use std::fmt;

/// A negotiation needs someone to negotiate with.
pub const MIN_PARTIES: usize = 2;

/// Words for the enums, as the views show them.
pub fn priority_label(p: Priority) -> &'static str {
    match p {
        Priority::High => "High",
        Priority::Medium => "Medium",
        Priority::Low => "Low",
    }
}

pub const PRIORITIES: [Priority; 3] = [Priority::High, Priority::Medium, Priority::Low];

pub fn kind_label(k: InterestKind) -> &'static str {
    match k {
        InterestKind::Substantive => "Substantive",
        InterestKind::Relationship => "Relationship",
        InterestKind::Process => "Process",
        InterestKind::Principle => "Principle",
    }
}

pub const KINDS: [InterestKind; 4] = [
    InterestKind::Substantive,
    InterestKind::Relationship,
    InterestKind::Process,
    InterestKind::Principle,
];

pub fn relation_label(r: Relation) -> &'static str {
    match r {
        Relation::Shared => "shared",
        Relation::Different => "different",
        Relation::Conflicting => "conflicting",
    }
}

pub const RELATIONS: [Relation; 3] = [Relation::Shared, Relation::Different, Relation::Conflicting];

pub fn status_label(s: QuestionStatus) -> &'static str {
    match s {
        QuestionStatus::Open => "Open",
        QuestionStatus::Agreed => "Agreed",
        QuestionStatus::Disputed => "Disputed",
    }
}

pub const STATUSES: [QuestionStatus; 3] = [
    QuestionStatus::Open,
    QuestionStatus::Agreed,
    QuestionStatus::Disputed,
];

/// "1 interest", "2 interests".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Joins "a", "b" and "c" as "a, b and c".
fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

// ---------------------------------------------------------------------------------------
// Parties
// ---------------------------------------------------------------------------------------

/// Adds a party with a trimmed name; `None` for a blank name.
pub fn add_party(plan: &mut Plan, name: &str) -> Option<PartyId> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    Some(plan.add_party(name))
}

/// The name to show for a party: a blank name would leave a card or column without a title.
pub fn party_display_name(plan: &Plan, id: &PartyId) -> String {
    match plan.party(id) {
        Some(p) if !p.name.trim().is_empty() => p.name.clone(),
        Some(p) => match plan.parties.iter().position(|x| x.id == p.id) {
            Some(k) => format!("Party {}", k + 1),
            None => "Unnamed party".into(),
        },
        None => "Unknown party".into(),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RemovePartyError {
    /// Only [`MIN_PARTIES`] are left.
    TooFew,
    Missing,
}

impl fmt::Display for RemovePartyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RemovePartyError::TooFew => f.write_str(
                "A negotiation needs at least two parties. Add another party before removing this one.",
            ),
            RemovePartyError::Missing => f.write_str("That party is no longer in the plan."),
        }
    }
}

/// What went with a removed party, for the notice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RemovedParty {
    pub name: String,
    pub interests: usize,
    /// Links between its interests and other parties' interests.
    pub links: usize,
    pub offers: usize,
    /// Ties from options ("serves") and questions to its interests.
    pub ties: usize,
    /// It was "us": the plan is now neutral.
    pub was_us: bool,
}

impl RemovedParty {
    /// "Removed “Acme” with its 2 interests, 1 link and 1 offer. The plan is now neutral."
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.interests > 0 {
            parts.push(count(self.interests, "interest", "interests"));
        }
        if self.links > 0 {
            parts.push(count(
                self.links,
                "link to another party",
                "links to other parties",
            ));
        }
        if self.offers > 0 {
            parts.push(count(self.offers, "offer", "offers"));
        }
        if self.ties > 0 {
            parts.push(count(
                self.ties,
                "tie from an option or a question",
                "ties from options or questions",
            ));
        }
        let mut text = if parts.is_empty() {
            format!("Removed “{}”.", self.name)
        } else {
            format!("Removed “{}” with its {}.", self.name, join_and(&parts))
        };
        if self.was_us {
            text.push_str(" It was “us”, so the plan is now neutral.");
        }
        text
    }
}

/// Removes a party and everything that only makes sense with it: its interests, links to
/// them, options' and questions' ties to them, its offers and (if it was "us") the
/// perspective. Refused when only two parties are left.
pub fn remove_party(plan: &mut Plan, id: &PartyId) -> Result<RemovedParty, RemovePartyError> {
    let Some(pos) = plan.parties.iter().position(|p| &p.id == id) else {
        return Err(RemovePartyError::Missing);
    };
    if plan.parties.len() <= MIN_PARTIES {
        return Err(RemovePartyError::TooFew);
    }
    let name = party_display_name(plan, id);
    plan.parties.remove(pos);
    let gone: HashSet<InterestId> = plan
        .interests
        .iter()
        .filter(|i| &i.party == id)
        .map(|i| i.id.clone())
        .collect();
    let removed = remove_interests(plan, &gone);
    let before = plan.offers.len();
    plan.offers.retain(|o| &o.party != id);
    let offers = before - plan.offers.len();
    let was_us = plan.us() == Some(id);
    if was_us {
        plan.perspective = Perspective::Neutral;
    }
    Ok(RemovedParty {
        name,
        interests: removed.interests,
        links: removed.links,
        offers,
        ties: removed.ties,
        was_us,
    })
}

/// Makes `perspective` the plan's. The new "us" knows its own reservation value, so its
/// range closes on the value; returns true when a range was dropped that way. The old "us"
/// becomes a counterpart whose value is now an estimate: it gets the default range around
/// it ([`range_around`]).
pub fn set_perspective(plan: &mut Plan, perspective: Perspective) -> bool {
    let mut dropped = false;
    if let Perspective::Us(id) = &perspective {
        if plan.party(id).is_none() {
            return false;
        }
        if let Some(p) = plan.party_mut(id) {
            let exact = Estimate::exact(p.reservation.value);
            dropped = p.reservation != exact;
            p.reservation = exact;
        }
    }
    let old_us = plan.us().cloned();
    plan.perspective = perspective;
    if let Some(old) = old_us.filter(|old| plan.us() != Some(old)) {
        if let Some(p) = plan.party_mut(&old) {
            if p.reservation.low == p.reservation.high {
                p.reservation = range_around(p.reservation.value);
            }
        }
    }
    dropped
}

/// Whether a party's reservation value is an estimate (everyone but "us").
pub fn is_counterpart(plan: &Plan, id: &PartyId) -> bool {
    plan.us() != Some(id)
}

// ---------------------------------------------------------------------------------------
// Reservation values
// ---------------------------------------------------------------------------------------

/// Which number of an estimate an input edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Value,
    Low,
    High,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EstimateError {
    LowAboveValue { value: f64 },
    HighBelowValue { value: f64 },
}

impl fmt::Display for EstimateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EstimateError::LowAboveValue { value } => write!(
                f,
                "The low end cannot be above the estimate ({}). Lower it, or raise the estimate first.",
                show_number(*value)
            ),
            EstimateError::HighBelowValue { value } => write!(
                f,
                "The high end cannot be below the estimate ({}). Raise it, or lower the estimate first.",
                show_number(*value)
            ),
        }
    }
}

/// A number as the inputs show it: whole numbers without ".0".
pub fn show_number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// What a 0–100 number input accepts: the typed number rounded to a whole number and
/// clamped into range; `None` for text that is not a number (an emptied field).
pub fn clamp_input(text: &str) -> Option<f64> {
    let v: f64 = text.trim().parse().ok()?;
    if !v.is_finite() {
        return None;
    }
    Some(v.round().clamp(0.0, 100.0))
}

/// How far on each side of a counterpart's estimate its range starts (on the 0–100 scale;
/// the examples' ranges are about as wide).
pub const DEFAULT_SPREAD: f64 = 10.0;

/// The range a counterpart's estimate starts with: [`DEFAULT_SPREAD`] on each side, within
/// 0–100. An estimate is a guess, so it never starts as a point ("40 (range 40–40)").
pub fn range_around(v: f64) -> Estimate {
    Estimate {
        value: v,
        low: (v - DEFAULT_SPREAD).max(0.0),
        high: (v + DEFAULT_SPREAD).min(100.0),
    }
}

/// The result of editing one number of an estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EstimateEdit {
    pub estimate: Estimate,
    /// The estimate moved outside its range, and the range grew to include it.
    pub widened: bool,
}

/// Edits one number of an estimate, keeping `low ≤ value ≤ high`. `exact` (for "us") keeps
/// all three equal. A value given to an estimate without a range of the user's own (a
/// point, as new parties start, or the default range) brings the default range around it;
/// moving the value outside a chosen range widens the range; moving a bound past the value
/// is refused with words that say why.
pub fn set_estimate(
    est: Estimate,
    which: Bound,
    v: f64,
    exact: bool,
) -> Result<EstimateEdit, EstimateError> {
    let v = if v.is_nan() { 0.0 } else { v.clamp(0.0, 100.0) };
    if exact {
        return Ok(EstimateEdit {
            estimate: Estimate::exact(v),
            widened: false,
        });
    }
    match which {
        // No range chosen yet (a point, as new parties start, or the default range): the
        // default range moves with the value. Widening instead would keep the old default
        // as a bound, e.g. a range of 0–40 for an estimate of 40 that nobody chose.
        Bound::Value if est.low == est.high || est == range_around(est.value) => Ok(EstimateEdit {
            estimate: range_around(v),
            widened: false,
        }),
        Bound::Value => {
            let widened = v < est.low || v > est.high;
            Ok(EstimateEdit {
                estimate: Estimate {
                    value: v,
                    low: est.low.min(v),
                    high: est.high.max(v),
                },
                widened,
            })
        }
        Bound::Low if v > est.value => Err(EstimateError::LowAboveValue { value: est.value }),
        Bound::High if v < est.value => Err(EstimateError::HighBelowValue { value: est.value }),
        Bound::Low => Ok(EstimateEdit {
            estimate: Estimate { low: v, ..est },
            widened: false,
        }),
        Bound::High => Ok(EstimateEdit {
            estimate: Estimate { high: v, ..est },
            widened: false,
        }),
    }
}

/// A short plain-words reading of a reservation value, shown under the inputs.
pub fn reservation_hint(name: &str, est: Estimate, counterpart: bool) -> String {
    let n = show_number;
    if !counterpart {
        format!(
            "{name} walks away from any package worth less than {} out of 100.",
            n(est.value)
        )
    } else if est.low == est.high {
        format!(
            "We guess {name} walks away from anything worth less than {} out of 100. Give a range if you are unsure.",
            n(est.value)
        )
    } else {
        format!(
            "We guess {name} walks away below {}, and it could be anywhere from {} to {}.",
            n(est.value),
            n(est.low),
            n(est.high)
        )
    }
}

// ---------------------------------------------------------------------------------------
// Interests and links
// ---------------------------------------------------------------------------------------

/// Adds an interest with a trimmed statement; `None` for a blank one or a missing party.
pub fn add_interest(plan: &mut Plan, party: &PartyId, statement: &str) -> Option<InterestId> {
    let statement = statement.trim();
    if statement.is_empty() || plan.party(party).is_none() {
        return None;
    }
    Some(plan.add_interest(party, statement))
}

pub fn interest<'a>(plan: &'a Plan, id: &InterestId) -> Option<&'a Interest> {
    plan.interests.iter().find(|i| &i.id == id)
}

pub fn interest_mut<'a>(plan: &'a mut Plan, id: &InterestId) -> Option<&'a mut Interest> {
    plan.interests.iter_mut().find(|i| &i.id == id)
}

/// The statement to show: a blank one would make an entry in a select invisible.
pub fn interest_display(plan: &Plan, id: &InterestId) -> String {
    match interest(plan, id) {
        Some(i) if !i.statement.trim().is_empty() => i.statement.clone(),
        Some(_) => "(an interest with no words yet)".into(),
        None => "(a removed interest)".into(),
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct RemovedInterests {
    interests: usize,
    links: usize,
    ties: usize,
}

fn remove_interests(plan: &mut Plan, gone: &HashSet<InterestId>) -> RemovedInterests {
    let before = plan.interests.len();
    plan.interests.retain(|i| !gone.contains(&i.id));
    let interests = before - plan.interests.len();
    let before = plan.links.len();
    plan.links
        .retain(|l| !gone.contains(&l.a) && !gone.contains(&l.b));
    let links = before - plan.links.len();
    let mut ties = 0;
    for option in plan.issues.iter_mut().flat_map(|i| i.options.iter_mut()) {
        let before = option.serves.len();
        option.serves.retain(|id| !gone.contains(id));
        ties += before - option.serves.len();
    }
    for q in &mut plan.questions {
        let before = q.interests.len();
        q.interests.retain(|id| !gone.contains(id));
        ties += before - q.interests.len();
    }
    RemovedInterests {
        interests,
        links,
        ties,
    }
}

/// What went with a removed interest, for the notice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RemovedInterest {
    pub statement: String,
    pub links: usize,
    pub ties: usize,
}

impl RemovedInterest {
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.links > 0 {
            parts.push(count(self.links, "link", "links"));
        }
        if self.ties > 0 {
            parts.push(count(
                self.ties,
                "tie from an option or a question",
                "ties from options or questions",
            ));
        }
        let what = if self.statement.trim().is_empty() {
            "an interest".to_string()
        } else {
            format!("“{}”", self.statement)
        };
        if parts.is_empty() {
            format!("Removed {what}.")
        } else {
            format!("Removed {what} with its {}.", join_and(&parts))
        }
    }
}

/// Removes an interest with the links to it and the ties from options and questions.
pub fn remove_interest(plan: &mut Plan, id: &InterestId) -> Option<RemovedInterest> {
    let statement = interest(plan, id)?.statement.clone();
    let gone = HashSet::from([id.clone()]);
    let removed = remove_interests(plan, &gone);
    Some(RemovedInterest {
        statement,
        links: removed.links,
        ties: removed.ties,
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    Missing,
    SameParty,
    /// The two interests are already linked, with this relation.
    Duplicate(Relation),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Missing => f.write_str("Pick an interest of another party to link to."),
            LinkError::SameParty => f.write_str(
                "Links join interests of two different parties; both of these belong to the same party.",
            ),
            LinkError::Duplicate(r) => write!(
                f,
                "These two interests are already linked as {}. Remove that link first to change it.",
                relation_label(*r)
            ),
        }
    }
}

/// The link between two interests, in either order.
pub fn link_between<'a>(
    plan: &'a Plan,
    a: &InterestId,
    b: &InterestId,
) -> Option<&'a InterestLink> {
    plan.links
        .iter()
        .find(|l| (&l.a == a && &l.b == b) || (&l.a == b && &l.b == a))
}

/// Links two interests of different parties; refuses a link within one party and a second
/// link between the same two interests (in either order).
pub fn add_link(
    plan: &mut Plan,
    a: &InterestId,
    b: &InterestId,
    relation: Relation,
) -> Result<(), LinkError> {
    let (Some(x), Some(y)) = (interest(plan, a), interest(plan, b)) else {
        return Err(LinkError::Missing);
    };
    if x.party == y.party {
        return Err(LinkError::SameParty);
    }
    if let Some(l) = link_between(plan, a, b) {
        return Err(LinkError::Duplicate(l.relation));
    }
    plan.links.push(InterestLink {
        a: a.clone(),
        b: b.clone(),
        relation,
    });
    Ok(())
}

/// Removes the link between two interests (either order); false when there was none.
pub fn remove_link(plan: &mut Plan, a: &InterestId, b: &InterestId) -> bool {
    let before = plan.links.len();
    plan.links
        .retain(|l| !((&l.a == a && &l.b == b) || (&l.a == b && &l.b == a)));
    plan.links.len() != before
}

/// An interest's links as (the other interest, relation), in the plan's order.
pub fn links_of(plan: &Plan, id: &InterestId) -> Vec<(InterestId, Relation)> {
    plan.links
        .iter()
        .filter_map(|l| {
            if &l.a == id {
                Some((l.b.clone(), l.relation))
            } else if &l.b == id {
                Some((l.a.clone(), l.relation))
            } else {
                None
            }
        })
        .collect()
}

/// One party's interests as link candidates, each with the relation it already has.
pub type Candidates = (PartyId, Vec<(InterestId, Option<Relation>)>);

/// What an interest could be linked to: every other party's interests, grouped by party in
/// the plan's order, each with the relation it already has to this interest (if any).
pub fn link_candidates(plan: &Plan, id: &InterestId) -> Vec<Candidates> {
    let Some(own) = interest(plan, id).map(|i| i.party.clone()) else {
        return Vec::new();
    };
    plan.parties
        .iter()
        .filter(|p| p.id != own)
        .map(|p| {
            let ids: Vec<(InterestId, Option<Relation>)> = plan
                .interests
                .iter()
                .filter(|i| i.party == p.id)
                .map(|i| {
                    (
                        i.id.clone(),
                        link_between(plan, id, &i.id).map(|l| l.relation),
                    )
                })
                .collect();
            (p.id.clone(), ids)
        })
        .filter(|(_, ids)| !ids.is_empty())
        .collect()
}

// ---------------------------------------------------------------------------------------
// Fact-finding
// ---------------------------------------------------------------------------------------

/// The question a "send to fact-finding" starts from.
pub fn question_about(statement: &str) -> String {
    let s = statement
        .trim()
        .trim_end_matches(['.', '?', '!', ':', ';', ',']);
    format!("What do we know about: {}?", s.trim_end())
}

/// Adds an open question with a trimmed text; `None` for a blank one.
pub fn add_question(plan: &mut Plan, text: &str) -> Option<QuestionId> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let id = QuestionId::from_seq(plan.take_seq());
    plan.questions.push(Question {
        id: id.clone(),
        question: text.to_string(),
        why: String::new(),
        issues: Vec::new(),
        interests: Vec::new(),
        owner: String::new(),
        source: String::new(),
        status: QuestionStatus::Open,
        answer: String::new(),
    });
    Some(id)
}

pub fn question_mut<'a>(plan: &'a mut Plan, id: &QuestionId) -> Option<&'a mut Question> {
    plan.questions.iter_mut().find(|q| &q.id == id)
}

/// A fact-finding question about an interest: open, tied to the interest, its text
/// prefilled. Sending the same interest again finds the question already there rather than
/// adding a copy; the flag says whether a question was added.
pub fn send_to_fact_finding(plan: &mut Plan, id: &InterestId) -> Option<(QuestionId, bool)> {
    let text = question_about(&interest(plan, id)?.statement);
    if let Some(q) = plan
        .questions
        .iter()
        .find(|q| q.question == text && q.interests.contains(id))
    {
        return Some((q.id.clone(), false));
    }
    let q = add_question(plan, &text)?;
    if let Some(question) = question_mut(plan, &q) {
        question.interests.push(id.clone());
    }
    Some((q, true))
}

pub fn remove_question(plan: &mut Plan, id: &QuestionId) -> Option<Question> {
    let pos = plan.questions.iter().position(|q| &q.id == id)?;
    Some(plan.questions.remove(pos))
}

/// Ties a question to an issue or unties it; no duplicates, no dangling ids.
pub fn set_question_issue(plan: &mut Plan, q: &QuestionId, issue: &IssueId, on: bool) {
    let exists = plan.issue(issue).is_some();
    if let Some(q) = question_mut(plan, q) {
        q.issues.retain(|x| x != issue);
        if on && exists {
            q.issues.push(issue.clone());
        }
    }
}

/// Ties a question to an interest or unties it; no duplicates, no dangling ids.
pub fn set_question_interest(plan: &mut Plan, q: &QuestionId, id: &InterestId, on: bool) {
    let exists = interest(plan, id).is_some();
    if let Some(q) = question_mut(plan, q) {
        q.interests.retain(|x| x != id);
        if on && exists {
            q.interests.push(id.clone());
        }
    }
}

/// Which questions the fact-finding list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    All,
    Only(QuestionStatus),
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 4] = [
        StatusFilter::All,
        StatusFilter::Only(QuestionStatus::Open),
        StatusFilter::Only(QuestionStatus::Agreed),
        StatusFilter::Only(QuestionStatus::Disputed),
    ];

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::All => "All",
            StatusFilter::Only(s) => status_label(s),
        }
    }

    pub fn matches(self, q: &Question) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Only(s) => q.status == s,
        }
    }

    /// How many questions the filter shows.
    pub fn count(self, plan: &Plan) -> usize {
        plan.questions.iter().filter(|q| self.matches(q)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};

    fn sample() -> Plan {
        sample_plan(PlanId::parse("p1").unwrap(), 0)
    }

    fn three_parties() -> (Plan, PartyId) {
        let mut p = sample();
        let third = add_party(&mut p, "  Recruiter  ").unwrap();
        (p, third)
    }

    #[test]
    fn adding_a_party_trims_and_refuses_a_blank_name() {
        let (p, third) = three_parties();
        assert_eq!(p.party(&third).unwrap().name, "Recruiter");
        let mut p = sample();
        assert_eq!(add_party(&mut p, "   "), None);
        assert_eq!(p.parties.len(), 2);
    }

    #[test]
    fn removing_one_of_two_parties_is_refused() {
        let mut p = sample();
        let before = p.clone();
        let id = p.parties[1].id.clone();
        assert_eq!(remove_party(&mut p, &id), Err(RemovePartyError::TooFew));
        assert_eq!(p, before);
        assert!(RemovePartyError::TooFew
            .to_string()
            .contains("at least two"));
        assert_eq!(
            remove_party(&mut p, &PartyId("party999".into())),
            Err(RemovePartyError::Missing)
        );
    }

    #[test]
    fn removing_a_party_takes_its_interests_links_ties_and_offers() {
        let mut p = sample();
        add_party(&mut p, "Recruiter");
        let nimbus = p.parties[1].id.clone();
        let package = p.packages[0].id.clone();
        let offer = OfferId::from_seq(p.take_seq());
        p.offers.push(Offer {
            id: offer,
            party: nimbus.clone(),
            package,
            at: 1,
            response: OfferResponse::Pending,
            notes: String::new(),
        });
        let theirs = p.interests.iter().filter(|i| i.party == nimbus).count();
        let removed = remove_party(&mut p, &nimbus).unwrap();
        assert_eq!(removed.name, "Nimbus (hiring manager)");
        assert_eq!(removed.interests, theirs);
        assert_eq!(removed.links, 3);
        assert_eq!(removed.offers, 1);
        // Two options served Nimbus's interests, and the question was tied to one.
        assert_eq!(removed.ties, 3);
        assert!(!removed.was_us);
        assert!(p.party(&nimbus).is_none());
        assert!(p.interests.iter().all(|i| i.party != nimbus));
        assert!(p.links.is_empty());
        assert!(p.offers.is_empty());
        assert!(p.questions[0].interests.is_empty());
        // Nothing dangles: repair finds nothing to do, and an export would pass the check.
        assert_eq!(p.clone().repair(), Vec::<String>::new());
        assert_eq!(p.check(), Ok(()));
        let text = removed.describe();
        assert!(
            text.starts_with("Removed “Nimbus (hiring manager)” with its 3 interests, 3 links to other parties, 1 offer and 3 ties"),
            "{text}"
        );
    }

    #[test]
    fn removing_us_makes_the_plan_neutral() {
        let (mut p, _) = three_parties();
        let us = p.us().unwrap().clone();
        let removed = remove_party(&mut p, &us).unwrap();
        assert!(removed.was_us);
        assert_eq!(p.perspective, Perspective::Neutral);
        assert!(removed.describe().ends_with("the plan is now neutral."));
        assert_eq!(p.check(), Ok(()));
    }

    #[test]
    fn a_party_with_nothing_attached_goes_quietly() {
        let (mut p, third) = three_parties();
        let removed = remove_party(&mut p, &third).unwrap();
        assert_eq!(removed.describe(), "Removed “Recruiter”.");
    }

    #[test]
    fn the_new_us_knows_its_reservation_exactly() {
        let mut p = sample();
        let nimbus = p.parties[1].id.clone();
        let dana = p.parties[0].id.clone();
        assert!(set_perspective(&mut p, Perspective::Us(nimbus.clone())));
        assert_eq!(p.party(&nimbus).unwrap().reservation, Estimate::exact(40.0));
        // The old "us" is now a counterpart: its value becomes an estimate with a range.
        assert_eq!(p.party(&dana).unwrap().reservation, range_around(45.0));
        assert!(!set_perspective(&mut p, Perspective::Neutral));
        assert_eq!(p.perspective, Perspective::Neutral);
        assert!(is_counterpart(&p, &nimbus));
        // A party that does not exist cannot be us.
        assert!(!set_perspective(
            &mut p,
            Perspective::Us(PartyId("nope".into()))
        ));
        assert_eq!(p.perspective, Perspective::Neutral);
    }

    #[test]
    fn number_inputs_clamp_and_round() {
        for (text, want) in [
            ("42", Some(42.0)),
            (" 7 ", Some(7.0)),
            ("150", Some(100.0)),
            ("-3", Some(0.0)),
            ("33.6", Some(34.0)),
            ("", None),
            ("abc", None),
            ("NaN", None),
            ("inf", None),
        ] {
            assert_eq!(clamp_input(text), want, "{text:?}");
        }
        assert_eq!(show_number(40.0), "40");
        assert_eq!(show_number(40.5), "40.5");
    }

    #[test]
    fn estimates_keep_low_value_high_in_order() {
        let est = Estimate {
            value: 40.0,
            low: 30.0,
            high: 55.0,
        };
        let ok = |which, v| set_estimate(est, which, v, false).unwrap();
        assert_eq!(ok(Bound::Low, 35.0).estimate.low, 35.0);
        assert_eq!(ok(Bound::Low, 40.0).estimate.low, 40.0);
        assert_eq!(ok(Bound::High, 40.0).estimate.high, 40.0);
        // Moving the value inside the range leaves the range alone.
        let e = ok(Bound::Value, 50.0);
        assert_eq!(
            (e.estimate.low, e.estimate.high, e.widened),
            (30.0, 55.0, false)
        );
        // Outside, the range grows to include it.
        let e = ok(Bound::Value, 70.0);
        assert_eq!(
            e.estimate,
            Estimate {
                value: 70.0,
                low: 30.0,
                high: 70.0
            }
        );
        assert!(e.widened);
        assert_eq!(ok(Bound::Value, 10.0).estimate.low, 10.0);
        // A point estimate (no range given yet) gets the default range around the value,
        // never "40 (range 40–40)", nor a range of 0–40 kept from the new party's 0; the
        // default range then moves with the value (a slider drag), within 0–100.
        let e = set_estimate(Estimate::exact(0.0), Bound::Value, 40.0, false).unwrap();
        let around = |value, low, high| Estimate { value, low, high };
        assert_eq!((e.estimate, e.widened), (around(40.0, 30.0, 50.0), false));
        let e = set_estimate(e.estimate, Bound::Value, 95.0, false).unwrap();
        assert_eq!((e.estimate, e.widened), (around(95.0, 85.0, 100.0), false));
        let e = set_estimate(e.estimate, Bound::Value, 4.0, false).unwrap();
        assert_eq!(e.estimate, around(4.0, 0.0, 14.0));
        // Bounds past the value are refused, with words.
        let err = set_estimate(est, Bound::Low, 41.0, false).unwrap_err();
        assert_eq!(err, EstimateError::LowAboveValue { value: 40.0 });
        assert!(err.to_string().contains("(40)"));
        assert_eq!(
            set_estimate(est, Bound::High, 39.0, false).unwrap_err(),
            EstimateError::HighBelowValue { value: 40.0 }
        );
        // "Us" is exact whatever is edited; values are clamped.
        assert_eq!(
            set_estimate(est, Bound::Low, 120.0, true).unwrap().estimate,
            Estimate::exact(100.0)
        );
        assert_eq!(
            set_estimate(est, Bound::Value, f64::NAN, false)
                .unwrap()
                .estimate
                .value,
            0.0
        );
    }

    #[test]
    fn the_reservation_hint_reads_plainly() {
        let exact = Estimate::exact(45.0);
        assert_eq!(
            reservation_hint("Dana", exact, false),
            "Dana walks away from any package worth less than 45 out of 100."
        );
        assert!(
            reservation_hint("Nimbus", exact, true).ends_with("Give a range if you are unsure.")
        );
        let guess = Estimate {
            value: 40.0,
            low: 30.0,
            high: 55.0,
        };
        assert_eq!(
            reservation_hint("Nimbus", guess, true),
            "We guess Nimbus walks away below 40, and it could be anywhere from 30 to 55."
        );
    }

    #[test]
    fn interests_are_added_trimmed_and_removed_with_their_links() {
        let mut p = sample();
        let dana = p.parties[0].id.clone();
        assert_eq!(add_interest(&mut p, &dana, "  "), None);
        assert_eq!(add_interest(&mut p, &PartyId("x".into()), "Hi"), None);
        let id = add_interest(&mut p, &dana, " Learn Rust ").unwrap();
        assert_eq!(interest(&p, &id).unwrap().statement, "Learn Rust");

        let pay = p.interests[0].id.clone();
        let removed = remove_interest(&mut p, &pay).unwrap();
        assert_eq!(removed.links, 1);
        assert_eq!(removed.ties, 3); // three salary options served it
        assert_eq!(
            removed.describe(),
            "Removed “Earn clearly more than today” with its 1 link and 3 ties from options or questions."
        );
        assert_eq!(p.check(), Ok(()));
        assert_eq!(remove_interest(&mut p, &pay), None);
    }

    #[test]
    fn links_join_two_parties_once() {
        let mut p = sample();
        let dana = p.parties[0].id.clone();
        let nimbus = p.parties[1].id.clone();
        let d = add_interest(&mut p, &dana, "Grow as an engineer").unwrap();
        let d2 = add_interest(&mut p, &dana, "Keep weekends free").unwrap();
        let n = add_interest(&mut p, &nimbus, "Grow the team's skills").unwrap();
        assert_eq!(
            add_link(&mut p, &d, &d2, Relation::Shared),
            Err(LinkError::SameParty)
        );
        assert_eq!(
            add_link(&mut p, &d, &d, Relation::Shared),
            Err(LinkError::SameParty)
        );
        assert_eq!(
            add_link(&mut p, &d, &InterestId("int999".into()), Relation::Shared),
            Err(LinkError::Missing)
        );
        assert_eq!(add_link(&mut p, &d, &n, Relation::Shared), Ok(()));
        // The same pair again, either way round, with any relation, is refused.
        let err = add_link(&mut p, &n, &d, Relation::Conflicting).unwrap_err();
        assert_eq!(err, LinkError::Duplicate(Relation::Shared));
        assert!(err.to_string().contains("already linked as shared"));
        assert_eq!(links_of(&p, &d), vec![(n.clone(), Relation::Shared)]);
        assert_eq!(links_of(&p, &n), vec![(d.clone(), Relation::Shared)]);
        assert_eq!(p.check(), Ok(()));
        // Candidates: every other party's interest, with the relation it already has.
        let candidates = link_candidates(&p, &d);
        assert_eq!(candidates.len(), 1);
        assert_eq!(candidates[0].0, nimbus);
        assert_eq!(candidates[0].1.len(), 4);
        assert!(candidates[0]
            .1
            .contains(&(n.clone(), Some(Relation::Shared))));
        assert_eq!(
            candidates[0].1.iter().filter(|(_, r)| r.is_none()).count(),
            3
        );
        assert!(link_candidates(&p, &InterestId("gone".into())).is_empty());
        assert!(remove_link(&mut p, &n, &d));
        assert!(!remove_link(&mut p, &n, &d));
        assert!(links_of(&p, &d).is_empty());
    }

    #[test]
    fn sending_an_interest_to_fact_finding_asks_once() {
        let mut p = sample();
        let home = p.interests[1].id.clone();
        let (q, created) = send_to_fact_finding(&mut p, &home).unwrap();
        assert!(created);
        let question = p.questions.iter().find(|x| x.id == q).unwrap();
        assert_eq!(
            question.question,
            "What do we know about: Time at home with a young child?"
        );
        assert_eq!(question.status, QuestionStatus::Open);
        assert_eq!(question.interests, vec![home.clone()]);
        assert_eq!(send_to_fact_finding(&mut p, &home), Some((q, false)));
        assert_eq!(p.questions.len(), 2);
        assert_eq!(
            send_to_fact_finding(&mut p, &InterestId("gone".into())),
            None
        );
        assert_eq!(p.check(), Ok(()));
        assert_eq!(
            question_about("Is it fair?  "),
            "What do we know about: Is it fair?"
        );
    }

    #[test]
    fn questions_are_added_tied_filtered_and_removed() {
        let mut p = sample();
        assert_eq!(add_question(&mut p, " "), None);
        let q = add_question(&mut p, "What is the market rate?").unwrap();
        let issue = p.issues[0].id.clone();
        let int = p.interests[0].id.clone();
        set_question_issue(&mut p, &q, &issue, true);
        set_question_issue(&mut p, &q, &issue, true);
        set_question_issue(&mut p, &q, &IssueId("gone".into()), true);
        set_question_interest(&mut p, &q, &int, true);
        set_question_interest(&mut p, &q, &InterestId("gone".into()), true);
        let question = p.questions.iter().find(|x| x.id == q).unwrap();
        assert_eq!(question.issues, vec![issue.clone()]);
        assert_eq!(question.interests, vec![int.clone()]);
        assert_eq!(p.check(), Ok(()));
        set_question_interest(&mut p, &q, &int, false);
        question_mut(&mut p, &q).unwrap().status = QuestionStatus::Agreed;

        let counts: Vec<usize> = StatusFilter::ALL.iter().map(|f| f.count(&p)).collect();
        assert_eq!(counts, [2, 1, 1, 0]);
        assert_eq!(
            StatusFilter::Only(QuestionStatus::Disputed).label(),
            "Disputed"
        );

        let removed = remove_question(&mut p, &q).unwrap();
        assert_eq!(removed.question, "What is the market rate?");
        assert_eq!(remove_question(&mut p, &q), None);
        assert_eq!(StatusFilter::All.count(&p), 1);
    }

    #[test]
    fn display_names_never_come_out_blank() {
        let mut p = sample();
        let id = p.parties[1].id.clone();
        p.party_mut(&id).unwrap().name = "  ".into();
        assert_eq!(party_display_name(&p, &id), "Party 2");
        assert_eq!(
            party_display_name(&p, &PartyId("x".into())),
            "Unknown party"
        );
        let i = p.interests[0].id.clone();
        interest_mut(&mut p, &i).unwrap().statement = String::new();
        assert_eq!(interest_display(&p, &i), "(an interest with no words yet)");
    }
}
