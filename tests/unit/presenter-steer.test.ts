import { describe, expect, it } from 'vitest';
import { keyIntent, type SummarySlide } from '../../src/client/presenter/deck-nav.js';
import { gridStep } from '../../src/client/presenter/grid-keys.js';
import { scheduledSlide, scheduleNow } from '../../src/client/presenter/schedule-now.js';
import { nextScreenMode } from '../../src/client/presenter/screen-panel.js';
import { searchSlides } from '../../src/client/presenter/slide-search.js';
import { renderPresenterPage } from '../../src/render/render-presenter.js';
import { parseClientMessage } from '../../src/server/validate-message.js';

const MIN = 60;

/** Slides as the deck summary has them: planned back to back from 0. */
function slides(...plan: [title: string, minutes: number][]): SummarySlide[] {
  let start = 0;
  return plan.map(([title, minutes], index) => {
    const slide: SummarySlide = { index, h: index, v: 0, title, line: 1 + index * 4, notesHtml: '', plannedSeconds: minutes * MIN, startSeconds: start, activities: [] };
    start += minutes * MIN;
    return slide;
  });
}

const DECK = slides(
  ['Welcome', 2], // 1: 0–2 min
  ['Agenda', 3], // 2: 2–5
  ['Pipelines 101', 5], // 3: 5–10
  ['Stages', 0], // 4: planned for nothing
  ['Stage 2 details', 4], // 5: 10–14
  ['Hands-on', 10], // 6: 14–24
  ['Déploiement', 3], // 7: 24–27
  ['Wrap-up', 3], // 8: 27–30
);
const titles = (list: readonly SummarySlide[]) => list.map((slide) => slide.title);
const at = (n: number) => DECK[n - 1];

describe('searchSlides (the jump box)', () => {
  it('finds a slide by its number as the presenter shows it (from 1), then the titles with those digits', () => {
    expect(titles(searchSlides(DECK, '6'))).toEqual(['Hands-on']);
    expect(titles(searchSlides(DECK, ' 2 '))).toEqual(['Agenda', 'Stage 2 details']);
    expect(titles(searchSlides(DECK, '#8'))).toEqual(['Wrap-up']);
    expect(titles(searchSlides(DECK, '101'))).toEqual(['Pipelines 101']);
    expect(searchSlides(DECK, '99')).toEqual([]);
    expect(titles(searchSlides(DECK, '0'))).toEqual(['Pipelines 101']);
  });

  it('filters titles by a case-insensitive substring, accents and spacing ignored, in deck order', () => {
    expect(titles(searchSlides(DECK, 'STAGE'))).toEqual(['Stages', 'Stage 2 details']);
    expect(titles(searchSlides(DECK, 'hands'))).toEqual(['Hands-on']);
    expect(titles(searchSlides(DECK, 'on'))).toEqual(['Hands-on']);
    expect(titles(searchSlides(DECK, 'deploi'))).toEqual(['Déploiement']);
    expect(titles(searchSlides(DECK, 'stage   2'))).toEqual(['Stage 2 details']);
    expect(searchSlides(DECK, 'nothing like this')).toEqual([]);
  });

  it('lists every slide when nothing is typed', () => {
    expect(searchSlides(DECK, '')).toEqual(DECK);
    expect(searchSlides(DECK, '   ')).toEqual(DECK);
    expect(searchSlides([], 'x')).toEqual([]);
  });
});

