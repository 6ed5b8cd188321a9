import { describe, expect, it } from 'vitest';
import { Countdown, formatRemaining } from '../../src/client/countdown.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('Countdown', () => {
  it('starts idle at the planned time and counts down on the wall clock', () => {
    const c = clock();
    const timer = new Countdown(180, c.now);
    expect(timer.state()).toBe('idle');
    expect(formatRemaining(timer.remainingMs())).toBe('3:00');
    c.advance(5000);
    expect(timer.remainingMs()).toBe(180_000);
    timer.apply('toggle');
    c.advance(2500);
    expect(timer.state()).toBe('running');
    expect(formatRemaining(timer.remainingMs())).toBe('2:58');
  });

  it('pauses, resumes and resets', () => {
    const c = clock();
    const timer = new Countdown(120, c.now);
    timer.apply('toggle');
    c.advance(10_000);
    timer.apply('toggle');
    expect(timer.state()).toBe('paused');
    c.advance(60_000);
    expect(timer.remainingMs()).toBe(110_000);
    timer.apply('toggle');
    c.advance(10_000);
    expect(timer.remainingMs()).toBe(100_000);
    timer.apply('reset');
    expect(timer.state()).toBe('idle');
    expect(timer.remainingMs()).toBe(120_000);
  });

  it('adds and removes minutes, never below what has already run', () => {
    const c = clock();
    const timer = new Countdown(90, c.now);
    timer.apply('plus');
    expect(timer.remainingMs()).toBe(150_000);
    timer.apply('minus');
    timer.apply('minus');
    expect(timer.remainingMs()).toBe(30_000);
    timer.apply('minus');
    expect(timer.remainingMs()).toBe(0);
  });

  it('warns in the last minute of a started countdown only', () => {
    const c = clock();
    const timer = new Countdown(60, c.now);
    expect(timer.isWarning()).toBe(false);
    timer.apply('toggle');
    c.advance(1);
    expect(timer.isWarning()).toBe(true);
  });

  it("is done when time is up, runs on into overtime, and restarts from the plan", () => {
    const c = clock();
    const timer = new Countdown(60, c.now);
    timer.apply('toggle');
    c.advance(75_000);
    expect(timer.state()).toBe('done');
    expect(timer.isWarning()).toBe(false);
    expect(formatRemaining(timer.remainingMs())).toBe('+0:15');
    timer.apply('toggle');
    expect(timer.state()).toBe('done');
    timer.apply('toggle');
    expect(timer.state()).toBe('running');
    expect(timer.remainingMs()).toBe(60_000);
  });

  it('restores a saved record for the same planned time and ignores a stale one', () => {
    const c = clock();
    const first = new Countdown(300, c.now);
    first.apply('toggle');
    c.advance(30_000);
    const saved = JSON.parse(JSON.stringify(first));
    c.advance(30_000);
    expect(new Countdown(300, c.now, saved).remainingMs()).toBe(240_000);
    expect(new Countdown(600, c.now, saved).state()).toBe('idle');
    expect(new Countdown(300, c.now, { nonsense: true }).remainingMs()).toBe(300_000);
  });
});

describe('formatRemaining', () => {
  it('rounds remaining time up and overtime down', () => {
    expect(formatRemaining(59_001)).toBe('1:00');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(-999)).toBe('0:00');
    expect(formatRemaining(-61_000)).toBe('+1:01');
    expect(formatRemaining(3_600_000)).toBe('60:00');
  });
});
