/**
 * Seeded mutations of real decks for the dialect fuzz test: lines deleted, duplicated, and
 * separators, comments, directives, fences and long runs of them inserted, so every reader
 * (separators, notes, .element/.slide, Marp, raw HTML, code) meets input nobody wrote.
 */

const SNIPPETS = [
  '---', '----', '--', '***', '<!--s-->', '<!--v-->', 'Note:', 'Notes: x', '<!--', '-->', '<!-- .slide: class="x" -->',
  '<!-- .element: class="fragment" -->', '<!-- _class: lead -->', '<!-- paginate: true -->', '![bg left:40%](img/x.png)',
  '![w:200](y.png)', '![bg](red)', '```js [1|2]', '```', ':::activity{title="x" time="5m"}', ':::',
  '<img src="a.png"> <!-- .element: class="r-stretch" -->', '<style>.x{background:url(a.png)}</style>', '<div>', '</div>',
  '    indented', '\n\n\n', '* item', '1) item', '# H', 'marp: true', 'headingDivider: 2', 'duration: 45+ mins', 'theme: gaia',
  '<!-- .slide: data-background-image="/x.png" -->', '<script>', '`<!--`', 'x'.repeat(5_000), '<'.repeat(3_000),
  `<!-- .element:${' '.repeat(3_000)}`, `<!-- .slide:${' '.repeat(300)}`,
];

/** Separator settings a deck may be read with (reveal-md's, reveal.js pages', hostile ones). */
export const SEPARATOR_SETTINGS = [
  undefined,
  { separator: '^' },
  { separator: '(?=^#)' },
  { separator: '^\\n\\n\\n', verticalSeparator: '^\\n\\n' },
  { separator: '<!--s-->', verticalSeparator: '<!--v-->' },
  { notesSeparator: '^Note:' },
  { verticalSeparator: null },
] as const;

/** A small linear congruential generator: the same seed, the same decks. */
export function seededRandom(seed: number): () => number {
  let state = seed % 2147483648;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export function mutateDeck(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const lines = text.split('\n');
  const edits = 1 + Math.floor(random() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (lines.length + 1));
    const roll = random();
    if (roll < 0.2) lines.splice(at, 1);
    else if (roll < 0.35) lines.splice(at, 0, lines[Math.floor(random() * lines.length)] ?? '');
    else if (roll < 0.85) lines.splice(at, 0, pick(SNIPPETS));
    else lines.splice(at, 0, pick(SNIPPETS).repeat(1 + Math.floor(random() * 200)));
  }
  return lines.join(random() < 0.1 ? '\r\n' : '\n');
}
