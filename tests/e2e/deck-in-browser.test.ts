import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { parseDeck } from '../../src/deck/parse-deck.js';
import { openDeck, startBrowser } from '../helpers/browser.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

type RevealApi = {
  getTotalSlides(): number;
  slide(h: number, v?: number): void;
  getIndices(): { h: number; v: number };
  getConfig(): Record<string, unknown>;
};
declare const Reveal: RevealApi;

let browser: ManagedBrowser;
let out: string;

beforeAll(async () => {
  out = tempDir();
  const result = await runCli(['build', 'tests/fixtures/decks', 'decks', '--out', out]);
  expect(result.stderr).not.toContain('error:');
  expect(result.code).toBe(0);
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
});

function expectOffline(requests: string[], slug: string) {
  const folder = pathToFileURL(join(out, slug)).href;
  const outside = requests.filter((url) => !url.startsWith(`${folder}/`) && !url.startsWith('data:'));
  expect(outside).toEqual([]);
}

describe('a built deck in Chromium (file://)', () => {
  it('is ready, has every slide, notes in aside.notes, and loads nothing from outside its folder', async () => {
    const { page, requests, errors } = await openDeck(browser, join(out, 'features', 'index.html'));
    try {
      expect(await page.evaluate(() => Reveal.getTotalSlides())).toBe(6);
      const notes = await page.$$eval('aside.notes', (asides) => asides.map((a) => a.textContent ?? ''));
      expect(notes.join('\n')).toContain('NOTE-ONE');
      expect(notes.join('\n')).toContain('NOTE-TWO');
      expect(notes.join('\n')).toContain('NOTE-THREE');
      const visibleText = await page.$eval('.slides', (el) => (el as HTMLElement).innerText);
      expect(visibleText).not.toContain('NOTE-ONE');
      expect(visibleText).not.toContain('HANDOUT-ONLY');
      expect(await page.$eval('.lectern-title-slide h1', (h) => h.textContent)).toBe('Every feature');
      expect(await page.$$eval('li.fragment', (items) => items.length)).toBe(2);
      expect(await page.$eval('img[alt="pipeline"]', (img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      expect(await page.$eval('section[data-timing="90"]', (s) => s.className)).toContain('center');
      const config = await page.evaluate(() => Reveal.getConfig());
      expect(config).toMatchObject({ totalTime: 1800, transition: 'none', hash: true, slideNumber: 'c/t' });
      expect(await page.$$eval('.reveal .progress', (p) => p.length)).toBe(1);
      expect(await page.$$eval('pre code.hljs .hljs-attr', (spans) => spans.length)).toBeGreaterThan(0);
      expectOffline(requests, 'features');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('changes the URL hash per slide', async () => {
    const { page } = await openDeck(browser, join(out, 'features', 'index.html'));
    try {
      await page.evaluate(() => Reveal.slide(2, 1));
      await page.waitForFunction(() => location.hash === '#/2/1');
      expect(await page.evaluate(() => location.hash)).toBe('#/2/1');
    } finally {
      await page.close();
    }
  });

  it.each(['module-1-foundations', 'module-6-advanced'])('course deck %s opens with all its slides, offline, without console errors', async (slug) => {
    const source = readFileSync(join(ROOT, 'decks', `${slug}.md`), 'utf8');
    const { deck } = parseDeck(source, `${slug}.md`, slug);
    const { page, requests, errors } = await openDeck(browser, join(out, slug, 'index.html'));
    try {
      expect(await page.evaluate(() => Reveal.getTotalSlides())).toBe(deck.slides.length);
      const notesCount = deck.slides.filter((s) => s.notes.length > 0).length;
      expect(await page.$$eval('aside.notes', (a) => a.length)).toBe(notesCount);
      expect(notesCount).toBeGreaterThan(5);
      const activities = deck.slides.flatMap((s) => s.blocks.filter((b) => b.kind === 'activity'));
      expect(await page.$$eval('.lectern-activity .lectern-timer', (t) => t.length)).toBe(activities.length);
      expect(activities.length).toBeGreaterThanOrEqual(3);
      expectOffline(requests, slug);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('writes a course index linking every module', async () => {
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const slug of ['features', 'module-1-foundations', 'module-6-advanced']) expect(index).toContain(`href="${slug}/index.html"`);
    expect(index).toMatch(/of contact time/);
  });
});
