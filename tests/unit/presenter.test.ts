import { describe, expect, it } from 'vitest';
import { keyIntent, slideAfter, slideAt, stepInSummary, timedActivity } from '../../src/client/presenter/deck-nav.js';
import { parseServerMessage, socketUrl } from '../../src/client/connection.js';
import { formatClock, formatDuration, formatWallClock, pacing } from '../../src/client/presenter/pacing.js';
import { RehearsalLog } from '../../src/client/presenter/rehearsal-log.js';
import { renderPresenterPage } from '../../src/render/render-presenter.js';
import type { DeckSummary } from '../../src/server/protocol.js';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const MIN = 60_000;

function summary(): DeckSummary {
  return {
    slug: 'module-1',
    title: 'Module 1',
    durationSeconds: 1200,
    totalSeconds: 1200,
    slides: [
      { index: 0, h: 0, v: 0, title: 'Intro', line: 1, notesHtml: '<p>Hi</p>', plannedSeconds: 120, startSeconds: 0, activities: [] },
      { index: 1, h: 1, v: 0, title: 'Pipeline', line: 8, notesHtml: '', plannedSeconds: 180, startSeconds: 120, activities: [] },
      { index: 2, h: 1, v: 1, title: 'Below', line: 14, notesHtml: '', plannedSeconds: 60, startSeconds: 300, activities: [] },
      {
        index: 3,
        h: 2,
        v: 0,
        title: 'Hands-on',
        line: 20,
        notesHtml: '',
        plannedSeconds: 600,
        startSeconds: 360,
        activities: [
          { id: 'warm-up', title: 'Warm-up' },
          { id: 'security-drill', title: 'Security Drill', seconds: 600 },
        ],
      },
      { index: 4, h: 3, v: 0, title: 'Wrap-up', line: 30, notesHtml: '', plannedSeconds: 240, startSeconds: 960, activities: [] },
    ],
  };
}

describe('pacing', () => {
  it('is on time within 30 s of the planned start', () => {
    expect(pacing(120, 120).text).toBe('on time');
    expect(pacing(150, 120)).toEqual({ state: 'on-time', minutes: 0, text: 'on time' });
    expect(pacing(90, 120).state).toBe('on-time');
  });

  it('says how many minutes behind or ahead, at least one', () => {
    expect(pacing(151, 120)).toEqual({ state: 'behind', minutes: 1, text: '1 min behind' });
    expect(pacing(120 + 3 * 60, 120).text).toBe('3 min behind');
    expect(pacing(89, 120)).toEqual({ state: 'ahead', minutes: 1, text: '1 min ahead' });
    expect(pacing(0, 600).text).toBe('10 min ahead');
  });

  it('counts the whole planned window of the slide as on time when given its length', () => {
    expect(pacing(120 + 170, 120, 180).text).toBe('on time');
    expect(pacing(120 + 180 + 30, 120, 180).text).toBe('on time');
    expect(pacing(120 + 180 + 2 * 60, 120, 180).text).toBe('2 min behind');
    expect(pacing(60, 120, 180).text).toBe('1 min ahead');
  });

  it('formats the clocks', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65.9)).toBe('1:05');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(-5)).toBe('0:00');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(300)).toBe('5 min');
    expect(formatDuration(150)).toBe('2 min 30 s');
    expect(formatDuration(4500)).toBe('1 h 15 min');
    expect(formatWallClock(new Date(2025, 0, 6, 9, 5))).toBe('09:05');
  });
});

