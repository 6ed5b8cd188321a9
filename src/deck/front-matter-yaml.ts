import { type Document, LineCounter, parseDocument, visit } from 'yaml';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { Position } from '../model/deck.js';
import { MAX_NESTING } from './nesting-depth.js';
import { locator } from './split-slides.js';
import { findBadKey, findDeepYaml } from './yaml-shape.js';

/**
 * Front matter holds a deck's settings: a few lines. The YAML parser spends seconds on a
 * megabyte of broken YAML (an error object per line), so a longer front matter is not read.
 */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;

/**
 * How far aliases (`*name`) may expand, counted as the `yaml` package counts (its own default):
 * nine lines of `b: &b [*a,*a,…]` expand to a billion values, an alias bomb.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * How the loader's diagnostics name the YAML they are about: the same checks read a deck's front
 * matter and a course file, and each reader's messages, codes and hints speak of its own file.
 */
export interface YamlWording {
  /** Start of every code: `front-matter` gives `front-matter-yaml`, `front-matter-too-deep` … */
  code: string;
  /** The YAML as the subject of a sentence: `the front matter`. */
  subject: string;
  /** The YAML named before "is not valid YAML" and "key": `front matter`. */
  name: string;
  /** For a syntax error or a key that is not a word. */
  syntaxHint: string;
  tooLongHint: string;
  tooDeepHint: string;
}

const FRONT_MATTER_WORDING: YamlWording = {
  code: 'front-matter',
  subject: 'the front matter',
  name: 'front matter',
  syntaxHint: 'front matter is YAML between two `---` lines; check quotes, colons and indentation',
  tooLongHint: 'front matter holds the deck\'s settings (title, duration, theme …); is its closing `---` missing, or in the wrong place?',
  tooDeepHint: 'front matter holds the deck\'s settings as `key: value` lines; is this a slide that lost the `---` above it?',
};

export type LoadedYaml =
  | { problem: Diagnostic }
  | {
      doc: Document.Parsed;
      /** The document as plain values, aliases expanded. */
      values: unknown;
      /** Offset in the YAML text → position in the deck file. */
      at: (offset: number) => Position;
    };

/** Parses the front matter's YAML; the first problem (with where it starts) when it cannot be used. */
export function loadFrontMatterYaml(yamlText: string, file: string, firstLine: number): LoadedYaml {
  return loadPositionedYaml(yamlText, file, firstLine, FRONT_MATTER_WORDING);
}

/**
 * Parses a small YAML settings text that starts at `firstLine` of `file`, within the front matter's
 * limits (size, nesting, aliases, keys that are words); the first problem, located, when it cannot be used.
 */
export function loadPositionedYaml(yamlText: string, file: string, firstLine: number, wording: YamlWording): LoadedYaml {
  if (yamlText.length > MAX_FRONT_MATTER_CHARS) {
    return { problem: error(`${wording.code}-too-long`, `${wording.subject} is ${Math.round(yamlText.length / 1024)} kB long; lectern reads at most ${MAX_FRONT_MATTER_CHARS / 1024} kB`,
      { file, line: Math.max(1, firstLine - 1), column: 1 }, wording.tooLongHint) };
  }
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(Math.min(Math.max(0, offset), yamlText.length));
    return { line: line + firstLine - 1, column: col };
  };
  const deep = findDeepYaml(yamlText);
  if (deep !== undefined) {
    // Not parsed, so the line counter knows no lines yet.
    return { problem: error(`${wording.code}-too-deep`, `${wording.subject} nests more than ${MAX_NESTING} levels deep here`, { file, ...locator(yamlText, firstLine)(deep) },
      wording.tooDeepHint) };
  }
  // Unique keys are checked below with a set: the parser's own check compares every key with every other.
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  // One error per text: after the first, the YAML parser's further complaints are echoes of it.
  const [problem] = doc.errors;
  if (problem) {
    return { problem: error(`${wording.code}-yaml`, `${wording.name} is not valid YAML: ${firstSentence(problem.message)}`, { file, ...at(whereYamlProblemStarts(yamlText, problem)) }, wording.syntaxHint) };
  }
  const badKey = findBadKey(doc);
  if (badKey?.kind === 'repeated') return { problem: error(`${wording.code}-yaml`, `${wording.name} is not valid YAML: Map keys must be unique`, { file, ...at(badKey.offset) }, wording.syntaxHint) };
  if (badKey) return { problem: error(`${wording.code}-shape`, `a ${wording.name} key must be a word, not a list or a mapping`, { file, ...at(badKey.offset) }, wording.syntaxHint) };
  try {
    return { doc, values: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), at };
  } catch (cause) {
    if (!(cause instanceof ReferenceError)) throw cause;
    return { problem: error(`${wording.code}-aliases`, `${wording.subject}'s aliases expand to too many values (more than ${MAX_ALIAS_COUNT} copies)`,
      { file, ...at(firstAlias(doc)) }, 'write the values out instead of repeating `*name` aliases of aliases') };
  }
}

function firstAlias(doc: Document.Parsed): number {
  let found = 0;
  visit(doc, {
    Alias(_, alias) {
      found = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * Where a YAML problem begins, not where the parser gave up: an unclosed quote at its opening
 * quote, an unclosed `[` or `{` at the bracket. Other problems stay where the parser saw them.
 */
function whereYamlProblemStarts(text: string, problem: { code: string; message: string; pos: [number, number] }): number {
  const end = Math.min(problem.pos[0], text.length);
  const quote = /^Missing closing (["'])quote/.exec(problem.message)?.[1];
  if (quote) return openingQuote(text, end, quote) ?? end;
  const bracket = /end with an? ([\]}])/.exec(problem.message)?.[1];
  if (bracket) return unmatchedOpener(text, end, bracket === ']' ? '[' : '{', bracket) ?? end;
  return end;
}

/**
 * The last quote before `end` that opens a scalar (after `:`, `-`, `[`, `{`, `,` or at a line
 * start). Looks back over blanks only, never over the whole line: a line of quotes stays linear.
 */
function openingQuote(text: string, end: number, quote: string): number | undefined {
  for (let i = text.lastIndexOf(quote, end - 1); i >= 0; i = i === 0 ? -1 : text.lastIndexOf(quote, i - 1)) {
    let before = i - 1;
    while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before--;
    const previous = before < 0 ? '\n' : (text[before] ?? '\n');
    if (previous === '\n' || previous === '\r' || ':-[{,'.includes(previous)) return i;
  }
  return undefined;
}

function unmatchedOpener(text: string, end: number, open: string, close: string): number | undefined {
  let depth = 0;
  for (let i = end - 1; i >= 0; i--) {
    if (text[i] === close) depth++;
    else if (text[i] === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

function firstSentence(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
