import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { openDeck, startBrowser } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';

declare const Reveal: { slide(h: number, v?: number): void };

let browser: ManagedBrowser;
let page: Page;
let index: string;

const PANEL = '#activity-timer-drill';
const display = () => page.$eval(`${PANEL} .lectern-timer__display`, (el) => el.textContent?.trim() ?? '');
const state = () => page.$eval(`${PANEL} .lectern-timer`, (el) => (el as HTMLElement).dataset.state);
const click = (action: string) => page.click(`${PANEL} [data-action="${action}"]`);
const seconds = (text: string) => {
  const [m = '0', s = '0'] = text.replace('+', '').split(':');
  return Number(m) * 60 + Number(s);
};

beforeAll(async () => {
  const out = tempDir();
  const result = await runCli(['build', 'tests/fixtures/decks/features.md', '--out', out]);
  expect(result.code).toBe(0);
  index = join(out, 'features', 'index.html');
  browser = await startBrowser();
  ({ page } = await openDeck(browser, index, '#/3'));
});

afterAll(async () => {
  await browser?.close();
});

describe('activity timer', () => {
  it('shows the planned time, idle', async () => {
    expect(await display()).toBe('3:00');
    expect(await state()).toBe('idle');
    expect(await page.$eval(`${PANEL} .lectern-activity__title`, (el) => el.textContent)).toBe('Timer drill');
  });

  it('counts down once started, and pauses', async () => {
    await click('toggle');
    expect(await state()).toBe('running');
    await new Promise((r) => setTimeout(r, 2200));
    const running = seconds(await display());
    expect(running).toBeLessThanOrEqual(178);
    expect(running).toBeGreaterThanOrEqual(175);
    await click('toggle');
    expect(await state()).toBe('paused');
    const paused = await display();
    await new Promise((r) => setTimeout(r, 1200));
    expect(await display()).toBe(paused);
  });

  it('adds and removes a minute, and resets', async () => {
    const before = seconds(await display());
    await click('plus');
    expect(seconds(await display())).toBe(before + 60);
    await click('minus');
    await click('minus');
    expect(seconds(await display())).toBe(before - 60);
    await click('reset');
    expect(await display()).toBe('3:00');
    expect(await state()).toBe('idle');
  });

  it('is driven by the keyboard: T starts and pauses, + adds a minute, R resets', async () => {
    await page.keyboard.press('t');
    expect(await state()).toBe('running');
    await page.keyboard.press('t');
    expect(await state()).toBe('paused');
    const before = seconds(await display());
    await page.keyboard.press('+');
    expect(seconds(await display())).toBe(before + 60);
    await page.keyboard.press('r');
    expect(await state()).toBe('idle');
  });

  it('keeps running while the presenter is on another slide', async () => {
    await click('toggle');
    await page.evaluate(() => Reveal.slide(1));
    await new Promise((r) => setTimeout(r, 1500));
    await page.evaluate(() => Reveal.slide(3));
    expect(await state()).toBe('running');
    expect(seconds(await display())).toBeLessThanOrEqual(179);
  });

  it('warns in the last minute and shows time is up', async () => {
    await click('reset');
    for (let i = 0; i < 2; i++) await click('minus');
    expect(await display()).toBe('1:00');
    await click('toggle');
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-warning') === 'true', {}, `${PANEL} .lectern-timer`);
    await click('minus');
    await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLElement | null)?.dataset.state === 'done', { timeout: 5000 }, `${PANEL} .lectern-timer`);
    expect(await page.$eval(`${PANEL} .lectern-timer__status`, (el) => el.textContent)).toMatch(/time.s up/i);
  });
});
