//! Ids that find their entity in a plan. The views bind a field to "this field of the
//! entity with this id" through one trait, instead of a lookup pair per kind of entity.

use super::{
    Interest, InterestId, Issue, IssueId, OptionId, OptionItem, Party, PartyId, Plan, Question,
    QuestionId,
};

/// An id that can look up what it names in a plan.
pub trait Find: Clone + PartialEq + Send + Sync + 'static {
    type Target: 'static;
    fn find<'a>(&self, plan: &'a Plan) -> Option<&'a Self::Target>;
    fn find_mut<'a>(&self, plan: &'a mut Plan) -> Option<&'a mut Self::Target>;
}

impl Find for PartyId {
    type Target = Party;
    fn find<'a>(&self, plan: &'a Plan) -> Option<&'a Party> {
        plan.parties.iter().find(|x| &x.id == self)
    }
    fn find_mut<'a>(&self, plan: &'a mut Plan) -> Option<&'a mut Party> {
        plan.parties.iter_mut().find(|x| &x.id == self)
    }
}

impl Find for InterestId {
    type Target = Interest;
    fn find<'a>(&self, plan: &'a Plan) -> Option<&'a Interest> {
        plan.interests.iter().find(|x| &x.id == self)
    }
    fn find_mut<'a>(&self, plan: &'a mut Plan) -> Option<&'a mut Interest> {
        plan.interests.iter_mut().find(|x| &x.id == self)
    }
}

impl Find for QuestionId {
    type Target = Question;
    fn find<'a>(&self, plan: &'a Plan) -> Option<&'a Question> {
        plan.questions.iter().find(|x| &x.id == self)
    }
    fn find_mut<'a>(&self, plan: &'a mut Plan) -> Option<&'a mut Question> {
        plan.questions.iter_mut().find(|x| &x.id == self)
    }
}

impl Find for IssueId {
    type Target = Issue;
    fn find<'a>(&self, plan: &'a Plan) -> Option<&'a Issue> {
        plan.issues.iter().find(|x| &x.id == self)
    }
    fn find_mut<'a>(&self, plan: &'a mut Plan) -> Option<&'a mut Issue> {
        plan.issues.iter_mut().find(|x| &x.id == self)
    }
}

impl Find for OptionId {
    type Target = OptionItem;
    fn find<'a>(&self, plan: &'a Plan) -> Option<&'a OptionItem> {
        plan.issues
            .iter()
            .flat_map(|i| &i.options)
            .find(|o| &o.id == self)
    }
    fn find_mut<'a>(&self, plan: &'a mut Plan) -> Option<&'a mut OptionItem> {
        plan.issues
            .iter_mut()
            .flat_map(|i| i.options.iter_mut())
            .find(|o| &o.id == self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};

    #[test]
    fn every_kind_of_id_finds_its_entity_and_nothing_else() {
        let mut p = sample_plan(PlanId::parse("p1").unwrap(), 0);
        let party = p.parties[1].id.clone();
        let interest = p.interests[2].id.clone();
        let question = p.questions[0].id.clone();
        let issue = p.issues[1].id.clone();
        let option = p.issues[2].options[1].id.clone();
        assert_eq!(party.find(&p).map(|x| &x.name), Some(&p.parties[1].name));
        assert_eq!(interest.find(&p).map(|x| &x.id), Some(&interest));
        assert_eq!(question.find(&p).map(|x| &x.id), Some(&question));
        assert_eq!(issue.find(&p).map(|x| &x.id), Some(&issue));
        assert_eq!(option.find(&p).map(|x| &x.id), Some(&option));
        if let Some(o) = option.find_mut(&mut p) {
            o.label = "changed".into();
        }
        assert_eq!(p.issues[2].options[1].label, "changed");
        assert!(OptionId("nope".into()).find(&p).is_none());
        assert!(IssueId("nope".into()).find_mut(&mut p).is_none());
    }
}
