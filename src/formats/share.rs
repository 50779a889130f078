//! Share links: a whole plan compressed into the URL fragment (`#/share/<data>`), which
//! browsers never send to a server. Opening such a link offers to import it as a copy.
//! Pure: the export format (JSON), raw DEFLATE, then base64url.

use crate::model::limits::thousands;
use crate::model::{Millis, Plan};
use crate::persist::exchange;
use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};

/// The longest fragment the planner makes, and so the longest it opens. Browsers accept
/// far longer URLs, but mail and chat programs cut or refuse long links; beyond this the
/// user is offered a file.
pub const MAX_LINK_CHARS: usize = 32 * 1024;
/// The most text a link may unpack to, made and opened alike. A plan that fits in
/// `MAX_LINK_CHARS` unpacks to a few hundred kilobytes; a crafted, highly repetitive one
/// could unpack to a thousand times its size and keep the page busy reading it.
pub const MAX_INFLATED: usize = 1024 * 1024;

pub const PREFIX: &str = "#/share/";

/// What the share panel says about a link it made: what it holds and where it may end up.
pub const LINK_CONTAINS: &str = "The link holds the whole plan, with every party's \
    alternative (BATNA), reservation value and scores: anyone who has the link can read all \
    of it and import a copy. No server sees it, but a link is kept wherever links are kept \
    (browser history and its sync, chat and mail), so send it only to people who may see \
    the whole plan.";

#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    TooLong {
        chars: usize,
    },
    /// Its text is larger than a link may carry, however well it packs.
    TooLarge {
        bytes: usize,
    },
    NotALink(String),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::TooLong { chars } => write!(
                f,
                "this plan needs a link of {} characters, more than the {} a link can safely \
                 carry; export it to a file instead",
                thousands(*chars),
                thousands(MAX_LINK_CHARS)
            ),
            ShareError::TooLarge { bytes } => write!(
                f,
                "this plan is {} KB of text, more than the {} KB a link may carry; export it \
                 to a file instead",
                thousands(bytes.div_ceil(1024)),
                thousands(MAX_INFLATED / 1024)
            ),
            ShareError::NotALink(why) => write!(f, "this share link is damaged: {why}"),
        }
    }
}

/// The fragment (starting with `#/share/`) that carries `plan`. Refused when the link
/// would be longer, or unpack to more, than [`decode`] accepts.
pub fn encode(plan: &Plan, now: Millis) -> Result<String, ShareError> {
    pack(&exchange::export_compact(std::slice::from_ref(plan), now))
}

/// The fragment (starting with `#/share/`) that carries any of the planner's JSON texts (a
/// plan, or a team's view request or answer), within the limits [`unpack`] accepts.
pub fn pack(json: &str) -> Result<String, ShareError> {
    if json.len() > MAX_INFLATED {
        return Err(ShareError::TooLarge { bytes: json.len() });
    }
    let packed = compress_to_vec(json.as_bytes(), 9);
    let fragment = format!("{PREFIX}{}", base64url(&packed));
    if fragment.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong {
            chars: fragment.len(),
        });
    }
    Ok(fragment)
}

/// The plan in a fragment (with or without the `#/share/` prefix). Anything the planner
/// would not have made (too long, unpacking to too much) is refused before it is read.
/// Three steps, each a fraction of the whole, so that the share page can draw and yield
/// between them: [`unpack`], [`open`], [`read`].
pub fn decode(fragment: &str) -> Result<Plan, ShareError> {
    let text = unpack(fragment)?;
    read(&open(&text)?)
}

/// The link's text, unpacked.
pub fn unpack(fragment: &str) -> Result<String, ShareError> {
    let data = fragment.strip_prefix(PREFIX).unwrap_or(fragment);
    if data.len() + PREFIX.len() > MAX_LINK_CHARS {
        return Err(ShareError::NotALink(format!(
            "it is {} characters long, longer than any link the planner makes ({})",
            thousands(data.len() + PREFIX.len()),
            thousands(MAX_LINK_CHARS)
        )));
    }
    let packed = unbase64url(data).ok_or_else(|| {
        ShareError::NotALink("it contains characters a share link never has".into())
    })?;
    let json = decompress_to_vec_with_limit(&packed, MAX_INFLATED).map_err(|e| {
        ShareError::NotALink(match e.status {
            TINFLStatus::HasMoreOutput => format!(
                "it unpacks to more than {} KB, more than any link the planner makes",
                thousands(MAX_INFLATED / 1024)
            ),
            _ => "it does not unpack (cut short?)".into(),
        })
    })?;
    String::from_utf8(json).map_err(|_| ShareError::NotALink("its content is not text".into()))
}

