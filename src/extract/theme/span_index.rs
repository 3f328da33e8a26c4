//! Spans sorted by start for containment and overlap questions in
//! logarithmic time (quotations, boilerplate, names that are no topic).

/// Spans sorted by start with the running maximum of their ends, for
/// containment and overlap questions in logarithmic time.
pub(super) struct SpanIndex {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl SpanIndex {
    pub(super) fn new(mut spans: Vec<(usize, usize)>) -> Self {
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for &(_, e) in &spans {
            m = m.max(e);
            max_end.push(m);
        }
        SpanIndex {
            starts: spans.into_iter().map(|(s, _)| s).collect(),
            max_end,
        }
    }
    /// True when some span `[a, b)` has `a <= start` and `b >= end` (contains it).
    pub(super) fn contains(&self, start: usize, end: usize) -> bool {
        let k = self.starts.partition_point(|&a| a <= start);
        k > 0 && self.max_end[k - 1] >= end
    }
    /// True when some span has `a < end` and `b > start` (shares a byte with it).
    pub(super) fn overlaps(&self, start: usize, end: usize) -> bool {
        let k = self.starts.partition_point(|&a| a < end);
        k > 0 && self.max_end[k - 1] > start
    }
}
