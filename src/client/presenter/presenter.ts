/**
 * The presenter view: two previews of the deck (iframes in embed mode), the speaker notes, the
 * clocks, the current slide's activity timer and the rehearsal recorder, kept in step with the
 * live server over a websocket. The page's skeleton comes from render/render-presenter.ts.
 *
 * Who decides where the presentation is: the server's state. Keys and buttons send a
 * `lectern:command` to the current preview (so fragments step like in the deck); the preview
 * reports its new indices, which are sent to the server as `navigate`. A report that follows no
 * command (the preview loaded or reloaded) is answered with `lectern:go` to the known position.
 */
import { Countdown, type CountdownAction, type CountdownRecord, formatRemaining } from '../countdown.js';
import type { DeckSummary, OverlayDiagnostic, PresentationState, ServerMessage } from '../../server/protocol.js';
import { Connection, type ConnectionStatus, socketUrl } from './connection.js';
import { type Indices, keyIntent, type NavCommand, NO_FRAGMENT, sameIndices, slideAfter, slideAt, stepInSummary, timedActivity } from './deck-nav.js';
import { formatClock, formatDuration, formatWallClock, pacing } from './pacing.js';
import { RehearsalLog } from './rehearsal-log.js';

export interface PresenterOptions {
  slug: string;
  token: string;
  rehearse: boolean;
}

export interface PresenterController {
  /** Navigates like the keyboard. */
  command(command: NavCommand): void;
  /** Drives the current slide's activity timer; false when the slide has none. */
  timer(action: CountdownAction): boolean;
  /** The deck summary, once loaded. */
  summary(): DeckSummary | undefined;
  /** Where the presentation is, as far as this view knows. */
  position(): Indices | undefined;
}

type Embed = 'current' | 'next';

interface Frame {
  embed: Embed;
  element: HTMLIFrameElement;
  /** The last indices the preview reported; undefined until it is ready. */
  reported: Indices | undefined;
  lastGo: { indices: Indices; at: number } | undefined;
  /** Reload the preview at this time unless it reports first (after a `reload` message). */
  reloadTimer: ReturnType<typeof setTimeout> | undefined;
}

const TICK_MS = 250;
/** How long after a command a preview's report counts as the command's result. */
const COMMAND_WINDOW_MS = 3000;
/** Follow-up reports of the same command (a slide change and its fragments) come quickly. */
const FOLLOW_UP_MS = 600;
/** After sending `navigate`, older positions echoed by the server are not applied. */
const ECHO_WINDOW_MS = 1500;
/** A preview that has not reported this long after a `reload` message is reloaded here. */
const RELOAD_FALLBACK_MS = 4000;
const REFETCH_DELAY_MS = 150;

const TIMER_STATUS: Record<string, string> = { idle: 'Ready', running: 'Running', paused: 'Paused', done: "Time's up!" };
const TIMER_TOGGLE: Record<string, string> = { idle: 'Start', running: 'Pause', paused: 'Resume', done: 'Stop' };

export class Presenter implements PresenterController {
  private deck: DeckSummary | undefined;
  private state: PresentationState | undefined;
  /** The position shown: the server's, or the one this view just sent. */
  private at: Indices | undefined;
  /** Server clock minus local clock, measured at each state message. */
  private offsetMs = 0;
  private timers: Record<string, CountdownRecord> = {};
  private readonly frames: Record<Embed, Frame>;
  private nextWanted: Indices | undefined;
  private lastCommandAt = -Infinity;
  private followUpUntil = -Infinity;
  private navigateSentAt = 0;
  private echoTimer: ReturnType<typeof setTimeout> | undefined;
  private clockStart: number | undefined;
  private rehearsing: boolean;
  private log = new RehearsalLog();
  private refetchTimer: ReturnType<typeof setTimeout> | undefined;
  private deckRequest = 0;
  private shownSlide: number | undefined;
  private shownNotes: string | undefined;
  /** A message about the last rehearsal (saved, not sent…), shown until `until` or a new recording. */
  private rehearsalMessage: { text: string; until: number } | undefined;
  private readonly connection: Connection;
  private readonly el: ReturnType<typeof findElements>;

