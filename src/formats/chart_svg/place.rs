//! Keeps the chart's points and labels apart. Reference marks that sit on one spot (the
//! same package, or nearly the same values) are fanned out around it, so each shape stays
//! visible; each label takes the first of its places that covers no point and no label
//! placed before it. Pure geometry in the drawing's pixels.

/// A box in the drawing's pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// The square of half-side `r` around (`x`, `y`).
    pub fn around(x: f64, y: f64, r: f64) -> Rect {
        Rect {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        }
    }

    /// The area two boxes share (0 when they do not touch).
    pub fn overlap(&self, o: &Rect) -> f64 {
        let w = self.x1.min(o.x1) - self.x0.max(o.x0);
        let h = self.y1.min(o.y1) - self.y0.max(o.y0);
        if w > 0.0 && h > 0.0 {
            w * h
        } else {
            0.0
        }
    }

    /// How much of `self` lies outside `bounds`.
    fn outside(&self, bounds: &Rect) -> f64 {
        let area = (self.x1 - self.x0) * (self.y1 - self.y0);
        area - self.overlap(bounds)
    }
}

/// Marks closer than this (in pixels) count as one spot.
const NEAR: f64 = 8.0;
/// How far fanned-out marks sit from their spot: their shapes (about 24 px across) then
/// touch without covering each other.
const FAN: f64 = 15.0;

/// Where each mark is drawn. Marks on one spot are spread on a small circle around it,
/// the first to the left, then clockwise; a mark alone stays where it is.
pub(super) fn fan_out(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    // Group by spot: each point joins the first group whose first point is near it.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (k, &(x, y)) in points.iter().enumerate() {
        match groups.iter_mut().find(|g| {
            let (gx, gy) = points[g[0]];
            (gx - x).hypot(gy - y) < NEAR
        }) {
            Some(g) => g.push(k),
            None => groups.push(vec![k]),
        }
    }
    let mut out = points.to_vec();
    for g in groups.iter().filter(|g| g.len() > 1) {
        let n = g.len() as f64;
        let (cx, cy) = g.iter().fold((0.0, 0.0), |(sx, sy), &k| {
            (sx + points[k].0 / n, sy + points[k].1 / n)
        });
        for (j, &k) in g.iter().enumerate() {
            let angle = std::f64::consts::PI * (1.0 + 2.0 * j as f64 / n);
            out[k] = (cx + FAN * angle.cos(), cy + FAN * angle.sin());
        }
    }
    out
}

/// Which end of a label its point is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Anchor {
    Start,
    End,
}

/// A one-line label and the places it may go, best first: (x, baseline y, anchor).
pub(super) struct Label {
    pub width: f64,
    pub spots: Vec<(f64, f64, Anchor)>,
}

/// Font size of the labels placed here, and the width estimated per character (a little
/// more than the average, so the estimate errs towards room).
pub(super) const LABEL_FONT: f64 = 11.0;
const CHAR_WIDTH: f64 = 0.62 * LABEL_FONT;

impl Label {
    pub fn new(text: &str, spots: Vec<(f64, f64, Anchor)>) -> Label {
        Label {
            // The halo around the letters takes a little room on both sides.
            width: text.chars().count() as f64 * CHAR_WIDTH + 4.0,
            spots,
        }
    }

    pub fn rect(&self, (x, y, anchor): (f64, f64, Anchor)) -> Rect {
        let (x0, x1) = match anchor {
            Anchor::Start => (x - 2.0, x - 2.0 + self.width),
            Anchor::End => (x + 2.0 - self.width, x + 2.0),
        };
        Rect {
            x0,
            y0: y - LABEL_FONT,
            x1,
            y1: y + 3.0,
        }
    }
}

/// Places the labels in order: each takes its first spot that lies inside `bounds` and
/// covers no obstacle and no label placed before it; when every spot covers something,
/// the one that covers least.
pub(super) fn place(labels: &[Label], obstacles: &[Rect], bounds: Rect) -> Vec<(f64, f64, Anchor)> {
    let mut taken: Vec<Rect> = Vec::new();
    let mut out = Vec::with_capacity(labels.len());
    for label in labels {
        let cost = |spot: (f64, f64, Anchor)| {
            let r = label.rect(spot);
            let covered: f64 = obstacles.iter().chain(&taken).map(|o| r.overlap(o)).sum();
            covered + 10.0 * r.outside(&bounds)
        };
        let best = label
            .spots
            .iter()
            .copied()
            .find(|&s| cost(s) == 0.0)
            .or_else(|| {
                label
                    .spots
                    .iter()
                    .copied()
                    .min_by(|a, b| cost(*a).total_cmp(&cost(*b)))
            });
        if let Some(spot) = best {
            taken.push(label.rect(spot));
            out.push(spot);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_on_one_spot_are_fanned_out_and_others_stay() {
        let points = [(100.0, 100.0), (100.0, 100.0), (103.0, 98.0), (200.0, 50.0)];
        let out = fan_out(&points);
        assert_eq!(out[3], (200.0, 50.0), "a mark alone stays");
        for a in 0..3 {
            for b in a + 1..3 {
                let d = (out[a].0 - out[b].0).hypot(out[a].1 - out[b].1);
                assert!(d > 20.0, "{a} and {b} are {d:.1} px apart");
            }
            // Each stays close to the spot it stands for.
            let d = (out[a].0 - 101.0).hypot(out[a].1 - 99.3);
            assert!(d <= FAN + 0.5, "{a} is {d:.1} px from its spot");
        }
        assert!(out[0].0 < 100.0, "the first goes to the left");
    }

    #[test]
    fn a_label_takes_its_first_free_spot_and_labels_do_not_collide() {
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 400.0,
            y1: 300.0,
        };
        let spots = vec![
            (100.0, 20.0, Anchor::Start),
            (100.0, 20.0, Anchor::End),
            (100.0, 290.0, Anchor::Start),
        ];
        let a = Label::new("BATNA 35", spots.clone());
        let b = Label::new("BATNA 40", spots);
        // A mark right of the line, near the top: the first spot is taken by it.
        let mark = Rect::around(120.0, 16.0, 12.0);
        let placed = place(&[a, b], &[mark], bounds);
        assert_eq!(placed[0], (100.0, 20.0, Anchor::End));
        assert_eq!(placed[1], (100.0, 290.0, Anchor::Start));
        // With every spot covered, the least covered one.
        let wall = Rect::around(100.0, 20.0, 60.0);
        let c = Label::new(
            "BATNA 1",
            vec![(100.0, 20.0, Anchor::Start), (150.0, 40.0, Anchor::Start)],
        );
        assert_eq!(
            place(&[c], &[wall], bounds)[0],
            (150.0, 40.0, Anchor::Start)
        );
        // A spot outside the plot is a last resort.
        let d = Label::new(
            "BATNA 1",
            vec![(395.0, 20.0, Anchor::Start), (395.0, 20.0, Anchor::End)],
        );
        assert_eq!(place(&[d], &[], bounds)[0], (395.0, 20.0, Anchor::End));
    }
}
