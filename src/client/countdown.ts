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
