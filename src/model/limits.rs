//! How large a plan may be when it comes from outside: a planner file, a share link or a
//! research domain. Every limit is far above any real preparation (the largest research
//! domain we know has 10 issues and 45 options; a thorough plan has a few dozen interests);
//! they exist so that a hostile or mistaken file is refused in plain words instead of
//! freezing the page or filling the browser's storage.

use super::repair::CheckError;
use super::Plan;

pub const MAX_PARTIES: usize = 100;
pub const MAX_ISSUES: usize = 500;
pub const MAX_OPTIONS_PER_ISSUE: usize = 1_000;
/// Options over all issues: what the Issues and Evaluate steps draw.
pub const MAX_OPTIONS: usize = 5_000;
pub const MAX_INTERESTS: usize = 2_000;
/// Links between interests (shared, different, conflicting).
pub const MAX_LINKS: usize = 5_000;
/// Links from options to the interests they serve, over all options.
pub const MAX_SERVES: usize = 20_000;
/// Objective criteria, over all issues.
pub const MAX_CRITERIA: usize = 5_000;
pub const MAX_PACKAGES: usize = 1_000;
pub const MAX_OFFERS: usize = 5_000;
pub const MAX_QUESTIONS: usize = 1_000;

/// 12345 → "12,345": limits and counts in messages.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn over(path: String, found: usize, what: &str, max: usize) -> Result<(), CheckError> {
    if found > max {
        Err((
            path,
            format!(
                "it has {} {what}; the planner takes at most {}",
                thousands(found),
                thousands(max)
            ),
        ))
    } else {
        Ok(())
    }
}

impl Plan {
    /// Refuses a plan larger than the limits above, naming the first limit it passes.
    /// Counting is cheap, so this runs before the reference check.
    pub fn check_limits(&self) -> Result<(), CheckError> {
        over("parties".into(), self.parties.len(), "parties", MAX_PARTIES)?;
        over("issues".into(), self.issues.len(), "issues", MAX_ISSUES)?;
        for (i, issue) in self.issues.iter().enumerate() {
            over(
                format!("issues[{i}].options"),
                issue.options.len(),
                "options on one issue",
                MAX_OPTIONS_PER_ISSUE,
            )?;
        }
        let options = self.issues.iter().map(|i| i.options.len()).sum();
        over("issues".into(), options, "options", MAX_OPTIONS)?;
        let criteria = self.issues.iter().map(|i| i.criteria.len()).sum();
        over("issues".into(), criteria, "criteria", MAX_CRITERIA)?;
        let serves = self
            .issues
            .iter()
            .flat_map(|i| &i.options)
            .map(|o| o.serves.len())
            .sum();
        over(
            "issues".into(),
            serves,
            "links from options to interests",
            MAX_SERVES,
        )?;
        over(
            "interests".into(),
            self.interests.len(),
            "interests",
            MAX_INTERESTS,
        )?;
        over(
            "links".into(),
            self.links.len(),
            "links between interests",
            MAX_LINKS,
        )?;
        over(
            "packages".into(),
            self.packages.len(),
            "packages",
            MAX_PACKAGES,
        )?;
        over("offers".into(), self.offers.len(), "offers", MAX_OFFERS)?;
        over(
            "questions".into(),
            self.questions.len(),
            "fact-finding questions",
            MAX_QUESTIONS,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, templates, PlanId};

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(700_000), "700,000");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }

    #[test]
    fn every_example_is_far_below_the_limits() {
        for (key, _, make) in templates() {
            let plan = make(PlanId::parse("p1").unwrap(), 0);
            assert_eq!(plan.check_limits(), Ok(()), "{key}");
        }
    }

    #[test]
    fn each_limit_is_named_when_passed() {
        let base = sample_plan(PlanId::parse("p1").unwrap(), 0);
        let interest = base.interests[0].id.clone();
        type Grow = Box<dyn Fn(&mut Plan)>;
        let cases: Vec<(Grow, &str, &str)> = vec![
            (
                Box::new(|p| {
                    for k in 0..MAX_PARTIES {
                        p.add_party(&format!("P{k}"));
                    }
                }),
                "parties",
                "at most 100",
            ),
            (
                Box::new(|p| {
                    for k in 0..=MAX_ISSUES {
                        p.add_issue(&format!("I{k}"));
                    }
                }),
                "issues",
                "issues; the planner takes at most 500",
            ),
            (
                Box::new(|p| {
                    let issue = p.issues[1].id.clone();
                    for k in 0..MAX_OPTIONS_PER_ISSUE {
                        p.add_option(&issue, &format!("O{k}"));
                    }
                }),
                "issues[1].options",
                "options on one issue; the planner takes at most 1,000",
            ),
            (
                Box::new(|p| {
                    for i in 0..6 {
                        let issue = p.add_issue(&format!("I{i}"));
                        for k in 0..MAX_OPTIONS_PER_ISSUE {
                            p.add_option(&issue, &format!("O{k}"));
                        }
                    }
                }),
                "issues",
                "options; the planner takes at most 5,000",
            ),
            (
                Box::new(move |p| {
                    let all = vec![interest.clone(); 1_000];
                    for o in p.issues.iter_mut().flat_map(|i| &mut i.options) {
                        o.serves = all.clone();
                    }
                    // 12 options × 1,000 is below; 21 × 1,000 is above.
                    let issue = p.issues[0].id.clone();
                    for k in 0..9 {
                        let id = p.add_option(&issue, &format!("more {k}")).unwrap();
                        let o = p.issues[0].options.iter_mut().find(|o| o.id == id).unwrap();
                        o.serves = all.clone();
                    }
                }),
                "issues",
                "21,000 links from options to interests; the planner takes at most 20,000",
            ),
            (
                Box::new(|p| {
                    let party = p.parties[0].id.clone();
                    for k in 0..MAX_INTERESTS {
                        p.add_interest(&party, &format!("I{k}"));
                    }
                }),
                "interests",
                "interests; the planner takes at most 2,000",
            ),
            (
                Box::new(|p| {
                    let link = p.links[0].clone();
                    p.links = vec![link; MAX_LINKS + 1];
                }),
                "links",
                "5,001 links between interests",
            ),
            (
                Box::new(|p| {
                    let package = p.packages[0].clone();
                    p.packages = vec![package; MAX_PACKAGES + 1];
                }),
                "packages",
                "1,001 packages",
            ),
            (
                Box::new(|p| {
                    let q = p.questions[0].clone();
                    p.questions = vec![q; MAX_QUESTIONS + 1];
                }),
                "questions",
                "1,001 fact-finding questions",
            ),
        ];
        for (grow, path, words) in cases {
            let mut plan = base.clone();
            grow(&mut plan);
            let (at, message) = plan.check_limits().expect_err(path);
            assert_eq!(at, path);
            assert!(message.contains(words), "{message} lacks {words}");
        }
        // At the limits exactly, nothing is refused.
        let mut plan = base.clone();
        let party = plan.parties[0].id.clone();
        while plan.interests.len() < MAX_INTERESTS {
            plan.add_interest(&party, "more");
        }
        assert_eq!(plan.check_limits(), Ok(()));
    }
}
