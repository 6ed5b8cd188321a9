/**
 * A rehearsal against the plan: what `lectern rehearsal` prints, slide by slide, by section, for
 * the activities and in total. Pure: the caller reads the recording and the deck.
 */
import type { RehearsalRecording } from '../server/protocol.js';
import type { Deck } from './deck.js';
import { matchingSlide, sameTitle } from './rehearsal-match.js';
import type { Schedule } from './schedule.js';

/** Differences smaller than this are noise, not "ran over" or "ran under". */
export const NOTABLE_DIFFERENCE_SECONDS = 15;

export interface RehearsalSlideRow {
  index: number;
  h: number;
  v: number;
  title: string;
  /** The slide's planned time: the deck's current plan when it still has this slide, else the recorded plan. */
  plannedSeconds: number;
  actualSeconds: number;
  /** actual − planned: positive when the slide ran over. */
  differenceSeconds: number;
  /** False when a deck was given and its slide at this index has another title (or is gone). */
  inDeck: boolean;
}

export interface RehearsalSectionRow {
  h: number;
  /** Title of the section's first slide. */
  title: string;
  plannedSeconds: number;
  actualSeconds: number;
  differenceSeconds: number;
  slides: RehearsalSlideRow[];
}

export interface RehearsalActivityRow {
  id: string;
  title: string;
  slideIndex: number;
  plannedSeconds?: number;
  actualSeconds: number;
  differenceSeconds?: number;
}

export interface RehearsalTotals {
  plannedSeconds: number;
  actualSeconds: number;
  /** actual − planned. */
  differenceSeconds: number;
  /** The session's length (the deck's `duration`, else the recorded one). */
  durationSeconds?: number;
  /** actual − duration, when there is a duration. */
  overDurationSeconds?: number;
  /** Wall-clock time from start to finish, when both times can be read. */
  elapsedSeconds?: number;
}

export interface RehearsalReport {
  slug: string;
  title: string;
  startedAt: string;
  finishedAt: string;
  slides: RehearsalSlideRow[];
  sections: RehearsalSectionRow[];
  activities: RehearsalActivityRow[];
  totals: RehearsalTotals;
  /** Up to three slides that ran most over (by at least 15 s), most first. */
  over: RehearsalSlideRow[];
  /** Up to three slides that ran most under (by at least 15 s), most first. */
  under: RehearsalSlideRow[];
  /** Recorded slides the given deck no longer has at their index (title changed, slides moved). */
  mismatched: number;
  /** Slides of the given deck that the recording does not have. */
  unrecorded: number;
}

/**
 * Compares a rehearsal with the plan. With the deck (and its schedule), a slide that is still
 * in the deck is compared with its current plan; otherwise with the plan recorded at the time.
 */
export function compareRehearsal(recording: RehearsalRecording, deck?: Deck, schedule?: Schedule): RehearsalReport {
  const { slides, mismatched } = compareSlides(recording, deck, schedule);
  const { over, under } = outliers(slides);
  return {
    slug: recording.slug,
    title: recording.title,
    startedAt: recording.startedAt,
    finishedAt: recording.finishedAt,
    slides,
    sections: groupSections(slides),
    activities: compareActivities(recording, schedule),
    totals: sumTotals(slides, recording, deck, schedule),
    over,
    under,
    mismatched,
    unrecorded: countUnrecorded(recording, deck),
  };
}

/** One row per recorded slide, in deck order, and how many of them the deck no longer has. */
function compareSlides(recording: RehearsalRecording, deck: Deck | undefined, schedule: Schedule | undefined): { slides: RehearsalSlideRow[]; mismatched: number } {
  const planned = new Map(schedule?.entries.map((e) => [e.slideIndex, e.seconds]) ?? []);
  let mismatched = 0;
  const slides = [...recording.slides]
    .sort((a, b) => a.index - b.index)
    .map((recorded): RehearsalSlideRow => {
      const current = deck ? matchingSlide(deck, recorded.index, recorded.title) : undefined;
      if (deck && !current) mismatched += 1;
      const plannedSeconds = (current ? planned.get(current.index) : undefined) ?? recorded.plannedSeconds;
      return {
        index: recorded.index,
        h: recorded.h,
        v: recorded.v,
        title: recorded.title,
        plannedSeconds,
        actualSeconds: recorded.actualSeconds,
        differenceSeconds: recorded.actualSeconds - plannedSeconds,
        inDeck: deck === undefined || current !== undefined,
      };
    });
  return { slides, mismatched };
}

