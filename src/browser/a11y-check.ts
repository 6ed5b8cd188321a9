import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { accessibilityDiagnostics } from './a11y-report.js';
import { type AxeFinding, runAxe } from './axe-run.js';
import type { ManagedBrowser } from './launch-browser.js';
import { openPage, openPrintView } from './open-page.js';

const READY_TIMEOUT_MS = 60_000;

export interface DeckAudit {
  diagnostics: Diagnostic[];
  slides: number;
}

export interface DeckAuditOptions {
  /**
   * Also check the deck as it is presented: lectern's and reveal.js's parts of the page (slide
   * number, arrows, the activity timer in each of its states) over each kind of slide background.
   * Without it only the print view is checked: every slide at once, as the PDF shows it.
   */
  live: boolean;
}

/**
 * Runs axe on a built deck. The print view lays every slide out at once on its own background,
 * fragments shown: one run checks all the author's content, its contrast as rendered included.
 * The live view then checks what only it shows, once per distinct slide look.
 */
export async function auditDeck(browser: ManagedBrowser, indexHtml: string, deckFile: string, options: DeckAuditOptions): Promise<DeckAudit> {
  const url = pathToFileURL(indexHtml).href;
  const findings: AxeFinding[] = [];
  let slides: number;
  const page = await openPrintView(browser.browser, indexHtml, { timeoutMs: READY_TIMEOUT_MS });
  try {
    slides = await page.evaluate(() => document.querySelectorAll('.reveal .slides section[data-lectern-slide]').length);
    findings.push(...(await runAxe(page)));
    if (options.live) findings.push(...(await auditLiveView(page, url)));
  } finally {
    await page.close().catch(() => undefined);
  }
  return { diagnostics: accessibilityDiagnostics(findings, deckFile), slides };
}

interface RevealNavigation {
  configure(options: Record<string, unknown>): void;
  getSlides(): HTMLElement[];
  getIndices(slide: HTMLElement): { h: number; v?: number };
  slide(h: number, v?: number): void;
  isReady(): boolean;
}

/** Timer looks to check: the states the activity timer's CSS colours differently. */
const TIMER_LOOKS: readonly { state: string; warning: boolean }[] = [
  { state: 'idle', warning: false },
  { state: 'running', warning: false },
  { state: 'paused', warning: false },
  { state: 'running', warning: true },
  { state: 'done', warning: false },
];

async function auditLiveView(page: Page, url: string): Promise<AxeFinding[]> {
  await page.setViewport({ width: 1280, height: 720 });
  await page.goto(url, { waitUntil: 'load', timeout: READY_TIMEOUT_MS });
  await page.waitForFunction(
    () => document.documentElement.dataset.lecternReady === 'true' && (window as unknown as { Reveal?: RevealNavigation }).Reveal?.isReady() === true,
    { timeout: READY_TIMEOUT_MS },
  );
  const visits = await page.evaluate(slidesToVisit);
  const findings: AxeFinding[] = [];
  for (const visit of visits) {
    await page.evaluate((h: number, v: number) => (window as unknown as { Reveal: RevealNavigation }).Reveal.slide(h, v), visit.h, visit.v);
    // The slide itself was checked in the print view; here only what surrounds it, and the page as a whole.
    const found = await runAxe(page);
    findings.push(...found.filter((f) => f.chrome !== null || f.slideLine === null).map((f) => (f.chrome ? { ...f, slideLine: f.slideLine ?? visit.line } : f)));
    if (visit.timer) {
      for (const look of TIMER_LOOKS) {
        await page.evaluate(showTimerLook, look.state, look.warning);
        const timer = await runAxe(page, { include: ['.reveal .slides section.present .lectern-timer'], rules: ['color-contrast'] });
        findings.push(...timer.map((f) => ({ ...f, chrome: `activity timer (${look.warning ? 'last minute' : look.state})`, slideLine: f.slideLine ?? visit.line })));
      }
      await page.evaluate(showTimerLook, 'idle', false);
    }
  }
  return findings;
}

/**
 * Runs in the page: one slide for each distinct look (its background, class and state, which
 * colour the slide number and arrows drawn over it), and the first slide with an activity timer.
 */
function slidesToVisit(): { h: number; v: number; line: number; timer: boolean }[] {
  const reveal = (window as unknown as { Reveal: RevealNavigation }).Reveal;
  reveal.configure({ transition: 'none', backgroundTransition: 'none' });
  const looks = new Set<string>();
  let timerSeen = false;
  const visits: { h: number; v: number; line: number; timer: boolean }[] = [];
  for (const slide of reveal.getSlides()) {
    const look = ['class', 'data-state', 'data-background', 'data-background-color', 'data-background-image', 'data-background-gradient', 'style']
      .map((name) => slide.getAttribute(name) ?? '').join('\0');
    const timer: boolean = !timerSeen && slide.querySelector('.lectern-timer') !== null;
    if (looks.has(look) && !timer) continue;
    looks.add(look);
    timerSeen ||= timer;
    const { h, v } = reveal.getIndices(slide);
    visits.push({ h, v: v ?? 0, line: Number(slide.dataset.lecternLine) || 1, timer });
  }
  return visits;
}

/** Runs in the page: gives the current slide's timer a state, as the running timer would. */
function showTimerLook(state: string, warning: boolean): void {
  const timer = document.querySelector<HTMLElement>('.reveal .slides section.present .lectern-timer');
  if (!timer) return;
  timer.dataset.state = state;
  if (warning) timer.dataset.warning = 'true';
  else delete timer.dataset.warning;
  // The time's-up pulse scales the box: measure it at rest.
  timer.style.animation = 'none';
}

/** Runs axe on any page lectern makes (the course index, the presenter view); findings at line 1 of `file`. */
export async function auditPage(browser: ManagedBrowser, url: string, file: string, prepare?: (page: Page) => Promise<void>): Promise<Diagnostic[]> {
  const page = await openPage(browser.browser);
  try {
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url, { waitUntil: 'load', timeout: READY_TIMEOUT_MS });
    await prepare?.(page);
    return accessibilityDiagnostics(await runAxe(page), file);
  } finally {
    await page.close().catch(() => undefined);
  }
}
