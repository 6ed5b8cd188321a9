import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { pdfInfo, pdfOutline } from '../helpers/pdf.js';

const deck = (n: number, extra = '') => `---\ntitle: Module ${n} topic\ncourse: Pack Course\nmodule: ${n}\nduration: 10m\n---\n\n# Opening ${n}\n\nFirst slide.${extra}\n\n---\n\n## Second ${n}\n\nMore.\n`;
const pages = (file: string) => Number(pdfInfo(file).Pages);

let work: string;
let out: string;
let env: NodeJS.ProcessEnv;
let first: Awaited<ReturnType<typeof runCli>>;
const pdf = (slug: string, kind: string) => join(out, slug, `${slug}.${kind}.pdf`);
const all = () => ['m1', 'm2'].flatMap((slug) => ['slides', 'handout', 'guide'].map((kind) => pdf(slug, kind)));
const exportAll = () => runCli(['export', join(work, 'decks'), '--out', out], undefined, env);

beforeAll(async () => {
  work = tempDir();
  out = join(work, 'out');
  env = { LECTERN_CACHE_DIR: join(work, 'cache') };
  mkdirSync(join(work, 'decks'));
  writeFileSync(join(work, 'decks', 'm1.md'), deck(1));
  writeFileSync(join(work, 'decks', 'm2.md'), deck(2, '\n\nA second paragraph.\n\n---\n\n## Third 2\n\nAnd more.'));
  first = await exportAll();
}, 180_000);

describe('lectern export: the course packs', () => {
  it('writes the student pack: cover, contents, each handout, a bookmark per module', async () => {
    expect(first.code, first.stderr).toBe(0);
    const pack = join(out, 'course-handouts.pdf');
    expect(first.stdout).toMatch(/course pack → .*course-handouts\.pdf: \d+ pages/);
    const [one, two] = [pages(pdf('m1', 'handout')), pages(pdf('m2', 'handout'))];
    expect(pages(pack)).toBe(2 + one + two);
    const top = (await pdfOutline(pack)).filter((t) => !t.startsWith(' '));
    expect(top).toEqual(['1. Module 1 topic', '2. Module 2 topic']);
    const cover = execText(pack, 1);
    expect(cover).toContain('Pack Course');
    const contents = execText(pack, 2).replace(/\s+/g, ' ');
    expect(contents).toContain('Contents');
    expect(contents).toMatch(new RegExp(`Module 1 topic ${3}\\b`));
    expect(contents).toMatch(new RegExp(`Module 2 topic ${3 + one}\\b`));
    // Module 2 starts where the contents say.
    expect(execText(pack, 3 + one)).toContain('Module 2 topic');
  });

  it('writes the instructor pack of every guide', async () => {
    const pack = join(out, 'course-guides.pdf');
    expect(pages(pack)).toBe(2 + pages(pdf('m1', 'guide')) + pages(pdf('m2', 'guide')));
    expect(execText(pack, 1)).toMatch(/Instructor/);
    expect((await pdfOutline(pack)).filter((t) => !t.startsWith(' '))).toEqual(['1. Module 1 topic', '2. Module 2 topic']);
  });

  it('reuses every PDF when nothing changed, and re-prints only the edited module', async () => {
    const ALL = all();
    const before = new Map([...ALL, join(out, 'course-handouts.pdf')].map((f) => [f, readFileSync(f)]));
    const mtimes = new Map(ALL.map((f) => [f, statSync(f).mtimeMs]));
    const again = await exportAll();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.match(/\(reused\)/g)?.length, again.stdout).toBe(8);
    for (const [file, bytes] of before) expect(readFileSync(file).equals(bytes), file).toBe(true);
    for (const file of ALL) expect(statSync(file).mtimeMs, file).toBe(mtimes.get(file));

    writeFileSync(join(work, 'decks', 'm1.md'), deck(1, '\n\nAn edit.'));
    const edited = await exportAll();
    expect(edited.code, edited.stderr).toBe(0);
    const lines = edited.stdout.split('\n');
    for (const kind of ['slides', 'handout', 'guide']) {
      expect(lines.find((l) => l.includes(`m1.${kind}.pdf`)), edited.stdout).toMatch(/\(\d+\.\d s\)$/);
      expect(lines.find((l) => l.includes(`m2.${kind}.pdf`)), edited.stdout).toMatch(/\(reused\)$/);
      expect(statSync(pdf('m2', kind)).mtimeMs).toBe(mtimes.get(pdf('m2', kind)));
    }
    expect(lines.find((l) => l.includes('course-handouts.pdf'))).not.toMatch(/reused/);
    expect(execText(join(out, 'course-handouts.pdf'), 3)).toContain('An edit.');
  }, 180_000);

  it('makes no pack with --only slides, only the student pack with --only handout', async () => {
    const slidesOnly = await runCli(['export', join(work, 'decks'), '--out', join(work, 'o2'), '--only', 'slides'], undefined, env);
    expect(slidesOnly.code, slidesOnly.stderr).toBe(0);
    expect(slidesOnly.stdout).not.toMatch(/course pack/);
    const handoutOnly = await runCli(['export', join(work, 'decks'), '--out', join(work, 'o2'), '--only', 'handout'], undefined, env);
    expect(handoutOnly.stdout).toMatch(/course-handouts\.pdf/);
    expect(handoutOnly.stdout).not.toMatch(/course-guides\.pdf/);
  }, 180_000);
});

/** The text of one page of a PDF. */
function execText(file: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
}

describe('lectern export: a course of one module', () => {
  it('still writes the packs: the course.yaml makes it a course', async () => {
    const course = tempDir();
    mkdirSync(join(course, 'decks'));
    writeFileSync(join(course, 'decks', 'only.md'), deck(1));
    writeFileSync(join(course, 'course.yaml'), 'title: One-module course\nmodules:\n  - decks/only.md\n');
    const result = await runCli(['export', '--only', 'handout', '--out', 'dist'], course, { LECTERN_CACHE_DIR: join(course, 'cache') });
    expect(result.code, result.stderr).toBe(0);
    const pack = join(course, 'dist', 'course-handouts.pdf');
    expect(pages(pack)).toBe(2 + pages(join(course, 'dist', 'only', 'only.handout.pdf')));
    expect(execText(pack, 1)).toContain('One-module course');
  }, 120_000);
});
