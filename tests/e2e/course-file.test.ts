import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCourseFile } from '../../src/course/course-file.js';
import { moduleFile } from '../../src/course/course-decks.js';
import { startLiveServer } from '../../src/server/live-server.js';
import { runCli, tempDir } from '../helpers/cli.js';

/** Two decks whose file names sort against the teaching order (and whose module numbers do too). */
function courseFolder(courseYaml?: string): string {
  const dir = join(tempDir('lectern-course-'), 'course');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a-advanced.md'), '---\ntitle: Advanced\nmodule: 1\nduration: 30m\n---\n\n# Advanced\n\n---\n\n## Two\n');
  writeFileSync(join(dir, 'b-intro.md'), '---\ntitle: Intro\nmodule: 2\nduration: 45m\n---\n\n# Intro\n');
  if (courseYaml !== undefined) writeFileSync(join(dir, 'course.yaml'), courseYaml);
  return dir;
}

const COURSE = `title: CI/CD with Python
code: SD-201
term: Spring 2027
out: site
modules:
  - deck: b-intro.md
    date: 2027-01-12
    duration: 90m
  - a-advanced.md
`;

describe('a folder with course.yaml', () => {
  it('builds its modules in course order, with dates, the session length over the front matter, into its out folder', async () => {
    const dir = courseFolder(COURSE);
    const result = await runCli(['build', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Built in course order, the session length of the course file over the deck's `duration: 45m`.
    expect(result.stdout.indexOf('✓ b-intro')).toBeLessThan(result.stdout.indexOf('✓ a-advanced'));
    expect(result.stdout).toContain('✓ b-intro: 1 slide, 0 activities, planned 1h 30m of 1h 30m');
    const html = readFileSync(join(dir, 'site', 'index.html'), 'utf8');
    expect(html.indexOf('>Intro</a>')).toBeLessThan(html.indexOf('>Advanced</a>'));
    expect(html).toContain('<h1>SD-201 · CI/CD with Python</h1>');
    expect(html).toContain('Spring 2027 · 2 modules');
    expect(html).toContain('<th>Date</th>');
    expect(html).toContain('<td class="date">2027-01-12</td>');
    expect(html).toContain('1h 30m <span class="of">of 1h 30m</span>');
    // Totals: sessions 1h 30m + 30m, planned the same.
    expect(html).toContain('2h 00m of contact time · 2h 00m planned');
    expect(readFileSync(join(dir, 'site', 'b-intro', 'index.html'), 'utf8')).toContain('Intro');
  });

  it('--out wins over the course file\'s out', async () => {
    const dir = courseFolder(COURSE);
    const out = join(dir, 'elsewhere');
    const result = await runCli(['build', dir, '--out', out]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('CI/CD with Python');
  });

  it('check reports a missing deck at its line (exit 1) and a misspelt key with "did you mean"', async () => {
    const dir = courseFolder('tittle: typo\ntitle: T\nmodules:\n  - b-intro.md\n  - missing.md\n');
    const result = await runCli(['check', dir]);
    expect(result.code).toBe(1);
    const file = join(dir, 'course.yaml');
    expect(result.stderr).toContain(`${file}:1:1: warning: unknown course file key \`tittle\` (ignored)`);
    expect(result.stderr).toContain('hint: did you mean `title`?');
    expect(result.stderr).toContain(`${file}:5:5: error: deck not found: \`missing.md\``);
    expect(result.stderr).toMatch(/\n\s+5 \|\s+- missing\.md\n\s+\|\s+\^/);
    // The decks are not checked when the course file has errors.
    expect(result.stdout).toBe('');
  });

  it('check on a valid course checks its modules in course order, with warnings only', async () => {
    const dir = courseFolder('title: T\nmodules:\n  - b-intro.md\n  - deck: a-advanced.md\n    lenght: 5m\n');
    const result = await runCli(['check', dir]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: unknown module key `lenght` (ignored)');
    expect(result.stdout.indexOf('b-intro.md')).toBeLessThan(result.stdout.indexOf('a-advanced.md'));
  });

  it('its theme is every module\'s, over the deck\'s own; an unknown one is a warning at the course file', async () => {
    const dir = courseFolder('title: T\ntheme: high-contrast\nmodules:\n  - b-intro.md\n');
    expect((await runCli(['build', dir, '--out', join(dir, 'out')])).code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'b-intro', 'assets', 'theme.css'), 'utf8')).toContain('lectern "high-contrast" theme');
    writeFileSync(join(dir, 'course.yaml'), 'title: T\ntheme: nosuch\nmodules:\n  - b-intro.md\n');
    const result = await runCli(['check', dir]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${join(dir, 'course.yaml')}:2:8: warning: theme \`nosuch\` was not found; each deck keeps its own theme`);
  });

  it('with no folder named, the current folder\'s course.yaml is the course (decks in a subfolder)', async () => {
    const dir = join(tempDir('lectern-course-'), 'course');
    mkdirSync(join(dir, 'decks'), { recursive: true });
    writeFileSync(join(dir, 'decks', 'module-1.md'), '---\ntitle: One\n---\n\n# One\n');
    writeFileSync(join(dir, 'course.yaml'), 'title: Course\nmodules:\n  - decks/module-1.md\n');
    const result = await runCli(['build'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ module-1:');
    expect(readFileSync(join(dir, 'dist', 'index.html'), 'utf8')).toContain('<h1>Course</h1>');
  });

  it('without course.yaml the folder builds as before: every deck, by module number on the index', async () => {
    const dir = courseFolder();
    const result = await runCli(['build', dir, '--out', join(dir, 'dist')]);
    expect(result.code).toBe(0);
    expect(result.stdout.indexOf('✓ a-advanced')).toBeLessThan(result.stdout.indexOf('✓ b-intro'));
    expect(result.stdout).toContain('✓ b-intro: 1 slide, 0 activities, planned 45m of 45m');
    const html = readFileSync(join(dir, 'dist', 'index.html'), 'utf8');
    expect(html.indexOf('>Advanced</a>')).toBeLessThan(html.indexOf('>Intro</a>'));
    expect(html).not.toContain('<th>Date</th>');
  });

  it('serve lists the modules in course order, with the dates and the course file\'s session length', async () => {
    const dir = courseFolder(COURSE);
    const { course } = parseCourseFile(COURSE, join(dir, 'course.yaml'));
    if (!course) throw new Error('the course did not read');
    const server = await startLiveServer({
      files: course.modules.map((m) => moduleFile(course, m)), course: { file: course }, host: '127.0.0.1', port: 0, rehearse: false, rehearsalsDir: join(dir, 'rehearsals'),
    });
    try {
      let html = '';
      for (let tries = 0; tries < 100; tries++) {
        html = await (await fetch(`${server.url}/`)).text();
        if (!html.includes('(has errors') && !html.includes('(being prepared')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(html.indexOf('>Intro</a>')).toBeGreaterThan(0);
      expect(html.indexOf('>Intro</a>')).toBeLessThan(html.indexOf('>Advanced</a>'));
      expect(html).toContain('<h1>SD-201 · CI/CD with Python</h1>');
      expect(html).toContain('<td class="date">2027-01-12</td>');
      expect(html).toContain('1h 30m <span class="of">of 1h 30m</span>');
    } finally {
      await server.close();
    }
  });
});
