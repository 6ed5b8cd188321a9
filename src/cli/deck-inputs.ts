import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkCourseDecks, moduleFile } from '../course/course-decks.js';
import type { CourseFile } from '../course/course-file.js';
import { parseCourseFile } from '../course/course-file.js';
import { compareDiagnostics, type Diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { BuildCourse } from '../export/build-decks.js';
import { type DeckInputs, findDecks } from '../export/find-decks.js';
import { defaultProjectRoot } from '../export/project-folder.js';
import { resolveTheme } from '../export/theme.js';
import { UsageError } from './usage-error.js';

export interface CommandDecks extends DeckInputs {
  /** The folder's `course.yaml`, when the command was given one folder that has it. */
  course?: CourseFile;
  /** The course file had errors (printed): the command stops with exit 1. */
  courseFailed?: boolean;
  /** The course's theme as each deck resolves it (a built-in name or an absolute .css path). */
  courseTheme?: string;
}

/**
 * The decks a command's arguments name; a usage error (exit 2) when they name none. One folder
 * with a `course.yaml` (or none, in a folder that has one) means the course's modules, in teaching
 * order (its problems are printed here, as a deck's are); without one, every `*.md` of the folder.
 */
export function deckInputs(command: string, positionals: readonly string[], options: { color?: boolean } = {}): CommandDecks {
  if (positionals.length === 0) {
    // The current folder is the course when it has a course file: `lectern build` in the course folder.
    if (existsSync('course.yaml')) return courseInputs('course.yaml', options.color === true);
    throw new UsageError(`${command} needs at least one deck file or folder (or a course.yaml in the current folder)`);
  }
  const [only] = positionals;
  if (positionals.length === 1 && only !== undefined && isFolder(only) && existsSync(join(only, 'course.yaml'))) {
    return courseInputs(join(only, 'course.yaml'), options.color === true);
  }
  const inputs = findDecks(positionals);
  for (const path of inputs.outside) process.stderr.write(`lectern: left out ${path}: it links to a file outside the project folder (name the file itself to use it)\n`);
  if (inputs.missing.length > 0) throw new UsageError(`not a deck file or folder: ${inputs.missing.join(', ')}`);
  if (inputs.files.length === 0) throw new UsageError(`no .md decks in ${positionals.join(', ')}`);
  return inputs;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function courseInputs(file: string, color: boolean): CommandDecks {
  const text = readFileSync(file, 'utf8');
  const { course, diagnostics } = parseCourseFile(text, file);
  const theme = course ? courseThemeOf(course, diagnostics) : undefined;
  if (course) diagnostics.push(...checkCourseDecks(course, (path) => existsSync(path)));
  const sorted: Diagnostic[] = [...diagnostics].sort(compareDiagnostics);
  for (const printed of formatDiagnostics(sorted, { color, source: text })) process.stderr.write(`${printed}\n`);
  const failed = course === undefined || hasErrors(diagnostics);
  if (failed) {
    process.stderr.write(`lectern: ${file} has errors; nothing was done\n`);
    return { files: [], fromFolder: true, missing: [], outside: [], courseFailed: true };
  }
  return {
    files: course.modules.map((module) => moduleFile(course, module)),
    fromFolder: true,
    missing: [],
    outside: [],
    course,
    ...(theme !== undefined ? { courseTheme: theme } : {}),
  };
}

/**
 * The course's `theme`, checked once against the course file (a problem is reported there, not in
 * every deck): a path is made absolute from the course file's folder. Not found → decks keep their own.
 */
function courseThemeOf(course: CourseFile, diagnostics: Diagnostic[]): string | undefined {
  if (course.theme === undefined) return undefined;
  const dir = dirname(resolve(course.file));
  const isPath = course.theme.endsWith('.css') || course.theme.includes('/') || course.theme.includes('\\');
  const position = course.positions.theme ?? { line: 1, column: 1 };
  const themed = resolveTheme(course.theme, dir, course.file, position, defaultProjectRoot(dir));
  diagnostics.push(...themed.diagnostics.map((d) => (d.code === 'unknown-theme' ? { ...d, message: `${d.message.replace(/; the deck uses .*$/, '')}; each deck keeps its own theme` } : d)));
  if (themed.diagnostics.some((d) => d.code === 'unknown-theme')) return undefined;
  return isPath ? resolve(dir, course.theme) : course.theme;
}

/** The output folder: --out, else the course's `out` (relative to course.yaml), else `dist`. */
export function outputFolder(values: Record<string, unknown>, inputs: CommandDecks): string {
  if (values.out !== undefined) return String(values.out);
  if (inputs.course?.out !== undefined) return join(dirname(inputs.course.file), inputs.course.out);
  return 'dist';
}

/** The `course` option of a build or export, when the decks are a course's. */
export function courseOfInputs(inputs: CommandDecks): { course?: BuildCourse } {
  if (!inputs.course) return {};
  return { course: { file: inputs.course, ...(inputs.courseTheme !== undefined ? { theme: inputs.courseTheme } : {}) } };
}