  constructor(
    private readonly options: PresenterOptions,
    private readonly doc: Document = document,
  ) {
    this.el = findElements(doc);
    this.frames = {
      current: { embed: 'current', element: this.el.frameCurrent, reported: undefined, lastGo: undefined, reloadTimer: undefined },
      next: { embed: 'next', element: this.el.frameNext, reported: undefined, lastGo: undefined, reloadTimer: undefined },
    };
    this.rehearsing = options.rehearse;
    this.el.rehearse.checked = options.rehearse;
    this.clockStart = this.loadClock();
    if (!this.rehearsing) this.log.pause(Date.now());
    else if (this.clockStart !== undefined) this.log.begin(undefined, Date.now());
    this.connection = new Connection({
      url: socketUrl(window.location),
      hello: { type: 'hello', slug: options.slug, role: 'presenter', token: options.token },
      onMessage: (message) => this.onServerMessage(message),
      onStatus: (status, detail) => this.showConnection(status, detail),
    });
  }

  run(): void {
    this.bindControls();
    window.addEventListener('message', (event) => this.onFrameMessage(event));
    this.doc.addEventListener('keydown', (event) => this.onKey(event));
    void this.fetchDeck();
    this.connection.open();
    this.tick();
    setInterval(() => this.tick(), TICK_MS);
  }

  // ── the controller ──────────────────────────────────────────────────────────────────────

  summary(): DeckSummary | undefined {
    return this.deck;
  }

  position(): Indices | undefined {
    return this.at ? { ...this.at } : undefined;
  }

  command(command: NavCommand): void {
    const frame = this.frames.current;
    if (frame.reported !== undefined && frame.element.contentWindow) {
      this.lastCommandAt = Date.now();
      this.post(frame, { type: 'lectern:command', command });
      return;
    }
    // The preview is not ready (still loading, or failed): step slide by slide in the summary.
    const target = stepInSummary(this.deck, this.at ?? { h: 0, v: 0, f: NO_FRAGMENT }, command);
    if (!target) return;
    this.navigateTo(target);
    this.go(frame, target);
  }

  timer(action: CountdownAction): boolean {
    const activity = timedActivity(this.currentSlide());
    if (!activity) return false;
    const countdown = this.countdownFor(activity.id, activity.seconds);
    countdown.apply(action);
    this.timers = { ...this.timers, [activity.id]: countdown.toJSON() };
    this.connection.send({ type: 'timer', id: activity.id, action });
    this.observeTimers(Date.now());
    this.paintTimer();
    return true;
  }

  // ── the server ──────────────────────────────────────────────────────────────────────────

