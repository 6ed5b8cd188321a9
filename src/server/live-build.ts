import type { DeckDiagrams, DeckDiagramSources } from '../diagrams/deck-diagrams.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CompiledDeck, OutputFile } from '../export/compile-deck.js';
import type { DeckMeta } from '../model/deck.js';
import { renderDeckSummary } from '../render/render-deck-summary.js';
import type { RenderedSlide } from '../render/render-slides.js';
import type { SeparatorPatterns } from '../deck/separators.js';
import type { CourseOverride } from '../course/course-decks.js';
import type { DeckSummary } from './protocol.js';

/**
 * A deck's build as the live server keeps it: plain data, made in the build worker and sent to
 * the server's thread (a whole Deck, with marked's tokens, would cost 70 ms a copy at 200 slides).
 */
export interface LiveCompiled {
  file: string;
  slug: string;
  /** The deck's text as read; undefined when it could not be read. */
  source?: string;
  diagnostics: Diagnostic[];
  /** Empty when the deck has errors. */
  files: OutputFile[];
  /** Present when the deck built. */
  built?: {
    meta: DeckMeta;
    overview: { slides: number; activities: number; plannedSeconds: number; durationSeconds?: number };
    sections: RenderedSlide[];
    themeCss: string;
    summary: DeckSummary;
  };
}

/** The plain-data part of a compiled deck (made in the worker). */
export function toLiveCompiled(compiled: CompiledDeck): LiveCompiled {
  const { deck, schedule, rendered } = compiled;
  const live: LiveCompiled = { file: compiled.file, slug: compiled.slug, diagnostics: compiled.diagnostics, files: compiled.files };
  if (compiled.source !== undefined) live.source = compiled.source;
  if (deck && schedule && rendered) {
    live.built = {
      meta: deck.meta,
      overview: {
        slides: deck.slides.length,
        activities: schedule.activityCount,
        plannedSeconds: schedule.totalSeconds,
        ...(schedule.durationSeconds !== undefined ? { durationSeconds: schedule.durationSeconds } : {}),
      },
      sections: rendered.sections,
      themeCss: rendered.themeCss,
      summary: renderDeckSummary(deck, schedule, { diagrams: rendered.diagrams, assetUrl: rendered.assetUrl }),
    };
  }
  return live;
}

/** Messages between the server's thread and the build worker. */
export type ToWorker =
  | { type: 'build'; id: number; file: string; separators?: Partial<SeparatorPatterns>; course?: CourseOverride; drawDiagrams: boolean }
  | { type: 'drawn'; id: number; diagrams: DeckDiagrams }
  | { type: 'draw-failed'; id: number; message: string };

export type FromWorker =
  | { type: 'draw'; id: number; deck: DeckDiagramSources; themeCss: string; source: string }
  | { type: 'built'; id: number; compiled: LiveCompiled };
