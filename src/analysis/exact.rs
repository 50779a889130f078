//! The numbers the user's inputs imply, and the unit the engine counts them in.
//!
//! # Reading a number as the fraction it stands for
//! Weights and ratings arrive as `f64`s, and most of them stand for short decimals (`12.5`,
//! `0.35`) or simple fractions (`100/3` from weights 1, 1, 1; a GENIUS evaluation 1 of 3).
//! An `f64` holds such a number only to within a few units in the last place, so
//! [`read`] takes the simplest fraction (smallest denominator, at most [`MAX_DENOMINATOR`])
//! within a relative [`READ_SLACK`] of the `f64`: the continued-fraction convergents of the
//! `f64`'s exact binary value, first one close enough. Every rational with a denominator
//! below `1/√(2·slack·x)` that lies that close is such a convergent (Legendre), so for the
//! inputs people type and the research formats write, the fraction found is the one meant.
//!
//! # One unit for every party
//! A party's value is `Σ_i w_i·r_i / W` (`W` its weight sum), an exact rational once its
//! numbers are. [`Units::exact`] picks the least common denominator `S` of every
//! contribution `w_i·r_io/W`, every normalised weight `100·w_i/W` and every reservation
//! value: counted in units of `1/S` point, they are all integers, so sums, comparisons,
//! ties, the joint value and the spread of gains are exact integer arithmetic, and every
//! party's value is at most `100·S`. `S` is kept at most [`MAX_SCALE`] (`2⁴⁶`), so a value
//! converts to `f64` exactly (`100·S < 2⁵³`) and the joint value of eight parties stays far
//! inside `i64`.
//!
//! When some number is not such a fraction (a random real, a sensitivity sample) or the
//! common denominator would be larger, the model falls back to a fixed unit of `1e-10`
//! point ([`FALLBACK_SCALE`]) with each contribution rounded once, and compares
//! acceptability with the method's 1e-9 tolerance; [`crate::analysis::Model::is_exact`] says
//! which. Rounding noise then stays below 1e-9 but an exact tie can split by a unit.

/// Largest denominator [`read`] accepts for one number.
pub const MAX_DENOMINATOR: u128 = 1_000_000;
/// Relative distance (`2⁻⁴⁶ ≈ 1.4e-14`, about 64 units in the last place) within which an
/// `f64` is read as a fraction: enough for the few roundings of an importer's `100·e/max`.
pub const READ_SLACK: f64 = 1.0 / (1u64 << 46) as f64;
const READ_SLACK_BITS: u32 = 46;
/// Largest common denominator `S` of an exact model (`2⁴⁶`; see the module docs).
pub const MAX_SCALE: u128 = 1 << 46;
/// Units per point when the numbers are not all simple fractions.
pub const FALLBACK_SCALE: f64 = 1e10;
/// The method's tolerance (1e-9 point) in fallback units.
pub const FALLBACK_TOLERANCE: i64 = 10;

/// A non-negative fraction in lowest terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ratio {
    pub num: u128,
    pub den: u128,
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Ratio {
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };

    /// `num/den` reduced; `None` for a zero denominator.
    pub fn new(num: u128, den: u128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        Some(Ratio {
            num: num / g,
            den: den / g,
        })
    }

    /// An integer.
    pub fn int(n: u128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    pub fn checked_add(self, o: Ratio) -> Option<Ratio> {
        let g = gcd(self.den, o.den).max(1);
        let den = (self.den / g).checked_mul(o.den)?;
        let num = self
            .num
            .checked_mul(o.den / g)?
            .checked_add(o.num.checked_mul(self.den / g)?)?;
        Ratio::new(num, den)
    }

    pub fn checked_mul(self, o: Ratio) -> Option<Ratio> {
        let g1 = gcd(self.num, o.den).max(1);
        let g2 = gcd(o.num, self.den).max(1);
        Some(Ratio {
            num: (self.num / g1).checked_mul(o.num / g2)?,
            den: (self.den / g2).checked_mul(o.den / g1)?,
        })
    }

    /// `self / o`; `None` when `o` is zero.
    pub fn checked_div(self, o: Ratio) -> Option<Ratio> {
        if o.num == 0 {
            return None;
        }
        self.checked_mul(Ratio {
            num: o.den,
            den: o.num,
        })
    }

    /// `self · scale` as an integer, when `den` divides `scale` and it fits in `i64`.
    pub fn in_units(self, scale: u128) -> Option<i64> {
        if !scale.is_multiple_of(self.den) {
            return None;
        }
        i64::try_from(self.num.checked_mul(scale / self.den)?).ok()
    }
}

