/**
 * "Did you mean" for every hint that suggests a name: front matter keys, directives,
 * reveal-md.json keys, Mermaid diagram types, file names.
 */

/**
 * Levenshtein distance between two words. Words whose lengths alone differ by more than
 * `limit` are Infinity without a comparison, so a hostile, very long word costs nothing.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return Number.POSITIVE_INFINITY;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** The known word closest to `word` (ignoring letter case) within `maxDistance` edits; the first of equals wins. */
export function closest(word: string, known: readonly string[], maxDistance = 2, { exact = true } = {}): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  const lower = word.toLowerCase();
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase(), maxDistance);
    if ((exact || distance > 0) && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
