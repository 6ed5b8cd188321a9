import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { openDeck, startBrowser } from '../helpers/browser.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { measureShownSlide, type SlideMeasure } from '../helpers/projector-safe-measure.js';

/**
 * Issue 9, item 5: the course modules, in both lectern themes, as a projector shows them. Every
 * slide keeps 5 % of its size clear on each side, no content lies under the navigation arrows,
 * diagram text is drawn at 60 % of the body text or more, gitGraph commit labels are level and
 * clear of the lines, and a centred slide centres all its blocks.
 */
const MODULES = ['module-1-foundations', 'module-6-advanced'];
const THEMES = ['course', 'high-contrast'];
const WINDOWS = [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];
const SAFE_SHARE = 0.05;
const MIN_DIAGRAM_SHARE = 0.6;

let browser: ManagedBrowser;
let out: string;

beforeAll(async () => {
  const work = tempDir('lectern-projector-');
  for (const theme of THEMES) {
    // The whole folder, so the decks' images come along.
    const decks = join(work, theme);
    cpSync(join(ROOT, 'decks'), decks, { recursive: true });
    for (const module of MODULES) {
      const source = readFileSync(join(decks, `${module}.md`), 'utf8');
      writeFileSync(join(decks, `${module}.md`), source.replace(/^theme: .*$/m, `theme: ${theme}`));
    }
  }
  out = join(work, 'out');
  for (const theme of THEMES) {
    const result = await runCli(['build', join(work, theme), '--out', join(out, theme)]);
    expect(result.code, result.stderr).toBe(0);
  }
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Every slide of a deck, each with all its fragments shown, measured where it stands. */
async function measureEverySlide(page: Page): Promise<SlideMeasure[]> {
  await page.evaluate(() => {
    const reveal = (window as unknown as { Reveal: { configure(o: object): void } }).Reveal;
    reveal.configure({ transition: 'none', backgroundTransition: 'none' });
  });
  const stacks = await page.evaluate(() =>
    (window as unknown as { Reveal: { getHorizontalSlides(): HTMLElement[] } }).Reveal.getHorizontalSlides().map((s) => Math.max(1, s.querySelectorAll(':scope > section').length)),
  );
  const measures: SlideMeasure[] = [];
  for (const [h, count] of stacks.entries()) {
    for (let v = 0; v < count; v += 1) {
      await page.evaluate((hh, vv) => (window as unknown as { Reveal: { slide(h: number, v: number, f: number): void } }).Reveal.slide(hh, vv, 1000), h, v);
      // Two frames: reveal lays the slide out, then the controls update.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      measures.push(await page.evaluate(measureShownSlide, SAFE_SHARE, MIN_DIAGRAM_SHARE));
    }
  }
  return measures;
}

/** Only the slides with a problem of the kind, by slide number, so a failure names them. */
function problems(measures: SlideMeasure[], pick: (m: SlideMeasure) => string[]): Record<string, string[]> {
  return Object.fromEntries(measures.map((m) => [m.slide, pick(m)] as const).filter(([, found]) => found.length > 0));
}

describe.each(THEMES)('projector-safe slides, %s theme', (theme) => {
  describe.each(MODULES)('%s', (module) => {
    it.each(WINDOWS)('at $width×$height: safe margins, arrows clear, readable diagrams, level labels, centred blocks', async (size) => {
      const { page, errors } = await openDeck(browser, join(out, theme, module, 'index.html'));
      try {
        await page.setViewport(size);
        const measures = await measureEverySlide(page);
        expect(measures.length).toBeGreaterThan(10);
        const found = {
          'content inside the 5 % safe margin': problems(measures, (m) => m.outsideSafeArea),
          'content under the navigation arrows': problems(measures, (m) => m.underControls),
          'diagram text under 60 % of the body text': problems(measures, (m) => m.smallDiagramText),
          'rotated gitGraph commit labels': problems(measures, (m) => m.rotatedCommitLabels),
          'gitGraph commit labels on a line': problems(measures, (m) => m.commitLabelsOnLines),
          'blocks off centre on a centred slide': problems(measures, (m) => m.offCentreBlocks),
        };
        expect(Object.fromEntries(Object.entries(found).filter(([, slides]) => Object.keys(slides).length > 0))).toEqual({});
        // The checks above looked at something: both modules have diagrams and centred slides.
        expect(measures.some((m) => m.smallestDiagramText !== null)).toBe(true);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });
});
