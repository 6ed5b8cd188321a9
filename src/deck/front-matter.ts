import { isMap, isScalar, type Pair, type Node as YamlNode } from 'yaml';
import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import type { DeckMeta, Position } from '../model/deck.js';
import { DURATION_HINT, parseDuration } from '../model/duration.js';
import { checkPattern } from './separators.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { unnameablePath } from './asset-paths.js';
import { loadFrontMatterYaml } from './front-matter-yaml.js';
import { append } from '../model/append.js';

export { closest } from '../diagnostics/did-you-mean.js';

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
  return { theme: 'course', lang: 'en', reveal: {}, titleSlide: false, positions: {}, dialect: 'lectern' };
}

type Kind = 'text' | 'text-or-number' | 'duration' | 'boolean' | 'mapping' | 'pattern';
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
  // reveal-md's names, read as reveal-md reads them.
  revealOptions: 'mapping',
  highlightTheme: 'text',
  separator: 'pattern',
  verticalSeparator: 'pattern',
  notesSeparator: 'pattern',
  marp: 'boolean',
};

/** Front matter of other tools that lectern has no use for: a warning that names the tool, never an error. */
const FOREIGN_KEYS: Record<string, string> = {
  ...Object.fromEntries(['css', 'scripts', 'preprocessor', 'template', 'listingTemplate', 'static', 'staticDirs', 'assetsDir',
    'absoluteUrl', 'featuredSlide', 'watch', 'port', 'host', 'glob', 'mermaid', 'print', 'printSize', 'disableAutoOpen'].map((k) => [k, 'reveal-md'])),
  ...Object.fromEntries(['date', 'tags', 'categories', 'layout', 'draft', 'summary', 'keywords', 'description', 'event', 'venue', 'location', 'slug', 'permalink']
    .map((k) => [k, 'site generators'])),
};

/** A value that steers how the deck is read (separators, dialect), with where it was written. */
export interface ReadingValue<T> {
  value: T;
  position: Position;
}

/** What the front matter says about reading the rest of the file. */
export interface FrontMatterReading {
  separator?: ReadingValue<string>;
  verticalSeparator?: ReadingValue<string | null>;
  notesSeparator?: ReadingValue<string>;
  /** Marp's global directives (when `marp: true`), by name, as written. */
  marpGlobals: Record<string, ReadingValue<unknown>>;
}

const KIND_WORDS: Record<Kind, string> = {
  text: 'text',
  'text-or-number': 'text or a number',
  duration: 'a time such as 90m',
  boolean: 'true or false',
  mapping: 'a mapping such as { transition: slide }',
  pattern: 'a regular expression, as text',
};

export interface FrontMatterResult {
  meta: DeckMeta;
  reading: FrontMatterReading;
  diagnostics: Diagnostic[];
}

/** Marp's global directives, read from the front matter of a deck with `marp: true`. */
export const MARP_GLOBAL_KEYS = [
  'paginate', 'header', 'footer', 'class', 'backgroundColor', 'backgroundImage', 'backgroundPosition', 'backgroundRepeat',
  'backgroundSize', 'color', 'size', 'style', 'headingDivider', 'math', 'description', 'image', 'url', 'transition', 'inlineSVG',
];

/** Validates the front matter against the deck format; unknown keys warn, wrong types err. */
export function parseFrontMatter(yamlText: string, file: string, firstLine: number): FrontMatterResult {
  const meta = defaultMeta();
  const reading: FrontMatterReading = { marpGlobals: {} };
  const diagnostics: Diagnostic[] = [];
  if (yamlText.trim() === '') return { meta, reading, diagnostics };
  const loaded = loadFrontMatterYaml(yamlText, file, firstLine);
  if ('problem' in loaded) {
    diagnostics.push(loaded.problem);
    return { meta, reading, diagnostics };
  }
  const { doc, values, at } = loaded;
  const contents = doc.contents;
  if (contents === null) return { meta, reading, diagnostics };
  if (!isMap(contents) || values === null || typeof values !== 'object' || Array.isArray(values)) {
    const pos = at(contents.range?.[0] ?? 0);
    diagnostics.push(error('front-matter-shape', 'front matter must be a list of `key: value` lines', { file, ...pos }));
    return { meta, reading, diagnostics };
  }
  const byKey = values as Record<string, unknown>;
  const pairs = contents.items as Pair<YamlNode, YamlNode | null>[];
  const isMarp = byKey.marp === true;
  for (const pair of pairs) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyPos = at(pair.key?.range?.[0] ?? 0);
    const valuePos = pair.value?.range ? at(pair.value.range[0]) : keyPos;
    const value: unknown = Object.hasOwn(byKey, key) ? byKey[key] : null;
    if (isMarp && MARP_GLOBAL_KEYS.includes(key)) {
      reading.marpGlobals[key] = { value, position: valuePos };
      continue;
    }
    const kind = KEYS[key];
    if (!kind) {
      diagnostics.push(unknownKey(key, file, keyPos));
      continue;
    }
    meta.positions[key] = valuePos;
    const result = assign(meta, reading, key, kind, value, valuePos);
    if (result) diagnostics.push(typeProblem(key, kind, result, { file, ...valuePos }));
    else if (key === 'theme' || key === 'highlightTheme') append(diagnostics, dropUnnameableTheme(meta, key, { file, ...valuePos }));
  }
  return { meta, reading, diagnostics };
}

