// Summary statistics and plain-text tables for the demo report.

/**
 * Returns the median of a list of numbers: the middle value, or the mean of the two middle
 * values when the list has an even length. Returns `NaN` for an empty list.
 * @param {readonly number[]} values
 */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Returns the nearest-rank percentile (0 < p ≤ 100): the smallest value that at least p % of
 * the values do not exceed. Returns `NaN` for an empty list.
 * @param {readonly number[]} values
 * @param {number} p
 */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/**
 * Returns min, median, p95 and max of a list of numbers.
 * @param {readonly number[]} values
 */
export function describe(values) {
  return {
    min: values.length === 0 ? NaN : Math.min(...values),
    median: median(values),
    p95: percentile(values, 95),
    max: values.length === 0 ? NaN : Math.max(...values),
  };
}

/**
 * Counts how often each value occurs, in first-seen order.
 * @template T
 * @param {Iterable<T>} values
 * @returns {Map<T, number>}
 */
export function countBy(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/**
 * Formats rows as a left-aligned text table with a header rule. Cells are converted with
 * `String`; columns listed in `rightAligned` (by index) are right-aligned.
 * @param {readonly string[]} header
 * @param {readonly (readonly unknown[])[]} rows
 * @param {{ rightAligned?: readonly number[] }} [options]
 */
export function formatTable(header, rows, options = {}) {
  const right = new Set(options.rightAligned ?? []);
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row) =>
    row
      .map((cell, column) => (right.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** Orders numbers by value and strings by code unit. */
function compareKeys(a, b) {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * Formats a histogram as one text line per key with a bar scaled to `width` characters.
 * @param {Map<number | string, number>} counts
 * @param {{ width?: number, label?: (key: number | string) => string }} [options]
 */
export function formatHistogram(counts, options = {}) {
  const width = options.width ?? 40;
  const label = options.label ?? String;
  const keys = [...counts.keys()].sort(compareKeys);
  const maxCount = Math.max(...counts.values());
  const labels = keys.map(label);
  const labelWidth = Math.max(...labels.map((text) => text.length));
  const countWidth = String(maxCount).length;
  return keys
    .map((key, index) => {
      const count = counts.get(key);
      const bar = '#'.repeat(Math.max(1, Math.round((count / maxCount) * width)));
      return `${labels[index].padStart(labelWidth)}  ${String(count).padStart(countWidth)}  ${bar}`;
    })
    .join('\n');
}
