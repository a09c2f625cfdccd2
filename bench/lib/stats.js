/** Small statistics over run timings. */

/** @param {readonly number[]} values @returns {number} NaN for an empty list */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? /** @type {number} */ (sorted[mid]) : (/** @type {number} */ (sorted[mid - 1]) + /** @type {number} */ (sorted[mid])) / 2;
}

/**
 * The median over runs of a[i] ÷ b[i]: two tools measured one after the other in each run, so a change
 * in a shared machine's speed between runs cancels out (the ratio of two medians mixes runs).
 * @param {readonly number[]} a @param {readonly number[]} b @returns {number}
 */
export function pairedRatio(a, b) {
  return median(a.map((x, i) => x / /** @type {number} */ (b[i])));
}

/** @param {readonly number[]} values */
export function summary(values) {
  return {
    runs: values.length,
    median: median(values),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

/** Milliseconds for a table cell: "2.61 s" or "83 ms". */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return '-';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** KiB for a table cell: "87 MB". */
export function formatKb(kb) {
  if (kb === null || kb === undefined || !Number.isFinite(kb)) return '-';
  return `${(kb / 1024).toFixed(0)} MB`;
}

/** A ratio for a table cell: "1.18×". */
export function formatRatio(ratio) {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '-';
}