/** A theme is a name or a file; a value no system can name as a file is neither, and is not looked for. */
function dropUnnameableTheme(meta: DeckMeta, key: 'theme' | 'highlightTheme', span: Diagnostic['span']): Diagnostic[] {
  const value = key === 'theme' ? meta.theme : meta.highlightTheme;
  const reason = value === undefined ? undefined : unnameablePath(value);
  if (reason === undefined) return [];
  if (key === 'theme') meta.theme = defaultMeta().theme;
  else delete meta.highlightTheme;
  return [warning('bad-path', `\`${key}\` names no theme and cannot be the name of a file: ${reason}`, span,
    key === 'theme' ? 'the deck uses the course theme; name a theme (e.g. `course`, `black`) or a .css file' : 'code keeps the theme\'s colours; name a highlight.js style such as `github`')];
}

function unknownKey(key: string, file: string, position: Position): Diagnostic {
  const tool = FOREIGN_KEYS[key];
  if (tool) {
    return warning('front-matter-foreign-key', `\`${key}\` is an option of ${tool} that lectern does not use (ignored)`, { file, ...position },
      'see "Coming from reveal-md / reveal.js / Marp" in docs/deck-format.md for what lectern reads');
  }
  const suggestion = closest(key, Object.keys(KEYS));
  return warning('front-matter-unknown-key', `unknown front matter key \`${key}\` (ignored)`, { file, ...position },
    suggestion ? `did you mean \`${suggestion}\`?` : `known keys: ${Object.keys(KEYS).join(', ')}`);
}

/** A value of the wrong type is an error, except `duration`: metadata written for other tools never stops a build. */
function typeProblem(key: string, kind: Kind, problem: true | string, span: Diagnostic['span']): Diagnostic {
  if (kind === 'duration') {
    return warning('front-matter-duration', `cannot read \`duration\`${problem === true ? '' : `: ${problem}`}; the schedule is not checked against it`,
      span, DURATION_HINT);
  }
  return error('front-matter-type', `\`${key}\` must be ${KIND_WORDS[kind]}${problem === true ? '' : `: ${problem}`}`, span);
}

/** Stores one validated value; returns true or a detail string when the type is wrong. */
function assign(meta: DeckMeta, reading: FrontMatterReading, key: string, kind: Kind, value: unknown, position: Position): true | string | undefined {
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
      if (key === 'marp') meta.dialect = value ? 'marp' : 'lectern';
      else meta.titleSlide = value;
      return undefined;
    case 'mapping':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return true;
      // `reveal` and reveal-md's `revealOptions` are one thing; when both are written, `reveal` wins.
      meta.reveal = key === 'reveal' ? { ...meta.reveal, ...(value as Record<string, unknown>) } : { ...(value as Record<string, unknown>), ...meta.reveal };
      return undefined;
    case 'pattern': {
      const pattern = key === 'verticalSeparator' && (value === null || value === false || value === '') ? null : value;
      if (pattern !== null && typeof pattern !== 'string') return true;
      const invalid = pattern === null ? undefined : checkPattern(pattern);
      if (invalid) return `\`${String(pattern)}\` is not a regular expression (${invalid})`;
      if (key === 'verticalSeparator') reading.verticalSeparator = { value: pattern, position };
      else if (pattern !== null) reading[key as 'separator' | 'notesSeparator'] = { value: pattern, position };
      return undefined;
    }
  }
}

function setText(meta: DeckMeta, key: string, value: string): void {
  if (key === 'title') meta.title = value;
  else if (key === 'subtitle') meta.subtitle = value;
  else if (key === 'course') meta.course = value;
  else if (key === 'author') meta.author = value;
  else if (key === 'theme') meta.theme = value;
  else if (key === 'lang') meta.lang = value;
  else if (key === 'highlightTheme') meta.highlightTheme = value;
}
