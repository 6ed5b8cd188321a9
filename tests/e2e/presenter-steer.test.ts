import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { type LiveServer, startLiveServer } from '../../src/server/live-server.js';
import { openServedPage, startBrowser } from '../helpers/browser.js';
import { tempDir } from '../helpers/cli.js';
import { openLiveSocket } from '../helpers/live-socket.js';
import { waitFor } from '../helpers/wait.js';

declare const Reveal: { getIndices(): { h: number; v: number; f?: number } };

// Slides in presenter numbering (reveal.js's h.v): 1 Welcome (0.0), 2 Agenda (1.0), 3 Stages
// (2.0), 4 Stage details (2.1, below 3), 5 Hands-on (3.0), 6 Caching (4.0), 7 Wrap-up (5.0).
const DECK = [
  '---',
  'title: Steering',
  'duration: 30m',
  '---',
  '',
  '## Welcome',
  '',
  'Note: WELCOME-NOTE',
  '',
  '---',
  '',
  '## Agenda',
  '',
  '---',
  '',
  '## Stages',
  '',
  '----',
  '',
  '## Stage details',
  '',
  '---',
  '',
  '## Hands-on',
  '',
  'Note: HANDS-ON-NOTE',
  '',
  '---',
  '',
  '## Caching',
  '',
  '---',
  '',
  '## Wrap-up',
  '',
].join('\n');

const TIMEOUT = { timeout: 10_000 };

let browser: ManagedBrowser;
let server: LiveServer;
const opened: Page[] = [];

async function openAudience(): Promise<Page> {
  const page = await openServedPage(browser, `${server.url}/steer/`, { deck: true });
  opened.push(page);
  return page;
}

async function openPresenter(): Promise<Page> {
  const page = await openServedPage(browser, `${server.url}/steer/presenter?token=${server.token}`, { deck: false, height: 800 });
  opened.push(page);
  await page.waitForFunction(() => document.getElementById('lp-connection')?.dataset.state === 'connected' && document.getElementById('lp-position')?.textContent?.includes('/ 7'), TIMEOUT);
  return page;
}

const audienceAt = (page: Page, h: number, v = 0) => page.waitForFunction((h, v) => Reveal.getIndices().h === h && Reveal.getIndices().v === v, TIMEOUT, h, v);
const presenterOn = (page: Page, title: string) => page.waitForFunction((t) => document.getElementById('lp-slide-title')?.textContent === t, TIMEOUT, title);
const dialogOpen = (page: Page, id: string) => page.$eval(id, (d) => (d as HTMLDialogElement).open);
/** By role and accessible name, as a screen reader finds it. */
const button = (name: string) => `::-p-aria([name="${name}"][role="button"])`;

/** What covers the middle and a corner (where reveal.js's controls are) of an audience window. */
function screenLayer(page: Page | Frame) {
  return page.evaluate(() => {
    const layer = document.getElementById('lectern-screen');
    if (!layer) return undefined;
    const style = getComputedStyle(layer);
    const covers = (x: number, y: number) => layer.contains(document.elementFromPoint(x, y));
    return {
      mode: layer.dataset.mode,
      background: style.backgroundColor,
      cursor: style.cursor,
      visible: style.visibility === 'visible' && style.display !== 'none',
      coversMiddle: covers(innerWidth / 2, innerHeight / 2),
      coversControls: covers(innerWidth - 20, innerHeight - 20),
      text: layer.textContent ?? '',
    };
  });
}

