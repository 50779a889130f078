//! The team's merge rules, natively: statistics, what an answer may change, unique ids, the
//! refusals, choosing the team's numbers, widening estimates, and the words.

use super::choose::{choose, reopen, set_by_hand, widen_estimates, ChooseError};
use super::doc::*;
use super::merge::{accept, merge_answer, pending, reject, remove_view};
use super::request::*;
use super::stats::*;
use super::views::{judge, plan_in_view, verdict_lines};
use super::words::{decided, disagreement, rule_text};
use crate::model::team::{Place, ProposalState, Rule};
use crate::model::{sample_plan, Confidence, IssueId, PartyId, Plan, PlanId};
use crate::persist::exchange;
use crate::persist::schema::{decode_plan, encode_plan, SCHEMA_VERSION};
use std::collections::BTreeSet;

fn owner() -> Plan {
    let mut p = sample_plan(PlanId::parse("powner").unwrap(), 1000);
    p.team.me = "Olga".into();
    p
}

fn dana(p: &Plan) -> PartyId {
    p.parties[0].id.clone()
}

fn nimbus(p: &Plan) -> PartyId {
    p.parties[1].id.clone()
}

fn salary(p: &Plan) -> IssueId {
    p.issues[0].id.clone()
}

fn request(p: &Plan, with_numbers: bool) -> Request {
    make_request(p, "Olga", with_numbers, "r1".into(), 2000)
}

/// The teammate's side, through the file text both ways: the request opened in a "fresh
/// browser" (a new plan id), edited by `fill`, answered as `member`.
fn answer_with(p: &Plan, member: &str, fill: impl FnOnce(&mut Plan)) -> Answer {
    let text = request_text(&request(p, true));
    let req = read_request(&text).unwrap();
    let mut mine = plan_from_request(&req, PlanId::parse("pteammate").unwrap(), 3000).unwrap();
    fill(&mut mine);
    mine.team.answering.as_mut().unwrap().member = member.into();
    let contents = answer_from_plan(&mine, 4000).unwrap();
    read_answer(&answer_text(&contents.answer)).unwrap()
}

/// An answer weighing Salary at `w` for us (the others rebalanced by hand).
fn salary_at(p: &Plan, member: &str, w: f64) -> Answer {
    let us = dana(p);
    let sal = salary(p);
    answer_with(p, member, |mine| {
        let party = mine.party_mut(&us).unwrap();
        party.weights.get_mut(&sal).unwrap().value = w;
    })
}

#[test]
fn a_request_carries_the_structure_and_our_numbers_only_when_asked() {
    let p = owner();
    let bare = request(&p, false);
    assert_eq!(bare.parties.len(), 2);
    assert_eq!(bare.issues.len(), 4);
    assert_eq!(bare.interests.len(), 6);
    assert!(bare.numbers.is_empty());
    assert!(bare.parties[0].us && !bare.parties[1].us);
    let lines = describe_request(&bare);
    assert!(
        lines[0].contains("“Example: a job offer”") && lines[0].contains("Olga"),
        "{lines:?}"
    );
    assert_eq!(
        lines[2],
        "4 issues with 12 options, and their descriptions."
    );
    assert!(
        lines.iter().any(|l| l.starts_with("None of your numbers")),
        "{lines:?}"
    );
    let full = request(&p, true);
    assert_eq!(full.numbers.len(), 2);
    // 4 weights, 12 ratings and a reservation value per party.
    assert!(
        describe_request(&full)
            .iter()
            .any(|l| l.contains("34 numbers")),
        "{:?}",
        describe_request(&full)
    );
    // Nothing of the plan's other parts travels.
    let text = request_text(&bare);
    for private in [
        "Market rate",
        "Middle ground",
        "remote days do senior",
        "Stay in the current job: €78k, fully remote, a promotion review in spring.x",
    ] {
        assert!(!text.contains(private), "{private}");
    }
    assert!(
        !text.contains("\"value\""),
        "no numbers without the box ticked"
    );
}

