import { describe, expect, it } from 'vitest';
import { courseOverride, moduleOf } from '../../src/course/course-decks.js';
import { parseCourseFile } from '../../src/course/course-file.js';
import { type CourseModule, renderCourseIndex } from '../../src/render/render-course-index.js';

const intro: CourseModule = { slug: 'b-intro', title: 'Intro', module: '2', slides: 3, activities: 1, plannedSeconds: 5400, durationSeconds: 5400, date: '2027-01-12', downloads: [] };
const advanced: CourseModule = { slug: 'a-advanced', title: 'Advanced', module: '1', slides: 5, activities: 0, plannedSeconds: 1500, durationSeconds: 1800, downloads: [] };

describe('course index with a course file', () => {
  it('keeps the course order, not the module numbers, under the course title, code and term', () => {
    const html = renderCourseIndex([intro, advanced], { title: 'CI/CD with Python', code: 'SD-201', term: 'Spring 2027' });
    expect(html.indexOf('>Intro<')).toBeLessThan(html.indexOf('>Advanced<'));
    expect(html).toContain('<title>SD-201 · CI/CD with Python</title>');
    expect(html).toContain('<h1>SD-201 · CI/CD with Python</h1>');
    expect(html).toContain('<p class="lead">Spring 2027 · 2 modules · 2h 00m of contact time · 1h 55m planned</p>');
    expect(html).toMatch(/<td>Total<\/td>.*<td class="num">1h 55m <span class="of">of 2h 00m<\/span><\/td><\/tr><\/tfoot>/);
  });

  it('has a Date column when any module has a date, empty for the others', () => {
    const html = renderCourseIndex([intro, advanced], { title: 'C' });
    expect(html).toContain('<th>Date</th>');
    expect(html).toContain('<td class="date">2027-01-12</td>');
    expect(html).toContain('<td class="date"></td>');
    // The footer keeps its columns under the table's.
    expect(html).toMatch(/<tfoot><tr><td><\/td><td><\/td><td>Total<\/td>/);
  });

  it('has no Date column without dates, and sorts by module number without a course file', () => {
    const undated: CourseModule = { ...advanced, slug: 'b-intro', title: 'Intro', module: '2' };
    const html = renderCourseIndex([undated, advanced]);
    expect(html).not.toContain('Date');
    expect(html.indexOf('>Advanced<')).toBeLessThan(html.indexOf('>Intro<'));
  });
});

describe('course overrides', () => {
  const { course } = parseCourseFile('title: C\nmodules:\n  - deck: b-intro.md\n    date: 2027-01-12\n    duration: 90m\n  - a-advanced.md\n', 'course/course.yaml');

  it('gives a module its session length and the course theme, by the deck file', () => {
    if (!course) throw new Error('the course did not read');
    expect(courseOverride(course, 'course/b-intro.md', 'night')).toEqual({ durationSeconds: 5400, theme: 'night' });
    expect(courseOverride(course, 'course/a-advanced.md')).toEqual({});
    expect(courseOverride(course, 'course/other.md')).toBeUndefined();
    expect(moduleOf(course, 'course/b-intro.md')?.date).toBe('2027-01-12');
  });
});