/// The unpacked text's envelope (one pass over its syntax): exactly one plan, not yet built.
pub fn open(text: &str) -> Result<exchange::ImportFile<'_>, ShareError> {
    let file = exchange::open(text).map_err(|e| ShareError::NotALink(e.to_string()))?;
    match file.len() {
        1 => Ok(file),
        n => Err(ShareError::NotALink(format!(
            "it holds {n} plans instead of one"
        ))),
    }
}

/// The plan, built and checked.
pub fn read(file: &exchange::ImportFile<'_>) -> Result<Plan, ShareError> {
    file.read(0)
        .map_err(|e| ShareError::NotALink(e.to_string()))
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

    /// A link the planner never makes: `json` packed as a link would be.
    fn crafted(json: &str) -> String {
        format!(
            "{PREFIX}{}",
            base64url(&compress_to_vec(json.as_bytes(), 9))
        )
    }

    /// The review's link: 4,000 interests and 700,000 repeated `serves` entries, which
    /// packs into about 33,000 characters and unpacks to megabytes.
    fn review_plan_json(interests: usize, serves: usize) -> String {
        let mut plan = Plan::new(PlanId::parse("phostile").unwrap(), "Hostile", 0);
        let us = plan.parties[0].id.clone();
        let them = plan.parties[1].id.clone();
        for k in 0..interests {
            plan.add_interest(if k % 2 == 0 { &us } else { &them }, "x");
        }
        let issue = plan.add_issue("Issue");
        plan.add_option(&issue, "Option");
        let ids: Vec<_> = plan.interests.iter().map(|i| i.id.clone()).collect();
        plan.issues[0].options[0].serves =
            (0..serves).map(|k| ids[k % ids.len()].clone()).collect();
        exchange::export_compact(&[plan], 0)
    }

    #[test]
    fn the_reviews_hostile_link_is_refused_before_it_is_read() {
        let link = crafted(&review_plan_json(4_000, 700_000));
        let err = decode(&link).unwrap_err().to_string();
        // Refused by its length or by what it unpacks to, in plain words, before any JSON
        // is read (which took 6.5 s).
        assert!(
            err.contains("longer than any link the planner makes")
                || err.contains("unpacks to more than 1,024 KB"),
            "{err}"
        );
        // The same content under the unpacking limit is refused by the count limits.
        let link = crafted(&review_plan_json(400, 30_000));
        assert!(link.len() <= MAX_LINK_CHARS, "{}", link.len());
        let err = decode(&link).unwrap_err().to_string();
        assert!(
            err.contains(
                "30,000 links from options to interests; the planner takes at most 20,000"
            ),
            "{err}"
        );
    }

    #[test]
    fn links_longer_than_the_planner_makes_are_refused() {
        let long = format!("{PREFIX}{}", "A".repeat(MAX_LINK_CHARS));
        let err = decode(&long).unwrap_err().to_string();
        assert!(
            err.contains("longer than any link the planner makes (32,768)"),
            "{err}"
        );
        // One character less than the limit is read (and refused for its content).
        let just = format!("{PREFIX}{}", "A".repeat(MAX_LINK_CHARS - PREFIX.len() - 1));
        let err = decode(&just).unwrap_err().to_string();
        assert!(!err.contains("longer than"), "{err}");
    }

    #[test]
    fn a_highly_repetitive_link_unpacking_past_the_limit_is_refused() {
        let json = format!("{{\"padding\":\"{}\"}}", " ".repeat(MAX_INFLATED));
        let link = crafted(&json);
        assert!(link.len() < 4_000, "{}", link.len());
        let err = decode(&link).unwrap_err().to_string();
        assert!(err.contains("unpacks to more than 1,024 KB"), "{err}");
    }

    #[test]
    fn the_planner_never_makes_a_link_it_would_refuse() {
        // Compressible text packs into a short link but unpacks to more than a link carries.
        let mut plan = sample_plan(PlanId::parse("p1").unwrap(), 5);
        plan.notes = "same words again ".repeat(70_000);
        match encode(&plan, 5) {
            Err(ShareError::TooLarge { bytes }) => {
                assert!(bytes > MAX_INFLATED);
                let text = ShareError::TooLarge { bytes }.to_string();
                assert!(text.contains("export it to a file instead"), "{text}");
            }
            other => panic!("{other:?}"),
        }
        // Just below, the link is made and opens.
        plan.notes = "same words again ".repeat(50_000);
        let link = encode(&plan, 5).unwrap();
        assert_eq!(decode(&link).unwrap(), plan);
    }
}
