//! Where the user is, kept in the URL fragment (`#/plan/<id>`): the fragment never reaches
//! the server, so a reload works on any static host, under any sub-path, without rewrites.

use crate::model::{PlanId, Step};

#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Library,
    /// A plan's workspace at its overview.
    Plan(PlanId),
    /// A plan's workspace at one step (`#/plan/<id>/<step>`).
    Step(PlanId, Step),
    /// A plan carried in the link itself (`#/share/<data>`), offered for import.
    Share(String),
    /// A fragment we cannot read (a mistyped or outdated link): shown as a message, not a crash.
    NotFound(String),
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        if let Some(data) = hash.strip_prefix("#/share/") {
            return Route::Share(data.to_string());
        }
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Library,
            ["plan", id] => match PlanId::parse(id) {
                Some(id) => Route::Plan(id),
                None => Route::NotFound(hash.to_string()),
            },
            ["plan", id, step] => match (PlanId::parse(id), Step::from_slug(step)) {
                (Some(id), Some(Step::Overview)) => Route::Plan(id),
                (Some(id), Some(step)) => Route::Step(id, step),
                _ => Route::NotFound(hash.to_string()),
            },
            _ => Route::NotFound(hash.to_string()),
        }
    }

    pub fn to_hash(&self) -> String {
        match self {
            Route::Library | Route::NotFound(_) => "#/".to_string(),
            Route::Share(data) => format!("#/share/{data}"),
            Route::Plan(id) => format!("#/plan/{id}"),
            Route::Step(id, step) => format!("#/plan/{id}/{}", step.slug()),
        }
    }

    /// The plan this route shows, if any.
    pub fn plan(&self) -> Option<&PlanId> {
        match self {
            Route::Plan(id) | Route::Step(id, _) => Some(id),
            _ => None,
        }
    }

    /// The workspace step this route shows (the overview for a bare plan link).
    pub fn step(&self) -> Step {
        match self {
            Route::Step(_, step) => *step,
            _ => Step::Overview,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_parse_and_print() {
        let id = PlanId::parse("p1x").unwrap();
        assert_eq!(Route::parse(""), Route::Library);
        assert_eq!(Route::parse("#/"), Route::Library);
        assert_eq!(Route::parse("#/plan/p1x"), Route::Plan(id.clone()));
        assert_eq!(Route::parse("#/plan/p1x/"), Route::Plan(id.clone()));
        assert_eq!(
            Route::parse(&Route::Plan(id.clone()).to_hash()),
            Route::Plan(id)
        );
        assert!(matches!(Route::parse("#/plan/<b>"), Route::NotFound(_)));
        let step = Route::Step(PlanId::parse("p1x").unwrap(), Step::Evaluate);
        assert_eq!(step.to_hash(), "#/plan/p1x/evaluate");
        assert_eq!(Route::parse(&step.to_hash()), step);
        assert_eq!(
            Route::parse("#/plan/p1x/overview"),
            Route::Plan(PlanId::parse("p1x").unwrap())
        );
        assert!(matches!(
            Route::parse("#/plan/p1x/nope"),
            Route::NotFound(_)
        ));
        assert!(matches!(Route::parse("#/elsewhere"), Route::NotFound(_)));
        assert_eq!(Route::parse("#/share/abc-_"), Route::Share("abc-_".into()));
    }
}
