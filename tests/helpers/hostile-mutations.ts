/**
 * Mutations that go past what an author mistypes: inputs sized so that any step quadratic in
 * them, or recursive over them, shows up as a hang or a crash (issue 8's findings). Each takes
 * the deck's lines and changes them in place.
 */
import { between, pick, type Random } from './fuzz-random.js';

export type LineMutation = (lines: string[], random: Random) => void;

/** Inserts lines at a random place; never as spread arguments, since there may be 200,000 of them. */
export function insertLines(lines: string[], random: Random, added: readonly string[]): void {
  const tail = lines.splice(between(random, 0, lines.length));
  for (const line of added) lines.push(line);
  for (const line of tail) lines.push(line);
}

/** What a 1 MB line is made of: each feeds a different rule of the Markdown lexer or of lectern's scanners. */
const LINE_PATTERNS = [
  'word ', ' ', '*', '_', 'a_', '*a ', '_a ', '[', '](', '![', '<', '<a ', '`', '``a', '|', '\\', '&', '&amp', '!', '~', '~~a',
  'x', 'a@', '@', '<!--', '-->', '<!-- .element: ', '.slide', 'http://', 'www.', ':', '"', "'", '{', '}', '(', ')', '> ', '- ',
  '# ', '=', '\t', 'a.b', '%', '%zz', '$', '<div>', '</div>', '<img src=a.png>', '** ', '__ ', 'AAAA+/==',
];

const BOMB_LEVELS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];

/** `a: &a [x,…]`, `b: &b [*a,…]`, …: each level ten times the last. */
function aliasBomb(random: Random): string[] {
  const levels = between(random, 4, BOMB_LEVELS.length);
  const lines = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
  for (let i = 1; i < levels; i++) {
    const previous = BOMB_LEVELS[i - 1] ?? 'a';
    lines.push(`${BOMB_LEVELS[i] ?? 'z'}: &${BOMB_LEVELS[i] ?? 'z'} [${Array(10).fill(`*${previous}`).join(',')}]`);
  }
  const top = BOMB_LEVELS[levels - 1] ?? 'a';
  // The bomb under a key lectern reads (and converts) as well as under keys it only warns about.
  lines.push(pick(random, [`reveal: { x: *${top} }`, `title: *${top}`, `revealOptions: *${top}`, `marp: true\nheader: *${top}`, `duration: *${top}`, '']));
  return lines.join('\n').split('\n');
}

/** Puts YAML at the top of the deck: into its front matter, or as a new one. */
function intoFrontMatter(lines: string[], yaml: readonly string[]): void {
  const body = lines.splice(0);
  const opened = body[0]?.trimEnd() === '---';
  for (const line of opened ? [body[0] ?? '---', ...yaml] : ['---', ...yaml, '---']) lines.push(line);
  for (const line of opened ? body.slice(1) : body) lines.push(line);
}

