/**
 * The presenter view: two previews of the deck (iframes in embed mode), the speaker notes, the
 * clocks and the schedule, the current slide's activity timer, the rehearsal recorder, and the
 * controls that steer the whole room (jump box, overview, Home/End, black screen and pause),
 * kept in step with the live server over a websocket. The page's skeleton comes from render/render-presenter.ts.
 *
 * Who decides where the presentation is: the server's state. Keys and buttons go to the current
 * preview (preview-frames.ts), whose moves are sent to the server as `navigate`; the server's
 * position is shown unless it is the echo of an older move of this view. This file wires the
 * panels together: each knows its own elements, this one knows where the presentation is.
 */
import type { CountdownAction } from '../countdown.js';
import type { DeckSummary, PresentationState, ServerMessage } from '../../server/protocol.js';
import { ClockPanel } from './clock-panel.js';
import { Connection, socketUrl } from '../connection.js';
import { DeckLoader } from './deck-loader.js';
import { type Indices, type KeyIntent, keyIntent, type NavCommand, NO_FRAGMENT, sameIndices, slideAfter, slideAt, stepInSummary, type SummarySlide, timedActivity } from './deck-nav.js';
import { JumpBox } from './jump-box.js';
import { OverviewGrid } from './overview-grid.js';
import { findElements, type PresenterElements } from './presenter-elements.js';
import { PreviewFrames } from './preview-frames.js';
import { RehearsalPanel } from './rehearsal-panel.js';
import { scheduledSlide } from './schedule-now.js';
import { ScreenPanel } from './screen-panel.js';
import { showConnection, showProblems, showProblemText } from './server-status.js';
import { SlidePanel } from './slide-panel.js';
import { TimerPanel } from './timer-panel.js';

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

const TICK_MS = 250;
/** After sending `navigate`, older positions echoed by the server are not applied. */
const ECHO_WINDOW_MS = 1500;

export class Presenter implements PresenterController {
  private deck: DeckSummary | undefined;
  private state: PresentationState | undefined;
  /** The position shown: the server's, or the one this view just sent. */
  private at: Indices | undefined;
  private navigateSentAt = 0;
  private echoTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly el: PresenterElements;
  private readonly previews: PreviewFrames;
  private readonly slidePanel: SlidePanel;
  private readonly clock: ClockPanel;
  private readonly timerPanel: TimerPanel;
  private readonly rehearsal: RehearsalPanel;
  private readonly screen: ScreenPanel;
  private readonly jumpBox: JumpBox;
  private readonly overview: OverviewGrid;
  private readonly loader: DeckLoader;
  private readonly connection: Connection;

  constructor(
    options: PresenterOptions,
    private readonly doc: Document = document,
  ) {
    this.el = findElements(doc);
    this.previews = new PreviewFrames(this.el.frameCurrent, this.el.frameNext, {
      position: () => this.at,
      navigate: (indices) => this.navigateTo(indices),
    });
    this.slidePanel = new SlidePanel(this.el);
    this.clock = new ClockPanel(options.slug, this.el);
    this.timerPanel = new TimerPanel(this.el, (message) => this.connection.send(message));
    this.rehearsal = new RehearsalPanel(options.rehearse, this.el, doc, {
      deck: () => this.deck,
      slideIndex: () => this.currentSlide()?.index,
      timers: () => this.timerPanel.timers,
      clockRunning: () => this.clock.isRunning,
      send: (message) => this.connection.send(message),
    });
    this.screen = new ScreenPanel(this.el, (message) => this.connection.send(message));
    const steering = {
      slides: () => this.deck?.slides ?? [],
      current: () => this.currentSlide(),
      scheduled: () => this.scheduledSlide(),
      jump: (slide: SummarySlide) => this.jumpTo(slide),
    };
    this.jumpBox = new JumpBox(this.el, steering);
    this.overview = new OverviewGrid(this.el, steering);
    this.loader = new DeckLoader(options.slug, options.token, (summary) => this.onDeck(summary), (error) => this.onDeckError(error));
    this.connection = new Connection({
      url: socketUrl(window.location),
      hello: { type: 'hello', slug: options.slug, role: 'presenter', token: options.token },
      onMessage: (message) => this.onServerMessage(message),
      onStatus: (status, detail) => showConnection(this.el.connection, status, detail),
    });
  }

  run(): void {
    this.bindControls();
    window.addEventListener('message', (event) => this.previews.onMessage(event));
    this.doc.addEventListener('keydown', (event) => this.onKey(event));
    void this.loader.load();
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
    if (this.previews.command(command)) return;
    // The preview is not ready (still loading, or failed): step slide by slide in the summary.
    const target = stepInSummary(this.deck, this.at ?? { h: 0, v: 0, f: NO_FRAGMENT }, command);
    if (!target) return;
    this.navigateTo(target);
    this.previews.showCurrent(target);
  }

