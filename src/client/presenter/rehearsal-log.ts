/**
 * What a rehearsal measures, free of the DOM: the wall-clock time spent on each slide (from the
 * navigation reports) and the time each activity's timer ran. Every method takes `now` (ms), so
 * tests drive it with a fake clock. While paused (the Rehearse switch is off) nothing accrues.
 */
import type { DeckSummary, RehearsalRecording } from '../../server/protocol.js';

export interface RehearsalTotals {
  /** Milliseconds on each slide, by the summary's slide index. */
  slideMs: Map<number, number>;
  /** Milliseconds each activity timer ran, by activity id. */
  timerMs: Map<string, number>;
  /** Milliseconds recorded in all (time on slides while not paused). */
  totalMs: number;
}

export class RehearsalLog {
  private startedAt: number | undefined;
  private paused = false;
  private slide: number | undefined;
  /** Start of the current slide's open interval (undefined while paused or not started). */
  private slideSince: number | undefined;
  private readonly slideMs = new Map<number, number>();
  private readonly timerMs = new Map<string, number>();
  /** Timers seen running, with the start of their open interval (undefined while paused). */
  private readonly runningTimers = new Map<string, number | undefined>();

  /** Wall-clock ms of the first recorded moment; undefined before the rehearsal begins. */
  get startTime(): number | undefined {
    return this.startedAt;
  }

  get isStarted(): boolean {
    return this.startedAt !== undefined;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Starts recording (once) on a slide, unless paused; later calls only move to that slide. */
  begin(slideIndex: number | undefined, now: number): void {
    if (this.startedAt === undefined) {
      this.startedAt = now;
      this.slide = slideIndex ?? this.slide;
      if (!this.paused) {
        this.slideSince = now;
        for (const id of this.runningTimers.keys()) this.runningTimers.set(id, now);
      }
      return;
    }
    if (slideIndex !== undefined) this.setSlide(slideIndex, now);
  }

  /** The presenter is now on this slide (by the summary's index). */
  setSlide(slideIndex: number, now: number): void {
    if (slideIndex === this.slide) return;
    this.closeSlide(now);
    this.slide = slideIndex;
    if (this.isRecording()) this.slideSince = now;
  }

  /** An activity timer started or stopped (seen in the presentation state). */
  setTimerRunning(id: string, running: boolean, now: number): void {
    const wasRunning = this.runningTimers.has(id);
    if (running === wasRunning) return;
    if (running) {
      this.runningTimers.set(id, this.isRecording() ? now : undefined);
    } else {
      this.closeTimer(id, now);
      this.runningTimers.delete(id);
    }
  }

  /** The Rehearse switch went off: stop counting until `resume`. */
  pause(now: number): void {
    if (this.paused) return;
    this.closeSlide(now);
    for (const id of this.runningTimers.keys()) this.closeTimer(id, now);
    this.paused = true;
  }

  resume(now: number): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.startedAt === undefined) return;
    this.slideSince = now;
    for (const id of this.runningTimers.keys()) this.runningTimers.set(id, now);
  }

  /** Totals so far, counting the open intervals up to `now`. */
  totals(now: number): RehearsalTotals {
    const slideMs = new Map(this.slideMs);
    const timerMs = new Map(this.timerMs);
    if (this.slide !== undefined && this.slideSince !== undefined) {
      slideMs.set(this.slide, (slideMs.get(this.slide) ?? 0) + Math.max(0, now - this.slideSince));
    }
    for (const [id, since] of this.runningTimers) {
      if (since !== undefined) timerMs.set(id, (timerMs.get(id) ?? 0) + Math.max(0, now - since));
    }
    let totalMs = 0;
    for (const ms of slideMs.values()) totalMs += ms;
    return { slideMs, timerMs, totalMs };
  }

  /**
   * The recording for the server: every slide of the summary with its actual seconds, every
   * activity with the time its timer ran (else the time on its slide). `file` is left for the
   * server to fill in.
   */
  toRecording(summary: DeckSummary, now: number, file = ''): RehearsalRecording {
    const { slideMs, timerMs } = this.totals(now);
    const seconds = (ms: number) => Math.round(ms / 1000);
    const slides = summary.slides.map((slide) => ({
      index: slide.index,
      h: slide.h,
      v: slide.v,
      title: slide.title,
      line: slide.line,
      plannedSeconds: slide.plannedSeconds,
      actualSeconds: seconds(slideMs.get(slide.index) ?? 0),
    }));
    const activities = summary.slides.flatMap((slide) =>
      slide.activities.map((activity) => {
        const ran = timerMs.get(activity.id) ?? 0;
        return {
          id: activity.id,
          title: activity.title,
          slideIndex: slide.index,
          ...(activity.seconds !== undefined ? { plannedSeconds: activity.seconds } : {}),
          actualSeconds: seconds(ran > 0 ? ran : (slideMs.get(slide.index) ?? 0)),
        };
      }),
    );
    return {
      version: 1,
      slug: summary.slug,
      file,
      title: summary.title,
      startedAt: new Date(this.startedAt ?? now).toISOString(),
      finishedAt: new Date(now).toISOString(),
      // The session's planned length, as the report reads it; the rehearsal's own length is
      // finishedAt − startedAt.
      ...(summary.durationSeconds !== undefined ? { durationSeconds: summary.durationSeconds } : {}),
      plannedTotalSeconds: summary.totalSeconds,
      slides,
      activities,
    };
  }

  private isRecording(): boolean {
    return this.startedAt !== undefined && !this.paused;
  }

  private closeSlide(now: number): void {
    if (this.slide !== undefined && this.slideSince !== undefined) {
      this.slideMs.set(this.slide, (this.slideMs.get(this.slide) ?? 0) + Math.max(0, now - this.slideSince));
    }
    this.slideSince = undefined;
  }

  private closeTimer(id: string, now: number): void {
    const since = this.runningTimers.get(id);
    if (since !== undefined) this.timerMs.set(id, (this.timerMs.get(id) ?? 0) + Math.max(0, now - since));
    if (this.runningTimers.has(id)) this.runningTimers.set(id, undefined);
  }
}
