import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { openDeck, startBrowser } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';

type RevealApi = { next(): void; prev(): void; slide(h: number, v?: number, f?: number): void };
declare const Reveal: RevealApi;

let browser: ManagedBrowser;
let index: string;

beforeAll(async () => {
  const out = tempDir();
  const result = await runCli(['build', 'tests/fixtures/code/steps.md', '--out', out]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  index = join(out, 'steps', 'index.html');
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Waits until no fragment or slide is still fading (reveal.js's transitions are CSS transitions). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((animation) => {
    const target = (animation.effect as KeyframeEffect | null)?.target;
    return !(target instanceof Element && target.closest('.slides'));
  }));
}

interface SeenCode {
  /** Which <code> of its <pre> is on top where the code is drawn (0: the first step). */
  step: number;
  /** Line numbers of the rows that step highlights. */
  highlighted: number[];
  /** Line numbers of the rows marked by the step's band (lectern marks them instead of fading the others). */
  banded: number[];
  /** Line numbers of the rows drawn faded: none, since faded code is too pale to read (WCAG 1.4.3). */
  faded: number[];
  /** The step's background hides the steps under it. */
  opaque: boolean;
}

/** What the audience sees of the current slide's stepped code: the <code> hit at its first line. */
async function seenCode(page: Page, selector = '.slides section.present pre.code-wrapper'): Promise<SeenCode> {
  await settled(page);
  return page.$eval(selector, (pre) => {
    pre.scrollIntoView({ block: 'center' });
    const box = pre.getBoundingClientRect();
    const code = document.elementFromPoint(box.left + box.width / 2, box.top + 12)?.closest('code');
    if (!code || code.parentElement !== pre) throw new Error('no code of this block is on top');
    const rows = [...code.querySelectorAll('tr')];
    const numberOf = (row: Element) => Number(row.querySelector('.hljs-ln-code')?.getAttribute('data-line-number'));
    return {
      step: [...pre.children].indexOf(code),
      highlighted: rows.filter((row) => row.classList.contains('highlight-line')).map(numberOf),
      banded: rows.filter((row) => !/^rgba\(0, 0, 0, 0\)$|^transparent$/.test(getComputedStyle(row.querySelector('.hljs-ln-code') ?? row).backgroundColor)).map(numberOf),
      faded: rows.filter((row) => Number(getComputedStyle(row).opacity) < 1).map(numberOf),
      opaque: /^rgb\(/.test(getComputedStyle(code).backgroundColor),
    };
  });
}

describe('code with steps in Chromium', () => {
  it('shows each step as a fragment, the highlighted lines on a band and no line faded', async () => {
    const { page, errors } = await openDeck(browser, index);
    try {
      expect(await seenCode(page)).toMatchObject({ step: 0, highlighted: [1], banded: [1], faded: [] });
      await page.evaluate(() => Reveal.next());
      expect(await seenCode(page)).toMatchObject({ step: 1, highlighted: [3, 4, 5], banded: [3, 4, 5], faded: [] });
      await page.evaluate(() => Reveal.prev());
      expect(await seenCode(page)).toMatchObject({ step: 0, highlighted: [1], banded: [1], faded: [] });

      // `javascript[0|1]`: the whole block first, then line 1.
      await page.evaluate(() => Reveal.slide(1, 0, -1));
      expect(await seenCode(page)).toMatchObject({ step: 0, highlighted: [], banded: [], faded: [] });
      await page.evaluate(() => Reveal.next());
      expect(await seenCode(page)).toMatchObject({ step: 1, highlighted: [1], banded: [1], faded: [] });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('numbers from the offset and takes its place among the slide fragments from data-fragment-index', async () => {
    const { page } = await openDeck(browser, index, '#/2');
    try {
      expect(await seenCode(page)).toMatchObject({ step: 0, highlighted: [10, 12], banded: [10, 12], faded: [] });
      await page.evaluate(() => Reveal.next()); // fragment 1: the bullet; the code is unchanged
      expect(await page.$eval('.slides section.present li', (li) => li.classList.contains('visible'))).toBe(true);
      expect(await seenCode(page)).toMatchObject({ step: 0, highlighted: [10, 12], banded: [10, 12], faded: [] });
      await page.evaluate(() => Reveal.next()); // fragment 2: the code's second step
      expect(await seenCode(page)).toMatchObject({ step: 1, highlighted: [13], banded: [13], faded: [] });
    } finally {
      await page.close();
    }
  });

  it('has the last step on top in the print view, where every fragment shows', async () => {
    const { page } = await openDeck(browser, index, '?print-pdf');
    try {
      await page.waitForFunction(() => document.documentElement.dataset.lecternPdfReady === 'true');
      const stepped = await page.$$eval('pre.code-wrapper', (pres) => pres.map((pre) => pre.children.length));
      expect(stepped).toEqual([2, 2, 2, 1, 1, 1, 1, 1]);
      for (const [n, expected] of [[1, [3, 4, 5]], [2, [1]], [3, [13]]] as const) {
        const seen = await seenCode(page, `.pdf-page:nth-of-type(${n}) pre.code-wrapper`);
        expect(seen).toMatchObject({ step: 1, highlighted: expected, opaque: true });
      }
    } finally {
      await page.close();
    }
  });
});
