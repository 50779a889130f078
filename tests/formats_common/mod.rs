//! Shared helpers for the format tests: fixture locations and an independent oracle for the
//! GENIUS / GeniusWeb utility semantics (plain string scanning and `serde_json::Value`, sharing
//! no code with the importer).
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

use planner::formats::{genius_xml, geniusweb, ImportOptions, ImportedDomain, InputFile};

pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(std::env::var("GENIUS_FIXTURES").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/genius").to_string()
    }))
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Kind {
    Genius,
    GeniusWeb,
}

#[derive(Debug)]
pub struct Set {
    pub dir: &'static str,
    pub kind: Kind,
    pub domain: &'static str,
    pub profiles: [&'static str; 2],
}

pub const SETS: &[Set] = &[
    Set {
        dir: "AMPOvsCity",
        kind: Kind::Genius,
        domain: "ampo_vs_city_template.xml",
        profiles: ["ampo_vs_city_ampo_space.xml", "ampo_vs_city_city_space.xml"],
    },
    Set {
        dir: "Camera",
        kind: Kind::Genius,
        domain: "camera_domain.xml",
        profiles: ["camera_buyer_utility.xml", "camera_seller_utility.xml"],
    },
    Set {
        dir: "Car",
        kind: Kind::Genius,
        domain: "adg.xml",
        profiles: ["adg_deal.xml", "adg_deal2.xml"],
    },
    Set {
        dir: "Energy",
        kind: Kind::Genius,
        domain: "energy_domain.xml",
        profiles: ["energy_consumer.xml", "energy_distributor.xml"],
    },
    Set {
        dir: "EnglandZimbabwe",
        kind: Kind::Genius,
        domain: "EnglandZimbabwe_domain.xml",
        profiles: ["England.xml", "Zimbabwe.xml"],
    },
    Set {
        dir: "IntegerDomain",
        kind: Kind::Genius,
        domain: "IntegerDomain.xml",
        profiles: ["IntegerDomain-prof1.xml", "IntegerDomain-prof2.xml"],
    },
    Set {
        dir: "ItexvsCypress",
        kind: Kind::Genius,
        domain: "ItexvsCypress_domain.xml",
        profiles: ["ItexvsCypress_Itex.xml", "ItexvsCypress_Cypress.xml"],
    },
    Set {
        dir: "Jobs",
        kind: Kind::Genius,
        domain: "Jobs.xml",
        profiles: ["Jobs_util1.xml", "Jobs_util2.xml"],
    },
    Set {
        dir: "Laptop",
        kind: Kind::Genius,
        domain: "laptop_domain.xml",
        profiles: ["laptop_buyer_utility.xml", "laptop_seller_utility.xml"],
    },
    Set {
        dir: "Party",
        kind: Kind::Genius,
        domain: "party_domain.xml",
        profiles: ["party1_utility.xml", "party2_utility.xml"],
    },
    Set {
        dir: "Travel",
        kind: Kind::Genius,
        domain: "travel_domain.xml",
        profiles: ["travel_chox.xml", "travel_fanny.xml"],
    },
    Set {
        dir: "Wholesaler",
        kind: Kind::Genius,
        domain: "Wholesaler-domain.xml",
        profiles: ["Wholesaler-prof1.xml", "Wholesaler-prof2.xml"],
    },
    Set {
        dir: "GW_JapanTrip",
        kind: Kind::GeniusWeb,
        domain: "japantrip.json",
        profiles: ["japantrip1.json", "japantrip2.json"],
    },
    Set {
        dir: "GW_Party",
        kind: Kind::GeniusWeb,
        domain: "party.json",
        profiles: ["party1.json", "party2.json"],
    },
    Set {
        dir: "ANL2023_domain00",
        kind: Kind::GeniusWeb,
        domain: "domain00.json",
        profiles: ["profileA.json", "profileB.json"],
    },
    Set {
        dir: "ANL2023_domain01",
        kind: Kind::GeniusWeb,
        domain: "domain01.json",
        profiles: ["profileA.json", "profileB.json"],
    },
    Set {
        dir: "ANL2023_domain09",
        kind: Kind::GeniusWeb,
        domain: "domain09.json",
        profiles: ["profileA.json", "profileB.json"],
    },
    Set {
        dir: "ANL2023_domain37",
        kind: Kind::GeniusWeb,
        domain: "domain37.json",
        profiles: ["profileA.json", "profileB.json"],
    },
];

pub fn read(set: &Set, file: &str) -> Vec<u8> {
    let p = fixtures_dir().join(set.dir).join(file);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", p.display()))
}

pub fn import_set(set: &Set) -> ImportedDomain {
    let d = read(set, set.domain);
    let p0 = read(set, set.profiles[0]);
    let p1 = read(set, set.profiles[1]);
    let profiles = [
        InputFile::new(set.profiles[0], &p0),
        InputFile::new(set.profiles[1], &p1),
    ];
    let dom = InputFile::new(set.domain, &d);
    let r = match set.kind {
        Kind::Genius => genius_xml::import(dom, &profiles, &ImportOptions::default()),
        Kind::GeniusWeb => geniusweb::import(dom, &profiles, &ImportOptions::default()),
    };
    r.unwrap_or_else(|e| panic!("{} failed to import: {e}", set.dir))
}

/// A party as the file describes it: raw weights by issue name, per-issue score by value label,
/// reservation on the file scale, and whether utilities are clipped at 1 (GENIUS).
pub struct Oracle {
    pub weights: HashMap<String, f64>,
    pub scores: HashMap<String, HashMap<String, f64>>,
    pub reservation: f64,
    pub clip: bool,
}

impl Oracle {
    pub fn weight_sum(&self) -> f64 {
        self.weights.values().sum()
    }
    /// Unclipped weighted sum for a package given as (issue, value) labels.
    pub fn raw(&self, bid: &[(&str, &str)]) -> f64 {
        bid.iter()
            .map(|(i, v)| self.weights[*i] * self.scores[*i][*v])
            .sum()
    }
    /// The file format's own utility.
    pub fn file_utility(&self, bid: &[(&str, &str)]) -> f64 {
        let r = self.raw(bid);
        if self.clip {
            r.min(1.0)
        } else {
            r
        }
    }
    /// What the planner must show (0–100) per the documented guarantee.
    pub fn expected_planner(&self, bid: &[(&str, &str)]) -> f64 {
        let s = self.weight_sum();
        if s <= 1.0 {
            100.0 * self.file_utility(bid)
        } else {
            100.0 * self.raw(bid) / s
        }
    }
    pub fn expected_reservation(&self) -> f64 {
        let s = self.weight_sum();
        if s <= 1.0 {
            100.0 * self.reservation
        } else {
            100.0 * self.reservation / s
        }
    }
}

/// Value of attribute `key` in a tag's text; accepts a missing space before the attribute.
fn attr<'a>(tag: &'a str, key: &str) -> Option<&'a str> {
    let pat = format!("{key}=\"");
    let mut from = 0;
    while let Some(off) = tag[from..].find(&pat) {
        let at = from + off;
        let ok = at == 0 || {
            let prev = tag[..at].chars().last().unwrap();
            prev.is_whitespace() || prev == '"'
        };
        if ok {
            let rest = &tag[at + pat.len()..];
            return rest.find('"').map(|e| &rest[..e]);
        }
        from = at + pat.len();
    }
    None
}

