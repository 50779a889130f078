//! Share links: a whole plan compressed into the URL fragment (`#/share/<data>`), which
//! browsers never send to a server. Opening such a link offers to import it as a copy.
//! Pure: the export format (JSON), raw DEFLATE, then base64url.

use crate::model::{Millis, Plan};
use crate::persist::exchange;
use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

/// The longest fragment the planner makes. Browsers accept far longer URLs, but mail and
/// chat programs cut or refuse long links; beyond this the user is offered a file.
pub const MAX_LINK_CHARS: usize = 32 * 1024;
/// Decompressed size accepted from a link, against "zip bombs".
const MAX_INFLATED: usize = 8 * 1024 * 1024;

pub const PREFIX: &str = "#/share/";

#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    TooLong { chars: usize },
    NotALink(String),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::TooLong { chars } => write!(
                f,
                "this plan needs a link of {} characters, more than the {} a link can safely \
                 carry; export it to a file instead",
                chars, MAX_LINK_CHARS
            ),
            ShareError::NotALink(why) => write!(f, "this share link is damaged: {why}"),
        }
    }
}

/// The fragment (starting with `#/share/`) that carries `plan`.
pub fn encode(plan: &Plan, now: Millis) -> Result<String, ShareError> {
    pack(&exchange::export(std::slice::from_ref(plan), now))
}

/// The fragment (starting with `#/share/`) that carries any of the planner's JSON texts (a
/// plan, or a team's view request or answer), within the link length limit.
pub fn pack(json: &str) -> Result<String, ShareError> {
    let packed = compress_to_vec(json.as_bytes(), 9);
    let fragment = format!("{PREFIX}{}", base64url(&packed));
    if fragment.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong {
            chars: fragment.len(),
        });
    }
    Ok(fragment)
}

/// The text a fragment (with or without the `#/share/` prefix) carries.
pub fn unpack(fragment: &str) -> Result<String, ShareError> {
    let data = fragment.strip_prefix(PREFIX).unwrap_or(fragment);
    if data.len() > MAX_LINK_CHARS * 4 {
        return Err(ShareError::NotALink("it is far too long".into()));
    }
    let packed = unbase64url(data).ok_or_else(|| {
        ShareError::NotALink("it contains characters a share link never has".into())
    })?;
    let json = decompress_to_vec_with_limit(&packed, MAX_INFLATED)
        .map_err(|_| ShareError::NotALink("it does not unpack (cut short?)".into()))?;
    String::from_utf8(json).map_err(|_| ShareError::NotALink("its content is not text".into()))
}

/// The plan in a fragment (with or without the `#/share/` prefix).
pub fn decode(fragment: &str) -> Result<Plan, ShareError> {
    let text = unpack(fragment)?;
    let mut plans = exchange::import(&text).map_err(|e| ShareError::NotALink(e.to_string()))?;
    match plans.len() {
        1 => Ok(plans.remove(0)),
        n => Err(ShareError::NotALink(format!(
            "it holds {n} plans instead of one"
        ))),
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..chunk.len() + 1 {
            out.push(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize] as char);
        }
    }
    out
}

fn unbase64url(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{sample_plan, PlanId};

    #[test]
    fn a_plan_survives_a_link_and_the_link_is_short() {
        let plan = sample_plan(PlanId::parse("p1").unwrap(), 5);
        let link = encode(&plan, 5).unwrap();
        assert!(link.starts_with("#/share/"));
        assert!(link.len() < 4000, "{} chars", link.len());
        assert!(link[PREFIX.len()..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&link).unwrap(), plan);
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n).map(|k| k.wrapping_mul(37)).collect();
            assert_eq!(unbase64url(&base64url(&bytes)).unwrap(), bytes);
        }
    }

    #[test]
    fn too_big_plans_are_refused_with_the_size() {
        let mut plan = sample_plan(PlanId::parse("p1").unwrap(), 5);
        // Incompressible text: a pseudo-random walk over letters.
        let mut x = 7u64;
        plan.notes = (0..60_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from(b'a' + (x % 26) as u8)
            })
            .collect();
        match encode(&plan, 5) {
            Err(ShareError::TooLong { chars }) => assert!(chars > MAX_LINK_CHARS),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn damaged_links_are_refused_in_plain_words() {
        let plan = sample_plan(PlanId::parse("p1").unwrap(), 5);
        let link = encode(&plan, 5).unwrap();
        let cut = &link[..link.len() / 2];
        for bad in ["#/share/!!!", cut, "#/share/", "#/share/AAAA"] {
            let err = decode(bad).expect_err(bad).to_string();
            assert!(err.starts_with("this share link is damaged"), "{err}");
        }
    }
}