#[test]
fn a_request_whose_ids_were_edited_is_refused() {
    let p = owner();
    let text = request_text(&request(&p, true));
    assert!(read_request(&text).is_ok());
    let issue = salary(&p);
    for edited in [
        text.replacen(&format!("\"{issue}\""), "\"iss99\"", 1),
        text.replace("\"party2\"", "\"party9\""),
        text.replacen("\"opt", "\"optx", 1),
    ] {
        assert_ne!(edited, text);
        assert_eq!(read_request(&edited), Err(TeamError::EditedRequest));
    }
    let message = TeamError::EditedRequest.to_string();
    assert!(message.contains("Ask for a new request"), "{message}");
    // Text that is not an id may be edited (a typo fixed by hand).
    let retitled = text.replace("Example: a job offer", "Job offer");
    assert_eq!(read_request(&retitled).unwrap().title, "Job offer");
}

#[test]
fn wrong_documents_and_newer_versions_are_refused_in_plain_words() {
    let p = owner();
    let req = request_text(&request(&p, false));
    let ans = answer_text(&salary_at(&p, "Ben", 20.0));
    let plan = exchange::export(std::slice::from_ref(&p), 5);
    let cases = [
        (
            read_request(&ans).unwrap_err(),
            "this is an answer to a view request, not a view request",
        ),
        (
            read_answer(&req).unwrap_err(),
            "this is a view request, not an answer to a view request",
        ),
        (
            read_answer(&plan).unwrap_err(),
            "this is a plan file, not an answer to a view request",
        ),
        (
            read_answer("{\"a\":1}").unwrap_err(),
            "this is not an answer to a view request",
        ),
    ];
    for (err, words) in cases {
        assert_eq!(err.to_string(), words);
    }
    assert!(matches!(
        read_answer("{nope"),
        Err(TeamError::NotJson { line: 1, .. })
    ));
    let newer = ans.replacen(
        &format!("\"schema\": {SCHEMA_VERSION}"),
        &format!("\"schema\": {}", SCHEMA_VERSION + 1),
        1,
    );
    assert_ne!(newer, ans);
    let err = read_answer(&newer).unwrap_err();
    assert_eq!(
        err,
        TeamError::Newer {
            found: SCHEMA_VERSION + 1
        }
    );
    assert!(
        err.to_string().contains("newer version of the planner"),
        "{err}"
    );
    let newer = req.replacen(
        &format!("\"schema\": {SCHEMA_VERSION}"),
        &format!("\"schema\": {}", SCHEMA_VERSION + 1),
        1,
    );
    assert!(matches!(read_request(&newer), Err(TeamError::Newer { .. })));
    let damaged = ans.replacen("\"member\": \"Ben\"", "\"member\": 7", 1);
    let err = read_answer(&damaged).unwrap_err().to_string();
    assert!(err.contains("at member"), "{err}");
}

#[test]
fn the_teammate_plan_keeps_the_request_ids_and_gives_new_ones_above_them() {
    let p = owner();
    let req = request(&p, false);
    let mine = plan_from_request(&req, PlanId::parse("pteammate").unwrap(), 3000).unwrap();
    assert_eq!(mine.check(), Ok(()));
    assert_eq!(mine.parties[0].id, p.parties[0].id);
    assert_eq!(mine.issues[0].options[1].id, p.issues[0].options[1].id);
    assert_eq!(mine.us(), p.us());
    assert!(mine.parties.iter().all(|x| x.weights.is_empty()));
    let a = mine.team.answering.as_ref().unwrap();
    assert_eq!((a.plan.as_str(), a.from.as_str()), ("powner", "Olga"));
    assert_eq!(a.options.len(), 12);
    // The teammate's new ids never reuse one of the request's.
    let mut mine = mine;
    let new = mine.add_interest(&dana(&p), "x");
    assert!(!a_ids(&p).contains(new.as_str()));
    // It survives storage like any plan.
    assert_eq!(decode_plan(&encode_plan(&mine)).unwrap().0, mine);
    // A walk-away never filled in (no numbers were sent) is not an answer of 0.
    mine.team.answering.as_mut().unwrap().member = "Ben".into();
    mine.parties[1].reservation = crate::model::Estimate::exact(35.0);
    let a = answer_from_plan(&mine, 1).unwrap().answer;
    assert_eq!(a.parties[&dana(&p)].reservation, None);
    assert_eq!(a.parties[&nimbus(&p)].reservation.unwrap().value, 35.0);
}

