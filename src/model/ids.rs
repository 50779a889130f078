use serde::{Deserialize, Serialize};
use std::fmt;

/// A plan's stable identity: it survives renames and reordering and names the plan's
/// storage key and URL. The app makes new ids from time and randomness; the model only
/// checks that an id is safe to use in a key and a URL fragment.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PlanId(String);

impl PlanId {
    /// Builds an id from a timestamp and a random number (both supplied by the caller, so
    /// this stays pure). Base 36 keeps ids short in URLs.
    pub fn generate(now_ms: i64, random: u64) -> PlanId {
        PlanId(format!(
            "p{}{}",
            base36(now_ms.max(0) as u64),
            base36(random % 36u64.pow(6))
        ))
    }

    /// Accepts only ids that pass [`is_safe_id`].
    pub fn parse(s: &str) -> Option<PlanId> {
        is_safe_id(s).then(|| PlanId(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PlanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PlanId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        PlanId::parse(&s).ok_or_else(|| format!("{s:?} is not a valid plan id"))
    }
}

impl From<PlanId> for String {
    fn from(id: PlanId) -> String {
        id.0
    }
}

/// Ids name storage keys, URL fragments and element ids: ASCII letters, digits, `-` and `_`,
/// 1 to 64 characters. Anything else could break a key or a URL, or smuggle markup.
pub fn is_safe_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_parse_and_differ() {
        let a = PlanId::generate(1_700_000_000_000, 1);
        let b = PlanId::generate(1_700_000_000_000, 2);
        assert_ne!(a, b);
        assert_eq!(PlanId::parse(a.as_str()), Some(a));
    }

    #[test]
    fn unsafe_ids_are_refused() {
        for bad in ["", "a b", "<script>", "x/y", "é", &"a".repeat(65)] {
            assert_eq!(PlanId::parse(bad), None, "{bad:?}");
        }
        assert!(serde_json::from_str::<PlanId>("\"a/b\"").is_err());
    }
}
