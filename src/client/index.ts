/**
 * lectern's code in the page, bundled as the classic script `assets/lectern.js` (global
 * `LecternClient`) so a deck opened from file:// runs it. The page calls `start` once
 * reveal.js is ready.
 */
import { ActivityTimers } from './activity-timers.js';
import type { CountdownAction } from './countdown.js';
import { drawDiagramsInPage } from './in-page-diagrams.js';
import { type LiveReveal, startLive } from './live.js';
import { isPrintView, preparePrintView, whenPrintReady } from './print-view.js';
import { followReducedMotion, honourReducedMotion } from './reduced-motion.js';

/** Chosen by the deck before the reader's preferences change them (reduced motion). */
let deckSettings: Record<string, unknown> = {};

/** Before Reveal.initialize: the print view's settings, and no motion for those who asked for none. */
export function prepare(config: Record<string, unknown>): void {
  deckSettings = { transition: config.transition, backgroundTransition: config.backgroundTransition, autoAnimate: config.autoAnimate };
  preparePrintView(config);
  honourReducedMotion(config);
}

/** The part of reveal.js's API the client uses. */
export interface RevealApi {
  getCurrentSlide(): HTMLElement | undefined;
  getRevealElement(): HTMLElement | null;
  isOverlayOpen?(): boolean;
  configure?(options: Record<string, unknown>): void;
  addKeyBinding(binding: { keyCode: number; key: string; description: string }, callback: (event: KeyboardEvent) => void): void;
  on(type: string, listener: () => void): void;
}

export interface StartOptions {
  deckId: string;
  /** Present when the build could not draw the diagrams: the page draws them. */
  mermaid?: object;
  /** Served by `lectern serve`: connect to it for live updates and the presenter's moves. */
  live?: boolean;
}

export interface LecternController {
  timers: ActivityTimers;
  /** Drives the activity timer on the current slide; false when that slide has none. */
  controlCurrent(action: CountdownAction): boolean;
}

const KEYS: { keyCode: number; key: string; action: CountdownAction; description: string }[] = [
  { keyCode: 84, key: 'T', action: 'toggle', description: 'Start or pause the activity timer' },
  { keyCode: 82, key: 'R', action: 'reset', description: 'Reset the activity timer' },
  { keyCode: 187, key: '+', action: 'plus', description: 'Activity timer: one minute more' },
  { keyCode: 107, key: '+', action: 'plus', description: 'Activity timer: one minute more' },
  { keyCode: 189, key: '−', action: 'minus', description: 'Activity timer: one minute less' },
  { keyCode: 109, key: '−', action: 'minus', description: 'Activity timer: one minute less' },
];

let controller: LecternController | undefined;

export function start(reveal: RevealApi, options: StartOptions): LecternController {
  if (controller) return controller;
  const timers = new ActivityTimers(options.deckId);
  timers.bind(reveal.getRevealElement() ?? document);
  const controlCurrent = (action: CountdownAction) => {
    const id = timers.timerIn(reveal.getCurrentSlide());
    return id !== undefined && timers.control(id, action);
  };
  for (const { keyCode, key, action, description } of KEYS) {
    reveal.addKeyBinding({ keyCode, key, description }, () => controlCurrent(action));
  }
  // reveal.js ignores keys pressed with Shift, and "+" needs Shift on most keyboards.
  document.addEventListener('keydown', (event) => {
    if (event.key !== '+' || !event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(document.activeElement) || reveal.isOverlayOpen?.()) return;
    if (controlCurrent('plus')) event.preventDefault();
  });
  controller = { timers, controlCurrent };
  const diagramsDrawn = options.mermaid ? drawDiagramsInPage(options.mermaid) : Promise.resolve();
  // Ready means everything on the slides is final: tests, the PDF export and the layout check wait for it.
  void diagramsDrawn.finally(() => {
    document.documentElement.dataset.lecternReady = 'true';
  });
  if (!isPrintView()) followReducedMotion(reveal, deckSettings);
  if (isPrintView()) whenPrintReady(reveal);
  else if (options.live) startLive(reveal as unknown as LiveReveal, timers, options.deckId);
  return controller;
}

function isTyping(element: Element | null): boolean {
  return element instanceof HTMLElement && (element.isContentEditable || /^(input|textarea|select)$/i.test(element.tagName));
}