fn a_ids(p: &Plan) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = p.interests.iter().map(|i| i.id.to_string()).collect();
    ids.extend(p.parties.iter().map(|x| x.id.to_string()));
    for i in &p.issues {
        ids.insert(i.id.to_string());
        ids.extend(i.options.iter().map(|o| o.id.to_string()));
    }
    ids.extend(p.packages.iter().map(|x| x.id.to_string()));
    ids.extend(p.questions.iter().map(|x| x.id.to_string()));
    for v in &p.team.views {
        ids.insert(v.id.to_string());
        ids.extend(v.interests.iter().map(|x| x.id.to_string()));
        ids.extend(v.options.iter().map(|x| x.id.to_string()));
    }
    ids
}

fn id_count(p: &Plan) -> usize {
    p.interests.len()
        + p.parties.len()
        + p.issues.iter().map(|i| 1 + i.options.len()).sum::<usize>()
        + p.packages.len()
        + p.questions.len()
        + p.team
            .views
            .iter()
            .map(|v| 1 + v.interests.len() + v.options.len())
            .sum::<usize>()
}

#[test]
fn an_answer_changes_only_what_a_teammate_may_change() {
    let p = owner();
    let us = dana(&p);
    let them = nimbus(&p);
    let sal = salary(&p);
    let answer = answer_with(&p, "Ben", |mine| {
        // Numbers: these travel.
        mine.party_mut(&us)
            .unwrap()
            .weights
            .get_mut(&sal)
            .unwrap()
            .value = 20.0;
        mine.party_mut(&them).unwrap().reservation.value = 50.0;
        // Renames, removals and new parties or issues: these stay at home.
        mine.parties[1].name = "Renamed".into();
        mine.issues[1].name = "Renamed issue".into();
        mine.issues[3].options.clear();
        mine.interests.remove(0);
        mine.add_party("A new party");
        let extra = mine.add_issue("A new issue");
        mine.add_option(&extra, "An option of a new issue");
        mine.perspective = crate::model::Perspective::Neutral;
        // Proposals.
        mine.add_interest(&them, "Keep the team's pay equity story simple");
        mine.add_option(&sal, "€92k");
    });
    let contents_not_sent = {
        // The answer panel says what stays behind.
        let req = request(&p, true);
        let mut mine = plan_from_request(&req, PlanId::parse("pteammate").unwrap(), 3000).unwrap();
        mine.add_party("A new party");
        mine.add_issue("A new issue");
        mine.team.answering.as_mut().unwrap().member = "Ben".into();
        answer_from_plan(&mine, 4000).unwrap().not_sent
    };
    assert_eq!(contents_not_sent.len(), 2, "{contents_not_sent:?}");
    assert_eq!(answer.interests.len(), 1);
    assert_eq!(
        answer.options.len(),
        1,
        "only options of the request's issues"
    );

    let mut merged = p.clone();
    let report = merge_answer(&mut merged, &answer, false, 5000).unwrap();
    // The plan is the same but for its team part.
    let mut without_team = merged.clone();
    without_team.team = p.team.clone();
    without_team.next_seq = p.next_seq;
    assert_eq!(without_team, p);
    // Olga's own numbers became a view with the first answer, then Ben's.
    assert_eq!(report.kept_own.as_deref(), Some("Olga"));
    let names: Vec<&str> = merged
        .team
        .views
        .iter()
        .map(|v| v.member.as_str())
        .collect();
    assert_eq!(names, ["Olga", "Ben"]);
    let ben = &merged.team.views[1];
    assert_eq!(ben.parties[&us].weights[&sal], 20.0);
    assert_eq!(ben.parties[&them].reservation.unwrap().value, 50.0);
    // Ben removed the remote options in his copy; the answer still rates the rest.
    assert_eq!(ben.parties[&us].ratings.len(), 9);
    assert_eq!(report.interests + report.options, 2);
    assert!(
        report
            .describe()
            .starts_with("Added Ben's view: 28 numbers, 2 proposals"),
        "{}",
        report.describe()
    );
    assert_eq!(merged.check(), Ok(()));
    assert_eq!(merged.clone().repair(), Vec::<String>::new());
}