  private onServerMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
      case 'state':
        this.onState(message.state, message.serverNow, message.type === 'welcome');
        break;
      case 'problems':
        this.showProblems(message.diagnostics);
        this.scheduleRefetch();
        break;
      case 'problems-cleared':
        this.showProblems([]);
        this.scheduleRefetch();
        break;
      case 'slides':
      case 'deck':
        this.scheduleRefetch();
        break;
      case 'reload':
        this.scheduleRefetch();
        this.expectReload(this.frames.current);
        this.expectReload(this.frames.next);
        break;
      case 'rehearsal-saved':
        this.setRehearsalMessage(`Rehearsal saved: ${message.file}`, Infinity);
        break;
      case 'refused':
        this.showProblemText(`The server refused this presenter view: ${message.reason}`);
        break;
      default:
        break;
    }
  }

  private onState(state: PresentationState, serverNow: number, welcome: boolean): void {
    const now = Date.now();
    if (Number.isFinite(serverNow)) this.offsetMs = serverNow - now;
    this.state = state;
    this.timers = { ...state.timers };
    this.el.timersVisible.checked = state.timersVisible;
    this.observeTimers(now);
    this.applyServerPosition(welcome);
    this.paintTimer();
  }

  /** Moves to the server's position, unless it is an echo older than what this view just sent. */
  private applyServerPosition(force: boolean): void {
    const state = this.state;
    if (!state) return;
    const position = { h: state.h, v: state.v, f: state.f };
    if (sameIndices(position, this.at)) return;
    const sinceSent = Date.now() - this.navigateSentAt;
    if (!force && sinceSent < ECHO_WINDOW_MS) {
      clearTimeout(this.echoTimer);
      this.echoTimer = setTimeout(() => this.applyServerPosition(false), ECHO_WINDOW_MS - sinceSent + 50);
      return;
    }
    const first = this.at === undefined;
    this.setPosition(position, !first);
    this.go(this.frames.current, position);
  }

  private scheduleRefetch(): void {
    clearTimeout(this.refetchTimer);
    this.refetchTimer = setTimeout(() => void this.fetchDeck(), REFETCH_DELAY_MS);
  }

  private async fetchDeck(): Promise<void> {
    const request = ++this.deckRequest;
    const url = `/${encodeURIComponent(this.options.slug)}/lectern-deck.json?token=${encodeURIComponent(this.options.token)}`;
    try {
      const response = await fetch(url, { cache: 'no-store' });
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const summary = (await response.json()) as DeckSummary;
      if (request !== this.deckRequest) return;
      this.deck = summary;
      this.render();
    } catch (error) {
      if (request !== this.deckRequest) return;
      if (!this.deck) this.el.notes.innerHTML = `<p class="lp-muted">Could not load the deck (${escapeText(String((error as Error).message ?? error))}); retrying…</p>`;
      this.refetchTimer = setTimeout(() => void this.fetchDeck(), 3000);
    }
  }

  // ── the previews ────────────────────────────────────────────────────────────────────────

  private onFrameMessage(event: MessageEvent): void {
    if (event.origin !== window.location.origin) return;
    const data = event.data as { type?: unknown; h?: unknown; v?: unknown; f?: unknown; embed?: unknown } | null;
    if (!data || data.type !== 'lectern:indices') return;
    const h = Number(data.h);
    const v = Number(data.v);
    const f = Number(data.f ?? NO_FRAGMENT);
    if (!Number.isFinite(h) || !Number.isFinite(v)) return;
    const indices = { h, v, f: Number.isFinite(f) ? f : NO_FRAGMENT };
    const frame =
      event.source === this.frames.current.element.contentWindow
        ? this.frames.current
        : event.source === this.frames.next.element.contentWindow
          ? this.frames.next
          : data.embed === 'current' || data.embed === 'next'
            ? this.frames[data.embed]
            : undefined;
    if (!frame) return;
    const firstReport = frame.reported === undefined;
    frame.reported = indices;
    clearTimeout(frame.reloadTimer);
    frame.reloadTimer = undefined;
    if (frame.embed === 'next') {
      if (this.nextWanted && !sameIndices(indices, this.nextWanted)) this.go(frame, this.nextWanted, !firstReport);
      return;
    }
    if (this.at === undefined) return; // The welcome will say where to go.
    if (sameIndices(indices, this.at)) return;
    const now = Date.now();
    if (now - this.lastCommandAt < COMMAND_WINDOW_MS || now < this.followUpUntil) {
      this.lastCommandAt = -Infinity;
      this.followUpUntil = now + FOLLOW_UP_MS;
      this.navigateTo(indices);
    } else {
      // Not the result of a command: the preview (re)loaded. Show it where the presentation is.
      this.go(frame, this.at, !firstReport);
    }
  }

  private go(frame: Frame, indices: Indices, rateLimited = false): void {
    const now = Date.now();
    if (rateLimited && frame.lastGo && sameIndices(frame.lastGo.indices, indices) && now - frame.lastGo.at < 1000) return;
    frame.lastGo = { indices: { ...indices }, at: now };
    this.post(frame, { type: 'lectern:go', h: indices.h, v: indices.v, f: indices.f });
  }

  private post(frame: Frame, message: object): void {
    try {
      frame.element.contentWindow?.postMessage(message, window.location.origin);
    } catch {
      // The preview is gone or navigated elsewhere: nothing to tell it.
    }
  }

  /** After `reload`, the deck pages reload themselves; a preview that does not is reloaded here. */
  private expectReload(frame: Frame): void {
    clearTimeout(frame.reloadTimer);
    frame.reloadTimer = setTimeout(() => {
      frame.reloadTimer = undefined;
      frame.reported = undefined;
      const src = frame.element.src;
      frame.element.src = src;
    }, RELOAD_FALLBACK_MS);
  }

  private updateNextFrame(): void {
    const at = this.at;
    const next = at ? slideAfter(this.deck, at.h, at.v) : undefined;
    this.el.end.hidden = !(at && this.deck && !next);
    // The next slide as it will look on arrival: no fragment shown yet.
    const wanted = next ? { h: next.h, v: next.v, f: NO_FRAGMENT } : undefined;
    if (wanted && !sameIndices(wanted, this.nextWanted)) this.go(this.frames.next, wanted);
    this.nextWanted = wanted;
  }

  // ── navigation ──────────────────────────────────────────────────────────────────────────

  /** This view moved (a preview's report or the summary fallback): tell the server. */
  private navigateTo(indices: Indices): void {
    if (sameIndices(indices, this.at)) return;
    this.setPosition(indices, true);
    this.navigateSentAt = Date.now();
    this.connection.send({ type: 'navigate', h: indices.h, v: indices.v, f: indices.f });
  }

  private setPosition(indices: Indices, isNavigation: boolean): void {
    this.at = { ...indices };
    const now = Date.now();
    if (isNavigation && this.clockStart === undefined) this.startClock(now);
    const slide = this.currentSlide();
    if (slide) this.log.setSlide(slide.index, now);
    this.render();
  }

  private currentSlide() {
    return this.at ? slideAt(this.deck, this.at.h, this.at.v) : undefined;
  }

  private onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || isTyping(event.target)) return;
    const intent = keyIntent(event);
    if (!intent) return;
    if (intent.kind === 'nav') {
      event.preventDefault();
      this.command(intent.command);
    } else if (this.timer(intent.action)) {
      event.preventDefault();
    }
  }

  // ── the clock and the rehearsal ─────────────────────────────────────────────────────────

  private startClock(now: number): void {
    this.clockStart = now;
    this.saveClock();
    if (this.rehearsing) {
      this.log.begin(this.currentSlide()?.index, now);
      this.paintRehearsal();
    }
    this.tick();
  }

  private resetClock(): void {
    this.clockStart = undefined;
    this.saveClock();
    this.log = new RehearsalLog();
    this.observeTimers(Date.now());
    const slide = this.currentSlide();
    if (slide) this.log.setSlide(slide.index, Date.now());
    if (!this.rehearsing) this.log.pause(Date.now());
    this.rehearsalMessage = undefined;
    this.tick();
  }

  private setRehearsing(on: boolean): void {
    const now = Date.now();
    this.rehearsing = on;
    this.el.rehearse.checked = on;
    if (on) {
      this.log.resume(now);
      if (this.clockStart !== undefined && !this.log.isStarted) {
        const slide = this.currentSlide();
        this.log.begin(slide?.index, now);
      }
    } else {
      this.log.pause(now);
    }
    this.paintRehearsal();
  }

  private finishRehearsal(): void {
    const now = Date.now();
    if (!this.deck) {
      this.setRehearsalMessage('The deck is not loaded yet.');
      return;
    }
    if (!this.log.isStarted) {
      this.setRehearsalMessage('Nothing recorded yet: start the clock with Rehearse on.');
      return;
    }
    const recording = this.log.toRecording(this.deck, now);
    if (!this.connection.send({ type: 'rehearsal', recording })) {
      this.setRehearsalMessage('Not connected: the rehearsal was not sent. Try again when connected.');
      return;
    }
    this.setRehearsalMessage('Saving the rehearsal…', Infinity);
    // A new rehearsal starts when the switch is turned on again.
    this.log = new RehearsalLog();
    this.log.pause(now);
    this.observeTimers(now);
    const slide = this.currentSlide();
    if (slide) this.log.setSlide(slide.index, now);
    this.rehearsing = false;
    this.el.rehearse.checked = false;
    this.paintRehearsal();
  }

  /** Tells the rehearsal log which activity timers run now. */
  private observeTimers(now: number): void {
    for (const [id, record] of Object.entries(this.timers)) this.log.setTimerRunning(id, record.startedAt !== null, now);
  }

  // ── painting ────────────────────────────────────────────────────────────────────────────

  private render(): void {
    const slide = this.currentSlide();
    const deck = this.deck;
    if (deck) {
      this.el.title.textContent = deck.title;
      this.doc.title = `Presenter · ${deck.title}`;
    }
    if (slide) {
      this.el.position.textContent = `${slide.index + 1} / ${deck?.slides.length ?? '?'}`;
      this.el.slideTitle.textContent = slide.title;
      this.el.planned.textContent = formatDuration(slide.plannedSeconds);
      this.el.plannedStart.textContent = formatClock(slide.startSeconds);
      if (this.shownSlide !== slide.index || this.shownNotes !== slide.notesHtml) {
        this.el.notes.innerHTML = slide.notesHtml.trim() ? slide.notesHtml : '<p class="lp-muted">No notes for this slide.</p>';
        if (this.shownSlide !== slide.index) this.el.notes.scrollTop = 0;
        this.shownSlide = slide.index;
        this.shownNotes = slide.notesHtml;
      }
    } else if (deck && this.at) {
      this.el.position.textContent = `${this.at.h}.${this.at.v}`;
      this.el.slideTitle.textContent = '';
      this.el.planned.textContent = '–';
      this.el.plannedStart.textContent = '–';
    }
    // The deck may have changed under the same position: record time on the slide now there.
    if (slide) this.log.setSlide(slide.index, Date.now());
    this.updateNextFrame();
    this.paintTimer();
    this.tick();
  }

  private tick(): void {
    const now = Date.now();
    this.el.wall.textContent = formatWallClock(new Date(now));
    const started = this.clockStart !== undefined;
    const elapsed = started ? (now - (this.clockStart ?? now)) / 1000 : 0;
    setText(this.el.elapsed, formatClock(elapsed));
    this.el.elapsedStart.hidden = started;
    const slide = this.currentSlide();
    if (!started) {
      setText(this.el.pace, 'not started');
      this.el.pace.dataset.state = 'idle';
    } else if (slide) {
      const pace = pacing(elapsed, slide.startSeconds, slide.plannedSeconds);
      setText(this.el.pace, pace.text);
      this.el.pace.dataset.state = pace.state;
    }
    this.paintTimer();
    this.paintRehearsal();
  }

  private countdownFor(id: string, seconds: number): Countdown {
    const record = this.timers[id];
    const serverClock = () => Date.now() + this.offsetMs;
    return new Countdown(record ? record.plannedMs / 1000 : seconds, serverClock, record);
  }

  private paintTimer(): void {
    const activity = timedActivity(this.currentSlide());
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

  private setRehearsalMessage(text: string, forMs = 6000): void {
    this.rehearsalMessage = { text, until: Date.now() + forMs };
    this.paintRehearsal();
  }

  private paintRehearsal(): void {
    const now = Date.now();
    this.el.rehearseFinish.disabled = !this.log.isStarted;
    this.doc.body.dataset.rehearsing = String(this.rehearsing);
    const message = this.rehearsalMessage;
    let text = '';
    if (message && now < message.until && !(this.log.isStarted && message.until === Infinity)) text = message.text;
    else if (this.log.isStarted) text = `${this.rehearsing ? 'Recording' : 'Paused'} · ${formatClock(this.log.totals(now).totalMs / 1000)}`;
    else if (this.rehearsing) text = 'Recording starts with the clock';
    setText(this.el.rehearseStatus, text);
  }

  private showConnection(status: ConnectionStatus, detail?: string): void {
    const labels: Record<ConnectionStatus, string> = {
      connecting: 'connecting…',
      connected: 'connected',
      reconnecting: 'reconnecting…',
      refused: 'refused',
    };
    this.el.connection.textContent = labels[status];
    this.el.connection.dataset.state = status;
    if (detail) this.el.connection.title = detail;
  }

  private showProblems(diagnostics: OverlayDiagnostic[]): void {
    const box = this.el.problems;
    if (diagnostics.length === 0) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const list = this.doc.createElement('ul');
    for (const d of diagnostics) {
      const item = this.doc.createElement('li');
      item.className = `lp-problem lp-problem--${d.severity}`;
      item.textContent = `${d.file}:${d.line}:${d.column} ${d.message}`;
      list.append(item);
    }
    box.replaceChildren(list);
    box.hidden = false;
  }

  private showProblemText(text: string): void {
    const item = this.doc.createElement('p');
    item.className = 'lp-problem lp-problem--error';
    item.textContent = text;
    this.el.problems.replaceChildren(item);
    this.el.problems.hidden = false;
  }

  // ── controls ────────────────────────────────────────────────────────────────────────────

  private bindControls(): void {
    const el = this.el;
    // Buttons and switches give the focus back at once, so Space and the arrows keep navigating.
    this.doc.addEventListener('click', (event) => {
      const control = (event.target as Element | null)?.closest?.('button, input, label');
      if (control instanceof HTMLElement) control.blur();
    });
    this.doc.addEventListener('change', (event) => {
      if (event.target instanceof HTMLElement) event.target.blur();
    });
    el.prev.addEventListener('click', () => this.command('prev'));
    el.next.addEventListener('click', () => this.command('next'));
    el.elapsedStart.addEventListener('click', () => {
      if (this.clockStart === undefined) this.startClock(Date.now());
    });
    el.elapsedReset.addEventListener('click', () => this.resetClock());
    el.timer.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-action]');
      if (button) this.timer(button.dataset.action as CountdownAction);
    });
    el.timersVisible.addEventListener('change', () => {
      this.connection.send({ type: 'timers-visible', visible: el.timersVisible.checked });
    });
    el.rehearse.addEventListener('change', () => this.setRehearsing(el.rehearse.checked));
    el.rehearseFinish.addEventListener('click', () => this.finishRehearsal());
  }

  private clockKey(): string {
    return `lectern:presenter:${this.options.slug}:clock`;
  }

  private loadClock(): number | undefined {
    try {
      const value = Number(window.sessionStorage.getItem(this.clockKey()));
      return Number.isFinite(value) && value > 0 ? value : undefined;
    } catch {
      return undefined;
    }
  }

  private saveClock(): void {
    try {
      if (this.clockStart === undefined) window.sessionStorage.removeItem(this.clockKey());
      else window.sessionStorage.setItem(this.clockKey(), String(this.clockStart));
    } catch {
      // No storage (private mode): the clock lasts as long as the page.
    }
  }
}

