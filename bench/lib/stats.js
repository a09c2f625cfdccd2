/** Small statistics over run timings. */

/** @param {readonly number[]} values @returns {number} NaN for an empty list */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? /** @type {number} */ (sorted[mid]) : (/** @type {number} */ (sorted[mid - 1]) + /** @type {number} */ (sorted[mid])) / 2;
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
