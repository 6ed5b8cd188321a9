import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { openDeck, startBrowser } from '../helpers/browser.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';
import { writeTestPng } from '../helpers/png.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'images', 'large-images.md');

/** The images the fixture deck names, as screenshots and photos come: larger than the slide. */
function writeImages(dir: string): void {
  writeTestPng(join(dir, 'screenshot.png'), 1280, 720);
  writeTestPng(join(dir, 'wide.png'), 1920, 1080);
  writeTestPng(join(dir, 'tall.png'), 600, 1400);
  writeTestPng(join(dir, 'icon.png'), 96, 96);
}

interface SlideBox {
  title: string;
  /** The slide's content height in its own (unscaled) pixels. */
  contentHeight: number;
  /** Edges of the heading and of every image, relative to the slide box, in slide pixels. */
  heading: { top: number; bottom: number } | null;
  images: { top: number; bottom: number; left: number; right: number; width: number; height: number }[];
}

/** Each slide's boxes, measured in the slide's own pixels after reveal.js laid it out. */
async function measureSlides(page: Page): Promise<SlideBox[]> {
  return page.evaluate(async () => {
    const reveal = (window as unknown as { Reveal: { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v?: number }; slide(h: number, v: number): void; configure(o: object): void; layout(): void } }).Reveal;
    reveal.configure({ transition: 'none' });
    await Promise.all(Array.from(document.images).map((img) => (img.complete ? undefined : new Promise((resolve) => img.addEventListener('load', resolve, { once: true })))));
    const frame = document.querySelector('.reveal .slides') as HTMLElement;
    const boxes = [];
    for (const slide of reveal.getSlides()) {
      const { h, v } = reveal.getIndices(slide);
      reveal.slide(h, v ?? 0);
      reveal.layout();
      const outer = frame.getBoundingClientRect();
      const scale = outer.width / 1280;
      const edges = (element: Element) => {
        const r = element.getBoundingClientRect();
        return { top: (r.top - outer.top) / scale, bottom: (r.bottom - outer.top) / scale, left: (r.left - outer.left) / scale, right: (r.right - outer.left) / scale, width: r.width / scale, height: r.height / scale };
      };
      const heading = slide.querySelector('h2');
      boxes.push({
        title: heading?.textContent ?? '',
        contentHeight: slide.scrollHeight,
        heading: heading ? edges(heading) : null,
        images: Array.from(slide.querySelectorAll('img')).map(edges),
      });
    }
    return boxes;
  });
}

