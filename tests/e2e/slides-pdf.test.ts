import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { assemblePdf } from '../../src/export/pdf/pdf-document.js';
import { openDeck, startBrowser } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { pdfInfo, pdfOutline, pdfText } from '../helpers/pdf.js';
import { placedPages } from '../helpers/pdf-layout.js';

// The slides PDF as a reader gets it: tagged (its words in a structure tree a screen reader
// follows), bookmarked, every page number readable, an activity a card rather than a timer.

const DECK = 'tests/fixtures/slides-pdf/printed.md';
let out: string;
let browser: ManagedBrowser;
const slidesPdf = () => join(out, 'printed', 'printed.slides.pdf');
const deckHtml = () => join(out, 'printed', 'index.html');

/** poppler's reading of the structure tree: element types and the text under them. */
const structureText = (file: string) => execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const pageText = (file: string, page: number) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  out = tempDir();
  const exported = await runCli(['export', DECK, '--out', out, '--only', 'slides'], undefined, { LECTERN_CACHE_DIR: join(out, 'cache') });
  expect(exported.stderr).toBe('');
  expect(exported.code).toBe(0);
  browser = await startBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('the slides PDF', () => {
  it('is tagged, every slide in its structure tree, with one bookmark per slide', async () => {
    expect(pdfInfo(slidesPdf()).Tagged).toBe('yes');
    const structure = structureText(slidesPdf());
    // reveal.js marks every slide but the first aria-hidden: untouched, only the first would be tagged.
    for (const words of ['Light opening', 'After dark', 'CARD-STEP-TWO', 'HEAD-D', 'LAST-SLIDE-WORDS']) expect(structure).toContain(words);
    expect(await pdfOutline(slidesPdf())).toEqual(['1. Light opening', '2. After dark', '3. Pair work', '4. First table', '  5. Under the table', '6. Second table', '7. LAST-SLIDE-WORDS']);
  });

  it('prints an activity as a card: title, planned time, instructions, and no timer', () => {
    const card = pageText(slidesPdf(), 3);
    expect(card).toContain('CARD-TITLE sort the failures');
    expect(card).toMatch(/Planned:\s*7m/);
    expect(card).toContain('CARD-STEP-ONE read the build log together.');
    expect(card).toContain('CARD-STEP-TWO');
    expect(card).not.toMatch(/ready|start|reset|7:00/i);
  });

  it('numbers a dark page in ink that contrasts with what is under it', () => {
    const page = placedPages(slidesPdf())[1];
    const line = page?.lines.find((l) => /^2 ?\/ ?7$/.test(l.text));
    expect(line, 'the page number "2 / 7" on the dark page').toBeDefined();
    if (!page || !line) return;
    // The page drawn at 2 px per point; the number's own box, where its ink and its ground meet.
    const image = rasterize(slidesPdf(), 2, 2);
    const box = { x0: Math.floor(line.xMin * 2), x1: Math.ceil(line.xMax * 2), y0: Math.floor(line.yMin * 2), y1: Math.ceil(line.yMax * 2) };
    const luminances: number[] = [];
    for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) luminances.push(image.luminance(x, y));
    const [darkest, lightest] = [Math.min(...luminances), Math.max(...luminances)];
    // WCAG's contrast ratio between the ink and its ground; 4.5 is the bar for small text.
    expect((lightest + 0.05) / (darkest + 0.05)).toBeGreaterThan(4.5);
    expect(image.luminance(image.width / 2, image.height / 2), 'the slide itself is dark').toBeLessThan(0.05);
  });

  it('joins pages printed in separate windows into one tagged PDF whose table headers still resolve', async () => {
    // Printed here in two parts whatever this machine's core count, as a long deck is by export.
    const parts: Uint8Array[] = [];
    for (const range of ['0-4', '4-6']) {
      const page = await browser.browser.newPage({ type: 'window' });
      await page.goto(`${pathToFileURL(deckHtml()).href}?print-pdf&lectern-stacks=${range}`);
      await page.waitForFunction(() => document.documentElement.dataset.lecternPdfReady === 'true');
      parts.push(await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true }));
      await page.close();
    }
    const joined = join(out, 'joined.pdf');
    writeFileSync(joined, (await assemblePdf(parts, { title: 'Joined' }, [{ title: 'First', page: 0 }, { title: 'Last', page: 6 }])).bytes);
    expect(pdfInfo(joined)).toMatchObject({ Tagged: 'yes', Pages: '7', Title: 'Joined' });
    expect(await pdfOutline(joined)).toEqual(['First', 'Last']);
    const structure = structureText(joined);
    expect(structure.match(/^Document$/gm)).toHaveLength(1);
    for (const words of ['After dark', 'HEAD-A', 'HEAD-D', 'LAST-SLIDE-WORDS']) expect(structure).toContain(words);
    // Both parts numbered their header cells from the same DOM ids; the second part's were renamed.
    const ids = [...structure.matchAll(/TH <([^>]+)>/g)].map((m) => m[1]);
    expect(ids.length).toBe(4);
    expect(new Set(ids).size).toBe(4);
    expect(ids.filter((id) => id?.startsWith('part2-'))).toHaveLength(2);
    const headers = [...structure.matchAll(/\/Headers \[\(([^)]+)\)\]/g)].map((m) => m[1]);
    expect(headers.length).toBeGreaterThan(0);
    for (const header of headers) expect(ids).toContain(header);
    expect(pdfText(joined)).toMatch(/\b7 ?\/ ?7\b/);
  }, 60_000);

  it('keeps the working timer in the HTML deck', async () => {
    const { page } = await openDeck(browser, deckHtml(), '#/2');
    const timer = await page.$eval('.lectern-timer', (element) => ({ display: getComputedStyle(element).display, text: element.textContent ?? '' }));
    expect(timer.display).not.toBe('none');
    expect(timer.text).toMatch(/7:00[\s\S]*Start/);
    await page.close();
  });
});

/** A page drawn by poppler as a PPM (plain bytes, no decoder needed), with WCAG's relative luminance. */
function rasterize(file: string, page: number, pixelsPerPoint: number) {
  const ppm = execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(72 * pixelsPerPoint), file], { maxBuffer: 64 * 1024 * 1024 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 50).toString('latin1'));
  if (!header?.[1] || !header[2]) throw new Error('pdftoppm wrote no PPM');
  const [width, height, start] = [Number(header[1]), Number(header[2]), header[0].length];
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return {
    width,
    height,
    luminance(x: number, y: number): number {
      const at = start + (Math.floor(y) * width + Math.floor(x)) * 3;
      return 0.2126 * channel(ppm[at] ?? 0) + 0.7152 * channel(ppm[at + 1] ?? 0) + 0.0722 * channel(ppm[at + 2] ?? 0);
    },
  };
}