describe('scheduleNow (the slide the plan has on screen)', () => {
  it('finds the slide whose planned window holds the elapsed time, skipping slides planned for nothing', () => {
    expect(scheduledSlide(DECK, 0)?.slide.title).toBe('Welcome');
    expect(scheduledSlide(DECK, 2 * MIN - 1)?.slide.title).toBe('Welcome');
    expect(scheduledSlide(DECK, 2 * MIN)?.slide.title).toBe('Agenda');
    expect(scheduledSlide(DECK, 10 * MIN)?.slide.title).toBe('Stage 2 details');
    expect(scheduledSlide(DECK, 20 * MIN)).toEqual({ slide: at(6), over: false });
    expect(scheduledSlide(DECK, 30 * MIN)).toEqual({ slide: at(8), over: true });
    expect(scheduledSlide(DECK, -5)?.slide.title).toBe('Welcome');
    expect(scheduledSlide([], 10)).toBeUndefined();
  });

  it('says where the plan is and where the presenter is, ahead or behind', () => {
    expect(scheduleNow(DECK, 3 * MIN, at(6))).toMatchObject({ slide: at(2), state: 'ahead', text: 'Schedule: slide 2 “Agenda” now (you are on 6, 11 min ahead)' });
    expect(scheduleNow(DECK, 20 * MIN, at(4))).toMatchObject({ state: 'behind', text: 'Schedule: slide 6 “Hands-on” now (you are on 4, 10 min behind)' });
    expect(scheduleNow(DECK, 17 * MIN, at(3))).toMatchObject({ state: 'behind', text: 'Schedule: slide 6 “Hands-on” now (you are on 3, 7 min behind)' });
    expect(scheduleNow(DECK, 20 * MIN, at(6))).toMatchObject({ state: 'on-time', text: 'Schedule: slide 6 “Hands-on” now (you are on it)' });
    expect(scheduleNow(DECK, 20 * MIN, undefined)?.text).toBe('Schedule: slide 6 “Hands-on” now');
  });

  it("counts a slide close to its planned start as on time (the pace's tolerance)", () => {
    expect(scheduleNow(DECK, 14 * MIN - 10, at(6))).toMatchObject({ slide: at(5), state: 'on-time', text: 'Schedule: slide 5 “Stage 2 details” now (you are on 6, on time)' });
  });

  it('says how long ago the plan ended once it is over', () => {
    expect(scheduleNow(DECK, 34 * MIN, at(7))).toMatchObject({ over: true, state: 'behind', text: 'Schedule: the plan ended 4 min ago, on slide 8 “Wrap-up” (you are on 7)' });
    expect(scheduleNow(DECK, 30 * MIN + 10, at(8))?.text).toBe('Schedule: the plan ended just now, on slide 8 “Wrap-up” (you are on 8)');
    expect(scheduleNow([], 0, undefined)).toBeUndefined();
  });
});

describe('gridStep (the overview grid)', () => {
  // 10 cells, 4 wide: rows 0–3, 4–7, 8–9.
  it('moves by a cell with left and right, and stops at the ends', () => {
    expect(gridStep(0, 10, 4, 'ArrowRight')).toBe(1);
    expect(gridStep(3, 10, 4, 'ArrowRight')).toBe(4);
    expect(gridStep(9, 10, 4, 'ArrowRight')).toBe(9);
    expect(gridStep(0, 10, 4, 'ArrowLeft')).toBe(0);
  });

  it('moves by a row with up and down; down above the short last row lands on its last cell', () => {
    expect(gridStep(1, 10, 4, 'ArrowDown')).toBe(5);
    expect(gridStep(6, 10, 4, 'ArrowDown')).toBe(9);
    expect(gridStep(9, 10, 4, 'ArrowDown')).toBe(9);
    expect(gridStep(5, 10, 4, 'ArrowUp')).toBe(1);
    expect(gridStep(2, 10, 4, 'ArrowUp')).toBe(2);
  });

  it('goes to the first and last cell with Home and End, by pages with PageUp and PageDown', () => {
    expect(gridStep(5, 10, 4, 'Home')).toBe(0);
    expect(gridStep(5, 10, 4, 'End')).toBe(9);
    expect(gridStep(0, 30, 4, 'PageDown')).toBe(12);
    expect(gridStep(13, 30, 4, 'PageUp')).toBe(1);
    expect(gridStep(2, 30, 4, 'PageUp')).toBe(0);
  });

  it('leaves other keys alone and copes with odd sizes', () => {
    expect(gridStep(0, 10, 4, 'Enter')).toBeUndefined();
    expect(gridStep(0, 0, 4, 'ArrowRight')).toBeUndefined();
    expect(gridStep(0, 3, 0, 'ArrowDown')).toBe(1);
  });
});