/// The fraction a non-negative `f64` stands for (see the module docs); `None` for negative,
/// non-finite or tiny numbers and for numbers no fraction with a denominator up to
/// [`MAX_DENOMINATOR`] explains.
pub fn read(x: f64) -> Option<Ratio> {
    if !x.is_finite() || x < 0.0 {
        return None;
    }
    if x == 0.0 {
        return Some(Ratio::ZERO);
    }
    // x = m · 2^e exactly, m odd.
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i32;
    if e >= 0 {
        // An integer: exact when it fits.
        return (e < 63 && m < (1u64 << (63 - e))).then(|| Ratio::int(u128::from(m) << e));
    }
    if e < -100 {
        return None;
    }
    let (num, den) = (u128::from(m), 1u128 << (-e));
    // Convergents p/q of num/den; the first within the slack is the simplest fraction there.
    let (mut p0, mut q0, mut p1, mut q1) = (0u128, 1u128, 1u128, 0u128);
    let (mut a, mut b) = (num, den);
    while b != 0 {
        let t = a / b;
        // Convergents never exceed num/den's own terms: no overflow (p ≤ num, q ≤ den).
        let p2 = t.checked_mul(p1)?.checked_add(p0)?;
        let q2 = t.checked_mul(q1)?.checked_add(q0)?;
        if q2 > MAX_DENOMINATOR {
            return None;
        }
        // |num/den − p2/q2| ≤ slack · num/den  ⇔  |num·q2 − p2·den| ≤ slack · num·q2.
        let lhs = num * q2;
        let rhs = p2.checked_mul(den)?;
        if lhs.abs_diff(rhs) <= lhs >> READ_SLACK_BITS {
            return Some(Ratio { num: p2, den: q2 });
        }
        (p0, q0, p1, q1) = (p1, q1, p2, q2);
        (a, b) = (b, a - t * b);
    }
    None
}

fn lcm(a: u128, b: u128) -> Option<u128> {
    (a / gcd(a, b).max(1)).checked_mul(b)
}

/// The exact numbers of a model, in units of `1/scale` point.
#[derive(Clone, Debug, PartialEq)]
pub struct Units {
    /// Units per point (`S`).
    pub scale: u128,
    /// `contrib[i][o·np + p]`: `w_pi·r_pio/W_p`.
    pub contrib: Vec<Vec<i64>>,
    /// `100·w_pi/W_p`, per party and issue.
    pub weights: Vec<Vec<i64>>,
    pub reservations: Vec<i64>,
}

