import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import type { Deck } from '../../model/deck.js';
import { assemblePdf, type FinishedPdf, type OutlineItem, type PdfMetadata } from './pdf-document.js';

export interface PrintSlidesOptions {
  /** Tabs printing at once; each prints a range of horizontal slides. */
  tabs: number;
  /** Also take a picture of every slide (for the instructor guide). */
  thumbnails: boolean;
  metadata: PdfMetadata;
  /** Called as pages are done: (done, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface PrintedSlides {
  pdf: FinishedPdf;
  /** JPEG data URLs by slide index. */
  thumbnails: Map<number, string>;
}

/** How long a tab may take to lay out and print its slides (big decks, slow machines). */
const PRINT_TIMEOUT_MS = 300_000;

/**
 * Prints a built deck through reveal.js's print view: one page per slide at the deck's size,
 * fragments shown, backgrounds and highlighting kept, text selectable. Long decks print in
 * several tabs at once (Chromium prints a tab on one core), then the parts are joined.
 */
export async function printSlides(browser: Browser, indexHtml: string, deck: Deck, options: PrintSlidesOptions): Promise<PrintedSlides> {
  const stacks = Math.max(...deck.slides.map((s) => s.h)) + 1;
  const ranges = splitStacks(deck, stacks, options.tabs);
  const total = deck.slides.length;
  let done = 0;
  const parts = await Promise.all(
    ranges.map(async ([from, to]) => {
      const page = await browser.newPage();
      try {
        const url = `${pathToFileURL(indexHtml).href}?print-pdf&lectern-stacks=${from}-${to}`;
        await page.goto(url, { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
        await page.waitForFunction(() => document.documentElement.dataset.lecternPdfReady === 'true', { timeout: PRINT_TIMEOUT_MS });
        const size = await page.evaluate(() => ({ width: document.body.scrollWidth, height: Number.parseFloat(document.body.style.height) }));
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: PRINT_TIMEOUT_MS });
        const pictures = options.thumbnails ? await takeThumbnails(page, size) : new Map<number, string>();
        done += deck.slides.filter((s) => s.h >= from && s.h < to).length;
        options.onProgress?.(done, total);
        return { pdf, pictures };
      } finally {
        await page.close().catch(() => undefined);
      }
    }),
  );
  const thumbnails = new Map<number, string>();
  for (const part of parts) for (const [index, url] of part.pictures) thumbnails.set(index, url);
  const pdf = await assemblePdf(parts.map((p) => p.pdf), options.metadata, slideOutline(deck));
  return { pdf, thumbnails };
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

async function takeThumbnails(page: Page, size: { width: number; height: number }): Promise<Map<number, string>> {
  await page.setViewport({ width: Math.ceil(size.width), height: Math.ceil(size.height) });
  const boxes = await page.$$eval('.pdf-page', (pages) =>
    pages.map((p) => {
      const rect = p.getBoundingClientRect();
      const index = p.querySelector<HTMLElement>('section[data-lectern-slide]')?.dataset.lecternSlide;
      return { index: Number(index), x: rect.left + window.scrollX, y: rect.top + window.scrollY, width: rect.width, height: rect.height };
    }),
  );
  const pictures = new Map<number, string>();
  for (const box of boxes) {
    if (!Number.isFinite(box.index)) continue;
    const clip = { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, size.height), scale: 0.6 };
    const data = await page.screenshot({ type: 'jpeg', quality: 82, clip, captureBeyondViewport: true, encoding: 'base64' });
    pictures.set(box.index, `data:image/jpeg;base64,${data}`);
  }
  return pictures;
}
