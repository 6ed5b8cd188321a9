import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import type { RehearsalRecording } from '../../src/server/protocol.js';
import { type LiveServer, startLiveServer } from '../../src/server/live-server.js';
import { openServedPage, startBrowser } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';

declare const Reveal: { getIndices(): { h: number; v: number; f?: number } };

const DECK = [
  '---',
  'title: Rehearsed',
  'duration: 10m',
  '---',
  '',
  '## First',
  '',
  'Note: FIRST-NOTE say hello.',
  '',
  '---',
  '',
  '## Second',
  '',
  'Note: SECOND-NOTE explain.',
  '',
  '---',
  '',
  '## Drill',
  '',
  ':::activity{title="Drill" time="3m"}',
  'Do it.',
  ':::',
  '',
].join('\n');

let browser: ManagedBrowser;
let server: LiveServer;
let work: string;

const open = (path: string): Promise<Page> => openServedPage(browser, `${server.url}${path}`, { deck: false, height: 800 });

beforeAll(async () => {
  work = tempDir();
  writeFileSync(join(work, 'talk.md'), DECK);
  server = await startLiveServer({ files: [join(work, 'talk.md')], host: '127.0.0.1', port: 0, rehearse: true, rehearsalsDir: join(work, 'rehearsals') });
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('presenter view', () => {
  it('drives two audience windows, shows notes and pacing, runs the timer; a rehearsal records what happened', async () => {
    const audience = [await open('/talk/'), await open('/talk/')];
    for (const page of audience) await page.waitForFunction(() => document.documentElement.dataset.lecternReady === 'true');
    const presenter = await open(`/talk/presenter?token=${server.token}`);
    await presenter.waitForFunction(() => document.getElementById('lp-notes')?.textContent?.includes('FIRST-NOTE'), { timeout: 10_000 });
    expect(await presenter.$eval('#lp-rehearse', (el) => (el as HTMLInputElement).checked)).toBe(true);
    await presenter.keyboard.press('ArrowRight');
    await presenter.waitForFunction(() => document.getElementById('lp-notes')?.textContent?.includes('SECOND-NOTE'), { timeout: 10_000 });
    expect(await presenter.$eval('#lp-pace', (el) => el.textContent ?? '')).toMatch(/on time|behind|ahead/i);
    for (const page of audience) await page.waitForFunction(() => Reveal.getIndices().h === 1, { timeout: 10_000 });
    const waited = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    await presenter.keyboard.press('ArrowRight');
    for (const page of audience) await page.waitForFunction(() => Reveal.getIndices().h === 2, { timeout: 10_000 });
    const onSecond = (Date.now() - waited) / 1000;

    await presenter.waitForSelector('#lp-timer-toggle', { visible: true });
    await presenter.click('#lp-timer-toggle');
    for (const page of audience) {
      await page.waitForFunction(() => (document.querySelector('#activity-drill .lectern-timer') as HTMLElement | null)?.dataset.state === 'running', { timeout: 10_000 });
    }
    await presenter.click('#lp-timers-visible');
    await audience[0]?.waitForFunction(() => document.documentElement.classList.contains('lectern-timers-hidden'), { timeout: 10_000 });

    await presenter.click('#lp-rehearse-finish');
    await presenter.waitForFunction(() => /rehearsals/.test(document.getElementById('lp-rehearse-status')?.textContent ?? ''), { timeout: 10_000 });
    const folder = join(work, 'rehearsals', 'talk');
    const [file] = readdirSync(folder);
    const recording = JSON.parse(readFileSync(join(folder, file ?? ''), 'utf8')) as RehearsalRecording;
    const second = recording.slides.find((s) => s.title === 'Second');
    expect(second?.actualSeconds).toBeGreaterThan(onSecond - 1);
    expect(second?.actualSeconds).toBeLessThan(onSecond + 1.5);
    expect(recording.file).toBe(join(work, 'talk.md'));

    const report = await runCli(['rehearsal', 'talk', '--file', join(folder, file ?? '')], work);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('Second');
    expect(report.stdout).toMatch(/actual/);
    for (const page of [...audience, presenter]) await page.close();
  });
});