/// Tags `<name ...>` in `text` (tag text up to '>').
fn tags<'a>(text: &'a str, name: &str) -> Vec<(usize, &'a str)> {
    let pat = format!("<{name}");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(off) = text[from..].find(&pat) {
        let at = from + off;
        let after = text[at + pat.len()..].chars().next().unwrap_or('>');
        if after.is_whitespace() || after == '>' || after == '/' {
            let end = text[at..].find('>').map(|e| at + e).unwrap_or(text.len());
            out.push((at, &text[at..end]));
        }
        from = at + pat.len();
    }
    out
}

fn strip_similarity(text: &str) -> String {
    let mut s = text.to_string();
    while let Some(start) = s.find("<similarity_function") {
        let tag_end = s[start..].find('>').map(|e| start + e).unwrap();
        let end = if s[..tag_end].ends_with('/') {
            tag_end + 1
        } else {
            let close = "</similarity_function>";
            s[start..]
                .find(close)
                .map(|e| start + e + close.len())
                .unwrap()
        };
        s.replace_range(start..end, "");
    }
    s
}

/// Independent reading of a GENIUS profile (domain values come from the profile itself).
pub fn genius_oracle(profile: &str) -> Oracle {
    let text = strip_similarity(profile);
    let mut weights_by_index = HashMap::new();
    for (_, t) in tags(&text, "weight") {
        let i: i64 = attr(t, "index").unwrap().parse().unwrap();
        let v: f64 = attr(t, "value").unwrap().parse().unwrap();
        weights_by_index.insert(i, v);
    }
    let mut weights = HashMap::new();
    let mut scores = HashMap::new();
    let issue_tags = tags(&text, "issue");
    for (k, (pos, t)) in issue_tags.iter().enumerate() {
        let end = issue_tags.get(k + 1).map(|x| x.0).unwrap_or(text.len());
        let body = &text[*pos..end];
        let name = attr(t, "name").unwrap().to_string();
        let idx: i64 = attr(t, "index").unwrap().parse().unwrap();
        weights.insert(name.clone(), weights_by_index[&idx]);
        let mut m = HashMap::new();
        if let Some((_, ev)) = tags(body, "evaluator").first() {
            let lb: i64 = attr(t, "lowerbound").unwrap().parse().unwrap();
            let ub: i64 = attr(t, "upperbound").unwrap().parse().unwrap();
            let slope: f64 = attr(ev, "slope").unwrap().parse().unwrap();
            let offset: f64 = attr(ev, "offset").unwrap().parse().unwrap();
            for x in lb..=ub {
                m.insert(
                    x.to_string(),
                    (slope * (x - lb) as f64 + offset).clamp(0.0, 1.0),
                );
            }
        } else {
            let mut evals = HashMap::new();
            for (_, it) in tags(body, "item") {
                evals.insert(
                    attr(it, "value").unwrap().to_string(),
                    attr(it, "evaluation").unwrap().parse::<f64>().unwrap(),
                );
            }
            let max = evals.values().cloned().fold(0.0, f64::max);
            for (v, e) in evals {
                m.insert(v, if max < 1e-5 { 0.0 } else { e / max });
            }
        }
        scores.insert(name, m);
    }
    let reservation = tags(&text, "reservation")
        .first()
        .and_then(|(_, t)| attr(t, "value"))
        .map(|v| v.parse().unwrap())
        .unwrap_or(0.0);
    Oracle {
        weights,
        scores,
        reservation,
        clip: true,
    }
}

