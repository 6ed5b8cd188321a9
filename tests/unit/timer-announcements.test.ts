import { describe, expect, it } from 'vitest';
import { announcementFor, announcementForChange, Countdown, momentOf, spokenDuration, type TimerMoment } from '../../src/client/countdown.js';

const polite = (text: string) => ({ text, politeness: 'polite' });

/** Every announcement a running timer makes, one tick per 250 ms, from `fromSeconds` until `toSeconds`. */
function announcementsWhileRunning(fromSeconds: number, toSeconds: number): string[] {
  const heard: string[] = [];
  let previous = fromSeconds;
  for (let ms = fromSeconds * 1000; ms >= toSeconds * 1000; ms -= 250) {
    const seconds = Math.ceil(ms / 1000);
    const said = announcementFor(previous, seconds);
    if (said) heard.push(`${said.politeness}: ${said.text}`);
    previous = seconds;
  }
  return heard;
}

describe('announcementFor (while the timer runs)', () => {
  it('says each minute mark once, and time is up assertively, never the seconds between', () => {
    expect(announcementsWhileRunning(180, -5)).toEqual(['polite: 2 minutes left', 'polite: 1 minute left', "assertive: Time's up"]);
  });

  it('says the mark when the display reaches it, not a second before or after', () => {
    expect(announcementFor(421, 420)).toEqual(polite('7 minutes left'));
    expect(announcementFor(422, 421)).toBeUndefined();
    expect(announcementFor(420, 419)).toBeUndefined();
  });

  it('says only the latest mark after a jump (a tab that slept), even past the mark itself', () => {
    expect(announcementFor(421, 300)).toEqual(polite('5 minutes left'));
    expect(announcementFor(421, 299)).toEqual(polite('5 minutes left'));
    expect(announcementFor(30, -20)).toEqual({ text: "Time's up", politeness: 'assertive' });
  });

  it('is silent in overtime and when nothing changed', () => {
    expect(announcementFor(0, -1)).toBeUndefined();
    expect(announcementFor(-10, -11)).toBeUndefined();
    expect(announcementFor(60, 60)).toBeUndefined();
  });
});

describe('announcementForChange (a button pressed here or by the presenter)', () => {
  const at = (state: TimerMoment['state'], seconds: number, running = state === 'running'): TimerMoment => ({ state, running, seconds });

  it('says start, pause, resume, reset and the minute buttons in words', () => {
    expect(announcementForChange(at('idle', 480), at('running', 480))).toEqual(polite('Timer started, 8 minutes'));
    expect(announcementForChange(at('running', 432), at('paused', 432))).toEqual(polite('Timer paused, 7 minutes 12 seconds left'));
    expect(announcementForChange(at('paused', 432), at('running', 432))).toEqual(polite('Timer resumed, 7 minutes 12 seconds left'));
    expect(announcementForChange(at('running', 432), at('idle', 480))).toEqual(polite('Timer reset, 8 minutes'));
    expect(announcementForChange(at('running', 400), at('running', 460))).toEqual(polite('One minute added, 7 minutes 40 seconds left'));
    expect(announcementForChange(at('idle', 480), at('idle', 420))).toEqual(polite('One minute taken off, 7 minutes'));
  });

  it("says time's up assertively when a minute taken off ends it, and a stop in overtime politely", () => {
    expect(announcementForChange(at('running', 40), at('done', -20, true))).toEqual({ text: "Time's up", politeness: 'assertive' });
    expect(announcementForChange(at('done', -15, true), at('done', -15, false))).toEqual(polite('Timer stopped'));
    expect(announcementForChange(at('done', -15, false), at('running', 180))).toEqual(polite('Timer started, 3 minutes'));
  });

  it('says nothing for the same record again (clock drift between windows)', () => {
    expect(announcementForChange(at('running', 300), at('running', 299))).toBeUndefined();
  });

  it('follows a real Countdown', () => {
    let now = 0;
    const countdown = new Countdown(180, () => now);
    const before = momentOf(countdown);
    countdown.apply('toggle');
    expect(announcementForChange(before, momentOf(countdown))?.text).toBe('Timer started, 3 minutes');
    now += 59_500;
    expect(momentOf(countdown).seconds).toBe(121);
  });
});

describe('spokenDuration', () => {
  it('says minutes and seconds as a person would', () => {
    expect(spokenDuration(480)).toBe('8 minutes');
    expect(spokenDuration(60)).toBe('1 minute');
    expect(spokenDuration(61)).toBe('1 minute 1 second');
    expect(spokenDuration(45)).toBe('45 seconds');
    expect(spokenDuration(-3)).toBe('0 seconds');
  });
});
