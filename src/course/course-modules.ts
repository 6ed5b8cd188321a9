import { posix } from 'node:path';
import { isMap, isScalar, isSeq, type Pair, type Node as YamlNode } from 'yaml';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { Position } from '../model/deck.js';
import { DURATION_HINT, parseDuration } from '../model/duration.js';
import { unnameablePath } from '../deck/asset-paths.js';
import type { CourseModule } from './course-file.js';
import { MODULE_KEYS, unknownKey } from './course-keys.js';

const MODULE_HINT = 'write a module as `- decks/module-1.md`, or as `- deck: decks/module-1.md` with `date:` and `duration:` lines under it';

/** Offset in the course file's text → its position. */
type Locate = (offset: number) => Position;

interface ModulesResult {
  modules: CourseModule[];
  diagnostics: Diagnostic[];
}

/**
 * Reads `modules:`, a list in teaching order of deck paths or `{ deck, date, duration }` mappings.
 * `node` gives the positions, `value` (aliases expanded) the contents: an alias has no items of its
 * own, so what it brings is located at the alias.
 */
export function readModules(node: YamlNode | null, value: unknown, file: string, at: Locate, valuePos: Position): ModulesResult {
  const diagnostics: Diagnostic[] = [];
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    diagnostics.push(error('course-no-modules', '`modules` lists no deck', { file, ...valuePos }, MODULE_HINT));
    return { modules: [], diagnostics };
  }
  if (!Array.isArray(value)) {
    diagnostics.push(error('course-type', '`modules` must be a list, one module per `- ` line', { file, ...valuePos }, MODULE_HINT));
    return { modules: [], diagnostics };
  }
  const modules: CourseModule[] = [];
  /** Where each deck was first listed, by its normalised path. */
  const firstListed = new Map<string, Position>();
  value.forEach((item: unknown, index) => {
    const itemNode = isSeq(node) ? (node.items[index] as YamlNode | undefined) : undefined;
    const itemPos = itemNode?.range ? at(itemNode.range[0]) : valuePos;
    const read = readModule(item, isMap(itemNode) ? itemNode : undefined, file, at, itemPos);
    diagnostics.push(...read.diagnostics);
    if (!read.module) return;
    const key = samePathKey(read.module.deck);
    const first = firstListed.get(key);
    if (first) {
      diagnostics.push(error('course-duplicate-deck', `\`${read.module.deck}\` is listed twice`, { file, ...read.module.position },
        `it is already module ${[...firstListed.keys()].indexOf(key) + 1}, at line ${first.line}; a deck is taught once in a course`));
      return;
    }
    firstListed.set(key, read.module.position);
    modules.push(read.module);
  });
  return { modules, diagnostics };
}

interface ModuleResult {
  module?: CourseModule;
  diagnostics: Diagnostic[];
}

function readModule(item: unknown, mapNode: YamlNode | undefined, file: string, at: Locate, itemPos: Position): ModuleResult {
  if (typeof item === 'string') {
    const problem = deckPathProblem(item);
    return problem ? { diagnostics: [error(problem.code, problem.message, { file, ...itemPos }, problem.hint)] } : { module: { deck: item.trim(), position: itemPos }, diagnostics: [] };
  }
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return { diagnostics: [error('course-type', 'a module must be a deck path or a mapping with `deck:`', { file, ...itemPos }, MODULE_HINT)] };
  }
  const byKey = item as Record<string, unknown>;
  const pairs = isMap(mapNode) ? (mapNode.items as Pair<YamlNode, YamlNode | null>[]) : [];
  /** Where a key's value is written (at the module when it came through an alias). */
  const valueAt = (key: string): Position => {
    const pair = pairs.find((p) => isScalar(p.key) && String(p.key.value) === key);
    const offset = pair?.value?.range?.[0] ?? pair?.key?.range?.[0];
    return offset === undefined ? itemPos : at(offset);
  };
  const diagnostics: Diagnostic[] = [];
  for (const key of Object.keys(byKey)) {
    if (MODULE_KEYS.includes(key)) continue;
    const pair = pairs.find((p) => isScalar(p.key) && String(p.key.value) === key);
    diagnostics.push(unknownKey(key, 'module', MODULE_KEYS, { file, ...(pair?.key?.range ? at(pair.key.range[0]) : itemPos) }));
  }
  if (!Object.hasOwn(byKey, 'deck')) {
    diagnostics.push(error('course-type', 'this module names no `deck`', { file, ...itemPos }, MODULE_HINT));
    return { diagnostics };
  }
  const deck = byKey.deck;
  const deckProblem = typeof deck === 'string' ? deckPathProblem(deck) : { code: 'course-type', message: '`deck` must be a path, as text', hint: MODULE_HINT };
  if (deckProblem) {
    diagnostics.push(error(deckProblem.code, deckProblem.message, { file, ...valueAt('deck') }, deckProblem.hint));
    return { diagnostics };
  }
  const module: CourseModule = { deck: String(deck).trim(), position: valueAt('deck') };
  if (Object.hasOwn(byKey, 'date')) {
    const date = readDate(byKey.date);
    if (typeof date === 'string') module.date = date;
    else diagnostics.push(error('course-date', date.message, { file, ...valueAt('date') }, 'write the date as YYYY-MM-DD, e.g. 2027-01-12'));
  }
  if (Object.hasOwn(byKey, 'duration')) {
    const seconds = readDuration(byKey.duration);
    if (seconds === undefined) {
      const written = typeof byKey.duration === 'string' ? `: \`${byKey.duration}\` is not a time` : '';
      diagnostics.push(error('course-duration', `cannot read \`duration\`${written}`, { file, ...valueAt('duration') }, DURATION_HINT));
    } else module.durationSeconds = seconds;
  }
  return { module, diagnostics };
}

/** Why a deck path cannot name a deck of this course, if it cannot. */
function deckPathProblem(path: string): { code: string; message: string; hint?: string } | undefined {
  const trimmed = path.trim();
  if (trimmed === '') return { code: 'course-type', message: 'the deck path is empty', hint: MODULE_HINT };
  const reason = unnameablePath(trimmed);
  if (reason !== undefined) return { code: 'bad-path', message: `\`deck\` cannot be the name of a file: ${reason}` };
  // The course moves as one folder (to a colleague, to CI): an absolute path would tie it to one machine.
  if (posix.isAbsolute(trimmed) || /^[A-Za-z]:[\\/]/.test(trimmed) || trimmed.startsWith('\\')) {
    return { code: 'course-deck-path', message: `\`${trimmed}\` is an absolute path`, hint: 'write the deck\'s path relative to the folder of course.yaml, e.g. decks/module-1.md' };
  }
  return undefined;
}

/** Two spellings of one file (`./decks/a.md`, `decks//a.md`, `decks\a.md`) are one deck. */
export function samePathKey(path: string): string {
  return posix.normalize(path.trim().replaceAll('\\', '/'));
}

/** A calendar date written `YYYY-MM-DD` (YAML 1.2 reads it as text), or why it is not one. */
function readDate(value: unknown): string | { message: string } {
  if (typeof value !== 'string') return { message: '`date` must be a date such as 2027-01-12' };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return { message: `\`${value}\` is not a date written YYYY-MM-DD` };
  const [, year = '', month = '', day = ''] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  // Date.UTC rolls 2027-02-30 over to March; a date that does not come back as written does not exist.
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) {
    return { message: `\`${value}\` is not a day of the calendar` };
  }
  return value.trim();
}

/** As in front matter: text such as `90m`, or a bare number of minutes. */
function readDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.round(value * 60) : undefined;
  return typeof value === 'string' ? parseDuration(value) : undefined;
}
