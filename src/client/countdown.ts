/**
 * The activity timer's model, free of the DOM so it can be tested on its own. Time is read from
 * the wall clock (Date.now) on every question rather than counted by ticks: a throttled tab or
 * a sleeping laptop still shows the true remaining time when it wakes up.
 */

export type CountdownState = 'idle' | 'running' | 'paused' | 'done';
export type CountdownAction = 'toggle' | 'reset' | 'plus' | 'minus';

/** What survives a reload or a trip to another slide (stored as JSON in sessionStorage). */
export interface CountdownRecord {
  plannedMs: number;
  totalMs: number;
  /** Time run before the current start (or in total, when not running). */
  elapsedMs: number;
  /** Wall-clock ms of the current start; null when not running. */
  startedAt: number | null;
  started: boolean;
}

export const WARNING_MS = 60_000;
const MINUTE_MS = 60_000;

export class Countdown {
  private record: CountdownRecord;

  constructor(
    plannedSeconds: number,
    private readonly now: () => number = Date.now,
    saved?: unknown,
  ) {
    const plannedMs = Math.max(0, plannedSeconds) * 1000;
    this.record = isRecord(saved, plannedMs)
      ? { ...saved }
      : { plannedMs, totalMs: plannedMs, elapsedMs: 0, startedAt: null, started: false };
  }

  toJSON(): CountdownRecord {
    return { ...this.record };
  }

  /** Milliseconds left; negative once time is up and the timer runs on into overtime. */
  remainingMs(): number {
    const { totalMs, elapsedMs, startedAt } = this.record;
    const running = startedAt === null ? 0 : Math.max(0, this.now() - startedAt);
    return totalMs - elapsedMs - running;
  }

  state(): CountdownState {
    if (!this.record.started) return 'idle';
    if (this.remainingMs() <= 0) return 'done';
    return this.record.startedAt === null ? 'paused' : 'running';
  }

  isRunning(): boolean {
    return this.record.startedAt !== null;
  }

  /** True in the last minute of a started countdown. */
  isWarning(): boolean {
    const state = this.state();
    const remaining = this.remainingMs();
    return (state === 'running' || state === 'paused') && remaining > 0 && remaining <= WARNING_MS;
  }

  apply(action: CountdownAction): void {
    if (action === 'toggle') this.toggle();
    else if (action === 'reset') this.reset();
    else this.adjust(action === 'plus' ? MINUTE_MS : -MINUTE_MS);
  }

  private toggle(): void {
    if (this.record.startedAt !== null) {
      this.record.elapsedMs += Math.max(0, this.now() - this.record.startedAt);
      this.record.startedAt = null;
    } else {
      // Starting a finished countdown starts it again from the planned time.
      if (this.record.started && this.remainingMs() <= 0) this.reset();
      this.record.startedAt = this.now();
      this.record.started = true;
    }
  }

  private reset(): void {
    const { plannedMs } = this.record;
    this.record = { plannedMs, totalMs: plannedMs, elapsedMs: 0, startedAt: null, started: false };
  }

  /** Adds or removes a minute; never below what has already run, so "−1 min" at 0:40 means time's up. */
  private adjust(deltaMs: number): void {
    const used = this.record.totalMs - this.remainingMs();
    this.record.totalMs = Math.max(used, this.record.totalMs + deltaMs);
  }
}

/** `3:00` while time remains (rounded up: 2:59.2 shows 3:00), `+0:15` in overtime. */
export function formatRemaining(remainingMs: number): string {
  const overtime = remainingMs < 0;
  const seconds = overtime ? Math.floor(-remainingMs / 1000) : Math.ceil(remainingMs / 1000);
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return overtime && seconds > 0 ? `+${clock}` : clock;
}

function isRecord(value: unknown, plannedMs: number): value is CountdownRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<CountdownRecord>;
  return (
    record.plannedMs === plannedMs &&
    Number.isFinite(record.totalMs) &&
    Number.isFinite(record.elapsedMs) &&
    (record.startedAt === null || Number.isFinite(record.startedAt)) &&
    typeof record.started === 'boolean'
  );
}

// ── What a screen reader hears ────────────────────────────────────────────────────────────

/** A sentence for a live region: polite ones wait their turn, assertive ones interrupt. */
export interface Announcement {
  text: string;
  politeness: 'polite' | 'assertive';
}

/** A timer as a listener knows it: its state, whether it runs, and the whole seconds shown. */
export interface TimerMoment {
  state: CountdownState;
  running: boolean;
  /** The seconds the display shows (rounded up, as `formatRemaining`); 0 or less once time is up. */
  seconds: number;
}

export const TIMES_UP = "Time's up";

export function momentOf(countdown: Countdown): TimerMoment {
  return { state: countdown.state(), running: countdown.isRunning(), seconds: Math.ceil(countdown.remainingMs() / 1000) };
}

/**
 * The announcement while a timer runs from `previousSeconds` to `seconds` left: the minute mark
 * just reached ("7 minutes left"), "Time's up" when it reaches zero, and nothing otherwise, so a
 * listener hears once a minute, never every second. A step over several marks (a tab that slept)
 * says only the latest, even when it stepped past the mark's own second.
 */
export function announcementFor(previousSeconds: number, seconds: number): Announcement | undefined {
  if (seconds <= 0) return previousSeconds > 0 ? { text: TIMES_UP, politeness: 'assertive' } : undefined;
  const mark = Math.ceil(seconds / 60) * 60;
  if (previousSeconds <= mark) return undefined;
  return { text: `${spokenDuration(mark)} left`, politeness: 'polite' };
}

/** What a press of a timer's button (here or in the presenter's window) changed, in words. */
export function announcementForChange(before: TimerMoment, after: TimerMoment): Announcement | undefined {
  const left = spokenDuration(after.seconds);
  if (after.state === 'done' && before.state !== 'done') return { text: TIMES_UP, politeness: 'assertive' };
  if (after.running && !before.running) {
    const resumed = before.state === 'paused';
    return { text: resumed ? `Timer resumed, ${left} left` : `Timer started, ${left}`, politeness: 'polite' };
  }
  if (after.state === 'idle' && before.state !== 'idle') return { text: `Timer reset, ${left}`, politeness: 'polite' };
  if (!after.running && before.running) {
    return { text: after.state === 'done' ? 'Timer stopped' : `Timer paused, ${left} left`, politeness: 'polite' };
  }
  // The same state with another time: a minute added or taken (small gaps are clock drift between windows).
  const change = after.seconds - before.seconds;
  if (Math.abs(change) < 30) return undefined;
  const what = Math.abs(Math.abs(change) - 60) <= 5 ? (change > 0 ? 'One minute added' : 'One minute taken off') : 'Time changed';
  return { text: `${what}, ${left}${after.state === 'idle' ? '' : ' left'}`, politeness: 'polite' };
}

/** "8 minutes", "1 minute 30 seconds", "45 seconds": how a person says a time left. */
export function spokenDuration(totalSeconds: number): string {
  const seconds = Math.max(0, totalSeconds);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return unit(rest, 'second');
  return rest === 0 ? unit(minutes, 'minute') : `${unit(minutes, 'minute')} ${unit(rest, 'second')}`;
}