#[test]
fn ids_stay_unique_through_merges_and_accepted_proposals() {
    let mut p = owner();
    let them = nimbus(&p);
    let sal = salary(&p);
    // Two teammates propose; their plans hand out the same new ids (both start at the same
    // counter), which must not collide in ours.
    for member in ["Ben", "Carla"] {
        let a = answer_with(&p, member, |mine| {
            mine.add_interest(&them, &format!("{member}'s interest"));
            let o = mine
                .add_option(&sal, &format!("{member}'s salary"))
                .unwrap();
            let party = mine.party_mut(&them).unwrap();
            party.ratings.insert(o, crate::model::Score::new(55.0));
        });
        merge_answer(&mut p, &a, false, 5000).unwrap();
    }
    for item in pending(&p) {
        assert!(
            accept(&mut p, &item.view, &item.proposal).is_some(),
            "{}",
            item.text
        );
    }
    assert!(pending(&p).is_empty());
    assert_eq!(p.check(), Ok(()));
    assert_eq!(a_ids(&p).len(), id_count(&p), "every id once");
    assert_eq!(p.interests.len(), 8);
    assert_eq!(p.issues[0].options.len(), 5);
    assert_eq!(p.issues[0].options[3].origin, "Proposed by Ben");
    // The member's rating of their option joined their view under the new id.
    let new = p.issues[0].options[4].id.clone();
    let carla = p.team.views.iter().find(|v| v.member == "Carla").unwrap();
    assert_eq!(carla.parties[&them].ratings[&new], 55.0);
    // Accepted twice? No: the second time there is nothing pending.
    let v = carla.id.clone();
    let prop = carla.options[0].id.clone();
    assert!(accept(&mut p, &v, &prop).is_none());
    // And a plan whose views repeat an id is repaired to unique ids.
    let mut broken = p.clone();
    broken.team.views[1].id = broken.team.views[2].id.clone();
    assert!(broken.check().is_err());
    let notes = broken.repair();
    assert!(notes.iter().any(|n| n.contains("new id")), "{notes:?}");
    assert_eq!(a_ids(&broken).len(), id_count(&broken));
}

#[test]
fn an_answer_to_another_plan_is_refused_and_nothing_changes() {
    let p = owner();
    let answer = salary_at(&p, "Ben", 20.0);
    let mut other = sample_plan(PlanId::parse("pother").unwrap(), 1000);
    other.title = "Another plan".into();
    let before = other.clone();
    let err = merge_answer(&mut other, &answer, false, 5000).unwrap_err();
    assert_eq!(
        err.to_string(),
        "this answer belongs to the plan “Example: a job offer”, not to “Another plan”. Open that plan to add it"
    );
    assert_eq!(other, before);
}

