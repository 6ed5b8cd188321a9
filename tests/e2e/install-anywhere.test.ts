import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, ROOT, tempDir } from '../helpers/cli.js';
import { pdfInfo, pdfOutline } from '../helpers/pdf.js';

// lectern as a new instructor uses it: packed with `npm pack`, a course started with
// `lectern init` in an empty folder, the tarball installed there (npm's cache, filled by `npm ci`,
// or the registry the machine already uses), and run there with `npx lectern`, naming no folder:
// the course.yaml is used. The course has init's starter module and, second in course.yaml, the
// repository's module 1 with its media.

const SLUG = 'module-1-foundations';
const STARTER = 'module-1';
let work: string;
let course: string;
let packed: { filename: string; files: { path: string }[] };
let installed: CliResult;

/** The environment of a user's shell: none of the npm_* variables `npm test` sets for its own
 * package (npm_config_local_prefix would point npm at the lectern checkout). npx never installs
 * from the registry here: `lectern` must come from the course folder. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|command$|execpath$|node_execpath$|config_(local_prefix|call|yes|argv)$)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', npm_config_yes: 'false', npm_config_update_notifier: 'false' };
}

function run(command: string, args: readonly string[], cwd: string, timeout: number): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: userEnv(), timeout, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const lectern = (args: readonly string[], timeout = 120_000) => run('npx', ['lectern', ...args], course, timeout);
const show = (result: CliResult) => `exit ${result.code}\n${result.stdout}\n${result.stderr}`;

beforeAll(async () => {
  work = tempDir('lectern-install-');
  // `npm pack` runs `prepare` (the compile), so the tarball ships a fresh lib/.
  const pack = await run('npm', ['pack', '--json', '--pack-destination', work], ROOT, 180_000);
  expect(pack.code, show(pack)).toBe(0);
  const packs = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as (typeof packed)[];
  packed = packs[0] as typeof packed;

  course = join(work, 'course');
  const init = await run(process.execPath, [join(ROOT, 'lib', 'cli', 'bin.js'), 'init', course], work, 60_000);
  expect(init.code, show(init)).toBe(0);
  installed = await run('npm', ['install', '--save-dev', join(work, packed.filename), '--no-audit', '--no-fund', '--prefer-offline'], course, 300_000);
  cpSync(join(ROOT, 'decks', `${SLUG}.md`), join(course, 'decks', `${SLUG}.md`));
  cpSync(join(ROOT, 'decks', 'media'), join(course, 'decks', 'media'), { recursive: true });
  const courseFile = join(course, 'course.yaml');
  writeFileSync(courseFile, readFileSync(courseFile, 'utf8').replace('  - decks/module-1.md\n', `  - decks/module-1.md\n  - decks/${SLUG}.md\n`));
}, 480_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('lectern installed from its tarball into a course folder', () => {
  it('packs the compiled CLI, client, themes and docs, and nothing of the development tree', () => {
    const files = packed.files.map((f) => f.path);
    for (const needed of ['package.json', 'README.md', 'lib/cli/bin.js', 'lib/client/lectern.js', 'themes/course.css', 'docs/deck-format.md']) {
      expect(files).toContain(needed);
    }
    const stray = files.filter((f) => /^(src|tests|scripts|decks|dist|\.bench|lib\/scripts)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts'));
    expect(stray).toEqual([]);
  });

  it('installs with its compiled lib/ and the docs that help and the README point at', () => {
    expect(installed.code, show(installed)).toBe(0);
    const pkg = join(course, 'node_modules', 'lectern');
    expect(existsSync(join(pkg, 'lib', 'cli', 'bin.js'))).toBe(true);
    expect(existsSync(join(pkg, 'docs', 'deck-format.md'))).toBe(true);
    expect(existsSync(join(pkg, 'README.md'))).toBe(true);
    // The compile script is not shipped: an installed lectern cannot need it.
    expect(existsSync(join(pkg, 'scripts'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(course, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string>; scripts?: Record<string, string> };
    expect(manifest.devDependencies?.lectern).toMatch(/^file:.*\.tgz$/);
    expect(Object.keys(manifest.scripts ?? {})).toEqual(expect.arrayContaining(['check', 'build', 'export', 'serve']));
  });

  it('npx lectern check: both modules of course.yaml, clean', async () => {
    const checked = await lectern(['check']);
    expect(checked.code, show(checked)).toBe(0);
    expect(checked.stdout).toContain('1h 30m');
    expect(checked.stdout).toMatch(/0 errors, 0 warnings[\s\S]*0 errors, 0 warnings/);
  }, 150_000);

  it('npx lectern build --out dist: the decks with their reveal.js and lectern assets, and the course index in course order', async () => {
    const built = await lectern(['build', '--out', 'dist']);
    expect(built.code, show(built)).toBe(0);
    const deck = join(course, 'dist', SLUG);
    expect(existsSync(join(deck, 'index.html'))).toBe(true);
    for (const asset of ['reveal.js', 'reveal.css', 'lectern.js', 'lectern.css', 'theme.css']) {
      expect(existsSync(join(deck, 'assets', asset)), asset).toBe(true);
    }
    const index = readFileSync(join(course, 'dist', 'index.html'), 'utf8');
    expect(index.indexOf(`${STARTER}/index.html`)).toBeGreaterThan(-1);
    expect(index.indexOf(`${STARTER}/index.html`)).toBeLessThan(index.indexOf(`${SLUG}/index.html`));
    expect(readFileSync(join(deck, 'index.html'), 'utf8')).not.toContain('node_modules');
  }, 150_000);

  it('npx lectern export --out dist: three PDFs per module and the course packs, Chromium found by itself', async () => {
    const exported = await lectern(['export', '--out', 'dist'], 240_000);
    expect(exported.code, show(exported)).toBe(0);
    for (const slug of [STARTER, SLUG]) {
      for (const kind of ['slides', 'handout', 'guide']) {
        const pdf = join(course, 'dist', slug, `${slug}.${kind}.pdf`);
        expect(existsSync(pdf), pdf).toBe(true);
        expect(Number(pdfInfo(pdf).Pages)).toBeGreaterThan(0);
      }
    }
    for (const pack of ['course-handouts.pdf', 'course-guides.pdf']) {
      const file = join(course, 'dist', pack);
      expect(existsSync(file), file).toBe(true);
      const top = (await pdfOutline(file)).filter((title) => !title.startsWith(' '));
      expect(top).toHaveLength(2);
      expect(top[0]).toMatch(/Getting started/);
      expect(top[1]).toMatch(/Why CI\/CD Matters/);
    }
  }, 300_000);
});
