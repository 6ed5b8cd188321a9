import { dirname, join, normalize } from 'node:path';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { CourseFile, CourseModule } from './course-file.js';
import { samePathKey } from './course-modules.js';

/**
 * What the CLI needs from a read course file, kept pure (the file system is asked through the
 * function it passes in):
 *
 * - `checkCourseDecks(course, exists)`: each module's deck exists, else an error at its line.
 * - `moduleFile(course, module)`: the path of a module's deck as the CLI opens it (the course
 *   file's folder joined with the path as written).
 * - `orderDecks(course, deckFiles)`: the decks a command found (a folder's `*.md`) in teaching
 *   order, for the course index and the packs; what the course does not list, and which modules
 *   were not among them.
 *
 * A module's `date` and `durationSeconds` override the deck's own front matter; the CLI applies
 * them to the parsed deck (`meta.durationSeconds = module.durationSeconds ?? meta.durationSeconds`),
 * as it applies the course's `theme` over each deck's.
 */

/** Errors for modules whose deck is not there; `exists` gets the path as `moduleFile` gives it. */
export function checkCourseDecks(course: CourseFile, exists: (path: string) => boolean): Diagnostic[] {
  const missing: Diagnostic[] = [];
  for (const module of course.modules) {
    const path = moduleFile(course, module);
    if (exists(path)) continue;
    missing.push(error('course-deck-not-found', `deck not found: \`${module.deck}\``, { file: course.file, ...module.position }, notFoundHint(course, module, exists)));
  }
  return missing;
}

function notFoundHint(course: CourseFile, module: CourseModule, exists: (path: string) => boolean): string {
  // The most common slip: the name without its extension.
  if (!module.deck.endsWith('.md') && exists(`${moduleFile(course, module)}.md`)) return `did you mean \`${module.deck}.md\`?`;
  return `a deck's path is relative to the folder of ${course.file}: this one looks for ${moduleFile(course, module)}`;
}

/** The path a module's deck is read from: relative to the course file's folder. */
export function moduleFile(course: CourseFile, module: CourseModule): string {
  return join(dirname(course.file), module.deck);
}

export interface CourseOrder {
  /** The deck files the course lists, in teaching order, each with its module. */
  modules: { file: string; module: CourseModule }[];
  /** Deck files no module names, in the order given: not part of the course. */
  unlisted: string[];
  /** Modules whose deck is not among the files. */
  absent: CourseModule[];
}

/**
 * Orders deck files by the course: teaching order, not file names (`module-10.md` sorts before
 * `module-2.md`). Files and modules are matched as paths, whatever their spelling (`./decks/a.md`).
 */
export function orderDecks(course: CourseFile, deckFiles: readonly string[]): CourseOrder {
  const byPath = new Map<string, string>();
  for (const file of deckFiles) {
    const key = samePathKey(normalize(file));
    if (!byPath.has(key)) byPath.set(key, file);
  }
  const order: CourseOrder = { modules: [], unlisted: [], absent: [] };
  const listed = new Set<string>();
  for (const module of course.modules) {
    const key = samePathKey(normalize(moduleFile(course, module)));
    const file = byPath.get(key);
    if (file === undefined) order.absent.push(module);
    else {
      order.modules.push({ file, module });
      listed.add(key);
    }
  }
  order.unlisted = [...byPath].filter(([key]) => !listed.has(key)).map(([, file]) => file);
  return order;
}

/** What a course says over one deck's front matter: its module's session length, the course's theme. */
export interface CourseOverride {
  /** Over the front matter's `duration`. */
  durationSeconds?: number;
  /** Over the front matter's `theme`: a built-in name, or an absolute .css path (the CLI resolves the course's once). */
  theme?: string;
}

/** The override for the deck read from `file` (a path as `moduleFile` gives it); undefined when the course does not list it. */
export function courseOverride(course: CourseFile, file: string, theme?: string): CourseOverride | undefined {
  const module = course.modules.find((m) => moduleFile(course, m) === file);
  if (!module) return undefined;
  const override: CourseOverride = {};
  if (module.durationSeconds !== undefined) override.durationSeconds = module.durationSeconds;
  if (theme !== undefined) override.theme = theme;
  return override;
}

/** The module whose deck is read from `file`. */
export function moduleOf(course: CourseFile, file: string): CourseModule | undefined {
  return course.modules.find((m) => moduleFile(course, m) === file);
}
