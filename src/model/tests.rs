use super::*;

fn plan() -> Plan {
    sample_plan(PlanId::parse("p1").unwrap(), 1000)
}

#[test]
fn a_new_plan_has_two_parties_and_us() {
    let p = Plan::new(PlanId::parse("p1").unwrap(), "New", 5);
    assert_eq!(p.parties.len(), 2);
    assert_eq!(p.us(), Some(&p.parties[0].id));
    assert_eq!(p.next_seq, 3);
}

#[test]
fn the_sample_plan_is_consistent_and_weights_sum_to_100() {
    let mut p = plan();
    assert_eq!(p.repair(), Vec::<String>::new());
    for party in &p.parties {
        let sum: f64 = party.weights.values().map(|s| s.value).sum();
        assert_eq!(sum, 100.0, "{}", party.name);
        assert_eq!(party.ratings.len(), 12);
    }
}

#[test]
fn ids_are_stable_across_renames_and_reordering() {
    let mut p = plan();
    let ids: Vec<_> = p.issues.iter().map(|i| i.id.clone()).collect();
    p.issues[0].name = "Pay".into();
    p.issues.reverse();
    let mut after: Vec<_> = p.issues.iter().map(|i| i.id.clone()).collect();
    after.reverse();
    assert_eq!(ids, after);
    assert_eq!(p.repair(), Vec::<String>::new());
}

#[test]
fn dangling_references_are_repaired_and_reported() {
    let mut p = plan();
    let gone_issue = p.issues.remove(0).id;
    p.parties.remove(1);
    p.links.push(InterestLink {
        a: InterestId("int999".into()),
        b: p.interests[0].id.clone(),
        relation: Relation::Shared,
    });
    let notes = p.repair();
    assert!(notes.len() >= 4, "{notes:#?}");
    // Interests of the removed party keep their text under a recovered party.
    let recovered = p
        .parties
        .iter()
        .find(|x| x.name == "Recovered party")
        .unwrap();
    assert!(p.interests.iter().any(|i| i.party == recovered.id));
    assert!(p
        .parties
        .iter()
        .all(|x| !x.weights.contains_key(&gone_issue)));
    assert!(!p.packages[0].choices.contains_key(&gone_issue));
    assert!(p.questions[0].issues.iter().all(|i| i != &gone_issue));
    // Repair is idempotent: a second pass finds nothing.
    assert_eq!(p.repair(), Vec::<String>::new());
}

#[test]
fn bad_numbers_and_ids_are_fixed() {
    let mut p = plan();
    p.parties[0].reservation.value = f64::NAN;
    p.parties[1].reservation.high = 250.0;
    let first_opt = p.issues[0].options[0].id.clone();
    p.parties[0].ratings.insert(first_opt, Score::new(-5.0));
    p.issues[1].id = p.issues[0].id.clone(); // a duplicate id
    p.interests[0].id = InterestId("<b>".into()); // markup is not an id
    p.next_seq = 0;
    let notes = p.repair();
    assert!(notes.iter().any(|n| n.contains("new id")), "{notes:#?}");
    assert!(notes.iter().any(|n| n.contains("0–100")), "{notes:#?}");
    assert_eq!(p.parties[0].reservation.value, 0.0);
    assert_eq!(p.parties[1].reservation.high, 100.0);
    assert_ne!(p.issues[0].id, p.issues[1].id);
    assert!(p.interests.iter().all(|i| i.id.is_well_formed()));
    let seq = p.next_seq;
    assert!(p.issues.iter().all(|i| {
        let n: u64 = i.id.0.trim_start_matches("iss").parse().unwrap_or(0);
        n < seq
    }));
    assert_eq!(p.repair(), Vec::<String>::new());
}

#[test]
fn too_few_parties_are_completed() {
    let mut p = plan();
    p.parties.clear();
    p.interests.clear();
    p.offers.clear();
    let notes = p.repair();
    assert_eq!(p.parties.len(), 2);
    assert_eq!(p.perspective, Perspective::Neutral);
    assert!(notes.iter().any(|n| n.contains("neutral")), "{notes:#?}");
}

#[test]
fn team_views_have_one_name_each_and_decisions_name_a_view_the_plan_holds() {
    use crate::model::team::{Decision, Place, Rule, View};
    use crate::persist::exchange;
    let view = |seq: u64, member: &str| View {
        id: ViewId::from_seq(seq),
        member: member.into(),
        answered: 0,
        received: 0,
        note: String::new(),
        parties: Default::default(),
        interests: Vec::new(),
        options: Vec::new(),
    };
    let mut p = plan();
    let us = p.parties[0].id.clone();
    p.team.views = vec![view(900, "Ben"), view(901, " ben ")];
    p.team.decisions = vec![
        Decision {
            party: us.clone(),
            place: Place::Weight(p.issues[0].id.clone()),
            rule: Rule::Member(ViewId::from_seq(900)),
        },
        Decision {
            party: us,
            place: Place::Reservation,
            rule: Rule::Member(ViewId::from_seq(950)),
        },
    ];
    p.next_seq = 951;
    // A file with either fault is refused whole, naming the place.
    assert_eq!(
        p.check(),
        Err((
            "team.views[1].member".into(),
            "another view already belongs to “ben”".into()
        ))
    );
    let err = exchange::import(&exchange::export(std::slice::from_ref(&p), 5)).unwrap_err();
    assert!(
        err.to_string().contains("another view already belongs"),
        "{err}"
    );
    let mut one_name = p.clone();
    one_name.team.views[1].member = "Ana".into();
    assert_eq!(
        one_name.check(),
        Err((
            "team.decisions[1].rule".into(),
            "no view has the id \"view950\"".into()
        ))
    );
    // A stored plan is repaired instead: the second Ben is told apart, and the decision
    // that took a missing view's number is open again; the other decision stays.
    let notes = p.repair();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert_eq!(p.team.views[1].member, "ben (2)");
    assert_eq!(p.team.decisions.len(), 1);
    assert_eq!(
        p.team.decisions[0].rule,
        Rule::Member(ViewId::from_seq(900))
    );
    assert_eq!(p.check(), Ok(()));
    assert_eq!(p.repair(), Vec::<String>::new());
}

#[test]
fn stale_weight_working_is_forgotten_quietly() {
    let mut p = plan();
    let issue = p.issues[0].id.clone();
    let option = p.issues[0].options[0].id.clone();
    let gone = IssueId("iss999".into());
    let e = &mut p.parties[0].elicitation;
    e.method = WeightMethod::Swing;
    e.ranking = vec![gone.clone(), issue.clone(), issue.clone()];
    e.swings.insert(gone.clone(), 40.0);
    e.swings.insert(issue.clone(), 140.0);
    e.holistic = Some(HolisticCheck {
        packages: vec![JudgedPackage {
            choices: [(issue.clone(), option.clone()), (gone, option.clone())]
                .into_iter()
                .collect(),
            score: Some(-3.0),
        }],
    });
    assert_eq!(p.repair(), Vec::<String>::new());
    let e = &p.parties[0].elicitation;
    assert_eq!(e.ranking, vec![issue.clone()]);
    assert_eq!(e.swings.get(&issue), Some(&100.0));
    assert_eq!(e.swings.len(), 1);
    let judged = &e.holistic.as_ref().unwrap().packages[0];
    assert_eq!(judged.choices.len(), 1);
    assert_eq!(judged.score, Some(0.0));
    assert_eq!(e.method, WeightMethod::Swing);
}