#[test]
fn an_answer_whose_ids_were_edited_is_refused() {
    let p = owner();
    let answer = salary_at(&p, "Ben", 20.0);
    let text = answer_text(&answer);
    let edited = text.replacen(&format!("\"{}\"", salary(&p)), "\"iss3\"", 1);
    assert_ne!(edited, text);
    let err = read_answer(&edited).unwrap_err();
    assert_eq!(
        err,
        TeamError::EditedAnswer {
            member: "Ben".into()
        }
    );
    assert!(
        err.to_string().contains("Ask Ben to send it again"),
        "{err}"
    );
    // Even when it gets past the reader (a value built in memory), the merge refuses it.
    let mut forged = answer.clone();
    forged.parties.clear();
    let mut plan = p.clone();
    assert!(matches!(
        merge_answer(&mut plan, &forged, false, 1),
        Err(TeamError::EditedAnswer { .. })
    ));
    assert_eq!(plan, p);
    // Numbers off the scale are refused too, whole.
    let mut wild = answer.clone();
    if let Some(v) = wild
        .parties
        .values_mut()
        .next()
        .unwrap()
        .weights
        .values_mut()
        .next()
    {
        *v = 150.0;
    }
    let err = merge_answer(&mut plan, &wild.seal(), false, 1)
        .unwrap_err()
        .to_string();
    assert!(err.contains("150 is not between 0 and 100"), "{err}");
    assert_eq!(plan, p);
}