describe('deck navigation helpers', () => {
  it('finds the slide, the next one in the deck order and the timed activity', () => {
    const deck = summary();
    expect(slideAt(deck, 1, 1)?.title).toBe('Below');
    expect(slideAfter(deck, 1, 0)?.title).toBe('Below');
    expect(slideAfter(deck, 1, 1)?.title).toBe('Hands-on');
    expect(slideAfter(deck, 3, 0)).toBeUndefined();
    expect(slideAfter(deck, 9, 0)).toBeUndefined();
    expect(timedActivity(slideAt(deck, 2, 0))?.id).toBe('security-drill');
    expect(timedActivity(slideAt(deck, 0, 0))).toBeUndefined();
  });

  it('steps through the summary when the preview is not ready', () => {
    const deck = summary();
    expect(stepInSummary(deck, { h: 1, v: 0, f: 2 }, 'next')).toEqual({ h: 1, v: 1, f: -1 });
    expect(stepInSummary(deck, { h: 1, v: 1, f: 0 }, 'prev')).toEqual({ h: 1, v: 0, f: -1 });
    expect(stepInSummary(deck, { h: 1, v: 1, f: 0 }, 'right')).toEqual({ h: 2, v: 0, f: -1 });
    expect(stepInSummary(deck, { h: 2, v: 0, f: 0 }, 'left')).toEqual({ h: 1, v: 0, f: -1 });
    expect(stepInSummary(deck, { h: 1, v: 0, f: 0 }, 'down')).toEqual({ h: 1, v: 1, f: -1 });
    expect(stepInSummary(deck, { h: 3, v: 0, f: 0 }, 'next')).toBeUndefined();
    expect(stepInSummary(undefined, { h: 0, v: 0, f: 0 }, 'next')).toBeUndefined();
  });

  it('maps keys to commands and timer actions', () => {
    expect(keyIntent({ key: 'ArrowRight' })).toEqual({ kind: 'nav', command: 'right' });
    expect(keyIntent({ key: 'ArrowLeft' })).toEqual({ kind: 'nav', command: 'left' });
    expect(keyIntent({ key: ' ' })).toEqual({ kind: 'nav', command: 'next' });
    expect(keyIntent({ key: ' ', shiftKey: true })).toEqual({ kind: 'nav', command: 'prev' });
    expect(keyIntent({ key: 'PageDown' })).toEqual({ kind: 'nav', command: 'next' });
    expect(keyIntent({ key: 'PageUp' })).toEqual({ kind: 'nav', command: 'prev' });
    expect(keyIntent({ key: 'n' })).toEqual({ kind: 'nav', command: 'next' });
    expect(keyIntent({ key: 'P' })).toEqual({ kind: 'nav', command: 'prev' });
    expect(keyIntent({ key: 't' })).toEqual({ kind: 'timer', action: 'toggle' });
    expect(keyIntent({ key: 'n', ctrlKey: true })).toBeUndefined();
    expect(keyIntent({ key: 'x' })).toBeUndefined();
  });
});

describe('connection helpers', () => {
  it('builds the websocket address and reads server messages', () => {
    expect(socketUrl({ protocol: 'http:', host: 'localhost:4000' })).toBe('ws://localhost:4000/__lectern/ws');
    expect(socketUrl({ protocol: 'https:', host: 'example.org' })).toBe('wss://example.org/__lectern/ws');
    expect(parseServerMessage('{"type":"reload"}')).toEqual({ type: 'reload' });
    expect(parseServerMessage('not json')).toBeUndefined();
    expect(parseServerMessage('{"no":"type"}')).toBeUndefined();
    expect(parseServerMessage(new ArrayBuffer(2))).toBeUndefined();
  });
});

