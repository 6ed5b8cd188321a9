/**
 * The slide shown now: its number, title, planned time and start, and its speaker notes.
 */
import type { DeckSummary } from '../../server/protocol.js';
import type { Indices, SummarySlide } from './deck-nav.js';
import { formatClock, formatDuration } from './pacing.js';
import type { PresenterElements } from './presenter-elements.js';

type SlideElements = Pick<PresenterElements, 'position' | 'slideTitle' | 'planned' | 'plannedStart' | 'notes'>;

export class SlidePanel {
  /** The notes on show, so a repaint that changes nothing keeps the reader's scroll position. */
  private shownSlide: number | undefined;
  private shownNotes: string | undefined;

  constructor(private readonly el: SlideElements) {}

  /** Shows the slide; a position the summary has no slide for (yet) shows as `h.v`. */
  paint(deck: DeckSummary | undefined, slide: SummarySlide | undefined, at: Indices | undefined): void {
    const el = this.el;
    if (slide) {
      el.position.textContent = `${slide.index + 1} / ${deck?.slides.length ?? '?'}`;
      el.slideTitle.textContent = slide.title;
      el.planned.textContent = formatDuration(slide.plannedSeconds);
      el.plannedStart.textContent = formatClock(slide.startSeconds);
      if (this.shownSlide !== slide.index || this.shownNotes !== slide.notesHtml) {
        el.notes.innerHTML = slide.notesHtml.trim() ? slide.notesHtml : '<p class="lp-muted">No notes for this slide.</p>';
        if (this.shownSlide !== slide.index) el.notes.scrollTop = 0;
        this.shownSlide = slide.index;
        this.shownNotes = slide.notesHtml;
      }
    } else if (deck && at) {
      el.position.textContent = `${at.h}.${at.v}`;
      el.slideTitle.textContent = '';
      el.planned.textContent = '–';
      el.plannedStart.textContent = '–';
    }
  }

  /** In place of the notes while no deck could be loaded. */
  showLoadError(error: unknown): void {
    this.el.notes.innerHTML = `<p class="lp-muted">Could not load the deck (${escapeText(String((error as Error).message ?? error))}); retrying…</p>`;
  }
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