#[test]
fn a_duplicate_answer_is_refused_unless_replacing() {
    let mut p = owner();
    let ben = salary_at(&p, "Ben", 20.0);
    merge_answer(&mut p, &ben, false, 5000).unwrap();
    let views = p.team.views.clone();
    let again = salary_at(&p, " ben ", 25.0);
    let err = merge_answer(&mut p, &again, false, 6000).unwrap_err();
    assert_eq!(
        err,
        TeamError::Duplicate {
            member: "ben".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "ben has already answered. Replace ben's view if this answer should take its place"
    );
    assert_eq!(p.team.views, views);
    // A decision that took Ben's number follows his new view.
    let us = dana(&p);
    let place = Place::Weight(salary(&p));
    choose(&mut p, &us, &place, Rule::Member(views[1].id.clone())).unwrap();
    let report = merge_answer(&mut p, &again, true, 6000).unwrap();
    assert!(report.replaced && report.kept_own.is_none());
    assert!(
        report.describe().starts_with("Replaced ben's view"),
        "{}",
        report.describe()
    );
    assert_eq!(p.team.views.len(), 2);
    assert_eq!(p.team.views[1].parties[&us].weights[&salary(&p)], 25.0);
    assert_eq!(
        p.team.decisions[0].rule,
        Rule::Member(p.team.views[1].id.clone())
    );
}

#[test]
fn numbers_for_things_removed_since_the_request_are_left_out() {
    let mut p = owner();
    let answer = salary_at(&p, "Ben", 20.0);
    p.issues.remove(3);
    for party in &mut p.parties {
        party
            .weights
            .retain(|k, _| p.issues.iter().any(|i| &i.id == k));
    }
    let report = merge_answer(&mut p, &answer, false, 5000).unwrap();
    // Per party: one weight and three ratings.
    assert_eq!(report.left_out, 8);
    assert!(
        report
            .describe()
            .contains("8 numbers or proposals for things removed since the request were left out"),
        "{}",
        report.describe()
    );
}

fn two_views() -> Plan {
    let mut p = owner();
    let ben = salary_at(&p, "Ben", 20.0);
    merge_answer(&mut p, &ben, false, 5000).unwrap();
    p
}

#[test]
fn the_largest_disagreements_are_listed_in_plain_words() {
    let mut p = two_views();
    // Olga weighs Salary at 40, Ben at 20; Ben left the others as Olga had them.
    let open = open_disagreements(&p);
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(
        disagreement(&p, &open[0]),
        "Olga weighs Salary at 40, Ben at 20"
    );
    assert_eq!(open[0].spread, 20.0);
    // About the other side, the sentence says whose numbers these are.
    let them = nimbus(&p);
    let opt = p.issues[2].options[0].id.clone();
    p.team.views[1]
        .parties
        .get_mut(&them)
        .unwrap()
        .ratings
        .insert(opt.clone(), 60.0);
    p.team.views[1].parties.get_mut(&them).unwrap().reservation =
        Some(crate::model::Estimate::exact(70.0));
    let all = open_disagreements(&p);
    let words: Vec<String> = all.iter().map(|d| disagreement(&p, d)).collect();
    assert_eq!(
        words,
        [
            "For Nimbus (hiring manager), Olga rates In 2 weeks (Start date) at 100, Ben at 60",
            "Olga puts Nimbus (hiring manager)'s walk-away at 40, Ben at 70",
            "Olga weighs Salary at 40, Ben at 20",
        ]
    );
    // A single view has nobody to disagree with.
    let mut alone = owner();
    alone.team.views = vec![p.team.views[0].clone()];
    assert!(disagreements(&alone).is_empty());
}

#[test]
fn the_team_value_comes_from_the_average_the_median_a_member_or_by_hand() {
    let mut p = two_views();
    let us = dana(&p);
    let sal = Place::Weight(salary(&p));
    // A third member, so the median and the average differ: 40, 20, 10.
    let carla = salary_at(&p, "Carla", 10.0);
    merge_answer(&mut p, &carla, false, 6000).unwrap();
    assert_eq!(rule_value(&p, &us, &sal, &Rule::Average), Some(70.0 / 3.0));
    assert_eq!(rule_value(&p, &us, &sal, &Rule::Median), Some(20.0));
    assert_eq!(
        rule_text(&p, &us, &sal, &Rule::Average),
        "the average (23.3)"
    );

    assert_eq!(choose(&mut p, &us, &sal, Rule::Median), Ok(20.0));
    let party = p.party(&us).unwrap();
    assert_eq!(party.weights[&salary(&p)].value, 20.0);
    assert!(
        party.weights[&salary(&p)].locked,
        "a decided weight is locked"
    );
    let sum: f64 = party.weights.values().map(|s| s.value).sum();
    assert_eq!(sum, 100.0, "the others rebalance");
    assert_eq!(
        decided(&p, &us, &sal, &Rule::Median),
        "Team: 20, the median."
    );
    assert!(open_disagreements(&p).is_empty());
    assert_eq!(disagreements(&p)[0].decided, Some(Rule::Median));

    // Deciding the next weight leaves the decided one where it is.
    let bonus = Place::Weight(p.issues[1].id.clone());
    set_by_hand(&mut p, &us, &bonus, 30.0).unwrap();
    assert_eq!(p.party(&us).unwrap().weights[&salary(&p)].value, 20.0);
    assert_eq!(
        decided(&p, &us, &bonus, &Rule::Hand),
        "Team: 30, set by hand."
    );
    // Typed over later, a rule no longer claims the number.
    let sal_id = salary(&p);
    p.party_mut(&us)
        .unwrap()
        .weights
        .get_mut(&sal_id)
        .unwrap()
        .value = 33.0;
    assert_eq!(
        decided(&p, &us, &sal, &Rule::Median),
        "Team: 33, changed by hand since."
    );

    // A member's number, for a rating.
    let opt = Place::Rating(p.issues[0].options[1].id.clone());
    let ben = p.team.views[1].id.clone();
    p.team.views[1]
        .parties
        .get_mut(&us)
        .unwrap()
        .ratings
        .insert(p.issues[0].options[1].id.clone(), 75.0);
    assert_eq!(
        choose(&mut p, &us, &opt, Rule::Member(ben.clone())),
        Ok(75.0)
    );
    assert_eq!(
        decided(&p, &us, &opt, &Rule::Member(ben.clone())),
        "Team: 75, Ben's number."
    );
    // The reservation value of a counterpart keeps its range around the new number.
    let them = nimbus(&p);
    p.team.views[1].parties.get_mut(&them).unwrap().reservation =
        Some(crate::model::Estimate::exact(60.0));
    choose(
        &mut p,
        &them,
        &Place::Reservation,
        Rule::Member(ben.clone()),
    )
    .unwrap();
    let r = p.party(&them).unwrap().reservation;
    assert_eq!((r.low, r.value, r.high), (30.0, 60.0, 60.0));

    // Reopened, the disagreement is listed again; removing Ben's view reopens his choices.
    assert!(reopen(&mut p, &us, &sal));
    assert_eq!(open_disagreements(&p).len(), 1);
    assert_eq!(remove_view(&mut p, &ben).as_deref(), Some("Ben"));
    assert!(p
        .team
        .decisions
        .iter()
        .all(|d| d.rule != Rule::Member(ben.clone())));
    assert_eq!(
        choose(
            &mut p,
            &us,
            &Place::Weight(IssueId::from_seq(999)),
            Rule::Median
        ),
        Err(ChooseError::Gone)
    );
    let mut blank = owner();
    assert_eq!(
        choose(&mut blank, &us, &sal, Rule::Median),
        Err(ChooseError::NoNumber)
    );
}

#[test]
fn disagreement_about_the_other_side_widens_our_estimate_of_them() {
    let mut p = two_views();
    let them = nimbus(&p);
    let us = dana(&p);
    let ben = &mut p.team.views[1];
    let theirs = ben.parties.get_mut(&them).unwrap();
    theirs.reservation = Some(crate::model::Estimate::exact(70.0));
    let bonus = p.issues[1].id.clone();
    theirs.weights.insert(bonus.clone(), 50.0);
    let opt = p.issues[0].options[0].id.clone();
    theirs.ratings.insert(opt.clone(), 60.0);
    // Our own numbers are not estimates: they never widen.
    ben.parties.get_mut(&us).unwrap().reservation = Some(crate::model::Estimate::exact(90.0));
    let before = p.clone();
    let lines = widen_estimates(&mut p);
    assert_eq!(
        lines,
        ["Nimbus (hiring manager): its walk-away now ranges from 30 to 70 (was 30 to 55); 2 of its weights and ratings now have a lower confidence."]
    );
    let n = p.party(&them).unwrap();
    assert_eq!(n.reservation.value, 40.0, "the estimate itself stays");
    assert_eq!(
        n.weights[&bonus].confidence,
        Confidence::Low,
        "40 points apart"
    );
    assert_eq!(
        n.ratings[&opt].confidence,
        Confidence::Low,
        "40 points apart"
    );
    let other = p.issues[0].options[1].id.clone();
    assert_eq!(
        n.ratings[&other].confidence,
        Confidence::Medium,
        "agreed: unchanged"
    );
    assert_eq!(p.party(&us), before.party(&us));
    // Twice changes nothing more: widening never narrows.
    assert!(widen_estimates(&mut p).is_empty());
}

#[test]
fn each_package_is_judged_in_each_members_view() {
    use crate::analysis::plan::PlanProblem;
    use crate::analysis::{analyze, FrontierOptions};
    let mut p = two_views();
    let us = dana(&p);
    // Ben thinks our walk-away is far higher: the draft package is not good for us to him.
    p.team.views[1].parties.get_mut(&us).unwrap().reservation =
        Some(crate::model::Estimate::exact(80.0));
    let package = p.packages[0].clone();
    let mut entries = Vec::new();
    for v in &p.team.views {
        let vp = plan_in_view(&p, v);
        let pp = PlanProblem::from_plan(&vp);
        let a = analyze(&pp.problem, &FrontierOptions::default()).unwrap();
        entries.push((v.member.clone(), judge(&vp, &package, Some((&pp, &a)))));
    }
    assert_eq!(entries[0].1.good_for_us, Some(true));
    assert_eq!(entries[1].1.good_for_us, Some(false));
    // In Olga's view (the plan's numbers) the package values match the plan's own.
    let own = crate::analysis::plan::package_values(&p, &package);
    assert_eq!(entries[0].1.values, own);
    let lines = verdict_lines(&entries);
    assert_eq!(lines[0], "Good for us in Olga's view, not in Ben's.");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[1].contains("Olga's") && lines[1].contains("Ben's"),
        "{lines:?}"
    );
    // Without an analysis the frontier is not claimed either way.
    let vp = plan_in_view(&p, &p.team.views[0]);
    assert_eq!(judge(&vp, &package, None).on_frontier, None);
}