/** Consecutive rows of the same horizontal index form a section, with its subtotals. */
function groupSections(slides: readonly RehearsalSlideRow[]): RehearsalSectionRow[] {
  const sections: RehearsalSectionRow[] = [];
  for (const row of slides) {
    let section = sections[sections.length - 1];
    if (!section || section.h !== row.h) {
      section = { h: row.h, title: row.title, plannedSeconds: 0, actualSeconds: 0, differenceSeconds: 0, slides: [] };
      sections.push(section);
    }
    section.slides.push(row);
    section.plannedSeconds += row.plannedSeconds;
    section.actualSeconds += row.actualSeconds;
    section.differenceSeconds = section.actualSeconds - section.plannedSeconds;
  }
  return sections;
}

/** The recorded activities against the schedule's times, else the times recorded with them. */
function compareActivities(recording: RehearsalRecording, schedule: Schedule | undefined): RehearsalActivityRow[] {
  const plannedActivities = new Map<string, number>();
  for (const entry of schedule?.entries ?? []) {
    for (const a of entry.activities) if (a.seconds !== undefined) plannedActivities.set(a.id, a.seconds);
  }
  return recording.activities.map((a): RehearsalActivityRow => {
    const plannedSeconds = plannedActivities.get(a.id) ?? a.plannedSeconds;
    const row: RehearsalActivityRow = { id: a.id, title: a.title, slideIndex: a.slideIndex, actualSeconds: a.actualSeconds };
    if (plannedSeconds !== undefined) {
      row.plannedSeconds = plannedSeconds;
      row.differenceSeconds = a.actualSeconds - plannedSeconds;
    }
    return row;
  });
}

function sumTotals(slides: readonly RehearsalSlideRow[], recording: RehearsalRecording, deck: Deck | undefined, schedule: Schedule | undefined): RehearsalTotals {
  const plannedSeconds = slides.reduce((sum, s) => sum + s.plannedSeconds, 0);
  const actualSeconds = slides.reduce((sum, s) => sum + s.actualSeconds, 0);
  const totals: RehearsalTotals = { plannedSeconds, actualSeconds, differenceSeconds: actualSeconds - plannedSeconds };
  const durationSeconds = schedule?.durationSeconds ?? deck?.meta.durationSeconds ?? recording.durationSeconds;
  if (durationSeconds !== undefined) {
    totals.durationSeconds = durationSeconds;
    totals.overDurationSeconds = actualSeconds - durationSeconds;
  }
  const elapsed = (Date.parse(recording.finishedAt) - Date.parse(recording.startedAt)) / 1000;
  if (Number.isFinite(elapsed) && elapsed >= 0) totals.elapsedSeconds = Math.round(elapsed);
  return totals;
}

/** The three slides that ran most over and most under, leaving out differences that are noise. */
function outliers(slides: readonly RehearsalSlideRow[]): { over: RehearsalSlideRow[]; under: RehearsalSlideRow[] } {
  const notable = slides.filter((s) => Math.abs(s.differenceSeconds) >= NOTABLE_DIFFERENCE_SECONDS);
  const over = notable.filter((s) => s.differenceSeconds > 0).sort((a, b) => b.differenceSeconds - a.differenceSeconds || a.index - b.index).slice(0, 3);
  const under = notable.filter((s) => s.differenceSeconds < 0).sort((a, b) => a.differenceSeconds - b.differenceSeconds || a.index - b.index).slice(0, 3);
  return { over, under };
}

function countUnrecorded(recording: RehearsalRecording, deck: Deck | undefined): number {
  const recordedIndices = new Set(recording.slides.map((s) => s.index));
  return deck
    ? deck.slides.filter((s) => !recordedIndices.has(s.index) || !recording.slides.some((r) => r.index === s.index && sameTitle(r.title, s.title))).length
    : 0;
}
