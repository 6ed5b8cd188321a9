import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCourseFile } from '../../src/course/course-file.js';
import { checkCourseDecks } from '../../src/course/course-decks.js';
import { runCli, tempDir } from '../helpers/cli.js';

const FILES = ['course.yaml', 'package.json', 'decks/module-1.md', 'decks/media/course-map.svg', '.github/workflows/course.yml', '.gitignore'];

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { push: { branches: string[] }; workflow_dispatch: unknown };
  jobs: Record<string, { needs?: string; permissions?: Record<string, string>; environment?: { name: string }; steps: Step[] }>;
}

describe('lectern init', () => {
  it('scaffolds a course whose deck checks clean and builds, and names the next three commands', async () => {
    const parent = tempDir();
    const result = await runCli(['init', 'intro-course'], parent);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const course = join(parent, 'intro-course');
    for (const file of FILES) {
      expect(existsSync(join(course, file)), file).toBe(true);
      expect(result.stdout).toContain(`  created ${file}\n`);
    }
    expect(result.stdout).toContain('\nNext:\n  cd intro-course\n  npm install\n  npx lectern serve --open\n');

    const manifest = JSON.parse(readFileSync(join(course, 'package.json'), 'utf8')) as Record<string, unknown>;
    const lectern = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(manifest).toMatchObject({
      name: 'intro-course',
      private: true,
      devDependencies: { lectern: `^${lectern.version}` },
      scripts: {
        check: 'lectern check',
        build: 'lectern build --out dist',
        export: 'lectern export --out dist',
        serve: expect.stringMatching(/^lectern serve/) as unknown,
      },
    });
    expect(readFileSync(join(course, '.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['node_modules/', 'dist/', '.lectern-cache/']));

    // course.yaml is a valid course file naming the starter deck, with the folder's name as its title.
    const courseFile = parseCourseFile(readFileSync(join(course, 'course.yaml'), 'utf8'), join(course, 'course.yaml'));
    expect(courseFile.diagnostics).toEqual([]);
    expect(courseFile.course?.title).toBe('Intro course');
    expect(courseFile.course?.modules.map((m) => m.deck)).toEqual(['decks/module-1.md']);
    if (courseFile.course) expect(checkCourseDecks(courseFile.course, existsSync)).toEqual([]);

    const deck = join(course, 'decks', 'module-1.md');
    const text = readFileSync(deck, 'utf8');
    for (const feature of ['title-slide: true', 'course: "Intro course"', '<!-- .slide: time=', '\nNote: ', '::: notes', ':::activity{', '::: handout', '```mermaid', '| --- |', '```python', '![A course in three steps']) {
      expect(text, feature).toContain(feature);
    }
    const check = await runCli(['check', deck], parent);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('0 errors, 0 warnings');

    const build = await runCli(['build', deck, '--out', join(parent, 'dist')], parent);
    expect(build.code).toBe(0);
    expect(existsSync(join(parent, 'dist', 'module-1', 'index.html'))).toBe(true);
    expect(readdirSync(join(parent, 'dist', 'module-1', 'media')).some((name) => name.endsWith('course-map.svg'))).toBe(true);

    // What the course's scripts and workflow run: no folder named, so course.yaml is used.
    const inCourse = await runCli(['build', '--out', 'dist'], course);
    expect(inCourse.code).toBe(0);
    expect(existsSync(join(course, 'dist', 'module-1', 'index.html'))).toBe(true);
    expect(existsSync(join(course, 'dist', 'index.html'))).toBe(true);
  });

  it('writes a workflow that checks, builds and exports on every push and publishes dist/ to GitHub Pages', async () => {
    const course = tempDir();
    expect((await runCli(['init'], course)).code).toBe(0);
    const workflow = parse(readFileSync(join(course, '.github', 'workflows', 'course.yml'), 'utf8')) as Workflow;
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(Object.keys(workflow.jobs)).toEqual(['build', 'deploy']);

    const build = workflow.jobs.build?.steps ?? [];
    const uses = build.map((step) => step.uses).filter(Boolean);
    expect(uses).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'actions/configure-pages@v5', 'actions/upload-pages-artifact@v3']);
    expect(build.find((step) => step.uses === 'actions/setup-node@v4')?.with?.['node-version']).toBe(20);
    const runs = build.map((step) => step.run).filter(Boolean);
    expect(runs).toEqual(expect.arrayContaining(['npm ci', 'npx lectern check', 'npx lectern build --out dist', 'npx lectern export --out dist']));
    // Checked before built, built before exported, all before the upload.
    const at = (text: string): number => build.findIndex((step) => step.run === text || step.uses === text);
    expect(at('npm ci')).toBeLessThan(at('npx lectern check'));
    expect(at('npx lectern check')).toBeLessThan(at('npx lectern build --out dist'));
    expect(at('npx lectern build --out dist')).toBeLessThan(at('npx lectern export --out dist'));
    expect(at('npx lectern export decks --out dist')).toBeLessThan(at('actions/upload-pages-artifact@v3'));
    expect(build.find((step) => step.uses === 'actions/upload-pages-artifact@v3')?.with?.path).toBe('dist');
    for (const step of build) expect(step.name, JSON.stringify(step)).toBeTruthy();

    const deploy = workflow.jobs.deploy;
    expect(deploy?.needs).toBe('build');
    expect(deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy?.environment?.name).toBe('github-pages');
    expect(deploy?.steps.map((step) => step.uses)).toEqual(['actions/deploy-pages@v4']);
  });

  it('never overwrites a file: a second init keeps every one and says so', async () => {
    const course = tempDir();
    expect((await runCli(['init', '.'], course)).code).toBe(0);
    writeFileSync(join(course, 'decks', 'module-1.md'), '# mine\n');
    const again = await runCli(['init', '.'], course);
    expect(again.code).toBe(0);
    for (const file of FILES) expect(again.stdout).toContain(`  kept    ${file} (exists)\n`);
    expect(again.stdout).not.toContain('created');
    expect(readFileSync(join(course, 'decks', 'module-1.md'), 'utf8')).toBe('# mine\n');
    expect(again.stdout).toContain('\nNext:\n  npm install\n  npx lectern check\n  npx lectern serve --open\n');
  });

  it('keeps an existing package.json and writes the rest', async () => {
    const parent = tempDir();
    const course = join(parent, 'course');
    mkdirSync(course);
    writeFileSync(join(course, 'package.json'), '{"name":"mine"}\n');
    const result = await runCli(['init', 'course'], parent);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  kept    package.json (exists)\n');
    expect(result.stdout).toContain('  created course.yaml\n');
    expect(readFileSync(join(course, 'package.json'), 'utf8')).toBe('{"name":"mine"}\n');
    expect(existsSync(join(course, 'decks', 'module-1.md'))).toBe(true);
  });

  it('has help, and refuses two folders or a file', async () => {
    const help = await runCli(['init', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: lectern init \[dir\]/);
    expect(help.stdout).toContain('\nExample:\n  lectern init my-course\n');
    expect((await runCli(['help'])).stdout).toContain('lectern init [dir]');

    const parent = tempDir();
    const two = await runCli(['init', 'a', 'b'], parent);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('init takes one folder');
    writeFileSync(join(parent, 'file'), '');
    const file = await runCli(['init', 'file'], parent);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('is a file, not a folder');
  });
});