impl Units {
    /// The model's numbers in exact units, or `None` when some number is not a simple
    /// fraction or their common denominator exceeds [`MAX_SCALE`]. `weights[p][i]`,
    /// `ratings[p][i][o]` and `reservations[p]` must be finite and non-negative.
    pub fn exact(
        weights: &[Vec<f64>],
        ratings: &[Vec<Vec<f64>>],
        reservations: &[f64],
    ) -> Option<Units> {
        let np = weights.len();
        let ni = weights.first().map_or(0, Vec::len);
        // Fractions first, then the common denominator, then the units.
        let mut shares = Vec::with_capacity(np); // w_pi / W_p
        for w in weights {
            let read_w: Vec<Ratio> = w.iter().map(|&x| read(x)).collect::<Option<_>>()?;
            let mut sum = Ratio::ZERO;
            for r in &read_w {
                sum = sum.checked_add(*r)?;
            }
            let s: Vec<Ratio> = read_w
                .iter()
                .map(|w| w.checked_div(sum))
                .collect::<Option<_>>()?;
            shares.push(s);
        }
        let mut scale = 1u128;
        let mut note = |r: Ratio| -> Option<()> {
            scale = lcm(scale, r.den)?;
            (scale <= MAX_SCALE).then_some(())
        };
        let hundred = Ratio::int(100);
        let mut contrib_r: Vec<Vec<Ratio>> = Vec::with_capacity(ni);
        for i in 0..ni {
            let m = ratings.first().and_then(|r| r.get(i)).map_or(0, Vec::len);
            let mut row = vec![Ratio::ZERO; m * np];
            for p in 0..np {
                let share = *shares.get(p)?.get(i)?;
                note(share.checked_mul(hundred)?)?;
                for o in 0..m {
                    let r = read(*ratings.get(p)?.get(i)?.get(o)?)?;
                    let c = share.checked_mul(r)?;
                    note(c)?;
                    row[o * np + p] = c;
                }
            }
            contrib_r.push(row);
        }
        let rv: Vec<Ratio> = reservations
            .iter()
            .map(|&x| read(x))
            .collect::<Option<_>>()?;
        for r in &rv {
            note(*r)?;
        }
        let contrib = contrib_r
            .iter()
            .map(|row| row.iter().map(|c| c.in_units(scale)).collect())
            .collect::<Option<_>>()?;
        let weights = shares
            .iter()
            .map(|s| {
                s.iter()
                    .map(|w| w.checked_mul(hundred)?.in_units(scale))
                    .collect()
            })
            .collect::<Option<_>>()?;
        let reservations = rv
            .iter()
            .map(|r| r.in_units(scale))
            .collect::<Option<_>>()?;
        Some(Units {
            scale,
            contrib,
            weights,
            reservations,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(num: u128, den: u128) -> Option<Ratio> {
        Ratio::new(num, den)
    }

    #[test]
    fn short_decimals_and_simple_fractions_are_read_as_meant() {
        assert_eq!(read(0.0), r(0, 1));
        assert_eq!(read(25.0), r(25, 1));
        assert_eq!(read(12.5), r(25, 2));
        assert_eq!(read(0.35), r(7, 20));
        assert_eq!(read(33.33), r(3333, 100));
        assert_eq!(read(100.0 / 3.0), r(100, 3));
        assert_eq!(read(100.0 * (1.0 / 3.0)), r(100, 3));
        assert_eq!(read(200.0 / 3.0), r(200, 3));
        assert_eq!(read(100.0 / 7.0), r(100, 7));
        assert_eq!(read(100.0 * 2.0 / 6.0), r(100, 3));
        assert_eq!(read(0.2857142857142857), r(2, 7));
        assert_eq!(read(100.0 * 0.3), r(30, 1));
        assert_eq!(read(1e6), r(1_000_000, 1));
        // What a user wrote with five digits stays five digits.
        assert_eq!(read(0.33333), r(33333, 100_000));
    }

    #[test]
    fn other_numbers_are_not_fractions() {
        assert_eq!(read(std::f64::consts::PI), None);
        assert_eq!(read(0.4452125771655631), None);
        assert_eq!(read(-1.0), None);
        assert_eq!(read(f64::NAN), None);
        assert_eq!(read(f64::INFINITY), None);
        assert_eq!(read(1e-40), None);
        assert_eq!(read(1e300), None);
        assert_eq!(read(f64::MIN_POSITIVE / 4.0), None);
    }

    #[test]
    fn arithmetic_is_exact_and_checked() {
        let third = Ratio::new(1, 3).unwrap();
        let sum = third.checked_add(third).and_then(|s| s.checked_add(third));
        assert_eq!(sum, Some(Ratio::int(1)));
        assert_eq!(third.checked_mul(Ratio::int(6)), Some(Ratio::int(2)));
        assert_eq!(Ratio::int(1).checked_div(Ratio::ZERO), None);
        let big = Ratio::int(u128::MAX / 2);
        assert_eq!(big.checked_mul(Ratio::int(3)), None);
        assert_eq!(big.checked_add(big).and_then(|b| b.checked_add(big)), None);
        assert_eq!(third.in_units(6), Some(2));
        assert_eq!(third.in_units(4), None);
    }

    #[test]
    fn equal_weights_over_three_issues_give_thirds() {
        let u = Units::exact(
            &[vec![1.0; 3], vec![50.0, 25.0, 25.0]],
            &[
                vec![vec![70.0, 80.0], vec![60.0, 0.0], vec![60.0, 70.0]],
                vec![vec![100.0, 0.0], vec![0.0, 100.0], vec![100.0, 0.0]],
            ],
            &[0.0, 12.5],
        )
        .expect("simple fractions");
        assert_eq!(u.scale, 6);
        // Our 80 on issue 0 is 80/3 points: 160 units of 1/6.
        assert_eq!(u.contrib[0][2], 160);
        assert_eq!(u.weights[0], vec![200, 200, 200]);
        assert_eq!(u.reservations, vec![0, 75]);
    }

    #[test]
    fn too_fine_a_common_denominator_is_refused() {
        // Weight sums that are distinct primes near 10^5 multiply past 2^46.
        let w = |s: f64| vec![1.0, s - 1.0];
        let r = vec![vec![0.0, 100.0], vec![100.0, 0.0]];
        assert!(Units::exact(
            &[w(99_991.0), w(99_989.0)],
            &[r.clone(), r.clone()],
            &[0.0; 2]
        )
        .is_some());
        assert!(Units::exact(
            &[w(99_991.0), w(99_989.0), w(99_971.0)],
            &[r.clone(), r.clone(), r],
            &[0.0; 3]
        )
        .is_none());
    }
}
