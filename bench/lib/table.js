/** Plain-text tables for benchmark output (monospace, no colour, pasteable into Markdown as code). */

/**
 * @param {readonly string[]} headers
 * @param {readonly (readonly string[])[]} rows
 * @param {{ align?: readonly ('left' | 'right')[] }} [options]  per column; default left
 * @returns {string}
 */
export function renderTable(headers, rows, options = {}) {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (/** @type {readonly string[]} */ cells) =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(cell)));
        return options.align?.[i] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(headers.map((_, i) => r[i] ?? '')))].join('\n');
}

/** Display width: code points, good enough for the ×, ✓ and – this output uses. */
function width(/** @type {string} */ text) {
  return [...text].length;
}
