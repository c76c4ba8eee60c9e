// Summary statistics shared by the benchmark scripts.

/**
 * Returns the median: the middle value, or the mean of the two middle values for an even
 * count. Returns `NaN` for an empty list.
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
 * Formats rows as a GitHub-flavoured Markdown table. Columns listed in `rightAligned` (by
 * index) get a right-aligned delimiter.
 * @param {readonly string[]} header
 * @param {readonly (readonly unknown[])[]} rows
 * @param {{ rightAligned?: readonly number[] }} [options]
 */
export function markdownTable(header, rows, options = {}) {
  const right = new Set(options.rightAligned ?? []);
  const line = (cells) => `| ${cells.map(String).join(' | ')} |`;
  const delimiter = header.map((_, column) => (right.has(column) ? '---:' : '---'));
  return [line(header), line(delimiter), ...rows.map(line)].join('\n');
}