function findElements(doc: Document) {
  const get = <T extends HTMLElement = HTMLElement>(id: string): T => {
    const element = doc.getElementById(id);
    if (!element) throw new Error(`lectern presenter: #${id} is missing from the page`);
    return element as T;
  };
  return {
    title: get('lp-title'),
    wall: get('lp-wall'),
    elapsed: get('lp-elapsed'),
    elapsedStart: get<HTMLButtonElement>('lp-elapsed-start'),
    elapsedReset: get<HTMLButtonElement>('lp-elapsed-reset'),
    pace: get('lp-pace'),
    rehearse: get<HTMLInputElement>('lp-rehearse'),
    rehearseFinish: get<HTMLButtonElement>('lp-rehearse-finish'),
    rehearseStatus: get('lp-rehearse-status'),
    connection: get('lp-connection'),
    problems: get('lp-problems'),
    frameCurrent: get<HTMLIFrameElement>('lp-frame-current'),
    frameNext: get<HTMLIFrameElement>('lp-frame-next'),
    end: get('lp-end'),
    position: get('lp-position'),
    slideTitle: get('lp-slide-title'),
    planned: get('lp-planned'),
    plannedStart: get('lp-planned-start'),
    timer: get('lp-timer'),
    timerTitle: get('lp-timer-title'),
    timerDisplay: get('lp-timer-display'),
    timerStatus: get('lp-timer-status'),
    timerToggle: get<HTMLButtonElement>('lp-timer-toggle'),
    timersVisible: get<HTMLInputElement>('lp-timers-visible'),
    notes: get('lp-notes'),
    prev: get<HTMLButtonElement>('lp-prev'),
    next: get<HTMLButtonElement>('lp-next'),
  };
}

function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || /^(textarea|select)$/i.test(target.tagName)) return true;
  return target instanceof HTMLInputElement && !/^(checkbox|radio|button|submit|reset|range)$/i.test(target.type);
}