#[test]
fn proposals_wait_for_the_owner_and_a_rejection_sticks() {
    let mut p = owner();
    let them = nimbus(&p);
    let a = answer_with(&p, "Ben", |mine| {
        let id = mine.add_interest(&them, "Predictable costs");
        mine.interests.iter_mut().find(|i| i.id == id).unwrap().why =
            "Budget review in March".into();
    });
    merge_answer(&mut p, &a, false, 5000).unwrap();
    let items = pending(&p);
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0].text,
        "Ben proposes an interest of Nimbus (hiring manager): “Predictable costs”. Why: Budget review in March"
    );
    assert!(reject(&mut p, &items[0].view, &items[0].proposal));
    assert!(pending(&p).is_empty());
    assert_eq!(p.interests.len(), 6);
    // The same answer again, replacing: the rejection is remembered.
    merge_answer(&mut p, &a, true, 6000).unwrap();
    assert!(pending(&p).is_empty());
    assert_eq!(p.team.views[1].interests[0].state, ProposalState::Rejected);
}

#[test]
fn views_survive_export_import_storage_and_a_share_link() {
    let mut p = two_views();
    let us = dana(&p);
    let sal = Place::Weight(salary(&p));
    choose(&mut p, &us, &sal, Rule::Median).unwrap();
    let text = exchange::export(std::slice::from_ref(&p), 9);
    assert_eq!(exchange::import(&text).unwrap(), vec![p.clone()]);
    assert_eq!(decode_plan(&encode_plan(&p)).unwrap(), (p.clone(), vec![]));
    let link = crate::formats::share::encode(&p, 9).unwrap();
    assert_eq!(crate::formats::share::decode(&link).unwrap(), p);
    // A plan prepared alone is written exactly as before views existed.
    assert!(!encode_plan(&owner_without_me()).contains("\"team\""));
}

