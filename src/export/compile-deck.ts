import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { type Diagnostic, compareDiagnostics, error, hasErrors } from '../diagnostics/diagnostic.js';
import { parseDeck } from '../deck/parse-deck.js';
import type { DeckReadingInput } from '../deck/reading-options.js';
import type { SeparatorPatterns } from '../deck/separators.js';
import type { SlideParseResult } from '../deck/parse-slide.js';
import { contentHash } from '../model/ids.js';
import type { SectionCache } from '../render/render-slides.js';
import type { Deck } from '../model/deck.js';
import type { CourseOverride } from '../course/course-decks.js';
import { planSchedule, type Schedule } from '../model/schedule.js';
import { PAGE_ASSETS, renderDeck } from '../render/render-page.js';
import type { RenderedSlide } from '../render/render-slides.js';
import type { DiagramDrawing } from '../diagrams/deck-diagrams.js';
import { mermaidBundle, runtimeFiles } from './package-files.js';
import { defaultProjectRoot } from './project-folder.js';
import { resolveMedia, type ResolvedMedia } from './resolve-media.js';
import { findProjectFiles } from './reveal-md-files.js';
import { resolveHighlightTheme, resolveTheme } from './theme.js';

/** A file of the output folder: copied from `from`, or written from `content`. */
export interface OutputFile {
  to: string;
  from?: string;
  content?: string;
}

export interface CompiledDeck {
  file: string;
  slug: string;
  /** The deck's text as read (for code frames), undefined when it could not be read. */
  source?: string;
  /** What the deck was read with besides its text (reveal-md's files, flags): a re-parse of the text needs the same. */
  reading?: DeckReadingInput;
  deck?: Deck;
  schedule?: Schedule;
  diagnostics: Diagnostic[];
  /** Everything the deck's folder holds; empty when the deck has errors. */
  files: OutputFile[];
  /** Pass to the next compile of the same deck (live server). */
  incremental?: IncrementalState;
  /** What the printed documents reuse: the drawn diagrams and where each local file was copied. */
  rendered?: {
    diagrams: ReadonlyMap<string, string>;
    assetUrl: (url: string) => string | undefined;
    /** Each slide's section HTML (the live server diffs them). */
    sections: RenderedSlide[];
    /** The theme's CSS as served. */
    themeCss: string;
  };
}

export function slugOf(file: string): string {
  return basename(file, extname(file));
}

export interface CompileOptions {
  /** Draws mermaid diagrams to SVG at build time; without it they show as their source. */
  diagrams?: DiagramDrawing;
  /** For `lectern serve`: the page connects to the live server. */
  live?: boolean;
  /** Kept by the live server between builds of a deck: unchanged slides are neither parsed nor rendered again. */
  incremental?: IncrementalState;
  /**
   * The project folder: paths starting with `/` start here, and a deck may name no file (image,
   * theme) outside it. Default: reveal-md.json's folder, else `defaultProjectRoot`.
   */
  projectRoot?: string;
  /** `--separator`, `--vertical-separator`, `--notes-separator`; reveal-md.json is found beside the deck or where lectern runs. */
  separators?: Partial<SeparatorPatterns>;
  /** For the layout check only: every block element carries its line and column in the deck file. */
  sourcePositions?: boolean;
  /** What the course file (course.yaml) says over the deck's front matter: session length, theme. */
  course?: CourseOverride;
}

export interface IncrementalState {
  slides: ReadonlyMap<string, SlideParseResult>;
  sections: SectionCache;
}

/**
 * Reads, checks and renders one deck; writes nothing. A deck with errors gets no files, so
 * the last good output stays in place; the one exception is a diagram Mermaid cannot read,
 * which is an error at its line while the rest of the deck is still built.
 */
export async function compileDeck(file: string, options: CompileOptions = {}): Promise<CompiledDeck> {
  try {
    return await compileDeckOrThrow(file, options);
  } catch (cause) {
    // A bug lectern has with one deck stops that deck, never the others of the command.
    return { file, slug: slugOf(file), diagnostics: [internalError(file, cause)], files: [] };
  }
}

/** A failure of lectern's own on a deck, as a diagnostic at the deck's first line (the details under it). */
export function internalError(file: string, cause: unknown): Diagnostic {
  const message = cause instanceof Error ? cause.message : String(cause);
  return {
    ...error('internal-error', `lectern failed on this deck: ${message.split('\n')[0] ?? ''}`, { file, line: 1, column: 1 },
      'the other decks are not affected; please report this with the deck (LECTERN_DEBUG=1 prints where lectern failed)'),
    ...(process.env.LECTERN_DEBUG && cause instanceof Error && cause.stack ? { detail: cause.stack } : {}),
  };
}

