//! Example plans written for this project, so a new user sees a complete preparation.

use super::*;

/// Sets a party's weight for an issue and its ratings for the issue's options, in order.
fn score(plan: &mut Plan, party: &PartyId, issue: &IssueId, weight: f64, ratings: &[f64]) {
    let options: Vec<OptionId> = plan
        .issue(issue)
        .map(|i| i.options.iter().map(|o| o.id.clone()).collect())
        .unwrap_or_default();
    if let Some(p) = plan.party_mut(party) {
        p.weights.insert(issue.clone(), Score::new(weight));
        for (option, rating) in options.iter().zip(ratings) {
            p.ratings.insert(option.clone(), Score::new(*rating));
        }
    }
}

/// The plan a first start opens: a job offer, prepared by the candidate.
pub fn sample_plan(id: PlanId, now: Millis) -> Plan {
    let mut plan = Plan::new(id, "Example: a job offer", now);
    plan.notes = "Dana has an offer from Nimbus, a software company, and wants to negotiate \
the package before signing. Her alternative is staying at her current job, which pays less \
but is fully remote. The hiring manager wants her to start within a month and has some room \
on salary, more on signing bonus, start date and remote days."
        .to_string();
    let dana = plan.parties[0].id.clone();
    let nimbus = plan.parties[1].id.clone();
    if let Some(p) = plan.party_mut(&dana) {
        p.name = "Dana (candidate)".into();
        p.role = "Senior engineer, receiving the offer".into();
        p.batna =
            "Stay in the current job: €78k, fully remote, a promotion review in spring.".into();
        p.reservation = Estimate::exact(45.0);
    }
    if let Some(p) = plan.party_mut(&nimbus) {
        p.name = "Nimbus (hiring manager)".into();
        p.role = "Engineering manager with a budget for the role".into();
        p.batna = "Keep the role open and interview for another two months.".into();
        p.reservation = Estimate {
            value: 40.0,
            low: 30.0,
            high: 55.0,
        };
    }

    let i_pay = plan.add_interest(&dana, "Earn clearly more than today");
    let i_home = plan.add_interest(&dana, "Time at home with a young child");
    let i_notice = plan.add_interest(&dana, "Leave the current employer on good terms");
    let n_budget = plan.add_interest(&nimbus, "Stay inside the salary band");
    let n_team = plan.add_interest(&nimbus, "Have her onboarded before the spring release");
    let n_culture = plan.add_interest(&nimbus, "A team that collaborates in the office");
    for (id, priority, kind, why) in [
        (
            &i_pay,
            Priority::High,
            InterestKind::Substantive,
            "Moving only makes sense if it pays.",
        ),
        (
            &i_home,
            Priority::High,
            InterestKind::Substantive,
            "Commuting every day is not sustainable.",
        ),
        (
            &i_notice,
            Priority::Medium,
            InterestKind::Relationship,
            "Small industry; references matter.",
        ),
        (
            &n_budget,
            Priority::High,
            InterestKind::Principle,
            "Pay equity across the team.",
        ),
        (
            &n_team,
            Priority::High,
            InterestKind::Substantive,
            "The release needs another senior.",
        ),
        (
            &n_culture,
            Priority::Medium,
            InterestKind::Relationship,
            "Mentoring works better in person.",
        ),
    ] {
        if let Some(i) = plan.interests.iter_mut().find(|i| &i.id == id) {
            i.priority = priority;
            i.kind = kind;
            i.why = why.into();
        }
    }
    plan.links.push(InterestLink {
        a: i_pay.clone(),
        b: n_budget.clone(),
        relation: Relation::Conflicting,
    });
    plan.links.push(InterestLink {
        a: i_notice.clone(),
        b: n_team.clone(),
        relation: Relation::Different,
    });
    plan.links.push(InterestLink {
        a: i_home.clone(),
        b: n_culture.clone(),
        relation: Relation::Conflicting,
    });

    let salary = plan.add_issue("Salary");
    let bonus = plan.add_issue("Signing bonus");
    let start = plan.add_issue("Start date");
    let remote = plan.add_issue("Remote days per week");
    for label in ["€85k", "€90k", "€95k"] {
        plan.add_option(&salary, label);
    }
    for label in ["None", "€5k", "€10k"] {
        plan.add_option(&bonus, label);
    }
    for label in ["In 2 weeks", "In 4 weeks", "In 8 weeks"] {
        plan.add_option(&start, label);
    }
    for label in ["1 day", "2 days", "3 days"] {
        plan.add_option(&remote, label);
    }
    if let Some(issue) = plan.issues.iter_mut().find(|i| i.id == salary) {
        issue.description = "Base salary per year.".into();
        issue.criteria.push(Criterion {
            standard: "Market rate for senior engineers in the city".into(),
            source: "Public salary survey".into(),
            applies: "The survey's median is €88k; the band's top is €96k.".into(),
        });
        for option in &mut issue.options {
            option.serves = vec![i_pay.clone()];
        }
    }
    if let Some(issue) = plan.issues.iter_mut().find(|i| i.id == start) {
        if let Some(o) = issue.options.get_mut(2) {
            o.serves = vec![i_notice.clone()];
        }
        if let Some(o) = issue.options.first_mut() {
            o.serves = vec![n_team.clone()];
        }
    }
    if let Some(issue) = plan.issues.iter_mut().find(|i| i.id == remote) {
        if let Some(o) = issue.options.get_mut(2) {
            o.serves = vec![i_home.clone()];
            o.origin = "Dana's idea".into();
        }
        if let Some(o) = issue.options.first_mut() {
            o.serves = vec![n_culture.clone()];
        }
    }

    score(&mut plan, &dana, &salary, 40.0, &[0.0, 60.0, 100.0]);
    score(&mut plan, &dana, &bonus, 10.0, &[0.0, 60.0, 100.0]);
    score(&mut plan, &dana, &start, 15.0, &[0.0, 50.0, 100.0]);
    score(&mut plan, &dana, &remote, 35.0, &[0.0, 50.0, 100.0]);
    score(&mut plan, &nimbus, &salary, 45.0, &[100.0, 60.0, 0.0]);
    score(&mut plan, &nimbus, &bonus, 10.0, &[100.0, 70.0, 0.0]);
    score(&mut plan, &nimbus, &start, 35.0, &[100.0, 70.0, 0.0]);
    score(&mut plan, &nimbus, &remote, 10.0, &[100.0, 60.0, 0.0]);
    if let Some(p) = plan.party_mut(&nimbus) {
        for s in p.weights.values_mut().chain(p.ratings.values_mut()) {
            s.confidence = Confidence::Medium;
        }
    }

    let package = PackageId::from_seq(plan.take_seq());
    let choices = [(&salary, 1), (&bonus, 1), (&start, 1), (&remote, 2)]
        .into_iter()
        .filter_map(|(issue, k)| {
            let option = plan.issue(issue)?.options.get(k)?.id.clone();
            Some((issue.clone(), option))
        })
        .collect();
    plan.packages.push(Package {
        id: package,
        name: "Middle ground, more remote".into(),
        choices,
        notes: "Trades a slightly lower salary for three remote days.".into(),
        group: String::new(),
    });

    let question = QuestionId::from_seq(plan.take_seq());
    plan.questions.push(Question {
        id: question,
        question: "How many remote days do senior engineers at Nimbus actually take?".into(),
        why: "If the team already works remotely two days, three is a small step for them.".into(),
        issues: vec![remote],
        interests: vec![n_culture],
        owner: "Dana".into(),
        source: "Ask the future team lead".into(),
        status: QuestionStatus::Open,
        answer: String::new(),
    });
    plan
}
