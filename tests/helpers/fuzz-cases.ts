/**
 * The deck fuzzer's cases: a course deck or fixture, mutated by a few seeded edits (lines
 * deleted, duplicated, swapped, stray markers), now and then by a hostile one (hostile-mutations.ts),
 * and at the byte level (NUL bytes, invalid UTF-8, mixed line ends and byte order marks).
 * Case `i` of seed `s` is the same bytes on every machine.
 */
import type { SeparatorPatterns } from '../../src/deck/separators.js';
import { between, caseSeed, mulberry32, pick, type Random } from './fuzz-random.js';
import { HOSTILE_MUTATIONS, type LineMutation } from './hostile-mutations.js';
import { mutateDeck, SEPARATOR_SETTINGS } from './mutate-deck.js';

export interface SeedDeck {
  name: string;
  text: string;
}

export interface FuzzCase {
  index: number;
  /** The seed of the run; with `index` it names the case. */
  runSeed: number;
  base: string;
  mutations: string[];
  bytes: Uint8Array;
  separators?: Partial<SeparatorPatterns>;
}

/** Stray and unbalanced markers: one line each, inserted anywhere. */
const STRAY_LINES = [
  ':::', ':::activity', ':::activity{title="x time="5m"}', ':::activity{title=\'x"}', '::: notes', ':::handout', ':::notes{', '---', '----',
  'Note:', 'Notes: a', '<!-- .slide: class="x -->', '<!-- .slide: time="5m" data-background="', '<!-- .element: class=\'x -->',
  '<!-- .slide -->', '<!--', '-->', '"', '```', '~~~', '```mermaid', '<script>', '<style>', '</div>', '> ', '- ', '1. ', '| a | b |',
  '[x]: <', '![](', '<img src="a.png', '\t:::', ' ::: ', '\u00a0:::', ':::activity{time="0"}', ':::activity{time="-5m"}',
];

const LIGHT_MUTATIONS: Readonly<Record<string, LineMutation>> = {
  'delete-lines': (lines, random) => {
    lines.splice(between(random, 0, lines.length), between(random, 1, 5));
  },
  'duplicate-lines': (lines, random) => {
    const from = between(random, 0, Math.max(0, lines.length - 1));
    lines.splice(between(random, 0, lines.length), 0, ...lines.slice(from, from + between(random, 1, 8)));
  },
  'swap-lines': (lines, random) => {
    const a = between(random, 0, Math.max(0, lines.length - 1));
    const b = between(random, 0, Math.max(0, lines.length - 1));
    [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
  },
  'stray-marker': (lines, random) => {
    lines.splice(between(random, 0, lines.length), 0, pick(random, STRAY_LINES));
  },
  'dialect-edits': (lines, random) => {
    const mutated = mutateDeck(lines.splice(0).join('\n'), random).split('\n');
    for (const line of mutated) lines.push(line);
  },
};

type ByteMutation = (bytes: Buffer, random: Random) => Buffer;

/** Byte sequences no UTF-8 decoder accepts: lectern reads them as U+FFFD, as Node's 'utf8' decoding does. */
const INVALID_UTF8 = [[0xff], [0xfe, 0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80]];

function insertBytes(bytes: Buffer, random: Random, times: number, make: () => readonly number[]): Buffer {
  const parts: Buffer[] = [];
  const cuts = Array.from({ length: times }, () => between(random, 0, bytes.length)).sort((a, b) => a - b);
  let from = 0;
  for (const cut of cuts) {
    parts.push(bytes.subarray(from, cut), Buffer.from(make()));
    from = cut;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

const BYTE_MUTATIONS: Readonly<Record<string, ByteMutation>> = {
  'nul-bytes': (bytes, random) => insertBytes(bytes, random, between(random, 1, 50), () => (random() < 0.2 ? Array(between(random, 2, 500)).fill(0) : [0])),
  'invalid-utf8': (bytes, random) => insertBytes(bytes, random, between(random, 1, 30), () => pick(random, INVALID_UTF8)),
};

/** Each line ends in `\n`, `\r\n` or a lone `\r`; byte order marks at the start and in the text. */
function mixLineEnds(text: string, random: Random): string {
  const ends = ['\n', '\r\n', '\r', '\n\r'];
  const lines = text.split('\n');
  let out = random() < 0.5 ? '\uFEFF'.repeat(between(random, 1, 2)) : '';
  lines.forEach((line, i) => {
    out += random() < 0.02 ? `\uFEFF${line}` : line;
    if (i < lines.length - 1) out += pick(random, ends);
  });
  return out;
}

export function makeFuzzCase(seeds: readonly SeedDeck[], runSeed: number, index: number): FuzzCase {
  const random = mulberry32(caseSeed(runSeed, index));
  const base = pick(random, seeds);
  const lines = base.text.split('\n');
  const mutations: string[] = [];
  const apply = (table: Readonly<Record<string, LineMutation>>) => {
    const name = pick(random, Object.keys(table));
    mutations.push(name);
    table[name]?.(lines, random);
  };
  for (let edits = between(random, 1, 4); edits > 0; edits--) apply(LIGHT_MUTATIONS);
  // One hostile edit in four cases: each may make the deck a megabyte long.
  if (random() < 0.25) apply(HOSTILE_MUTATIONS);
  let text = lines.join('\n');
  if (random() < 0.12) {
    mutations.push('crlf-bom-mix');
    text = mixLineEnds(text, random);
  }
  let bytes: Buffer = Buffer.from(text, 'utf8');
  for (const [name, mutate] of Object.entries(BYTE_MUTATIONS)) {
    if (random() >= 0.1) continue;
    mutations.push(name);
    bytes = mutate(bytes, random);
  }
  const setting = random() < 0.15 ? pick(random, SEPARATOR_SETTINGS) : undefined;
  return { index, runSeed, base: base.name, mutations, bytes: new Uint8Array(bytes), ...(setting ? { separators: { ...setting } } : {}) };
}
