import { describe, expect, it } from 'vitest';
import { packContents, renderCoursePackFront } from '../../src/render/render-course-pack.js';

describe('course pack contents', () => {
  it('starts each module after the front pages and the modules before it', () => {
    const contents = packContents([
      { title: 'Intro', module: '1', pages: 3 },
      { title: 'Loops', module: '2', pages: 5 },
      { title: 'Recap', pages: 1 },
    ], 2);
    expect(contents).toEqual([
      { number: '1', title: 'Intro', start: 3 },
      { number: '2', title: 'Loops', start: 6 },
      { number: '3', title: 'Recap', start: 11 },
    ]);
  });

  it('counts a contents that takes more than one page', () => {
    expect(packContents([{ title: 'A', pages: 2 }, { title: 'B', pages: 4 }], 3).map((e) => e.start)).toEqual([4, 6]);
  });

  it('renders the cover and the contents with the start pages, escaped', () => {
    const html = renderCoursePackFront({ course: 'Data <101>', kind: 'instructor', paper: 'Letter', contents: [{ number: '1', title: 'A & B', start: 3 }] });
    expect(html).toContain('<h1>Data &lt;101&gt;</h1>');
    expect(html).toContain('Instructor pack');
    expect(html).toContain('<td>A &amp; B</td><td class="page">3</td>');
    expect(html).toContain('size: Letter');
    expect(renderCoursePackFront({ course: 'C', kind: 'student', paper: 'A4', contents: [] })).toContain('Student handouts');
  });
});
