import { describe, expect, it } from 'vitest';
import { type CourseFile, parseCourseFile } from '../../src/course/course-file.js';
import { checkCourseDecks, moduleFile, orderDecks } from '../../src/course/course-decks.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { MAX_NESTING } from '../../src/deck/nesting-depth.js';

const FILE = 'course/course.yaml';

function parse(...lines: string[]) {
  return parseCourseFile(lines.join('\n'), FILE);
}

/** Each diagnostic as `severity code line:column`, the way a reader checks them. */
function where(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.severity} ${d.code} ${d.span.line}:${d.span.column}`);
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

const GOOD = [
  'title: CI/CD with Python',
  'code: 201',
  'term: Spring 2027',
  'theme: course',
  'out: dist/course',
  'modules:',
  '  - decks/module-1-foundations.md',
  '  - deck: decks/module-2-testing.md',
  '    date: 2027-01-12',
  '    duration: 90m',
  '  - deck: decks/module-10-release.md',
  '    duration: 45',
];

describe('a good course file', () => {
  const { course, diagnostics } = parse(...GOOD);

  it('reads every key and both module forms, in teaching order, without a diagnostic', () => {
    expect(diagnostics).toEqual([]);
    expect(course).toEqual({
      file: FILE,
      title: 'CI/CD with Python',
      code: '201',
      term: 'Spring 2027',
      theme: 'course',
      out: 'dist/course',
      modules: [
        { deck: 'decks/module-1-foundations.md', position: { line: 7, column: 5 } },
        { deck: 'decks/module-2-testing.md', position: { line: 8, column: 11 }, date: '2027-01-12', durationSeconds: 5400 },
        { deck: 'decks/module-10-release.md', position: { line: 11, column: 11 }, durationSeconds: 2700 },
      ],
      positions: { title: { line: 1, column: 8 }, code: { line: 2, column: 7 }, term: { line: 3, column: 7 }, theme: { line: 4, column: 8 }, out: { line: 5, column: 6 }, modules: { line: 7, column: 3 } },
    });
  });

  it('needs only a title and modules; flow style and aliases read the same', () => {
    const small = parse('title: Pipelines', 'modules: [a.md, { deck: b.md, date: 2027-03-01 }]');
    expect(small.diagnostics).toEqual([]);
    expect(small.course?.modules.map((m) => [m.deck, m.position, m.date])).toEqual([
      ['a.md', { line: 2, column: 11 }, undefined],
      ['b.md', { line: 2, column: 25 }, '2027-03-01'],
    ]);
    const aliased = parse('title: P', 'modules:', '  - &first { deck: a.md, duration: 1h }', '  - { deck: b.md, duration: 1h }');
    expect(aliased.course?.modules.map((m) => m.durationSeconds)).toEqual([3600, 3600]);
  });
});

describe('problems, each at its place', () => {
  it('an unknown key warns with "did you mean", by spelling or by a usual synonym', () => {
    const { course, diagnostics } = parse('title: P', 'tittle: Q', 'output: build', 'modules:', '  - deck: a.md', '    durration: 90m', '    colour: red');
    expect(where(diagnostics)).toEqual([
      'warning course-unknown-key 2:1',
      'warning course-unknown-key 3:1',
      'warning course-unknown-key 6:5',
      'warning course-unknown-key 7:5',
    ]);
    expect(diagnostics.map((d) => d.hint)).toEqual([
      'did you mean `title`?',
      'did you mean `out`?',
      'did you mean `duration`?',
      'known keys: deck, date, duration',
    ]);
    expect(diagnostics[0]?.message).toBe('unknown course file key `tittle` (ignored)');
    expect(course?.modules).toEqual([{ deck: 'a.md', position: { line: 5, column: 11 } }]);
  });

  it('wrong types are errors at the value', () => {
    const { diagnostics } = parse('title: [a, b]', 'code: { x: 1 }', 'theme: 3', 'out: true', 'modules:', '  - 42', '  - deck: [x.md]', '  - [y.md]', '  - date: 2027-01-01');
    expect(where(diagnostics)).toEqual([
      'error course-type 1:8',
      'error course-type 2:7',
      'error course-type 3:8',
      'error course-type 4:6',
      'error course-type 6:5',
      'error course-type 7:11',
      'error course-type 8:5',
      'error course-type 9:5',
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      '`title` must be text',
      '`code` must be text or a number',
      '`theme` must be text',
      '`out` must be text',
      'a module must be a deck path or a mapping with `deck:`',
      '`deck` must be a path, as text',
      'a module must be a deck path or a mapping with `deck:`',
      'this module names no `deck`',
    ]);
  });

  it('a bad date and a bad duration are errors at the value, with how to write one', () => {
    const { course, diagnostics } = parse('title: P', 'modules:', '  - deck: a.md', '    date: 12/01/2027', '    duration: soon',
      '  - deck: b.md', '    date: 2027-02-30', '    duration: 0', '  - deck: c.md', '    date: 20270101');
    expect(where(diagnostics)).toEqual([
      'error course-date 4:11',
      'error course-duration 5:15',
      'error course-date 7:11',
      'error course-duration 8:15',
      'error course-date 10:11',
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      '`12/01/2027` is not a date written YYYY-MM-DD',
      'cannot read `duration`: `soon` is not a time',
      '`2027-02-30` is not a day of the calendar',
      'cannot read `duration`',
      '`date` must be a date such as 2027-01-12',
    ]);
    expect(diagnostics[0]?.hint).toMatch(/YYYY-MM-DD/);
    expect(diagnostics[1]?.hint).toMatch(/90s, 5m/);
    // The modules stay, without the values that were wrong: later checks still see every deck.
    expect(course?.modules.map((m) => [m.deck, m.date, m.durationSeconds])).toEqual([['a.md', undefined, undefined], ['b.md', undefined, undefined], ['c.md', undefined, undefined]]);
    expect(parse('title: P', 'modules:', '  - deck: a.md', '    date: 2028-02-29').diagnostics).toEqual([]);
  });

  it('a deck listed twice is an error at the second, naming the first', () => {
    const { course, diagnostics } = parse('title: P', 'modules:', '  - decks/a.md', '  - decks/b.md', '  - deck: ./decks/a.md');
    expect(where(diagnostics)).toEqual(['error course-duplicate-deck 5:11']);
    expect(diagnostics[0]?.hint).toBe('it is already module 1, at line 3; a deck is taught once in a course');
    expect(course?.modules.map((m) => m.deck)).toEqual(['decks/a.md', 'decks/b.md']);
  });

  it('no modules, or no title: errors, and no course', () => {
    const empty = parse('title: P', 'modules: []');
    expect(where(empty.diagnostics)).toEqual(['error course-no-modules 2:10']);
    expect(empty.course).toBeUndefined();
    expect(where(parse('title: P', 'modules:').diagnostics)).toEqual(['error course-no-modules 2:9']);
    expect(where(parse('title: P', 'modules: decks/a.md').diagnostics)).toEqual(['error course-type 2:10']);
    const untitled = parse('', '  code: 201', '  modules: [a.md]');
    expect(where(untitled.diagnostics)).toEqual(['error course-missing-title 2:3']);
    expect(untitled.course).toBeUndefined();
    expect(where(parse('title: ""', 'modules: [a.md]').diagnostics)).toEqual(['error course-type 1:8']);
    expect(where(parse('').diagnostics)).toEqual(['error course-missing-title 1:1', 'error course-no-modules 1:1']);
  });

  it('paths: absolute, or no file name at all', () => {
    const { diagnostics } = parse('title: P', `out: "a\\0b"`, 'modules:', '  - /home/ada/a.md', '  - deck: "C:\\\\decks\\\\b.md"', '  - ""');
    expect(where(diagnostics)).toEqual(['error bad-path 2:6', 'error course-deck-path 4:5', 'error course-deck-path 5:11', 'error course-type 6:5']);
  });

  it('YAML that does not parse, or is not a mapping, is one error where it starts', () => {
    const quote = parse('title: P', 'modules:', '  - "decks/a.md', '  - b.md');
    expect(where(quote.diagnostics)).toEqual(['error course-yaml 3:5']);
    expect(quote.diagnostics[0]?.message).toMatch(/^course file is not valid YAML: /);
    expect(quote.course).toBeUndefined();
    expect(where(parse('title: P', 'title: Q', 'modules: [a.md]').diagnostics)).toEqual(['error course-yaml 2:1']);
    expect(where(parse('- a.md', '- b.md').diagnostics)).toEqual(['error course-shape 1:1']);
    expect(where(parse('[a]: x').diagnostics)).toEqual(['error course-shape 1:1']);
  });
});

describe('the limits of front matter', () => {
  it('an alias bomb: an error at the first alias, in milliseconds', () => {
    const bomb = [
      'a: &a [x,x,x,x,x,x,x,x,x,x]',
      ...['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((name, i) => `${name}: &${name} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      'modules: *i',
    ];
    const { value, ms } = timed(() => parse('title: P', ...bomb));
    expect(where(value.diagnostics)).toEqual(['error course-aliases 3:8']);
    expect(value.diagnostics[0]?.message).toBe('the course file\'s aliases expand to too many values (more than 100 copies)');
    expect(ms).toBeLessThan(2_000);
  });

  it('deep nesting, and a file too long, stop before parsing', () => {
    const deep = timed(() => parse('title: P', 'modules:', `  - ${'['.repeat(20_000)}`));
    // Two indentations and the `-` are three levels: the 98th bracket (the first is at column 5) passes the limit.
    const passing = MAX_NESTING - 2;
    expect(where(deep.value.diagnostics)).toEqual([`error course-too-deep 3:${4 + passing}`]);
    expect(deep.ms).toBeLessThan(2_000);
    const long = parse('title: P', 'modules:', ...Array.from({ length: 5_000 }, (_, i) => `  - decks/module-${i}.md`));
    expect(where(long.diagnostics)).toEqual(['error course-too-long 1:1']);
  });
});