export const HOSTILE_MUTATIONS: Readonly<Record<string, LineMutation>> = {
  'mega-line': (lines, random) => {
    const unit = pick(random, LINE_PATTERNS);
    const size = between(random, 256 * 1024, 1024 * 1024);
    insertLines(lines, random, [pick(random, ['', '- ', '> ', '# ', '| ', ':::activity{title="', 'Note: ']) + unit.repeat(Math.ceil(size / unit.length))]);
  },
  'deep-list-indented': (lines, random) => {
    const depth = between(random, 150, 2_000);
    const marker = pick(random, ['- ', '* ', '1. ', '+ ']);
    const step = marker.length + between(random, 0, 1);
    insertLines(lines, random, ['', ...Array.from({ length: depth }, (_, i) => `${' '.repeat(i * step)}${marker}item ${i}`), '']);
  },
  'deep-list-one-line': (lines, random) => {
    const marker = pick(random, ['- ', '* ', '1. ', '+ ', '- > ', '> - ', '1) ']);
    insertLines(lines, random, ['', `${marker.repeat(between(random, 150, 10_000))}x`, '']);
  },
  'deep-quote-lines': (lines, random) => {
    const depth = between(random, 150, 1_500);
    const unit = pick(random, ['>', '> ', ' >']);
    insertLines(lines, random, ['', ...Array.from({ length: depth }, (_, i) => `${unit.repeat(i + 1)} quote ${i}`), '']);
  },
  'deep-quote-one-line': (lines, random) => {
    insertLines(lines, random, ['', `${pick(random, ['>', '> ', '>>', '>\t']).repeat(between(random, 150, 10_000))}x`, '']);
  },
  'deep-emphasis': (lines, random) => {
    const n = between(random, 150, 20_000);
    const [open, close] = pick(random, [['*', '*'], ['_', '_'], ['~~', '~~'], ['**', '**'], ['*_', '_*'], ['[', '](x)'], ['![', '](x.png)'], ['<b>', '</b>']]);
    insertLines(lines, random, [`${pick(random, ['', '- ', '# ', '> ', '| '])}${(open ?? '').repeat(n)}x${random() < 0.8 ? (close ?? '').repeat(n) : ''}`]);
  },
  'long-word-at': (lines, random) => {
    const word = pick(random, ['a', 'a_', 'a.', 'a-', 'a+', 'x1']).repeat(between(random, 20_000, 100_000));
    insertLines(lines, random, [`${pick(random, ['', 'see ', '<', '*', 'mailto:'])}${word}@${pick(random, ['', 'b', 'example.com', 'b'.repeat(50_000)])}`]);
  },
  'directive-spaces': (lines, random) => {
    const spaces = ' '.repeat(between(random, 10_000, 60_000));
    insertLines(lines, random, [pick(random, [
      `:::activity${spaces}`, `:::activity{title="x"${spaces}`, `:::${spaces}x`, `:::activity${spaces}{title="x"}`,
      `<!-- .slide:${spaces}`, `<!-- .element:${spaces}-->`, `Note:${spaces}`, `${spaces}:::`, `---${spaces}`,
    ])]);
  },
  'thousands-of-blocks': (lines, random) => {
    const unit = pick(random, [
      '::: notes', ':::activity{title="x"}', ':::', 'Note:', '<!-- .slide: time="x" -->', '<!-- .element: class="x" -->',
      '![x](missing.png)', ':::activity{title="x"}\n:::', ':::activity{title="x"}\n:::\n---', '<!-- .slide: "x -->', '---', '# H',
      '<div>', '<!--', '```', ':::nope', '- [x](a.pdf)', '<img src="nope.png">',
    ]);
    // Now and then more than a function call takes arguments (a spread push of them throws).
    const count = random() < 0.15 ? between(random, 130_000, 200_000) : between(random, 1_000, 5_000);
    insertLines(lines, random, Array(count).fill(unit).join('\n').split('\n'));
  },
  'same-line-repeats': (lines, random) => {
    const unit = pick(random, ['<!-- .slide: time="x" -->', '<!-- .slide: class="x" -->', '![x](missing.png)', '<img src="nope.png">', '`<!--`', '<!-- x -->']);
    insertLines(lines, random, [unit.repeat(between(random, 1_000, 10_000))]);
  },
  'hostile-code': (lines, random) => {
    const language = pick(random, ['cpp', 'csharp', 'javascript', 'yaml', 'bash', 'python', 'ini', '', 'js [1|2-3]', 'nope']);
    const body = pick(random, [
      () => 'a'.repeat(between(random, 1_000, 200_000)),
      () => ('abcdefghi '.repeat(8) + '\n').repeat(between(random, 10, 3_000)),
      () => 'a_'.repeat(between(random, 1_000, 100_000)),
      () => '"'.repeat(between(random, 1_000, 100_000)),
      () => '('.repeat(between(random, 1_000, 100_000)),
      () => 'int x = 1;\n'.repeat(between(random, 10, 500)),
    ])();
    const block = ['```' + language, ...body.split('\n'), '```', ''];
    const copies = random() < 0.3 ? between(random, 2, Math.max(2, Math.floor(400_000 / (body.length + 10)))) : 1;
    insertLines(lines, random, [...Array.from({ length: copies }, () => block).flat()]);
  },
  'thousands-of-fences': (lines, random) => {
    const fence = pick(random, [['~~~', '~~~'], ['```', 'x', '```'], ['```js', '```'], ['```', '```', '']]);
    insertLines(lines, random, [...Array.from({ length: between(random, 1_000, 20_000) }, () => fence).flat()]);
  },
  'hostile-comment': (lines, random) => {
    const n = between(random, 300, 5_000);
    insertLines(lines, random, ['<!--', ...pick(random, [
      () => [`${'> '.repeat(n)}x`],
      () => ['_class: lead', `${'? '.repeat(n)}x`],
      () => [`paginate: ${'- '.repeat(n)}x`],
      () => ['paginate: true', ...aliasBomb(random)],
      () => ['header: x', ...Array.from({ length: n }, (_, i) => `k${i}: v`)],
      () => [`header: "${'['.repeat(n)}"`],
      () => ['', ...Array(n).fill('    indented note line'), ''],
    ])(), '-->']);
  },
  'yaml-alias-bomb': (lines, random) => intoFrontMatter(lines, aliasBomb(random)),
  'yaml-hostile': (lines, random) => {
    const n = between(random, 5_000, 40_000);
    intoFrontMatter(lines, pick(random, [
      () => [`x: ${'['.repeat(n)}${']'.repeat(n)}`],
      () => [`x: ${'{a: '.repeat(n / 4)}1${'}'.repeat(n / 4)}`],
      () => Array.from({ length: n }, (_, i) => `key${i}: value`),
      () => Array(n).fill('a: "b'),
      () => Array(n).fill('title: x'),
      () => [`${'- '.repeat(n)}x`],
      () => Array.from({ length: Math.min(n, 3_000) }, (_, i) => `${' '.repeat(i)}a:`),
      () => [`title: "${'x'.repeat(n * 20)}`],
    ])());
  },
  'long-theme': (lines, random) => {
    const name = pick(random, ['a'.repeat(between(random, 256, 5_000)), 'a\0b', `${'d/'.repeat(2_000)}t.css`, 'deck.md/t.css', '%00.css']);
    intoFrontMatter(lines, [`${pick(random, ['theme', 'highlightTheme'])}: "${name}"`]);
  },
  'long-path': (lines, random) => {
    const name = 'a'.repeat(between(random, 256, 5_000));
    insertLines(lines, random, [pick(random, [
      `![x](${name}.png)`, `<img src="${name}.png">`, `<!-- .slide: data-background-image="${name}.png" -->`, `[file](${name}.pdf)`,
      `![x](${'d/'.repeat(3_000)}x.png)`, '![x](a\0b.png)', '<img src="a\0b.png">', '![x](%ff%fe.png)', '![x](50%.png)',
      // The fuzzer writes every deck as deck.md: a path through a file, not a folder.
      '![x](deck.md/x.png)', '<video src="deck.md/a.mp4"></video>',
    ])]);
  },
};