describe('presenter keys for steering the session', () => {
  it('maps G, O, Home, End, B and H, without taking a key already in use', () => {
    expect(keyIntent({ key: 'g' })).toEqual({ kind: 'open', panel: 'jump' });
    expect(keyIntent({ key: 'G', shiftKey: true })).toEqual({ kind: 'open', panel: 'jump' });
    expect(keyIntent({ key: 'o' })).toEqual({ kind: 'open', panel: 'overview' });
    expect(keyIntent({ key: 'Home' })).toEqual({ kind: 'go', to: 'first' });
    expect(keyIntent({ key: 'End' })).toEqual({ kind: 'go', to: 'last' });
    expect(keyIntent({ key: 'b' })).toEqual({ kind: 'screen', mode: 'black' });
    expect(keyIntent({ key: 'H' })).toEqual({ kind: 'screen', mode: 'paused' });
    // P still steps back, T still drives the timer.
    expect(keyIntent({ key: 'p' })).toEqual({ kind: 'nav', command: 'prev' });
    expect(keyIntent({ key: 't' })).toEqual({ kind: 'timer', action: 'toggle' });
    // The browser's own shortcuts stay the browser's.
    expect(keyIntent({ key: 'g', ctrlKey: true })).toBeUndefined();
    expect(keyIntent({ key: 'b', metaKey: true })).toBeUndefined();
  });

  it('toggles black and pause: the same key shows the slides again, the other key switches', () => {
    expect(nextScreenMode('normal', 'black')).toBe('black');
    expect(nextScreenMode('black', 'black')).toBe('normal');
    expect(nextScreenMode('black', 'paused')).toBe('paused');
    expect(nextScreenMode('paused', 'paused')).toBe('normal');
  });
});

describe('the screen message', () => {
  it('accepts the three modes and keeps only the known fields', () => {
    expect(parseClientMessage('{"type":"screen","mode":"black"}')).toEqual({ type: 'screen', mode: 'black' });
    expect(parseClientMessage('{"type":"screen","mode":"paused"}')).toEqual({ type: 'screen', mode: 'paused' });
    expect(parseClientMessage('{"type":"screen","mode":"normal","extra":{"x":1}}')).toEqual({ type: 'screen', mode: 'normal' });
  });

  it.each([
    '{"type":"screen"}',
    '{"type":"screen","mode":"BLACK"}',
    '{"type":"screen","mode":"white"}',
    '{"type":"screen","mode":""}',
    '{"type":"screen","mode":1}',
    '{"type":"screen","mode":true}',
    '{"type":"screen","mode":["black"]}',
    '{"type":"screen","mode":{"toString":"black"}}',
    '{"type":"screen","mode":"toString"}',
    '{"type":"screen","mode":"__proto__"}',
    '{"type":"Screen","mode":"black"}',
    '["screen","black"]',
    'screen black',
  ])('drops %s', (raw) => {
    expect(parseClientMessage(raw)).toBeUndefined();
  });
});

describe('the presenter page: steering controls', () => {
  const page = renderPresenterPage({ slug: 'm', title: 'T', token: 't', rehearse: false, lang: 'en' });

  it('has named buttons that announce their keys, and the two dialogs', () => {
    expect(page).toMatch(/<button type="button" class="lp-button lp-small" id="lp-jump-open" aria-keyshortcuts="G" aria-haspopup="dialog">Go to…<kbd aria-hidden="true">G<\/kbd><\/button>/);
    expect(page).toContain('id="lp-overview-open" aria-keyshortcuts="O" aria-haspopup="dialog">Overview');
    expect(page).toContain('id="lp-black" aria-keyshortcuts="B" aria-pressed="false">Black screen');
    expect(page).toContain('id="lp-pause" aria-keyshortcuts="H" aria-pressed="false">Pause screen');
    expect(page).toContain('<dialog class="lp-dialog lp-jump" id="lp-jump" aria-labelledby="lp-jump-label">');
    expect(page).toContain('<label class="lp-dialog-title" id="lp-jump-label" for="lp-jump-input">Go to slide</label>');
    expect(page).toContain('role="combobox"');
    expect(page).toContain('<dialog class="lp-dialog lp-overview" id="lp-overview" aria-labelledby="lp-overview-title">');
    expect(page).toContain('id="lp-audience" role="status"');
  });
});