describe('RehearsalLog', () => {
  it('records the wall-clock time on each slide and builds the recording', () => {
    const log = new RehearsalLog();
    log.setSlide(0, T0 - MIN); // before the start: not counted
    log.begin(0, T0);
    log.setSlide(1, T0 + 2 * MIN);
    log.setSlide(2, T0 + 5 * MIN + 30_000);
    log.setSlide(1, T0 + 6 * MIN); // back again: adds up
    log.setSlide(3, T0 + 7 * MIN);
    const recording = log.toRecording(summary(), T0 + 17 * MIN);
    expect(recording).toMatchObject({
      version: 1,
      slug: 'module-1',
      file: '',
      title: 'Module 1',
      startedAt: '2025-01-06T09:00:00.000Z',
      finishedAt: '2025-01-06T09:17:00.000Z',
      durationSeconds: 1200,
      plannedTotalSeconds: 1200,
    });
    expect(recording.slides.map((s) => [s.index, s.h, s.v, s.line, s.plannedSeconds, s.actualSeconds])).toEqual([
      [0, 0, 0, 1, 120, 120],
      [1, 1, 0, 8, 180, 210 + 60],
      [2, 1, 1, 14, 60, 30],
      [3, 2, 0, 20, 600, 600],
      [4, 3, 0, 30, 240, 0],
    ]);
    // Without a timer run, an activity takes its slide's time.
    expect(recording.activities).toEqual([
      { id: 'warm-up', title: 'Warm-up', slideIndex: 3, actualSeconds: 600 },
      { id: 'security-drill', title: 'Security Drill', slideIndex: 3, plannedSeconds: 600, actualSeconds: 600 },
    ]);
  });

  it('counts the time an activity timer ran, across pauses of the timer', () => {
    const log = new RehearsalLog();
    log.begin(3, T0);
    log.setTimerRunning('security-drill', true, T0 + MIN);
    log.setTimerRunning('security-drill', true, T0 + 2 * MIN); // repeated state: no change
    log.setTimerRunning('security-drill', false, T0 + 4 * MIN);
    log.setTimerRunning('security-drill', true, T0 + 5 * MIN);
    const recording = log.toRecording(summary(), T0 + 6 * MIN); // still running: counted up to now
    const drill = recording.activities.find((a) => a.id === 'security-drill');
    expect(drill?.actualSeconds).toBe(4 * 60);
    expect(recording.activities.find((a) => a.id === 'warm-up')?.actualSeconds).toBe(6 * 60);
  });

  it('stops counting while paused (the Rehearse switch is off)', () => {
    const log = new RehearsalLog();
    log.begin(0, T0);
    log.setTimerRunning('security-drill', true, T0);
    log.pause(T0 + MIN);
    expect(log.isPaused).toBe(true);
    log.setSlide(1, T0 + 2 * MIN);
    log.resume(T0 + 10 * MIN);
    log.setSlide(2, T0 + 11 * MIN);
    const totals = log.totals(T0 + 12 * MIN);
    expect(totals.slideMs.get(0)).toBe(MIN);
    expect(totals.slideMs.get(1)).toBe(MIN);
    expect(totals.slideMs.get(2)).toBe(MIN);
    expect(totals.timerMs.get('security-drill')).toBe(3 * MIN);
    expect(totals.totalMs).toBe(3 * MIN);
  });

  it('does not record before it begins, nor while it begins paused', () => {
    const log = new RehearsalLog();
    expect(log.isStarted).toBe(false);
    log.pause(T0);
    log.begin(0, T0);
    expect(log.isStarted).toBe(true);
    expect(log.totals(T0 + MIN).totalMs).toBe(0);
    log.resume(T0 + MIN);
    expect(log.totals(T0 + 2 * MIN).slideMs.get(0)).toBe(MIN);
  });

  it('lets the server fill in the file', () => {
    const log = new RehearsalLog();
    log.begin(0, T0);
    expect(log.toRecording(summary(), T0 + 1000, 'decks/m1.md').file).toBe('decks/m1.md');
  });
});

describe('renderPresenterPage', () => {
  const page = renderPresenterPage({ slug: 'module-1', title: 'CI </script> & "CD"', token: 'a"b</script><x>', rehearse: true, lang: 'de' });

  it('loads the two assets and starts the presenter with the options', () => {
    expect(page).toContain('<link rel="stylesheet" href="/__lectern/presenter.css">');
    expect(page).toContain('<script src="/__lectern/presenter.js"></script>');
    expect(page).toContain('LecternPresenter.start({"slug":"module-1","token":"a\\"b\\u003c/script>\\u003cx>","rehearse":true});');
    expect(page).toContain('<html lang="de">');
  });

  it('escapes the title and the token', () => {
    expect(page).toContain('<title>Presenter · CI &lt;/script&gt; &amp; &quot;CD&quot;</title>');
    expect(page).not.toContain('</script><x>');
    expect(page).not.toContain('CI </script>');
    expect(page.match(/<\/script>/g)).toHaveLength(2);
  });

  it('has both previews in embed mode and the Rehearse switch as asked', () => {
    expect(page).toContain('src="/module-1/?lectern-embed=current"');
    expect(page).toContain('src="/module-1/?lectern-embed=next"');
    expect(page).toContain('id="lp-rehearse" checked');
    const off = renderPresenterPage({ slug: 'm', title: 'T', token: 't', rehearse: false, lang: 'en' });
    expect(off).not.toContain('id="lp-rehearse" checked');
    expect(off).toContain('"rehearse":false');
  });

  it('is pure: the same options give the same page', () => {
    const options = { slug: 's', title: 'T', token: 't', rehearse: false, lang: 'en' };
    expect(renderPresenterPage(options)).toBe(renderPresenterPage(options));
  });
});
