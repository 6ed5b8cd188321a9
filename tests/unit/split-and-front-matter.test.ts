import { describe, expect, it } from 'vitest';
import { at, codes, parseLines } from '../helpers/parse.js';

describe('front matter', () => {
  it('reads every documented key', () => {
    const { deck, diagnostics } = parseLines(
      '---',
      'title: "Module 1 – Foundations"',
      'subtitle: Continuous Integration',
      'course: CI/CD with Python',
      'module: 1',
      'author: Course team',
      'duration: 90m',
      'theme: high-contrast',
      'lang: de',
      'reveal: { transition: fade, hash: true }',
      'title-slide: true',
      '---',
      '# One',
    );
    expect(diagnostics).toEqual([]);
    expect(deck.meta).toMatchObject({
      title: 'Module 1 – Foundations',
      subtitle: 'Continuous Integration',
      course: 'CI/CD with Python',
      module: '1',
      author: 'Course team',
      durationSeconds: 5400,
      theme: 'high-contrast',
      lang: 'de',
      reveal: { transition: 'fade', hash: true },
      titleSlide: true,
    });
    expect(deck.meta.positions.duration).toEqual({ line: 7, column: 11 });
  });

  it('defaults to the course theme, English and no title slide', () => {
    const { deck } = parseLines('# Only a slide');
    expect(deck.meta).toMatchObject({ theme: 'course', lang: 'en', titleSlide: false, reveal: {} });
  });

  it('warns about an unknown key at its line and suggests the right one', () => {
    const { diagnostics } = parseLines('---', 'title: x', 'durration: 5m', '---', '# a');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'front-matter-unknown-key', span: { line: 3, column: 1 } });
    expect(diagnostics[0]?.hint).toContain('duration');
  });

  it('rejects wrong types with the value position', () => {
    const { diagnostics } = parseLines('---', 'title: [a, b]', 'title-slide: "yes"', 'duration: soon', 'reveal: 3', '---', '# a');
    expect(codes(diagnostics)).toEqual(['front-matter-type', 'front-matter-type', 'front-matter-duration', 'front-matter-type']);
    expect(diagnostics.map((d) => d.span.line)).toEqual([2, 3, 4, 5]);
    expect(diagnostics.map((d) => d.severity)).toEqual(['error', 'error', 'warning', 'error']);
    expect(diagnostics[0]?.span.column).toBe(8);
  });

  it('reads an unreadable duration as a warning that skips the schedule check, never an error', () => {
    const { deck, diagnostics } = parseLines('---', 'duration: about an hour', '---', '# a');
    expect(diagnostics).toMatchObject([{ severity: 'warning', code: 'front-matter-duration', span: { line: 2, column: 11 } }]);
    expect(deck.meta.durationSeconds).toBeUndefined();
  });

  it('reports a YAML syntax error at its line', () => {
    const { diagnostics } = parseLines('---', 'title: ok', 'course: "unterminated', '---', '# a');
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'front-matter-yaml' });
    expect(diagnostics[0]?.span.line).toBeGreaterThanOrEqual(3);
  });

  it('reports front matter that is never closed', () => {
    const { diagnostics } = parseLines('---', 'title: x', '# a');
    expect(at(diagnostics, 'front-matter-unclosed')).toEqual([1, 1]);
  });
});

describe('slide separators', () => {
  it('splits on --- and ---- with the right reveal indices and lines', () => {
    const { deck } = parseLines('# A', '', '---', '', '# B', '', '----', '', '# B2', '', '---', '# C');
    expect(deck.slides.map((s) => [s.title, s.h, s.v, s.position.line])).toEqual([
      ['A', 0, 0, 1],
      ['B', 1, 0, 4],
      ['B2', 1, 1, 8],
      ['C', 2, 0, 12],
    ]);
  });

  it('never splits inside backtick or tilde fences, nor on the front matter fences', () => {
    const { deck } = parseLines(
      '---', 'title: t', '---', '# A', '```yaml', 'a: 1', '---', 'b: 2', '```', '~~~', '----', '~~~', '````md', '```', '---', '```', '````', '---', '# B',
    );
    expect(deck.slides).toHaveLength(2);
    expect(deck.slides[0]?.position.line).toBe(4);
    expect(deck.slides[1]?.title).toBe('B');
  });

  it('drops empty chunks such as one before a leading separator', () => {
    const { deck } = parseLines('', '---', '# A', '---', '', '---', '# B');
    expect(deck.slides.map((s) => s.title)).toEqual(['A', 'B']);
    expect(deck.slides.map((s) => s.h)).toEqual([0, 1]);
  });

  it('treats a line with more text as content, not a separator', () => {
    const { deck } = parseLines('# A', '--- not a separator', '-----');
    expect(deck.slides).toHaveLength(1);
  });

  it('adds a generated title slide first with title-slide: true', () => {
    const { deck } = parseLines('---', 'title: Hello', 'title-slide: true', '---', '# A');
    expect(deck.slides.map((s) => [s.title, s.h, s.generated])).toEqual([
      ['Hello', 0, 'title'],
      ['A', 1, undefined],
    ]);
  });
});
