/**
 * The current slide's activity timer: its display, its buttons and the switch that shows the
 * timers to the audience. The timers run on the server (its `Countdown` records come with each
 * state message); this view applies its own actions at once and tells the server.
 */
import { Countdown, type CountdownAction, type CountdownRecord, formatRemaining } from '../countdown.js';
import type { ClientMessage, PresentationState } from '../../server/protocol.js';
import type { timedActivity } from './deck-nav.js';
import { type PresenterElements, setText } from './presenter-elements.js';

export type TimedActivity = NonNullable<ReturnType<typeof timedActivity>>;

type TimerElements = Pick<PresenterElements, 'timer' | 'timerTitle' | 'timerDisplay' | 'timerStatus' | 'timerToggle' | 'timersVisible'>;

const TIMER_STATUS: Record<string, string> = { idle: 'Ready', running: 'Running', paused: 'Paused', done: "Time's up!" };
const TIMER_TOGGLE: Record<string, string> = { idle: 'Start', running: 'Pause', paused: 'Resume', done: 'Stop' };

export class TimerPanel {
  private records: Record<string, CountdownRecord> = {};
  /** Server clock minus local clock, measured at each state message. */
  private offsetMs = 0;

  constructor(
    private readonly el: TimerElements,
    private readonly send: (message: ClientMessage) => boolean,
  ) {}

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
    countdown.apply(action);
    this.records = { ...this.records, [activity.id]: countdown.toJSON() };
    this.send({ type: 'timer', id: activity.id, action });
  }

  /** Shows the activity's timer, or hides the panel when the slide has none. */
  paint(activity: TimedActivity | undefined): void {
    this.el.timer.hidden = !activity;
    if (!activity) return;
    const countdown = this.countdownFor(activity.id, activity.seconds);
    const state = countdown.state();
    setText(this.el.timerTitle, activity.title);
    setText(this.el.timerDisplay, formatRemaining(countdown.remainingMs()));
    this.el.timerDisplay.dataset.state = state;
    if (countdown.isWarning()) this.el.timerDisplay.dataset.warning = 'true';
    else delete this.el.timerDisplay.dataset.warning;
    setText(this.el.timerStatus, TIMER_STATUS[state] ?? '');
    setText(this.el.timerToggle, state === 'done' && !countdown.isRunning() ? 'Restart' : (TIMER_TOGGLE[state] ?? 'Start'));
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
