import {
  type Announcement,
  announcementFor,
  announcementForChange,
  Countdown,
  type CountdownAction,
  formatRemaining,
  momentOf,
} from './countdown.js';

const STATUS: Record<string, string> = {
  idle: 'Ready',
  running: 'Running',
  paused: 'Paused',
  done: "Time's up!",
};
const TOGGLE_LABEL: Record<string, string> = { idle: 'Start', running: 'Pause', paused: 'Resume', done: 'Stop' };
/** Four updates a second keep the seconds display from visibly skipping. */
const TICK_MS = 250;

interface BoundTimer {
  id: string;
  countdown: Countdown;
  root: HTMLElement;
  display: HTMLElement;
  status: HTMLElement;
  toggle: HTMLButtonElement | null;
  /** The timer's live regions (rendered with it): minute marks and actions, and time's up. */
  polite: HTMLElement | null;
  assertive: HTMLElement | null;
  /** The seconds shown at the last tick, to tell when a minute mark has just been passed. */
  lastSeconds: number;
}

/**
 * Every activity panel's countdown on the page. State lives in memory and in sessionStorage,
 * so a timer keeps running while the presenter shows other slides, and survives a reload.
 */
export class ActivityTimers {
  private readonly timers = new Map<string, BoundTimer>();
  private interval: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly deckId: string,
    private readonly storage: Storage | undefined = safeSessionStorage(),
  ) {}

  bind(root: ParentNode): void {
    for (const panel of root.querySelectorAll<HTMLElement>('.lectern-activity[data-activity-id][data-duration]')) {
      const id = panel.dataset.activityId ?? '';
      const timerRoot = panel.querySelector<HTMLElement>('.lectern-timer');
      const display = timerRoot?.querySelector<HTMLElement>('.lectern-timer__display');
      const status = timerRoot?.querySelector<HTMLElement>('.lectern-timer__status');
      if (!timerRoot || !display || !status) continue;
      const known = this.timers.get(id);
      // A panel the live server just replaced keeps its running countdown; only the elements change.
      const countdown = known?.countdown ?? new Countdown(Number(panel.dataset.duration), Date.now, this.load(id));
      if (known?.root === timerRoot) continue;
      const timer: BoundTimer = {
        id,
        countdown,
        root: timerRoot,
        display,
        status,
        toggle: timerRoot.querySelector('[data-action="toggle"]'),
        polite: timerRoot.querySelector('.lectern-timer__announcer[aria-live="polite"]'),
        assertive: timerRoot.querySelector('.lectern-timer__announcer[aria-live="assertive"]'),
        lastSeconds: known?.lastSeconds ?? momentOf(countdown).seconds,
      };
      timerRoot.addEventListener('click', (event) => this.onClick(timer.id, event));
      timerRoot.addEventListener('keydown', (event) => keepKeysForButtons(event));
      this.timers.set(id, timer);
      this.paint(timer);
    }
    this.ensureTicking();
  }

  /** Applies an action to one timer (by activity id); false when there is no such timer. */
  control(id: string, action: CountdownAction): boolean {
    const timer = this.timers.get(id);
    if (!timer) return false;
    const before = momentOf(timer.countdown);
    timer.countdown.apply(action);
    this.announceChange(timer, before);
    this.save(timer);
    this.paint(timer);
    this.ensureTicking();
    return true;
  }

  /** The first timer inside an element (the current slide), for keyboard shortcuts. */
  timerIn(element: Element | undefined | null): string | undefined {
    const panel = element?.querySelector<HTMLElement>('.lectern-activity[data-activity-id][data-duration]');
    const id = panel?.dataset.activityId;
    return id !== undefined && this.timers.has(id) ? id : undefined;
  }

  snapshot(id: string): { state: string; remainingMs: number; display: string } | undefined {
    const timer = this.timers.get(id);
    if (!timer) return undefined;
    const remainingMs = timer.countdown.remainingMs();
    return { state: timer.countdown.state(), remainingMs, display: formatRemaining(remainingMs) };
  }

  /** Takes a timer's state from the presenter (clock offset: server time minus ours). */
  setRecord(id: string, record: unknown, offsetMs: number): void {
    const timer = this.timers.get(id);
    if (!timer || typeof record !== 'object' || record === null) return;
    const r = record as { startedAt?: number | null };
    const local = typeof r.startedAt === 'number' ? { ...record, startedAt: r.startedAt - offsetMs } : record;
    const before = momentOf(timer.countdown);
    timer.countdown = new Countdown(timer.countdown.toJSON().plannedMs / 1000, Date.now, local);
    // The presenter's press reaches this window as a new record: it is said here as if pressed here.
    this.announceChange(timer, before);
    this.save(timer);
    this.paint(timer);
    this.ensureTicking();
  }

  /** Listens for a press on a timer's buttons; a click on the page itself drives it. */
  onAction?: (id: string, action: CountdownAction) => boolean;

  private onClick(id: string, event: Event): void {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-action]');
    if (!button) return;
    // After a mouse click the focus leaves the button, or the next Space would press it again
    // as well as turn reveal's page. A keyboard press (detail 0) keeps it: a keyboard user goes
    // on from there, and Space and Enter on the button never reach reveal (keepKeysForButtons).
    if ((event as MouseEvent).detail > 0) button.blur();
    event.stopPropagation();
    const action = button.dataset.action as CountdownAction;
    if (this.onAction?.(id, action)) return;
    this.control(id, action);
  }

  private ensureTicking(): void {
    const anyRunning = [...this.timers.values()].some((t) => t.countdown.isRunning());
    if (anyRunning && this.interval === undefined) {
      this.interval = setInterval(() => this.tick(), TICK_MS);
    } else if (!anyRunning && this.interval !== undefined) {
      clearInterval(this.interval);
      this.interval = undefined;
    }
  }

  private tick(): void {
    for (const timer of this.timers.values()) {
      if (!timer.countdown.isRunning()) continue;
      const { seconds } = momentOf(timer.countdown);
      this.announce(timer, announcementFor(timer.lastSeconds, seconds));
      timer.lastSeconds = seconds;
      this.paint(timer);
    }
  }

  private announceChange(timer: BoundTimer, before: ReturnType<typeof momentOf>): void {
    const after = momentOf(timer.countdown);
    this.announce(timer, announcementForChange(before, after));
    timer.lastSeconds = after.seconds;
  }

  /** Puts the words in the timer's polite or assertive live region; the other one is emptied. */
  private announce(timer: BoundTimer, announcement: Announcement | undefined): void {
    if (!announcement) return;
    const [region, other] = announcement.politeness === 'assertive' ? [timer.assertive, timer.polite] : [timer.polite, timer.assertive];
    if (other) other.textContent = '';
    if (!region) return;
    // The same words twice in a row ("Timer started, 3 minutes") must still change the region, or nothing is read.
    region.textContent = region.textContent === announcement.text ? `${announcement.text}\u00A0` : announcement.text;
  }

  private paint(timer: BoundTimer): void {
    const { countdown } = timer;
    const state = countdown.state();
    const text = formatRemaining(countdown.remainingMs());
    if (timer.display.textContent !== text) timer.display.textContent = text;
    timer.root.dataset.state = state;
    if (countdown.isWarning()) timer.root.dataset.warning = 'true';
    else delete timer.root.dataset.warning;
    const status = STATUS[state] ?? '';
    if (timer.status.textContent !== status) timer.status.textContent = status;
    if (timer.toggle) {
      const label = state === 'done' && !countdown.isRunning() ? 'Restart' : (TOGGLE_LABEL[state] ?? 'Start');
      if (timer.toggle.textContent !== label) timer.toggle.textContent = label;
    }
  }

  private key(id: string): string {
    return `lectern:${this.deckId}:timer:${id}`;
  }

  private load(id: string): unknown {
    try {
      const raw = this.storage?.getItem(this.key(id));
      return raw ? JSON.parse(raw) : undefined;
    } catch {
      return undefined;
    }
  }

  private save(timer: BoundTimer): void {
    try {
      this.storage?.setItem(this.key(timer.id), JSON.stringify(timer.countdown));
    } catch {
      // Storage full or disabled (private mode): the timer still works for this page's life.
    }
  }
}

/** Space and Enter on a timer's button press the button, and do not also turn reveal's page. */
function keepKeysForButtons(event: KeyboardEvent): void {
  const onButton = (event.target as Element | null)?.closest('button[data-action]');
  if (onButton && (event.key === ' ' || event.key === 'Enter')) event.stopPropagation();
}

function safeSessionStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