fn owner_without_me() -> Plan {
    sample_plan(PlanId::parse("palone").unwrap(), 1000)
}

#[test]
fn requests_and_answers_travel_as_links_within_the_limit() {
    let p = owner();
    let req = request(&p, true);
    let link = request_link(&req).unwrap();
    assert!(link.starts_with("#/share/"));
    let text = crate::formats::share::unpack(&link).unwrap();
    assert_eq!(kind_of(&text), DocKind::Request);
    assert_eq!(read_request(&text).unwrap(), req);
    let ans = salary_at(&p, "Ben", 20.0);
    let text = crate::formats::share::unpack(&answer_link(&ans).unwrap()).unwrap();
    assert_eq!(kind_of(&text), DocKind::Answer);
    assert_eq!(read_answer(&text).unwrap(), ans);
    assert_eq!(kind_of(&exchange::export(&[p], 1)), DocKind::Plan);
    assert_eq!(kind_of("not json"), DocKind::Other);
    // Too much for a link: a file instead, said plainly.
    let mut huge = req.clone();
    let mut x = 7u64;
    huge.title = (0..60_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(b'a' + (x % 26) as u8)
        })
        .collect();
    let err = request_link(&huge).unwrap_err().to_string();
    assert!(err.ends_with("make a file instead"), "{err}");
}