/// Independent reading of a GeniusWeb profile with `serde_json::Value`.
pub fn geniusweb_oracle(profile: &str) -> Oracle {
    let v: serde_json::Value = serde_json::from_str(profile).unwrap();
    let las = &v["LinearAdditiveUtilitySpace"];
    let weights: HashMap<String, f64> = las["issueWeights"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, w)| (k.clone(), w.as_f64().unwrap()))
        .collect();
    let mut scores = HashMap::new();
    for (issue, holder) in las["issueUtilities"].as_object().unwrap() {
        let inner = holder
            .get("DiscreteValueSetUtilities")
            .or_else(|| holder.get("discreteutils"))
            .unwrap();
        let m: HashMap<String, f64> = inner["valueUtilities"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, u)| (k.clone(), u.as_f64().unwrap()))
            .collect();
        scores.insert(issue.clone(), m);
    }
    let mut o = Oracle {
        weights,
        scores,
        reservation: 0.0,
        clip: false,
    };
    if let Some(bid) = las.get("reservationBid") {
        let b: Vec<(String, String)> = bid["issuevalues"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        let refs: Vec<(&str, &str)> = b.iter().map(|(a, c)| (a.as_str(), c.as_str())).collect();
        o.reservation = o.raw(&refs);
    }
    o
}

pub fn oracles(set: &Set) -> Vec<Oracle> {
    set.profiles
        .iter()
        .map(|f| {
            let text = String::from_utf8(read(set, f)).unwrap();
            match set.kind {
                Kind::Genius => genius_oracle(&text),
                Kind::GeniusWeb => geniusweb_oracle(&text),
            }
        })
        .collect()
}

/// Calls `f` on every package (odometer order).
pub fn for_each_package(sizes: &[usize], mut f: impl FnMut(&[usize])) {
    if sizes.contains(&0) {
        return;
    }
    let mut c = vec![0usize; sizes.len()];
    loop {
        f(&c);
        let mut i = 0;
        loop {
            if i == c.len() {
                return;
            }
            c[i] += 1;
            if c[i] < sizes[i] {
                break;
            }
            c[i] = 0;
            i += 1;
        }
    }
}

/// Small deterministic PRNG for sampling (xorshift64*).
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
