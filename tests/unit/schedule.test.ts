import { describe, expect, it } from 'vitest';
import { planSchedule } from '../../src/model/schedule.js';
import { parseLines } from '../helpers/parse.js';

describe('schedule', () => {
  it('shares what duration leaves among slides without a time', () => {
    const { deck } = parseLines(
      '---', 'duration: 30m', '---',
      '<!-- .slide: time="10m" -->', '# Intro', '---',
      '# Two', '---',
      ':::activity{title="Lab" time="8m"}', 'x', ':::', '---',
      '# Four',
    );
    const { schedule, diagnostics } = planSchedule(deck);
    expect(diagnostics).toEqual([]);
    expect(schedule.entries.map((e) => [e.seconds, e.source, e.startSeconds])).toEqual([
      [600, 'slide', 0],
      [360, 'share', 600],
      [480, 'activity', 960],
      [360, 'share', 1440],
    ]);
    expect(schedule.totalSeconds).toBe(1800);
    expect(schedule.activityCount).toBe(1);
    expect(schedule.entries[2]?.activities).toEqual([{ id: 'lab', title: 'Lab', seconds: 480 }]);
  });

  it("lets a slide's own time win over its activity's", () => {
    const { deck } = parseLines('<!-- .slide: time="25m" -->', ':::activity{title="Lab" time="20m"}', 'x', ':::');
    expect(planSchedule(deck).schedule.entries[0]?.seconds).toBe(1500);
  });

  it("gives reveal's two minutes per slide without a duration", () => {
    const { deck } = parseLines('# A', '---', '# B');
    const { schedule } = planSchedule(deck);
    expect(schedule.entries.map((e) => [e.seconds, e.source])).toEqual([[120, 'default'], [120, 'default']]);
    expect(schedule.durationSeconds).toBeUndefined();
  });

  it('warns at the duration line, naming the deck and the minutes over', () => {
    const { deck } = parseLines('---', 'title: t', 'duration: 20m', '---', '<!-- .slide: time="15m" -->', '# A', '---', '<!-- .slide: time="10m" -->', '# B');
    const { schedule, diagnostics } = planSchedule(deck);
    expect(schedule.overrunSeconds).toBe(300);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'schedule-overrun', span: { file: 'deck.md', line: 3, column: 11 } });
    expect(diagnostics[0]?.message).toBe('deck.md: planned times add up to 25m, 5m more than the duration of 20m');
  });

  it('names sections after the first slide of each horizontal stack', () => {
    const { deck } = parseLines('# Part one', '----', '## Detail', '---', '# Part two');
    expect(planSchedule(deck).schedule.entries.map((e) => e.section)).toEqual(['Part one', 'Part one', 'Part two']);
  });
});
