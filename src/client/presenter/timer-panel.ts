/**
 * The current slide's activity timer: its display, its buttons and the switch that shows the
 * timers to the audience. The timers run on the server (its `Countdown` records come with each
 * state message); this view applies its own actions at once and tells the server.
 */
import {
  type Announcement,
  announcementFor,
  announcementForChange,
  Countdown,
  type CountdownAction,
  type CountdownRecord,
  formatRemaining,
  momentOf,
  type TimerMoment,
} from '../countdown.js';
import type { ClientMessage, PresentationState } from '../../server/protocol.js';
import type { timedActivity } from './deck-nav.js';
import { type PresenterElements, setText } from './presenter-elements.js';

export type TimedActivity = NonNullable<ReturnType<typeof timedActivity>>;

type TimerElements = Pick<PresenterElements, 'timer' | 'timerTitle' | 'timerDisplay' | 'timerStatus' | 'timerToggle' | 'timersVisible'>;

const TIMER_STATUS: Record<string, string> = { idle: 'Ready', running: 'Running', paused: 'Paused', done: "Time's up!" };
const TIMER_TOGGLE: Record<string, string> = { idle: 'Start', running: 'Pause', paused: 'Resume', done: 'Stop' };
/** Names that start with the buttons' visible labels (for speech input) and say them in words. */
export class TimerPanel {
  private records: Record<string, CountdownRecord> = {};
  /** Server clock minus local clock, measured at each state message. */
  private offsetMs = 0;
  /** The timer last painted, to hear minute marks and changes made from another window. */
  private heard: { id: string; moment: TimerMoment } | undefined;
  /** Live regions for a screen reader: made with the view, before anything is said into them. */
  private readonly polite: HTMLElement;
  private readonly assertive: HTMLElement;

  constructor(
    private readonly el: TimerElements,
    private readonly send: (message: ClientMessage) => boolean,
  ) {
    // In the body, not the timer panel: the panel is hidden on slides without an activity, and a
    // live region must already be in the page when its words change.
    this.polite = liveRegion(el.timer.ownerDocument, 'polite');
    this.assertive = liveRegion(el.timer.ownerDocument, 'assertive');
  }

  /** The timer records by activity id: the server's, with this view's latest actions applied. */
  get timers(): Readonly<Record<string, CountdownRecord>> {
    return this.records;
  }

  /** Takes the timers from a state message (`serverNow` sent with it, `now` when it came). */
  update(state: PresentationState, serverNow: number, now: number): void {
    if (Number.isFinite(serverNow)) this.offsetMs = serverNow - now;
    this.records = { ...state.timers };
    this.el.timersVisible.checked = state.timersVisible;
  }

  /** Drives the activity's timer here and on the server. */
  apply(activity: TimedActivity, action: CountdownAction): void {
    const countdown = this.countdownFor(activity.id, activity.seconds);
    const before = momentOf(countdown);
    countdown.apply(action);
    const after = momentOf(countdown);
    this.announce(announcementForChange(before, after));
    this.heard = { id: activity.id, moment: after };
    this.records = { ...this.records, [activity.id]: countdown.toJSON() };
    this.send({ type: 'timer', id: activity.id, action });
  }

  /** Shows the activity's timer, or hides the panel when the slide has none. */
  paint(activity: TimedActivity | undefined): void {
    this.el.timer.hidden = !activity;
    if (!activity) return;
    const countdown = this.countdownFor(activity.id, activity.seconds);
    const state = countdown.state();
    this.listen(activity.id, momentOf(countdown));
    setText(this.el.timerTitle, activity.title);
    setText(this.el.timerDisplay, formatRemaining(countdown.remainingMs()));
    this.el.timerDisplay.dataset.state = state;
    if (countdown.isWarning()) this.el.timerDisplay.dataset.warning = 'true';
    else delete this.el.timerDisplay.dataset.warning;
    setText(this.el.timerStatus, TIMER_STATUS[state] ?? '');
    setText(this.el.timerToggle, state === 'done' && !countdown.isRunning() ? 'Restart' : (TIMER_TOGGLE[state] ?? 'Start'));
  }

  /**
   * What changed since the last paint, in words: a minute mark or time's up while it runs, or a
   * press made in another window. A different activity (another slide) starts afresh, silently.
   */
  private listen(id: string, moment: TimerMoment): void {
    const last = this.heard?.id === id ? this.heard.moment : undefined;
    this.heard = { id, moment };
    if (!last) return;
    const changed = last.state !== moment.state || last.running !== moment.running;
    this.announce(changed ? announcementForChange(last, moment) : moment.running ? announcementFor(last.seconds, moment.seconds) : undefined);
  }

  private announce(announcement: Announcement | undefined): void {
    if (!announcement) return;
    const [region, other] = announcement.politeness === 'assertive' ? [this.assertive, this.polite] : [this.polite, this.assertive];
    other.textContent = '';
    // The same words twice in a row must still change the region, or nothing is read.
    region.textContent = region.textContent === announcement.text ? `${announcement.text}\u00A0` : announcement.text;
  }

  /** The panel's buttons go through `onAction`, which also keeps the rest of the view in step. */
  bind(onAction: (action: CountdownAction) => void): void {
    this.el.timer.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-action]');
      if (button) onAction(button.dataset.action as CountdownAction);
    });
    this.el.timersVisible.addEventListener('change', () => {
      this.send({ type: 'timers-visible', visible: this.el.timersVisible.checked });
    });
  }

  /** The timer as the server runs it: its record read with the server's clock. */
  private countdownFor(id: string, seconds: number): Countdown {
    const record = this.records[id];
    const serverClock = () => Date.now() + this.offsetMs;
    return new Countdown(record ? record.plannedMs / 1000 : seconds, serverClock, record);
  }
}

function liveRegion(doc: Document, politeness: 'polite' | 'assertive'): HTMLElement {
  const region = doc.createElement('div');
  region.className = 'lp-visually-hidden';
  region.setAttribute('role', politeness === 'assertive' ? 'alert' : 'status');
  region.setAttribute('aria-live', politeness);
  region.setAttribute('aria-atomic', 'true');
  region.dataset.lpTimerAnnouncer = politeness;
  doc.body.append(region);
  return region;
}