async function setScreen(mode: string): Promise<void> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/__lectern/ws`);
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'hello', slug: 'steer', role: 'presenter', token: server.token }));
  ws.send(JSON.stringify({ type: 'screen', mode }));
  await new Promise((r) => setTimeout(r, 200));
  ws.close();
}

beforeAll(async () => {
  const work = tempDir();
  writeFileSync(join(work, 'steer.md'), DECK);
  server = await startLiveServer({ files: [join(work, 'steer.md')], host: '127.0.0.1', port: 0, rehearse: false, rehearsalsDir: join(work, 'rehearsals') });
  browser = await startBrowser();
});

afterEach(async () => {
  for (const page of opened.splice(0)) await page.close();
  await setScreen('normal');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('presenter view: jump to a slide', () => {
  it('jumps by title (typed, case-insensitive) and by number, arrows choose; the audience follows', async () => {
    const audience = await openAudience();
    const presenter = await openPresenter();

    await presenter.keyboard.press('g');
    expect(await dialogOpen(presenter, '#lp-jump')).toBe(true);
    expect(await presenter.evaluate(() => document.activeElement?.id)).toBe('lp-jump-input');
    await presenter.keyboard.type('HANDS');
    await presenter.waitForFunction(() => document.querySelector('#lp-jump-list [aria-selected="true"]')?.textContent?.includes('Hands-on'), TIMEOUT);
    await presenter.keyboard.press('Enter');
    await audienceAt(audience, 3);
    await presenterOn(presenter, 'Hands-on');
    expect(await dialogOpen(presenter, '#lp-jump')).toBe(false);
    await presenter.waitForFunction(() => document.getElementById('lp-notes')?.textContent?.includes('HANDS-ON-NOTE'), TIMEOUT);

    // A number is the slide's number in the presenter view, counted from 1.
    await presenter.click(button('Go to…'));
    await presenter.keyboard.type('2');
    await presenter.keyboard.press('Enter');
    await audienceAt(audience, 1);
    await presenterOn(presenter, 'Agenda');

    // Two titles match "stage": the arrow picks the second, a slide below another.
    await presenter.keyboard.press('G');
    await presenter.keyboard.type('stage');
    await presenter.waitForFunction(() => document.querySelectorAll('#lp-jump-list [role="option"]').length === 2, TIMEOUT);
    await presenter.keyboard.press('ArrowDown');
    await presenter.keyboard.press('Enter');
    await audienceAt(audience, 2, 1);
    await presenterOn(presenter, 'Stage details');
  });

  it('closes on Escape without moving anyone, and says when nothing matches', async () => {
    const audience = await openAudience();
    const presenter = await openPresenter();
    const before = await audience.evaluate(() => Reveal.getIndices());
    await presenter.keyboard.press('g');
    await presenter.keyboard.type('no such slide');
    await presenter.waitForFunction(() => document.querySelector('#lp-jump-list')?.textContent?.includes('No slide'), TIMEOUT);
    await presenter.keyboard.press('Enter');
    expect(await dialogOpen(presenter, '#lp-jump')).toBe(true);
    await presenter.keyboard.press('Escape');
    await presenter.waitForFunction(() => !(document.getElementById('lp-jump') as HTMLDialogElement).open, TIMEOUT);
    await new Promise((r) => setTimeout(r, 600));
    expect(await audience.evaluate(() => Reveal.getIndices())).toMatchObject({ h: before.h, v: before.v });
  });
});

describe('presenter view: overview grid, Home and End', () => {
  it('shows every slide, marks the current one, and a click or Enter on a cell moves the audience', async () => {
    const audience = await openAudience();
    const presenter = await openPresenter();
    await presenter.click(button('Start'));
    await presenter.keyboard.press('End');
    await audienceAt(audience, 5);

    await presenter.keyboard.press('o');
    expect(await dialogOpen(presenter, '#lp-overview')).toBe(true);
    const cells = await presenter.$$eval('#lp-overview-grid button', (all) => all.map((b) => ({ name: b.getAttribute('aria-label') ?? '', current: b.getAttribute('aria-current') })));
    expect(cells.map((c) => /^Slide (\d+): (.*?), starts \d+:\d\d, \d+ min/.exec(c.name)?.slice(1))).toEqual([
      ['1', 'Welcome'],
      ['2', 'Agenda'],
      ['3', 'Stages'],
      ['4', 'Stage details'],
      ['5', 'Hands-on'],
      ['6', 'Caching'],
      ['7', 'Wrap-up'],
    ]);
    expect(cells.map((c) => c.current)).toEqual([null, null, null, null, null, null, 'true']);
    expect(cells[6]?.name).toMatch(/, on screen$/);
    // The clock runs: the schedule has slide 1 on screen now.
    expect(await presenter.$eval('#lp-overview-grid button[data-scheduled="true"]', (b) => b.getAttribute('aria-label'))).toMatch(/^Slide 1: Welcome, .*, planned now$/);

    await presenter.click('#lp-overview-grid button[data-index="5"]');
    await audienceAt(audience, 4);
    expect(await dialogOpen(presenter, '#lp-overview')).toBe(false);

    // From the keyboard: the focus starts on the slide on screen; left, then Enter.
    await presenter.click(button('Overview'));
    expect(await presenter.evaluate(() => document.activeElement?.textContent)).toContain('Caching');
    await presenter.keyboard.press('ArrowLeft');
    await presenter.keyboard.press('Enter');
    await audienceAt(audience, 3);
    await presenterOn(presenter, 'Hands-on');

    await presenter.keyboard.press('O');
    await presenter.keyboard.press('Escape');
    await presenter.waitForFunction(() => !(document.getElementById('lp-overview') as HTMLDialogElement).open, TIMEOUT);
  });

  it('Home and End go to the first and the last slide, and the audience follows', async () => {
    const audience = await openAudience();
    const presenter = await openPresenter();
    await presenter.keyboard.press('End');
    await audienceAt(audience, 5);
    await presenterOn(presenter, 'Wrap-up');
    await presenter.keyboard.press('Home');
    await audienceAt(audience, 0);
    await presenterOn(presenter, 'Welcome');
    // From the first slide, End certainly moves (the room may have started on the last one).
    await presenter.keyboard.press('End');
    await audienceAt(audience, 5);
  });

  it('shows the slide the schedule has on screen beside the pace', async () => {
    const presenter = await openPresenter();
    // Before the clock starts there is no schedule to keep.
    expect(await presenter.$eval('#lp-schedule', (el) => (el as HTMLElement).hidden)).toBe(true);
    await presenter.click(button('Start'));
    await presenter.keyboard.press('End');
    await presenterOn(presenter, 'Wrap-up');
    await presenter.waitForFunction(() => document.getElementById('lp-schedule')?.textContent?.includes('you are on 7'), TIMEOUT);
    expect(await presenter.$eval('#lp-schedule', (el) => (el as HTMLElement).hidden)).toBe(false);
    expect(await presenter.$eval('#lp-schedule', (el) => el.textContent)).toMatch(/^Schedule: slide 1 “Welcome” now \(you are on 7, \d+ min ahead\)$/);
    expect(await presenter.$eval('#lp-schedule', (el) => (el as HTMLElement).dataset.state)).toBe('ahead');
  });
});

describe('presenter view: black screen and pause', () => {
  it('B blacks out every audience window (not the previews), a late window too; B again brings the slides back', async () => {
    const audience = [await openAudience(), await openAudience()];
    const presenter = await openPresenter();
    expect(await screenLayer(audience[0] as Page)).toBeUndefined();

    await presenter.keyboard.press('b');
    for (const page of audience) {
      await page.waitForSelector('#lectern-screen', TIMEOUT);
      expect(await screenLayer(page)).toMatchObject({ mode: 'black', background: 'rgb(0, 0, 0)', cursor: 'none', visible: true, coversMiddle: true, coversControls: true });
    }
    expect(await presenter.$eval('#lp-black', (b) => b.getAttribute('aria-pressed'))).toBe('true');
    expect(await presenter.$eval('#lp-audience', (el) => el.textContent)).toMatch(/black screen/i);
    expect(await presenter.$eval('#lp-audience', (el) => getComputedStyle(el).display)).not.toBe('none');
    // The presenter's own preview keeps showing the slide.
    const preview = presenter.frames().find((frame) => frame.url().includes('lectern-embed=current'));
    expect(preview).toBeDefined();
    expect(await screenLayer(preview as Frame)).toBeUndefined();

    const late = await openAudience();
    await late.waitForSelector('#lectern-screen', TIMEOUT);
    expect(await screenLayer(late)).toMatchObject({ mode: 'black', coversMiddle: true });

    await presenter.keyboard.press('B');
    for (const page of [...audience, late]) await page.waitForFunction(() => !document.getElementById('lectern-screen'), TIMEOUT);
    expect(await presenter.$eval('#lp-black', (b) => b.getAttribute('aria-pressed'))).toBe('false');
    expect(await presenter.$eval('#lp-audience', (el) => getComputedStyle(el).display)).toBe('none');
  });

  it('pause shows the audience a calm message, a late window too; the audience still follows underneath', async () => {
    const audience = await openAudience();
    const presenter = await openPresenter();
    await presenter.click(button('Pause screen'));
    await audience.waitForSelector('#lectern-screen[data-mode="paused"]', TIMEOUT);
    expect(await screenLayer(audience)).toMatchObject({ mode: 'paused', visible: true, coversMiddle: true, text: 'Paused — back in a moment' });
    expect(await presenter.$eval('#lp-pause', (b) => b.getAttribute('aria-pressed'))).toBe('true');
    expect(await presenter.$eval('#lp-audience', (el) => el.textContent)).toMatch(/paused/i);

    const late = await openAudience();
    await late.waitForSelector('#lectern-screen[data-mode="paused"]', TIMEOUT);

    await presenter.keyboard.press('End');
    await audienceAt(audience, 5);

    // B while paused switches to black; H while black switches to pause; H again shows the slides.
    await presenter.keyboard.press('b');
    await audience.waitForSelector('#lectern-screen[data-mode="black"]', TIMEOUT);
    await presenter.keyboard.press('h');
    await audience.waitForSelector('#lectern-screen[data-mode="paused"]', TIMEOUT);
    await presenter.keyboard.press('h');
    for (const page of [audience, late]) await page.waitForFunction(() => !document.getElementById('lectern-screen'), TIMEOUT);
    expect(await audience.evaluate(() => Reveal.getIndices().h)).toBe(5);
  });

  it('ignores the screen message from an audience socket, and junk modes from the presenter', async () => {
    const audience = await openAudience();
    const connect = (hello: object) => openLiveSocket(server.url, hello);
    const intruder = await connect({ type: 'hello', slug: 'steer', role: 'audience' });
    intruder.ws.send(JSON.stringify({ type: 'screen', mode: 'black' }));
    const presenter = await connect({ type: 'hello', slug: 'steer', role: 'presenter', token: server.token });
    presenter.ws.send(JSON.stringify({ type: 'screen', mode: 'white' }));
    presenter.ws.send(JSON.stringify({ type: 'screen', mode: 1 }));
    presenter.ws.send(JSON.stringify({ type: 'screen' }));
    await new Promise((r) => setTimeout(r, 800));
    expect(await screenLayer(audience)).toBeUndefined();
    expect(intruder.messages.filter((m) => m.type === 'state')).toEqual([]);
    expect(presenter.messages.filter((m) => m.type === 'state')).toEqual([]);

    // The same socket with a valid mode does move the room: the check above was not vacuous.
    presenter.ws.send(JSON.stringify({ type: 'screen', mode: 'black' }));
    await audience.waitForSelector('#lectern-screen[data-mode="black"]', TIMEOUT);
    await waitFor(() => intruder.messages.some((m) => m.type === 'state' && (m as unknown as { state: { screen: string } }).state.screen === 'black'));
    intruder.ws.close();
    presenter.ws.close();
  });
});
