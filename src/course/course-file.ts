import { isMap, isScalar, type Pair, type Node as YamlNode } from 'yaml';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { Position } from '../model/deck.js';
import { unnameablePath } from '../deck/asset-paths.js';
import { loadPositionedYaml, type YamlWording } from '../deck/front-matter-yaml.js';
import { append } from '../model/append.js';
import { COURSE_KEYS, unknownKey } from './course-keys.js';
import { readModules } from './course-modules.js';

/**
 * `course.yaml`: one course's title, code and term, its modules in teaching order, and the theme
 * and output folder of all of them. The format is documented in docs/deck-format.md, "The course
 * file (course.yaml)"; this reader is pure (the text in, the course and its problems out).
 */

/** One module of the course: a deck, and what the course says about its session. */
export interface CourseModule {
  /** The deck's path as written, relative to the folder of the course file. */
  deck: string;
  /** Where the deck's path is written in the course file. */
  position: Position;
  /** The session's date, `YYYY-MM-DD`. */
  date?: string;
  /** The session's length; it overrides the deck's front matter `duration`. */
  durationSeconds?: number;
}

export interface CourseFile {
  /** The course file's path, as given to the reader (diagnostics about it name this file). */
  file: string;
  title: string;
  code?: string;
  term?: string;
  /** The theme of every module (a name or a .css path), over each deck's own `theme`. */
  theme?: string;
  /** The output folder for all modules, relative to the course file. */
  out?: string;
  /** In teaching order; never empty. */
  modules: CourseModule[];
  /** Where each top-level value is written, so later checks (the theme, the output folder) can point at it. */
  positions: Record<string, Position>;
}

export interface CourseFileResult {
  /**
   * The course, whenever a title and at least one module could be read; values that were wrong are
   * left out. A diagnostic of severity error still means the command must stop.
   */
  course: CourseFile | undefined;
  diagnostics: Diagnostic[];
}

const COURSE_WORDING: YamlWording = {
  code: 'course',
  subject: 'the course file',
  name: 'course file',
  syntaxHint: 'course.yaml is YAML: `key: value` lines, and `modules:` a list of `- deck` lines; check quotes, colons and indentation',
  tooLongHint: 'a course file holds a title and a list of modules; is this the right file?',
  tooDeepHint: 'a course file holds `key: value` lines and a list of modules, each a path or a short mapping',
};

/** Reads a course file's text; `file` is its path, used in diagnostics and kept in the course. */
export function parseCourseFile(text: string, file: string): CourseFileResult {
  const diagnostics: Diagnostic[] = [];
  const loaded = loadPositionedYaml(text, file, 1, COURSE_WORDING);
  if ('problem' in loaded) return { course: undefined, diagnostics: [loaded.problem] };
  const { doc, values, at } = loaded;
  const contents = doc.contents;
  const start: Position = at(contents?.range?.[0] ?? 0);
  if (contents !== null && (!isMap(contents) || values === null || typeof values !== 'object' || Array.isArray(values))) {
    diagnostics.push(error('course-shape', 'a course file must be a list of `key: value` lines', { file, ...start }, COURSE_WORDING.syntaxHint));
    return { course: undefined, diagnostics };
  }
  const byKey = (values ?? {}) as Record<string, unknown>;
  const pairs = (contents?.items ?? []) as Pair<YamlNode, YamlNode | null>[];
  const read: Partial<CourseFile> = {};
  const positions: Record<string, Position> = {};
  for (const pair of pairs) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyPos = at(pair.key?.range?.[0] ?? 0);
    const valuePos = pair.value?.range ? at(pair.value.range[0]) : keyPos;
    if (!COURSE_KEYS.includes(key)) {
      diagnostics.push(unknownKey(key, 'course file', COURSE_KEYS, { file, ...keyPos }));
      continue;
    }
    positions[key] = valuePos;
    const value: unknown = Object.hasOwn(byKey, key) ? byKey[key] : null;
    if (key === 'modules') {
      const modules = readModules(pair.value, value, file, at, valuePos);
      append(diagnostics, modules.diagnostics);
      if (modules.modules.length > 0) read.modules = modules.modules;
    } else {
      const problem = assignText(read, key, value);
      if (problem) diagnostics.push(error(problem.code, problem.message, { file, ...valuePos }, problem.hint));
    }
  }
  append(diagnostics, missingKeys(pairs, read, file, start));
  const { title, modules } = read;
  const course = title !== undefined && modules !== undefined ? { ...read, file, title, modules, positions } : undefined;
  return { course, diagnostics };
}

interface Problem {
  code: string;
  message: string;
  hint?: string;
}

/** Stores one of the text values (all keys but `modules`); the problem when it is not usable. */
function assignText(read: Partial<CourseFile>, key: string, value: unknown): Problem | undefined {
  // A course code or a term may well be a bare number (`code: 201`, `term: 2027`).
  const numberIsText = key === 'code' || key === 'term';
  const text = typeof value === 'string' ? value.trim() : numberIsText && typeof value === 'number' ? String(value) : undefined;
  if (text === undefined) return { code: 'course-type', message: `\`${key}\` must be ${numberIsText ? 'text or a number' : 'text'}` };
  if (text === '') return { code: 'course-type', message: `\`${key}\` is empty`, hint: key === 'title' ? 'the title names the course on its index page' : `write a value or remove the \`${key}\` line` };
  if (key === 'theme' || key === 'out') {
    const reason = unnameablePath(text);
    if (reason !== undefined) return { code: 'bad-path', message: `\`${key}\` cannot be the name of a file: ${reason}` };
  }
  if (key === 'title') read.title = text;
  else if (key === 'code') read.code = text;
  else if (key === 'term') read.term = text;
  else if (key === 'theme') read.theme = text;
  else if (key === 'out') read.out = text;
  return undefined;
}

/** `title` and `modules` are what make a course; each missing one is an error at the top of the file. */
function missingKeys(pairs: readonly Pair<YamlNode, YamlNode | null>[], read: Partial<CourseFile>, file: string, start: Position): Diagnostic[] {
  const written = new Set(pairs.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '')));
  const missing: Diagnostic[] = [];
  if (!written.has('title') && read.title === undefined) {
    missing.push(error('course-missing-title', 'the course file has no `title`', { file, ...start }, 'add a line such as `title: CI/CD with Python`'));
  }
  if (!written.has('modules')) {
    missing.push(error('course-no-modules', 'the course file has no `modules`', { file, ...start },
      'list the decks in teaching order under `modules:`, one `- decks/module-1.md` line each'));
  }
  return missing;
}