async function compileDeckOrThrow(file: string, options: CompileOptions): Promise<CompiledDeck> {
  const slug = slugOf(file);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((cause as Error).message);
    return { file, slug, diagnostics: [error('unreadable-deck', `cannot read the deck: ${reason}`, { file, line: 1, column: 1 })], files: [] };
  }
  const nextSlides = new Map<string, SlideParseResult>();
  const project = findProjectFiles(file, options.separators);
  const { deck, diagnostics } = parseDeck(source, file, slug, options.incremental ? { previous: options.incremental.slides, next: nextSlides } : undefined, project.reading);
  if (options.course?.durationSeconds !== undefined) deck.meta.durationSeconds = options.course.durationSeconds;
  if (options.course?.theme !== undefined) deck.meta.theme = options.course.theme;
  const { schedule, diagnostics: scheduleProblems } = planSchedule(deck);
  diagnostics.push(...scheduleProblems);
  const deckDir = dirname(resolve(file));
  const projectRoot = options.projectRoot ?? project.projectRoot ?? defaultProjectRoot(deckDir);
  const themed = resolveTheme(deck.meta.theme, deckDir, file, deck.meta.positions.theme ?? { line: 1, column: 1 }, projectRoot);
  diagnostics.push(...themed.diagnostics);
  const codeStyle = deck.meta.highlightTheme === undefined ? undefined : resolveHighlightTheme(deck.meta.highlightTheme, file, deck.meta.positions.highlightTheme ?? { line: 1, column: 1 });
  if (codeStyle) diagnostics.push(...codeStyle.diagnostics);
  const media = resolveMedia(deck, { deckDir, projectRoot }, diagnostics);
  const assetUrl = (url: string) => media.urls.get(url);
  diagnostics.sort(compareDiagnostics);
  const result: CompiledDeck = { file, slug, source, reading: project.reading, deck, schedule, diagnostics, files: [] };
  if (hasErrors(diagnostics) || !themed.theme) return result;

  const theme = themed.theme;
  const drawn = options.diagrams ? await options.diagrams.drawDeck(deck, theme.css, source) : undefined;
  if (drawn && drawn.diagnostics.length > 0) {
    diagnostics.push(...drawn.diagnostics);
    diagnostics.sort(compareDiagnostics);
  }
  const bundle = drawn?.inPage ? mermaidBundle() : undefined;
  const { html, sections } = renderDeck(deck, schedule, {
    highlightStylesheet: theme.origin === 'reveal' || codeStyle?.css !== undefined,
    assetUrl,
    diagrams: drawn?.svgs ?? new Map(),
    ...(drawn?.inPage && bundle ? { inPageDiagrams: drawn.inPage } : {}),
    ...(options.live ? { live: true } : {}),
    ...(options.sourcePositions ? { sourcePositions: true } : {}),
    ...(options.incremental ? { sectionCache: renderCache(options.incremental.sections, theme.css, drawn?.svgs, media) } : {}),
  });
  if (options.incremental) result.incremental = { slides: nextSlides, sections: options.incremental.sections };
  result.rendered = { diagrams: drawn?.svgs ?? new Map(), assetUrl, sections, themeCss: theme.css };
  const runtime = runtimeFiles();
  result.files = [
    ...(drawn?.inPage && bundle ? [{ from: bundle.path, to: PAGE_ASSETS.mermaidJs }] : []),
    { to: 'index.html', content: html },
    { to: 'assets/theme.css', content: theme.css },
    ...(codeStyle?.css !== undefined ? [{ to: PAGE_ASSETS.highlightCss, content: codeStyle.css }] : []),
    ...theme.files.map((f) => ({ from: f.from, to: `assets/${f.to}` })),
    ...Object.entries(runtime)
      .filter(([name]) => name !== 'highlight.css' || (theme.origin === 'reveal' && codeStyle?.css === undefined))
      .map(([name, from]) => ({ from, to: `assets/${name}` })),
    ...media.files,
  ];
  return result;
}

/** The section cache, emptied when something besides the slides' own text changed how they render. */
function renderCache(cache: SectionCache, themeCss: string, svgs: ReadonlyMap<string, string> | undefined, media: ResolvedMedia): SectionCache {
  const key = contentHash(JSON.stringify([themeCss, [...(svgs ?? [])], [...media.urls]]));
  if (cache.key !== key) {
    cache.key = key;
    cache.sections = new WeakMap();
  }
  return cache;
}
