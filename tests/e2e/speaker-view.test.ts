import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { openDeck, openSpeakerView, startBrowser } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';

let browser: ManagedBrowser;

beforeAll(async () => {
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
});

it("opens reveal.js's speaker view with the slide's notes and the pacing timer (key S)", async () => {
  const out = tempDir();
  expect((await runCli(['build', 'tests/fixtures/decks/features.md', '--out', out])).code).toBe(0);
  const { page } = await openDeck(browser, join(out, 'features', 'index.html'), '#/1');
  const speaker = await openSpeakerView(browser, page);
  await speaker.waitForFunction(() => document.querySelector('.speaker-controls-notes')?.textContent?.includes('NOTE-ONE'), { timeout: 20_000 });
  // Pacing = planned end of this slide: two equal shares of the 23 minutes left by 90s + 2m30s + 3m.
  const pacing = await speaker.$eval('.speaker-controls-time', (el) => ({
    title: (el.querySelector('.pacing-title') as HTMLElement).innerText,
    time: (el.querySelector('.pacing') as HTMLElement).innerText,
  }));
  expect(pacing.title).toMatch(/pacing/i);
  expect(pacing.time).toMatch(/00:15:[0-2]\d/);
  await speaker.close();
  await page.close();
});
