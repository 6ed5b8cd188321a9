import { openPrintView } from '../../browser/open-page.js';
import type { Browser, Page } from 'puppeteer-core';
import type { Deck } from '../../model/deck.js';
import { assemblePdf, type FinishedPdf, type OutlineItem, type PdfMetadata } from './pdf-document.js';

export interface PrintSlidesOptions {
  /** Windows that may print at once (one per core); each prints a range of horizontal slides. */
  tabs: number;
  metadata: PdfMetadata;
  /** Called as pages are done: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Work on the laid-out print view once it has printed (the accessibility check), so it needs no
   * layout of its own; it goes on while the caller prints the next PDF, and the window closes when
   * it ends. Only when the deck prints in one window.
   */
  inspect?: (page: Page) => Promise<void>;
}

export interface PrintedSlides {
  pdf: FinishedPdf;
  /** The `inspect` work, when it was given the page: settled when it is done (it never rejects). */
  inspection?: Promise<void>;
}

/** How long a tab may take to lay out and print its slides (big decks, slow machines). */
const PRINT_TIMEOUT_MS = 300_000;

/**
 * Prints a built deck through reveal.js's print view: one page per slide at the deck's size,
 * fragments shown, backgrounds and highlighting kept, text selectable, tagged. Long decks print in
 * several windows at once (Chromium lays out and prints a page on one core), then the parts are joined.
 */
export async function printSlides(browser: Browser, indexHtml: string, deck: Deck, options: PrintSlidesOptions): Promise<PrintedSlides> {
  const stacks = Math.max(...deck.slides.map((s) => s.h)) + 1;
  const ranges = splitStacks(deck, stacks, printWindows(deck.slides.length, options.tabs));
  const total = deck.slides.length;
  const inspect = ranges.length === 1 ? options.inspect : undefined;
  let inspection: Promise<void> | undefined;
  let done = 0;
  const parts = await Promise.all(
    ranges.map(async ([from, to]) => {
      const page = await openPrintView(browser, indexHtml, { query: `&lectern-stacks=${from}-${to}`, timeoutMs: PRINT_TIMEOUT_MS });
      let handedOver = false;
      try {
        // Tagged (a structure tree for screen readers); assemblePdf joins the parts' trees into one.
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: PRINT_TIMEOUT_MS });
        done += deck.slides.filter((s) => s.h >= from && s.h < to).length;
        options.onProgress?.(done, total);
        if (inspect) {
          handedOver = true;
          inspection = inspect(page).catch(() => undefined).finally(() => page.close().catch(() => undefined));
        }
        return pdf;
      } finally {
        if (!handedOver) await page.close().catch(() => undefined);
      }
    }),
  );
  return { pdf: await assemblePdf(parts, options.metadata, slideOutline(deck)), ...(inspection ? { inspection } : {}) };
}

/**
 * A window of its own costs a page to open and reveal.js to load and lay out again, and parts
 * must be joined by rewriting the whole PDF with pdf-lib (~1 s for 200 tagged slides), where one
 * part gets its bookmarks appended in ~0.1 s. Measured on 2 cores (issue 9): 20 to 100 slides
 * printed as fast or faster in one window, 200 slides ~5% faster in two before joining; so only
 * very long decks are split.
 */
const SLIDES_PER_EXTRA_WINDOW = 500;

export function printWindows(slides: number, tabs: number): number {
  return Math.max(1, Math.min(tabs, Math.floor(slides / SLIDES_PER_EXTRA_WINDOW)));
}

/** Splits the stacks into ranges of about equal slide counts, one per tab. */
export function splitStacks(deck: Deck, stacks: number, tabs: number): [number, number][] {
  const perStack = Array.from({ length: stacks }, (_, h) => deck.slides.filter((s) => s.h === h).length);
  const count = Math.max(1, Math.min(tabs, stacks));
  const target = deck.slides.length / count;
  const ranges: [number, number][] = [];
  let from = 0;
  let inRange = 0;
  perStack.forEach((n, h) => {
    inRange += n;
    const remainingTabs = count - ranges.length - 1;
    if (inRange >= target && remainingTabs > 0 && h + 1 < stacks) {
      ranges.push([from, h + 1]);
      from = h + 1;
      inRange = 0;
    }
  });
  ranges.push([from, stacks]);
  return ranges;
}

/** One bookmark per horizontal stack, its vertical slides under it. */
export function slideOutline(deck: Deck): OutlineItem[] {
  const items: OutlineItem[] = [];
  deck.slides.forEach((slide, page) => {
    const item = { title: `${slide.index + 1}. ${slide.title}`, page };
    const parent = items[items.length - 1];
    if (slide.v > 0 && parent) (parent.children ??= []).push(item);
    else items.push(item);
  });
  return items;
}
