import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLayout } from '../../src/browser/layout-check.js';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { startBrowser } from '../helpers/browser.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { openBuiltDeck } from '../helpers/open-built-deck.js';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'assets');
const LESSON = 'tests/fixtures/assets/media/lesson.md';

type RevealApi = { slide(h: number, v?: number): void; getTotalSlides(): number };
declare const Reveal: RevealApi;

let browser: ManagedBrowser;
let out: string;

beforeAll(async () => {
  out = tempDir('lectern-assets-e2e-');
  const result = await runCli(['build', LESSON, '--out', out]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Shows every slide, so reveal.js loads every background, and waits until nothing loads any more. */
async function visitEverySlide(page: Page): Promise<void> {
  const total = await page.evaluate(() => Reveal.getTotalSlides());
  for (let h = 0; h < total; h++) await page.evaluate((index) => Reveal.slide(index), h);
  await page.waitForNetworkIdle({ idleTime: 250 });
  await page.evaluate(() => Reveal.slide(0));
}

/** The natural width of an image at `url`, loaded in the page (0 when it fails). */
function imageWidth(page: Page, url: string): Promise<number> {
  return page.evaluate((src) => new Promise<number>((resolve) => {
    const image = new Image();
    image.onload = () => resolve(image.naturalWidth);
    image.onerror = () => resolve(0);
    image.src = src;
  }), url);
}

describe('local files of a built deck', () => {
  it('copies every file once, under media/, and the page names only the copies', () => {
    const media = readdirSync(join(out, 'lesson', 'media')).map((name) => name.replace(/^[0-9a-f]{8}-/, '')).sort();
    expect(media).toEqual(['50-.png', 'background.png', 'clip.webm', 'diagram.png', 'embed.html', 'my-photo.png', 'poster.png', 'sheet.pdf']);
    const html = readFileSync(join(out, 'lesson', 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href|poster|data-background-[a-z]+)="(img|video|files|pages)\//);
    expect(html).toMatch(/<section data-background-image="media\/[0-9a-f]{8}-background\.png"/);
    expect(html).toMatch(/<source src="media\/[0-9a-f]{8}-clip\.webm#t=0\.2"/);
    expect(html).toMatch(/<a href="media\/[0-9a-f]{8}-sheet\.pdf#page=1">/);
    expect(html).toContain('<a href="next-module.md">');
    expect(html).toContain('<a href="#/0">');
  });

  it('loads the background image, the poster, the <img>, the video and the frame from the copies in Chromium', async () => {
    const opened = await openBuiltDeck(browser, join(out, 'lesson', 'index.html'));
    const { page } = opened;
    try {
      expect(opened.ready).toBe(true);
      await visitEverySlide(page);
      const background = await page.$eval('.slide-background .slide-background-content', (el) => getComputedStyle(el).backgroundImage);
      expect(background).toMatch(/media\/[0-9a-f]{8}-background\.png"\)$/);
      expect(await imageWidth(page, /url\("(.*)"\)/.exec(background)?.[1] ?? '')).toBe(640);
      const poster = await page.$eval('video[poster]', (video) => (video as HTMLVideoElement).poster);
      expect(await imageWidth(page, poster)).toBe(320);
      expect(await page.$eval('img[alt="an img tag"]', (img) => (img as HTMLImageElement).naturalWidth)).toBe(200);
      for (const alt of ['encoded', 'percent', 'query']) {
        expect(await page.$eval(`img[alt="${alt}"]`, (img) => (img as HTMLImageElement).naturalWidth), alt).toBeGreaterThan(0);
      }
      expect(await page.$eval('.slide-background video source', (source) => (source as HTMLSourceElement).src)).toMatch(/media\/[0-9a-f]{8}-clip\.webm$/);
      const frame = page.frames().find((f) => f.url().endsWith('-embed.html'));
      expect(await frame?.$eval('#embedded', (p) => p.textContent)).toBe('EMBEDDED-PAGE');
      expect(opened.failedRequests).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('passes check --render without a failed image or background', async () => {
    const result = await runCli(['check', '--render', LESSON]);
    expect(result.stderr).not.toContain('failed to load');
    expect(result.code).toBe(0);
  });

  it('makes check --render notice a background image or video that does not load', async () => {
    const broken = tempDir('lectern-assets-broken-');
    const result = await runCli(['build', LESSON, '--out', broken]);
    expect(result.code).toBe(0);
    const media = join(broken, 'lesson', 'media');
    for (const name of readdirSync(media)) if (/-(background\.png|clip\.webm)$/.test(name)) rmSync(join(media, name));
    const found = await checkLayout(browser, join(broken, 'lesson', 'index.html'), LESSON);
    const backgrounds = found.filter((d) => d.code === 'background-failed');
    expect(backgrounds.map((d) => `${d.span.line} ${d.message.replace(/[0-9a-f]{8}-/, '')}`)).toEqual([
      '6 background `media/background.png` failed to load',
      '30 background `media/clip.webm` failed to load',
    ]);
    expect(backgrounds[0]?.hint).toContain('.slide');
  });
});

describe('files the deck cannot have', () => {
  it('reports misspelled files at their line, with what was meant, and builds nothing', async () => {
    const dir = tempDir();
    const result = await runCli(['build', 'tests/fixtures/assets/failing/typo.md', '--out', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('typo.md:3:1: error: image `../media/img/Diagram.png` was not found');
    expect(result.stderr).toContain('hint: did you mean `../media/img/diagram.png`?');
    expect(result.stderr).toContain('typo.md:5:16: error: image `../media/img/postr.png` was not found');
    expect(result.stderr).toContain('hint: did you mean `../media/img/poster.png`?');
    expect(result.stderr).toContain('typo.md:7:1: warning: linked file `../media/files/sheets.pdf` was not found');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a file outside the project folder and never copies it', async () => {
    const dir = tempDir();
    const result = await runCli(['build', 'tests/fixtures/assets/failing/outside.md', '--out', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('outside.md:3:1: error: image `../../../../../etc/passwd` is outside the project folder');
    expect(result.stderr).toContain('outside.md:5:1: error: image `../../../../../../../../../../etc/passwd` is outside the project folder');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports raw HTML that would swallow the page, in build and check', async () => {
    const dir = tempDir();
    const comment = await runCli(['build', 'tests/fixtures/assets/failing/unclosed-comment.md', '--out', dir]);
    expect(comment.code).toBe(1);
    expect(comment.stderr).toContain('unclosed-comment.md:3:1: error: this HTML comment is never closed');
    const script = await runCli(['check', 'tests/fixtures/assets/failing/unclosed-script.md']);
    expect(script.code).toBe(1);
    expect(script.stderr).toContain('unclosed-script.md:3:20: error: `<script>` is never closed');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('root-relative paths', () => {
  /** project/decks/lesson.md names /shared/logo.png and a /shared background. */
  function project(): { root: string; deck: string } {
    const root = tempDir('lectern-project-');
    mkdirSync(join(root, 'decks'));
    mkdirSync(join(root, 'shared'));
    copyFileSync(join(FIXTURES, 'media', 'img', 'diagram.png'), join(root, 'shared', 'logo.png'));
    copyFileSync(join(FIXTURES, 'media', 'img', 'background.png'), join(root, 'shared', 'bg.png'));
    const deck = join(root, 'decks', 'lesson.md');
    writeFileSync(deck, '<!-- .slide: data-background-image="/shared/bg.png" -->\n# Logo\n\n![logo](/shared/logo.png)\n');
    return { root, deck };
  }

  it('start at the project folder, the folder lectern runs in', async () => {
    const { root } = project();
    const result = await runCli(['build', 'decks/lesson.md', '--out', 'dist'], root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const opened = await openBuiltDeck(browser, join(root, 'dist', 'lesson', 'index.html'));
    try {
      expect(opened.ready).toBe(true);
      expect(await opened.page.$eval('img[alt="logo"]', (img) => (img as HTMLImageElement).naturalWidth)).toBe(200);
      await opened.page.waitForNetworkIdle({ idleTime: 250 });
      expect(opened.failedRequests).toEqual([]);
    } finally {
      await opened.page.close();
    }
  });

  it('start at the deck folder when lectern runs outside the project, and say so when the file is not there', async () => {
    const { deck } = project();
    const dir = tempDir();
    const result = await runCli(['build', deck, '--out', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('lesson.md:4:1: error: image `/shared/logo.png` was not found');
    expect(result.stderr).toContain(`a path that starts with / is relative to the project folder (${join(deck, '..')})`);
    expect(existsSync(join(dir, 'lesson'))).toBe(false);
  });
});

describe('the handout of a deck with images', () => {
  it('prints every image the slides show (the page is printed from a temporary folder, its <base> at the deck)', async () => {
    const printed = tempDir('lectern-assets-pdf-');
    const result = await runCli(['export', LESSON, '--out', printed, '--only', 'handout']);
    expect(result.code).toBe(0);
    const images = execFileSync('pdfimages', ['-list', join(printed, 'lesson', 'lesson.handout.pdf')], { encoding: 'utf8' })
      .split('\n').slice(2).filter((line) => /\bimage\b/.test(line));
    expect(images.length).toBeGreaterThanOrEqual(5);
    expect(readdirSync(join(printed, 'lesson')).filter((name) => name.startsWith('.') && name !== '.lectern-pdf.json')).toEqual([]);
  }, 120_000);
});