describe('images that fit', () => {
  let browser: ManagedBrowser;
  const dir = tempDir('lectern-images-');
  const out = join(dir, 'out');
  const index = join(out, 'large-images', 'index.html');

  beforeAll(async () => {
    copyFileSync(FIXTURE, join(dir, 'large-images.md'));
    writeImages(dir);
    browser = await startBrowser();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('builds the deck with large images', async () => {
    const result = await runCli(['build', join(dir, 'large-images.md'), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });

  for (const [width, height] of [[1280, 720], [1024, 768]] as const) {
    it(`overflows no slide at ${width}×${height}: the heading shows, every image lies inside the slide`, async () => {
      const { page } = await openDeck(browser, index);
      try {
        await page.setViewport({ width, height });
        const slides = await measureSlides(page);
        expect(slides).toHaveLength(7);
        for (const slide of slides) {
          expect(slide.contentHeight, slide.title).toBeLessThanOrEqual(724);
          expect(slide.heading?.top, slide.title).toBeGreaterThanOrEqual(0);
          for (const image of slide.images) {
            expect(image.top, slide.title).toBeGreaterThan(slide.heading?.bottom ?? 0);
            expect(image.bottom, slide.title).toBeLessThanOrEqual(722);
            expect(image.left, slide.title).toBeGreaterThanOrEqual(-1);
            expect(image.right, slide.title).toBeLessThanOrEqual(1281);
          }
        }
        const byTitle = new Map(slides.map((s) => [s.title, s]));
        // The 1280×720 screenshot fills the height the heading leaves, with its own proportions.
        const alone = byTitle.get('A screenshot alone')?.images[0];
        expect(alone?.height).toBeGreaterThan(400);
        expect((alone?.width ?? 0) / (alone?.height ?? 1)).toBeCloseTo(16 / 9, 1);
        // A small image is never enlarged unless asked (r-stretch).
        expect(byTitle.get('A small image stays small')?.images[0]?.height).toBeCloseTo(96, 0);
        expect(byTitle.get('Stretched as reveal.js does')?.images[0]?.height).toBeGreaterThan(400);
        // An explicit size is kept: 60% of the slide's width.
        expect(byTitle.get('A size of its own')?.images[0]?.width).toBeGreaterThan(600);
      } finally {
        await page.close();
      }
    }, 30_000);
  }

  it('fits in the print view the slides PDF is printed from, and in the PDF', async () => {
    const { page } = await openDeck(browser, index, '?print-pdf');
    try {
      await page.waitForFunction(() => document.documentElement.dataset.lecternPdfReady === 'true');
      const pages = await page.$$eval('.pdf-page', (all) => all.map((pdfPage) => {
        const box = pdfPage.getBoundingClientRect();
        const inside = (element: Element | null) => {
          if (!element) return true;
          const r = element.getBoundingClientRect();
          return r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.left >= box.left - 1 && r.right <= box.right + 1;
        };
        const section = pdfPage.querySelector('section') as HTMLElement;
        return { heading: inside(section.querySelector('h2')), images: Array.from(section.querySelectorAll('img')).every(inside), text: section.querySelector('h2')?.textContent };
      }));
      expect(pages).toHaveLength(7);
      for (const printed of pages) expect(printed, printed.text).toMatchObject({ heading: true, images: true });
    } finally {
      await page.close();
    }
    const exported = await runCli(['export', join(dir, 'large-images.md'), '--out', out, '--only', 'slides']);
    expect(exported.code, exported.stderr).toBe(0);
    // No overflow found: nothing but the ✓ line.
    expect(exported.stderr).toBe('');
    expect(exported.stdout).not.toContain('warning');
    const pdf = join(out, 'large-images', 'large-images.slides.pdf');
    expect(pdfInfo(pdf).Pages).toBe('7');
    const text = pdfText(pdf);
    for (const title of ['A screenshot alone', 'A screenshot between text', 'A portrait image', 'A small image stays small']) expect(text).toContain(title);
  }, 90_000);
});

// An image given a size too large for what is left under the text: lines 5–9.
const OVERFLOWING = `---
title: Too large
---
## A size too large

Some text above it.

Look: ![Too large](screenshot.png){width=100%}

---

## Fine
`;

describe('an image that overflows', () => {
  const dir = tempDir('lectern-images-over-');
  const deck = join(dir, 'over.md');

  beforeAll(() => {
    writeFileSync(deck, OVERFLOWING);
    writeTestPng(join(dir, 'screenshot.png'), 1280, 720);
  });

  it('is reported by check --render at the image\'s line and column', async () => {
    const result = await runCli(['check', '--render', deck]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/over\.md:8:7: warning: slide overflows by \d+ px: this image reaches past its bottom edge/);
    expect(result.stderr).toContain('hint: make it smaller');
    expect(result.stdout).toContain('0 errors, 1 warning');
  }, 60_000);

  it('is printed by export, and by build --render, beside the ✓', async () => {
    const out = join(dir, 'out');
    const exported = await runCli(['export', deck, '--out', out, '--only', 'slides']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/over\.md:8:7: warning: slide overflows by \d+ px/);
    expect(exported.stdout).toMatch(/✓ over: .*, 1 warning → /);
    const built = await runCli(['build', '--render', deck, '--out', out]);
    expect(built.stderr).toMatch(/over\.md:8:7: warning: slide overflows/);
    expect(built.stdout).toMatch(/✓ over: .*, 1 warning → /);
    // Without --render a build starts no browser for the layout.
    const plain = await runCli(['build', deck, '--out', out]);
    expect(plain.stderr).toBe('');
  }, 120_000);
});
