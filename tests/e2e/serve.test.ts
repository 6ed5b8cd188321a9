import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { type LiveServer, startLiveServer } from '../../src/server/live-server.js';
import { openServedPage, openSpeakerView, startBrowser } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { openLiveSocket } from '../helpers/live-socket.js';

declare const Reveal: { getIndices(): { h: number; v: number; f?: number }; slide(h: number, v?: number): void };

const slide = (n: number, extra = '') => `## Slide ${n}\n\nText of slide ${n}.${extra}\n\nNote: notes ${n}`;
const DECK = ['---', 'title: Live', 'duration: 20m', '---', '', slide(1), '---', slide(2), '---', slide(3), '---', `## Drill\n\n:::activity{title="Drill" time="5m"}\nDo it.\n:::`, ''].join('\n');

let browser: ManagedBrowser;
let server: LiveServer;
let work: string;
let deckFile: string;

const openPage = (path: string): Promise<Page> => openServedPage(browser, `${server.url}${path}`, { deck: true });

/** A websocket client, as a phone or a second laptop would open one. */
const socket = (hello: object) => openLiveSocket(server.url, hello);

beforeAll(async () => {
  work = tempDir();
  deckFile = join(work, 'live.md');
  writeFileSync(deckFile, DECK);
  server = await startLiveServer({ files: [deckFile], host: '127.0.0.1', port: 0, rehearse: false, rehearsalsDir: join(work, 'rehearsals') });
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('lectern serve: live reload', () => {
  it('shows an edit in the open page in place, on the same slide, without reloading', async () => {
    const page = await openPage('/live/#/2');
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    writeFileSync(deckFile, DECK.replace('Text of slide 3.', 'Text of slide 3, EDITED.'));
    await page.waitForFunction(() => document.querySelector('section[data-lectern-slide="2"]')?.textContent?.includes('EDITED'), { timeout: 5000 });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await page.evaluate(() => Reveal.getIndices().h)).toBe(2);
    await page.close();
  });

  it('keeps the last good slides under an overlay naming the problem, and clears it on the next good save', async () => {
    const page = await openPage('/live/#/1');
    writeFileSync(deckFile, DECK.replace('Do it.\n:::', 'Do it.\n'));
    await page.waitForSelector('#lectern-problems', { timeout: 5000 });
    const overlay = await page.$eval('#lectern-problems', (el) => el.textContent ?? '');
    expect(overlay).toMatch(/live\.md:\d+:1: error: .*never closed|live\.md:\d+:1: error/);
    expect(await page.$$eval('.reveal .slides section[data-lectern-slide]', (s) => s.length)).toBe(4);
    writeFileSync(deckFile, DECK);
    await page.waitForFunction(() => !document.getElementById('lectern-problems'), { timeout: 5000 });
    await page.close();
  });

  it('sees a save by rename (write a temporary file, rename it over the deck), as many editors do', async () => {
    const page = await openPage('/live/#/1');
    const temp = join(work, '.live.md.swp');
    writeFileSync(temp, DECK.replace('Text of slide 2.', 'Text of slide 2, RENAMED.'));
    renameSync(temp, deckFile);
    await page.waitForFunction(() => document.querySelector('section[data-lectern-slide="1"]')?.textContent?.includes('RENAMED'), { timeout: 5000 });
    writeFileSync(temp, DECK);
    renameSync(temp, deckFile);
    await page.waitForFunction(() => !document.querySelector('section[data-lectern-slide="1"]')?.textContent?.includes('RENAMED'), { timeout: 5000 });
    await page.close();
  });

  it('ends a burst of 50 saves in one second with the final content', async () => {
    const page = await openPage('/live/#/0');
    for (let i = 1; i <= 50; i++) {
      writeFileSync(deckFile, DECK.replace('Text of slide 1.', `Text of slide 1, save ${i}.`));
      await new Promise((r) => setTimeout(r, 20));
    }
    await page.waitForFunction(() => document.querySelector('section[data-lectern-slide="0"]')?.textContent?.includes('save 50.'), { timeout: 8000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.$eval('section[data-lectern-slide="0"]', (s) => s.textContent)).toContain('save 50.');
    writeFileSync(deckFile, DECK);
    await page.close();
  });

  it("keeps reveal.js's speaker view (key S) up to date with the edited notes", async () => {
    const page = await openPage('/live/#/0');
    const speaker = await openSpeakerView(browser, page);
    const notes = (text: string) => speaker.waitForFunction((t) => document.querySelector('.speaker-controls-notes')?.textContent?.includes(t), { timeout: 15_000 }, text);
    await notes('notes 1');
    writeFileSync(deckFile, DECK.replace('Note: notes 1', 'Note: notes 1, EDITED'));
    await notes('EDITED');
    writeFileSync(deckFile, DECK);
    await speaker.close();
    await page.close();
  });

  it('rebuilds in memory and never writes next to the deck', () => {
    expect(readFileSync(deckFile, 'utf8')).toBe(DECK);
  });
});

describe('lectern serve: presenter and audience', () => {
  it('moves every audience window with the presenter, and a late window lands on the current slide', async () => {
    const one = await openPage('/live/');
    const two = await openPage('/live/');
    const presenter = await socket({ type: 'hello', slug: 'live', role: 'presenter', token: server.token });
    expect(presenter.messages[0]?.type).toBe('welcome');
    presenter.ws.send(JSON.stringify({ type: 'navigate', h: 2, v: 0, f: -1 }));
    for (const page of [one, two]) await page.waitForFunction(() => Reveal.getIndices().h === 2, { timeout: 5000 });
    presenter.ws.send(JSON.stringify({ type: 'timer', id: 'drill', action: 'toggle' }));
    for (const page of [one, two]) {
      await page.waitForFunction(() => (document.querySelector('#activity-drill .lectern-timer') as HTMLElement | null)?.dataset.state === 'running', { timeout: 5000 });
    }
    const late = await openPage('/live/');
    await late.waitForFunction(() => Reveal.getIndices().h === 2, { timeout: 5000 });
    expect(await late.$eval('#activity-drill .lectern-timer', (t) => (t as HTMLElement).dataset.state)).toBe('running');
    presenter.ws.close();
    for (const page of [one, two, late]) await page.close();
  });

  it('refuses a wrong token, and an audience socket cannot move anyone', async () => {
    const page = await openPage('/live/');
    const start = await page.evaluate(() => Reveal.getIndices().h);
    const impostor = await socket({ type: 'hello', slug: 'live', role: 'presenter', token: 'guess' });
    expect(impostor.messages[0]).toMatchObject({ type: 'refused' });
    const audience = await socket({ type: 'hello', slug: 'live', role: 'audience' });
    audience.ws.send(JSON.stringify({ type: 'navigate', h: 3, v: 0, f: -1 }));
    audience.ws.send(JSON.stringify({ type: 'timer', id: 'drill', action: 'reset' }));
    audience.ws.send('not json at all');
    audience.ws.send(JSON.stringify({ type: 'navigate', h: 'x' }));
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.evaluate(() => Reveal.getIndices().h)).toBe(start);
    expect(audience.messages.filter((m) => m.type === 'state')).toEqual([]);
    impostor.ws.close();
    audience.ws.close();
    await page.close();
  });

  it('serves the presenter view only with the token', async () => {
    expect((await fetch(`${server.url}/live/presenter`)).status).toBe(403);
    expect((await fetch(`${server.url}/live/presenter?token=nope`)).status).toBe(403);
    expect((await fetch(`${server.url}/live/presenter?token=${server.token}`)).status).toBe(200);
  });
});

describe("lectern serve: only the deck's own files", () => {
  it.each([
    '/live/../live.md',
    '/live/%2e%2e/live.md',
    '/live/%2E%2E%2Fpackage.json',
    '/live/assets/..%2f..%2flive.md',
    '/live//etc/passwd',
    '/%2fetc%2fpasswd',
    '/live/assets/%00',
    '/live/%',
    '/nope/',
    '/live/live.md',
  ])('404 for %s', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(404);
  });

  it('serves the course index at /, linking each deck', async () => {
    const index = await (await fetch(`${server.url}/`)).text();
    expect(index).toContain('href="live/index.html"');
    expect(index).toContain('Live');
    expect((await fetch(`${server.url}/live/index.html`)).status).toBe(200);
  });

  it('serves the deck and its assets', async () => {
    expect((await fetch(`${server.url}/live/`)).status).toBe(200);
    expect((await fetch(`${server.url}/live/assets/reveal.js`)).status).toBe(200);
    expect((await fetch(`${server.url}/live`)).status).toBe(200);
  });

  it('says so when the port is taken, without a stack trace', async () => {
    const result = await runCli(['serve', deckFile, '--port', new URL(server.url).port]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/lectern: port \d+ on 127\.0\.0\.1 is in use\n {2}hint: /);
  });

  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