  timer(action: CountdownAction): boolean {
    const activity = timedActivity(this.currentSlide());
    if (!activity) return false;
    this.timerPanel.apply(activity, action);
    this.rehearsal.observeTimers(Date.now());
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
        showProblems(this.el.problems, message.diagnostics);
        this.loader.schedule();
        break;
      case 'problems-cleared':
        showProblems(this.el.problems, []);
        this.loader.schedule();
        break;
      case 'slides':
      case 'deck':
        this.loader.schedule();
        break;
      case 'reload':
        this.loader.schedule();
        this.previews.expectReload();
        break;
      case 'rehearsal-saved':
        this.rehearsal.showMessage(`Rehearsal saved: ${message.file}`, Infinity);
        break;
      case 'refused':
        showProblemText(this.el.problems, `The server refused this presenter view: ${message.reason}`);
        break;
      default:
        break;
    }
  }

  private onState(state: PresentationState, serverNow: number, welcome: boolean): void {
    const now = Date.now();
    this.timerPanel.update(state, serverNow, now);
    this.state = state;
    this.screen.update(state.screen);
    this.rehearsal.observeTimers(now);
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
    this.previews.showCurrent(position);
  }

  private onDeck(summary: DeckSummary): void {
    this.deck = summary;
    this.render();
    this.jumpBox.refresh();
  }

  private onDeckError(error: unknown): void {
    if (!this.deck) this.slidePanel.showLoadError(error);
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
    if (isNavigation && !this.clock.isRunning) this.startClock(now);
    const slide = this.currentSlide();
    if (slide) this.rehearsal.setSlide(slide.index, now);
    this.render();
  }

  private currentSlide() {
    return this.at ? slideAt(this.deck, this.at.h, this.at.v) : undefined;
  }

  /** The slide the schedule has on screen now; undefined before the clock starts. */
  private scheduledSlide(): SummarySlide | undefined {
    const elapsed = this.clock.elapsedSeconds(Date.now());
    return elapsed === undefined ? undefined : scheduledSlide(this.deck?.slides ?? [], elapsed)?.slide;
  }

  /** Home, End, the jump box and the overview: straight to a slide, its first fragment not yet shown. */
  private jumpTo(slide: SummarySlide): void {
    if (this.at && this.at.h === slide.h && this.at.v === slide.v) return;
    const target = { h: slide.h, v: slide.v, f: NO_FRAGMENT };
    this.navigateTo(target);
    this.previews.jumpCurrent(target);
  }

  private onKey(event: KeyboardEvent): void {
    // An open dialog (jump box, overview) has the keyboard: its arrows and Enter are its own.
    if (event.defaultPrevented || isTyping(event.target) || this.jumpBox.isOpen || this.overview.isOpen) return;
    const intent = keyIntent(event);
    if (!intent) return;
    if (this.perform(intent)) event.preventDefault();
  }

  /** Does what a key asks; false when it does not apply here (a timer key on a slide without one). */
  private perform(intent: KeyIntent): boolean {
    switch (intent.kind) {
      case 'nav':
        this.command(intent.command);
        return true;
      case 'timer':
        return this.timer(intent.action);
      case 'go': {
        const slides = this.deck?.slides ?? [];
        const slide = intent.to === 'first' ? slides[0] : slides.at(-1);
        if (slide) this.jumpTo(slide);
        return true;
      }
      case 'open':
        if (intent.panel === 'jump') this.jumpBox.open();
        else this.overview.open();
        return true;
      case 'screen':
        this.screen.toggle(intent.mode);
        return true;
    }
  }

  private startClock(now: number): void {
    this.clock.start(now);
    this.rehearsal.clockStarted(now);
    this.tick();
  }

  private resetClock(): void {
    this.clock.reset();
    this.rehearsal.clockReset();
    this.tick();
  }

  // ── painting ────────────────────────────────────────────────────────────────────────────

  private render(): void {
    const slide = this.currentSlide();
    const deck = this.deck;
    if (deck) {
      this.el.title.textContent = deck.title;
      this.doc.title = `Presenter · ${deck.title}`;
    }
    this.slidePanel.paint(deck, slide, this.at);
    // The deck may have changed under the same position: record time on the slide now there.
    if (slide) this.rehearsal.setSlide(slide.index, Date.now());
    this.updateNextFrame();
    this.paintTimer();
    this.overview.refresh();
    this.tick();
  }

  private updateNextFrame(): void {
    const at = this.at;
    const next = at ? slideAfter(this.deck, at.h, at.v) : undefined;
    this.el.end.hidden = !(at && this.deck && !next);
    // The next slide as it will look on arrival: no fragment shown yet.
    this.previews.showNext(next ? { h: next.h, v: next.v, f: NO_FRAGMENT } : undefined);
  }

  private tick(): void {
    this.clock.paint(Date.now(), this.currentSlide(), this.deck?.slides);
    this.paintTimer();
    this.rehearsal.paint();
  }

  private paintTimer(): void {
    this.timerPanel.paint(timedActivity(this.currentSlide()));
  }

  private bindControls(): void {
    // Buttons and switches clicked with the mouse give the focus back at once, so Space and the
    // arrows keep navigating; pressed from the keyboard (detail 0) they keep it, or a keyboard user
    // would start again from the top. Inside a dialog the focus stays where the dialog put it.
    this.doc.addEventListener('click', (event) => {
      const control = (event.target as Element | null)?.closest?.('button, input, label');
      if (control instanceof HTMLElement && !control.closest('dialog') && event.detail > 0) control.blur();
    });
    this.doc.addEventListener('change', (event) => {
      if (event.target instanceof HTMLElement && !event.target.closest('dialog')) event.target.blur();
    });
    this.el.prev.addEventListener('click', () => this.command('prev'));
    this.el.next.addEventListener('click', () => this.command('next'));
    this.clock.bind((now) => this.startClock(now), () => this.resetClock());
    this.timerPanel.bind((action) => this.timer(action));
    this.rehearsal.bind();
    this.screen.bind();
    this.jumpBox.bind();
    this.overview.bind();
    // A closed dialog gives the focus back to the button that opened it: let it go, so Space
    // moves the slides rather than pressing that button again.
    for (const dialog of [this.el.jump, this.el.overview]) {
      dialog.addEventListener('close', () => {
        const focused = this.doc.activeElement;
        if (focused instanceof HTMLElement && focused !== this.doc.body) focused.blur();
      });
    }
  }
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || /^(textarea|select)$/i.test(target.tagName)) return true;
  return target instanceof HTMLInputElement && !/^(checkbox|radio|button|submit|reset|range)$/i.test(target.type);
}
