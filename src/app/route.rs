//! Where the user is, kept in the URL fragment (`#/plan/<id>`): the fragment never reaches
//! the server, so a reload works on any static host, under any sub-path, without rewrites.

use crate::model::PlanId;

#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Library,
    Plan(PlanId),
    /// A fragment we cannot read (a mistyped or outdated link): shown as a message, not a crash.
    NotFound(String),
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Library,
            ["plan", id] => match PlanId::parse(id) {
                Some(id) => Route::Plan(id),
                None => Route::NotFound(hash.to_string()),
            },
            _ => Route::NotFound(hash.to_string()),
        }
    }

    pub fn to_hash(&self) -> String {
        match self {
            Route::Library | Route::NotFound(_) => "#/".to_string(),
            Route::Plan(id) => format!("#/plan/{id}"),
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
        assert!(matches!(Route::parse("#/elsewhere"), Route::NotFound(_)));
    }
}
