import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CourseModule, renderCourseIndex } from '../render/render-course-index.js';
import { courseOverride, moduleOf } from '../course/course-decks.js';
import type { CourseFile } from '../course/course-file.js';
import { writeFileAtomic } from './atomic-write.js';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { SeparatorPatterns } from '../deck/separators.js';
import type { DiagramStage } from '../diagrams/deck-diagrams.js';
import { type CompiledDeck, compileDeck } from './compile-deck.js';
import { writeCompiledDeck } from './write-deck.js';

export interface BuildOptions {
  outDir: string;
  /** Also write `<outDir>/index.html` listing every module. */
  courseIndex: boolean;
  /** Draws diagrams at build time (all decks' diagrams share one browser). */
  diagrams?: DiagramStage;
  /** Separator flags, for every deck. */
  separators?: Partial<SeparatorPatterns>;
  /** The folder's course.yaml: its modules' sessions and theme over the decks', its heading and order on the index. */
  course?: BuildCourse;
}

/** A course file as the commands use it: the course, and its theme as each deck resolves it. */
export interface BuildCourse {
  file: CourseFile;
  theme?: string;
}

export interface DeckBuild {
  compiled: CompiledDeck;
  /** The folder written, when the deck had no errors. */
  outputDir?: string;
}

export interface BuildResult {
  decks: DeckBuild[];
  indexFile?: string;
}

/** The PDFs an export may have left next to a deck (listed on the course index when present). */
export const PDF_KINDS = [
  { suffix: 'slides', label: 'Slides PDF' },
  { suffix: 'handout', label: 'Student handout' },
  { suffix: 'guide', label: 'Instructor guide' },
] as const;

/**
 * Builds each deck into `<outDir>/<slug>/`; a deck with errors is skipped, the others still
 * built. Decks compile concurrently so their diagrams are drawn together in one browser.
 */
export async function buildDecks(files: readonly string[], options: BuildOptions): Promise<BuildResult> {
  const compileOptions = { ...(options.diagrams ? { diagrams: options.diagrams } : {}), ...(options.separators ? { separators: options.separators } : {}) };
  const decks = await Promise.all(
    files.map(async (file): Promise<DeckBuild> => {
      const override = options.course ? courseOverride(options.course.file, file, options.course.theme) : undefined;
      const compiled = await compileDeck(file, override ? { ...compileOptions, course: override } : compileOptions);
      const build: DeckBuild = { compiled };
      try {
        if (compiled.files.length > 0) build.outputDir = await writeCompiledDeck(compiled, options.outDir);
      } catch (cause) {
        // A deck that cannot be written (a full disk, a folder in the way) is reported; the others are still written.
        compiled.diagnostics.push(writeFailure(compiled.file, cause));
      }
      return build;
    }),
  );
  const result: BuildResult = { decks };
  if (options.courseIndex) result.indexFile = await writeCourseIndex(decks, options.outDir, options.course?.file);
  return result;
}

function writeFailure(file: string, cause: unknown): Diagnostic {
  const system = cause as NodeJS.ErrnoException;
  const where = typeof system?.path === 'string' ? ` ${system.path}` : '';
  return error('output-not-written', `the deck's output could not be written:${where} ${system?.code ?? (cause instanceof Error ? cause.message : String(cause))}`,
    { file, line: 1, column: 1 }, 'check that the output folder is writable and the disk has space');
}

/**
 * `<outDir>/index.html`: every module built there, with links to the PDFs that exist; with a
 * course file, in its order (the decks' order), under its title, with the sessions' dates.
 */
export async function writeCourseIndex(decks: readonly DeckBuild[], outDir: string, course?: CourseFile): Promise<string> {
  const file = join(outDir, 'index.html');
  const modules = decks.flatMap((d) => {
    const module = courseModule(d, outDir);
    const date = course ? moduleOf(course, d.compiled.file)?.date : undefined;
    return module.map((m) => (date !== undefined ? { ...m, date } : m));
  });
  await writeFileAtomic(file, renderCourseIndex(modules, course));
  return file;
}

export function courseModule(build: DeckBuild, outDir: string): CourseModule[] {
  const { deck, schedule, slug } = build.compiled;
  if (!deck || !schedule || !existsSync(join(outDir, slug, 'index.html'))) return [];
  const module: CourseModule = {
    slug,
    title: deck.meta.title ?? slug,
    slides: deck.slides.length,
    activities: schedule.activityCount,
    plannedSeconds: schedule.totalSeconds,
    downloads: PDF_KINDS.filter((k) => existsSync(join(outDir, slug, `${slug}.${k.suffix}.pdf`))).map((k) => ({
      label: k.label,
      href: `${slug}/${slug}.${k.suffix}.pdf`,
    })),
  };
  if (deck.meta.module !== undefined) module.module = deck.meta.module;
  if (deck.meta.course !== undefined) module.course = deck.meta.course;
  if (schedule.durationSeconds !== undefined) module.durationSeconds = schedule.durationSeconds;
  return [module];
}
