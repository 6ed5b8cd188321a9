/**
 * The clocks: the wall clock, the time since the talk started, the pace against the plan and
 * the slide the plan has on screen now. The start is kept in sessionStorage, so reloading the presenter view keeps the clock running.
 */
import type { SummarySlide } from './deck-nav.js';
import { formatClock, formatWallClock, pacing } from './pacing.js';
import { scheduleNow } from './schedule-now.js';
import { type PresenterElements, setText } from './presenter-elements.js';

type ClockElements = Pick<PresenterElements, 'wall' | 'elapsed' | 'elapsedStart' | 'elapsedReset' | 'pace' | 'schedule'>;

export class ClockPanel {
  private startedAt: number | undefined;
  private readonly key: string;

  constructor(
    slug: string,
    private readonly el: ClockElements,
  ) {
    this.key = `lectern:presenter:${slug}:clock`;
    this.startedAt = this.load();
  }

  get isRunning(): boolean {
    return this.startedAt !== undefined;
  }

  start(now: number): void {
    this.startedAt = now;
    this.save();
  }

  reset(): void {
    this.startedAt = undefined;
    this.save();
  }

  /** Seconds since the start at `now`; undefined before the clock starts. */
  elapsedSeconds(now: number): number | undefined {
    return this.startedAt === undefined ? undefined : (now - this.startedAt) / 1000;
  }

  /** Shows the clocks at `now`, the pace on the slide shown and the slide the plan has now. */
  paint(now: number, slide: SummarySlide | undefined, slides: readonly SummarySlide[] = []): void {
    this.el.wall.textContent = formatWallClock(new Date(now));
    const started = this.startedAt !== undefined;
    const elapsed = this.elapsedSeconds(now) ?? 0;
    setText(this.el.elapsed, formatClock(elapsed));
    this.el.elapsedStart.hidden = started;
    if (!started) {
      setText(this.el.pace, 'not started');
      this.el.pace.dataset.state = 'idle';
    } else if (slide) {
      const pace = pacing(elapsed, slide.startSeconds, slide.plannedSeconds);
      setText(this.el.pace, pace.text);
      this.el.pace.dataset.state = pace.state;
    }
    this.paintSchedule(started ? scheduleNow(slides, elapsed, slide) : undefined);
  }

  private paintSchedule(schedule: ReturnType<typeof scheduleNow>): void {
    this.el.schedule.hidden = !schedule;
    setText(this.el.schedule, schedule?.text ?? '');
    this.el.schedule.dataset.state = schedule?.state ?? 'idle';
  }

  /** Start and reset go through the presenter, which starts or drops the rehearsal with them. */
  bind(onStart: (now: number) => void, onReset: () => void): void {
    this.el.elapsedStart.addEventListener('click', () => {
      if (!this.isRunning) onStart(Date.now());
    });
    this.el.elapsedReset.addEventListener('click', onReset);
  }

  private load(): number | undefined {
    try {
      const value = Number(window.sessionStorage.getItem(this.key));
      return Number.isFinite(value) && value > 0 ? value : undefined;
    } catch {
      return undefined;
    }
  }

  private save(): void {
    try {
      if (this.startedAt === undefined) window.sessionStorage.removeItem(this.key);
      else window.sessionStorage.setItem(this.key, String(this.startedAt));
    } catch {
      // No storage (private mode): the clock lasts as long as the page.
    }
  }
}
