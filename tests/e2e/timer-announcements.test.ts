/**
 * What a screen reader hears from an activity timer, in real Chromium: the live regions' texts
 * over a whole countdown. Time is sped up by a clock the page reads (Date.now plus an offset the
 * test moves, installed before lectern's script runs); the timer's own 250 ms tick stays real.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { startBrowser } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';

declare global {
  interface Window {
    lecternTestClock: { advance(ms: number): void };
    lecternHeard: { politeness: string; text: string }[];
  }
}
declare const Reveal: { getIndices(): { h: number } };

const DECK = `---
title: Timer announcements
theme: course
reveal: { transition: none }
---

# Timer announcements

---

## Group work

:::activity{title="Pair review" time="3m"}
1. Swap your code with a neighbour.
:::
`;

const TIMER = '#activity-pair-review .lectern-timer';
const TICK_WAIT_MS = 400;

let browser: ManagedBrowser;
let page: Page;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const display = () => page.$eval(`${TIMER} .lectern-timer__display`, (el) => el.textContent?.trim() ?? '');
const secondsShown = async () => {
  const [m = '0', s = '0'] = (await display()).replace('+', '').split(':');
  return Number(m) * 60 + Number(s);
};
const heard = () => page.evaluate(() => window.lecternHeard.map((h) => `${h.politeness}: ${h.text}`));
const forget = () => page.evaluate(() => void (window.lecternHeard.length = 0));
const advance = (ms: number) => page.evaluate((by) => window.lecternTestClock.advance(by), ms);

/** Jumps the clock until the display shows `target` seconds (±1: the real clock runs on too). */
async function jumpTo(target: number): Promise<void> {
  await advance(((await secondsShown()) - target) * 1000);
  await pause(TICK_WAIT_MS);
}

/** Walks the clock one second at a time, letting the page tick after each; returns every display seen. */
async function walkSeconds(count: number): Promise<string[]> {
  const shown: string[] = [];
  for (let i = 0; i < count; i++) {
    await advance(1000);
    await pause(TICK_WAIT_MS);
    shown.push(await display());
  }
  return shown;
}

beforeAll(async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'timer.md'), DECK);
  const out = join(dir, 'out');
  const result = await runCli(['build', join(dir, 'timer.md'), '--out', out]);
  expect(result.code, result.stderr).toBe(0);
  browser = await startBrowser();
  page = await browser.browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  // Before any script of the page: the countdown keeps a reference to Date.now when it is made.
  await page.evaluateOnNewDocument(() => {
    const realNow = Date.now.bind(Date);
    let offset = 0;
    Date.now = () => realNow() + offset;
    window.lecternTestClock = { advance: (ms: number) => void (offset += ms) };
  });
  await page.goto(`${pathToFileURL(join(out, 'timer', 'index.html')).href}#/1`);
  await page.waitForFunction(() => document.documentElement.dataset.lecternReady === 'true');
  // Every change of either live region, as a screen reader would be told of it.
  await page.evaluate((timer) => {
    window.lecternHeard = [];
    for (const region of document.querySelectorAll<HTMLElement>(`${timer} [aria-live="polite"], ${timer} [aria-live="assertive"]`)) {
      new MutationObserver(() => {
        const text = region.textContent?.trim() ?? '';
        if (text) window.lecternHeard.push({ politeness: region.getAttribute('aria-live') ?? '', text });
      }).observe(region, { childList: true, characterData: true, subtree: true });
    }
  }, TIMER);
});

afterAll(async () => {
  await browser?.close();
});

describe('the activity timer speaks', () => {
  it('has its live regions from the start, empty and out of sight, and keeps the clock itself silent', async () => {
    const markup = await page.$eval(TIMER, (timer) => ({
      timerLive: timer.getAttribute('aria-live'),
      role: timer.getAttribute('role'),
      displayLive: timer.querySelector('.lectern-timer__display')?.getAttribute('aria-live'),
      regions: [...timer.querySelectorAll<HTMLElement>('.lectern-timer__announcer')].map((r) => ({
        live: r.getAttribute('aria-live'),
        text: r.textContent,
        outOfSight: r.getBoundingClientRect().width <= 1 && getComputedStyle(r).clipPath === 'inset(50%)',
      })),
    }));
    expect(markup).toEqual({
      timerLive: 'off',
      role: 'timer',
      displayLive: 'off',
      regions: [
        { live: 'polite', text: '', outOfSight: true },
        { live: 'assertive', text: '', outOfSight: true },
      ],
    });
  });

  it('gives the buttons names a screen reader reads well, starting with their visible labels', async () => {
    const names: string[] = [];
    for (const button of await page.$$(`${TIMER} button`)) {
      const node = await page.accessibility.snapshot({ root: button, interestingOnly: false });
      names.push(`${node?.role}: ${node?.name}`);
    }
    expect(names).toEqual(['button: Start', 'button: Reset', 'button: −1 min, one minute less', 'button: +1 min, one minute more']);
  });

  it('is worked from the keyboard: Enter and Space press the focused button, keep the focus, and leave the slide alone', async () => {
    await page.focus(`${TIMER} [data-action="toggle"]`);
    await page.keyboard.press('Enter');
    expect(await page.$eval(TIMER, (t) => (t as HTMLElement).dataset.state)).toBe('running');
    await page.keyboard.press(' ');
    expect(await page.$eval(TIMER, (t) => (t as HTMLElement).dataset.state)).toBe('paused');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('toggle');
    expect(await page.evaluate(() => Reveal.getIndices().h)).toBe(1);
    await page.focus(`${TIMER} [data-action="plus"]`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('r');
    expect(await heard()).toEqual([
      'polite: Timer started, 3 minutes',
      expect.stringMatching(/^polite: Timer paused, (3 minutes|2 minutes 59 seconds) left$/),
      expect.stringMatching(/^polite: One minute added, (4 minutes|3 minutes 59 seconds) left$/),
      'polite: Timer reset, 3 minutes',
    ]);
  });

  it('announces each minute mark politely, time is up assertively, and never the seconds', async () => {
    await forget();
    await page.click(`${TIMER} [data-action="toggle"]`);
    await jumpTo(125);
    const towardsTwo = await walkSeconds(8);
    await jumpTo(65);
    const towardsOne = await walkSeconds(8);
    await jumpTo(5);
    const towardsZero = await walkSeconds(10);
    // The display changed every second all along…
    expect(new Set([...towardsTwo, ...towardsOne, ...towardsZero]).size).toBeGreaterThanOrEqual(20);
    expect(towardsZero.at(-1)).toMatch(/^\+0:\d\d$/);
    // …and a listener heard four sentences in three minutes.
    expect(await heard()).toEqual(['polite: Timer started, 3 minutes', 'polite: 2 minutes left', 'polite: 1 minute left', "assertive: Time's up"]);
    expect(await page.$eval(`${TIMER} [aria-live="assertive"]`, (r) => r.textContent)).toBe("Time's up");
  });
});
