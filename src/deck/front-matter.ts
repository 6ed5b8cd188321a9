import { isMap, isScalar, LineCounter, parseDocument, type Pair, type Node as YamlNode } from 'yaml';
import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import type { DeckMeta, Position } from '../model/deck.js';
import { DURATION_HINT, parseDuration } from '../model/duration.js';

export interface FrontMatterSplit {
  /** YAML text between the fences ('' when there is none). */
  yaml: string;
  /** Line of the first YAML line (the one after the opening fence). */
  yamlLine: number;
  /** First line of the slides (1 when there is no front matter). */
  bodyLine: number;
  /** Set when an opening fence has no closing one. */
  unclosed?: boolean;
}

/** Finds `---` … `---` (or `...`) at the very top of the file. */
export function splitFrontMatter(lines: readonly string[]): FrontMatterSplit {
  if (lines[0]?.trimEnd() !== '---') return { yaml: '', yamlLine: 1, bodyLine: 1 };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]?.trimEnd();
    if (line === '---' || line === '...') {
      return { yaml: lines.slice(1, i).join('\n'), yamlLine: 2, bodyLine: i + 2 };
    }
  }
  return { yaml: '', yamlLine: 2, bodyLine: 1, unclosed: true };
}

export function defaultMeta(): DeckMeta {
  return { theme: 'course', lang: 'en', reveal: {}, titleSlide: false, positions: {} };
}

type Kind = 'text' | 'text-or-number' | 'duration' | 'boolean' | 'mapping';
const KEYS: Record<string, Kind> = {
  title: 'text',
  subtitle: 'text',
  course: 'text',
  module: 'text-or-number',
  author: 'text',
  duration: 'duration',
  theme: 'text',
  lang: 'text',
  reveal: 'mapping',
  'title-slide': 'boolean',
};

const KIND_WORDS: Record<Kind, string> = {
  text: 'text',
  'text-or-number': 'text or a number',
  duration: 'a time such as 90m',
  boolean: 'true or false',
  mapping: 'a mapping such as { transition: slide }',
};

export interface FrontMatterResult {
  meta: DeckMeta;
  diagnostics: Diagnostic[];
}

/** Validates the front matter against the deck format; unknown keys warn, wrong types err. */
export function parseFrontMatter(yamlText: string, file: string, firstLine: number): FrontMatterResult {
  const meta = defaultMeta();
  const diagnostics: Diagnostic[] = [];
  if (yamlText.trim() === '') return { meta, diagnostics };
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  for (const problem of doc.errors) {
    const pos = at(problem.pos[0]);
    diagnostics.push(
      error('front-matter-yaml', `front matter is not valid YAML: ${firstSentence(problem.message)}`, { file, ...pos },
        'front matter is YAML between two `---` lines; check quotes, colons and indentation'),
    );
  }
  if (diagnostics.length > 0) return { meta, diagnostics };
  const contents = doc.contents;
  if (contents === null) return { meta, diagnostics };
  if (!isMap(contents)) {
    const pos = at(contents.range?.[0] ?? 0);
    diagnostics.push(error('front-matter-shape', 'front matter must be a list of `key: value` lines', { file, ...pos }));
    return { meta, diagnostics };
  }
  for (const pair of contents.items as Pair<YamlNode, YamlNode | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyPos = at(pair.key?.range?.[0] ?? 0);
    const kind = KEYS[key];
    if (!kind) {
      const suggestion = closest(key, Object.keys(KEYS));
      diagnostics.push(
        warning('front-matter-unknown-key', `unknown front matter key \`${key}\` (ignored)`, { file, ...keyPos },
          suggestion ? `did you mean \`${suggestion}\`?` : `known keys: ${Object.keys(KEYS).join(', ')}`),
      );
      continue;
    }
    const valuePos = pair.value?.range ? at(pair.value.range[0]) : keyPos;
    const value: unknown = pair.value ? pair.value.toJSON() : null;
    meta.positions[key] = valuePos;
    const problem = assign(meta, key, kind, value);
    if (problem) {
      diagnostics.push(
        error('front-matter-type', `\`${key}\` must be ${KIND_WORDS[kind]}${problem === true ? '' : `: ${problem}`}`,
          { file, ...valuePos }, kind === 'duration' ? DURATION_HINT : undefined),
      );
    }
  }
  return { meta, diagnostics };
}

/** Stores one validated value; returns true or a detail string when the type is wrong. */
function assign(meta: DeckMeta, key: string, kind: Kind, value: unknown): true | string | undefined {
  switch (kind) {
    case 'text':
      if (typeof value !== 'string') return true;
      setText(meta, key, value);
      return undefined;
    case 'text-or-number':
      if (typeof value !== 'string' && typeof value !== 'number') return true;
      meta.module = String(value);
      return undefined;
    case 'duration': {
      const seconds = typeof value === 'number' ? value * 60 : typeof value === 'string' ? parseDuration(value) : undefined;
      if (seconds === undefined || seconds <= 0) return typeof value === 'string' ? `\`${value}\` is not a time` : true;
      meta.durationSeconds = Math.round(seconds);
      return undefined;
    }
    case 'boolean':
      if (typeof value !== 'boolean') return true;
      meta.titleSlide = value;
      return undefined;
    case 'mapping':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return true;
      meta.reveal = value as Record<string, unknown>;
      return undefined;
  }
}

function setText(meta: DeckMeta, key: string, value: string): void {
  if (key === 'title') meta.title = value;
  else if (key === 'subtitle') meta.subtitle = value;
  else if (key === 'course') meta.course = value;
  else if (key === 'author') meta.author = value;
  else if (key === 'theme') meta.theme = value;
  else if (key === 'lang') meta.lang = value;
}

function firstSentence(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** The known word within edit distance 2 of a misspelt one, if any. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(word.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length] ?? 0;
}
