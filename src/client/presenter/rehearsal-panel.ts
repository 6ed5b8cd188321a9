/**
 * The rehearsal recorder's controls: the Rehearse switch (record or pause), Finish (send the
 * recording to the server, which saves it) and the status line. What is measured lives in
 * rehearsal-log.ts; recording starts with the presenter's clock.
 */
import type { CountdownRecord } from '../countdown.js';
import type { ClientMessage, DeckSummary } from '../../server/protocol.js';
import { formatClock } from './pacing.js';
import { type PresenterElements, setText } from './presenter-elements.js';
import { RehearsalLog } from './rehearsal-log.js';

type RehearsalElements = Pick<PresenterElements, 'rehearse' | 'rehearseFinish' | 'rehearseStatus'>;

export interface RehearsalHost {
  deck(): DeckSummary | undefined;
  /** The summary's index of the slide shown now. */
  slideIndex(): number | undefined;
  timers(): Readonly<Record<string, CountdownRecord>>;
  /** Whether the presenter's clock has started. */
  clockRunning(): boolean;
  send(message: ClientMessage): boolean;
}

export class RehearsalPanel {
  private rehearsing: boolean;
  private log = new RehearsalLog();
  /** A message about the last rehearsal (saved, not sent…), shown until `until` or a new recording. */
  private message: { text: string; until: number } | undefined;

  constructor(
    rehearse: boolean,
    private readonly el: RehearsalElements,
    private readonly doc: Document,
    private readonly host: RehearsalHost,
  ) {
    this.rehearsing = rehearse;
    this.el.rehearse.checked = rehearse;
    // The clock outlives a reload of this page (sessionStorage), the log does not: record from now on.
    if (!this.rehearsing) this.log.pause(Date.now());
    else if (host.clockRunning()) this.log.begin(undefined, Date.now());
  }

  bind(): void {
    this.el.rehearse.addEventListener('change', () => this.setRehearsing(this.el.rehearse.checked));
    this.el.rehearseFinish.addEventListener('click', () => this.finish());
  }

  /** The presenter is now on this slide. */
  setSlide(slideIndex: number, now: number): void {
    this.log.setSlide(slideIndex, now);
  }

  /** Tells the rehearsal log which activity timers run now. */
  observeTimers(now: number): void {
    for (const [id, record] of Object.entries(this.host.timers())) this.log.setTimerRunning(id, record.startedAt !== null, now);
  }

  /** The clock started: so does the recording, when rehearsing. */
  clockStarted(now: number): void {
    if (!this.rehearsing) return;
    this.log.begin(this.host.slideIndex(), now);
    this.paint();
  }

  /** The clock was reset: what was recorded is dropped. */
  clockReset(): void {
    this.log = new RehearsalLog();
    this.observeTimers(Date.now());
    const slideIndex = this.host.slideIndex();
    if (slideIndex !== undefined) this.log.setSlide(slideIndex, Date.now());
    if (!this.rehearsing) this.log.pause(Date.now());
    this.message = undefined;
  }

  showMessage(text: string, forMs = 6000): void {
    this.message = { text, until: Date.now() + forMs };
    this.paint();
  }

  paint(): void {
    const now = Date.now();
    this.el.rehearseFinish.disabled = !this.log.isStarted;
    this.doc.body.dataset.rehearsing = String(this.rehearsing);
    const message = this.message;
    let text = '';
    if (message && now < message.until && !(this.log.isStarted && message.until === Infinity)) text = message.text;
    else if (this.log.isStarted) text = `${this.rehearsing ? 'Recording' : 'Paused'} · ${formatClock(this.log.totals(now).totalMs / 1000)}`;
    else if (this.rehearsing) text = 'Recording starts with the clock';
    setText(this.el.rehearseStatus, text);
  }

  private setRehearsing(on: boolean): void {
    const now = Date.now();
    this.rehearsing = on;
    this.el.rehearse.checked = on;
    if (on) {
      this.log.resume(now);
      if (this.host.clockRunning() && !this.log.isStarted) this.log.begin(this.host.slideIndex(), now);
    } else {
      this.log.pause(now);
    }
    this.paint();
  }

  private finish(): void {
    const now = Date.now();
    const deck = this.host.deck();
    if (!deck) {
      this.showMessage('The deck is not loaded yet.');
      return;
    }
    if (!this.log.isStarted) {
      this.showMessage('Nothing recorded yet: start the clock with Rehearse on.');
      return;
    }
    const recording = this.log.toRecording(deck, now);
    if (!this.host.send({ type: 'rehearsal', recording })) {
      this.showMessage('Not connected: the rehearsal was not sent. Try again when connected.');
      return;
    }
    this.showMessage('Saving the rehearsal…', Infinity);
    // A new rehearsal starts when the switch is turned on again.
    this.log = new RehearsalLog();
    this.log.pause(now);
    this.observeTimers(now);
    const slideIndex = this.host.slideIndex();
    if (slideIndex !== undefined) this.log.setSlide(slideIndex, now);
    this.rehearsing = false;
    this.el.rehearse.checked = false;
    this.paint();
  }
}