describe('the decks of a course', () => {
  const course = parse(...GOOD).course as CourseFile;

  it('a deck that is not there is an error at its line, with a hint', () => {
    const there = new Set(['course/decks/module-1-foundations.md', 'course/decks/module-10-release.md']);
    const diagnostics = checkCourseDecks(course, (path) => there.has(path));
    expect(where(diagnostics)).toEqual(['error course-deck-not-found 8:11']);
    expect(diagnostics[0]?.span.file).toBe(FILE);
    expect(diagnostics[0]?.message).toBe('deck not found: `decks/module-2-testing.md`');
    expect(diagnostics[0]?.hint).toBe('a deck\'s path is relative to the folder of course/course.yaml: this one looks for course/decks/module-2-testing.md');
    expect(checkCourseDecks(course, () => true)).toEqual([]);
  });

  it('a path without `.md` suggests the file that is there', () => {
    const short = parse('title: P', 'modules: [decks/a]').course as CourseFile;
    const diagnostics = checkCourseDecks(short, (path) => path === 'course/decks/a.md');
    expect(diagnostics.map((d) => d.hint)).toEqual(['did you mean `decks/a.md`?']);
  });

  it('orders the files a command found by the course, not by their names', () => {
    const byName = ['course/decks/module-1-foundations.md', 'course/decks/module-10-release.md', 'course/decks/module-2-testing.md', 'course/decks/extra.md'];
    const order = orderDecks(course, byName);
    expect(order.modules.map((m) => m.file)).toEqual(['course/decks/module-1-foundations.md', 'course/decks/module-2-testing.md', 'course/decks/module-10-release.md']);
    expect(order.modules[1]?.module.durationSeconds).toBe(5400);
    expect(order.unlisted).toEqual(['course/decks/extra.md']);
    expect(order.absent).toEqual([]);
    const partial = orderDecks(course, ['./course/decks/module-10-release.md']);
    expect(partial.modules.map((m) => m.file)).toEqual(['./course/decks/module-10-release.md']);
    expect(partial.absent.map((m) => m.deck)).toEqual(['decks/module-1-foundations.md', 'decks/module-2-testing.md']);
    expect(moduleFile(course, course.modules[0] as CourseFile['modules'][number])).toBe('course/decks/module-1-foundations.md');
  });
});
