import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, ROOT, tempDir } from '../helpers/cli.js';
import { pdfInfo } from '../helpers/pdf.js';

// lectern as a course uses it: packed with `npm pack`, installed from the tarball into an empty
// course folder (npm's cache, filled by `npm ci`, or the registry the machine already uses), and
// run there with `npx lectern`. The deck is the repository's module 1 with its media.

const SLUG = 'module-1-foundations';
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
  mkdirSync(join(course, 'decks'), { recursive: true });
  writeFileSync(join(course, 'package.json'), `${JSON.stringify({ name: 'my-course', private: true }, null, 2)}\n`);
  installed = await run('npm', ['install', join(work, packed.filename), '--no-audit', '--no-fund', '--prefer-offline'], course, 300_000);
  cpSync(join(ROOT, 'decks', `${SLUG}.md`), join(course, 'decks', `${SLUG}.md`));
  cpSync(join(ROOT, 'decks', 'media'), join(course, 'decks', 'media'), { recursive: true });
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
    const manifest = JSON.parse(readFileSync(join(course, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['lectern']);
  });

  it('npx lectern check decks', async () => {
    const checked = await lectern(['check', 'decks']);
    expect(checked.code, show(checked)).toBe(0);
    expect(checked.stdout).toContain('1h 30m');
  }, 150_000);

  it('npx lectern build decks --out dist: the deck with its reveal.js and lectern assets, and the course index', async () => {
    const built = await lectern(['build', 'decks', '--out', 'dist']);
    expect(built.code, show(built)).toBe(0);
    const deck = join(course, 'dist', SLUG);
    expect(existsSync(join(deck, 'index.html'))).toBe(true);
    for (const asset of ['reveal.js', 'reveal.css', 'lectern.js', 'lectern.css', 'theme.css']) {
      expect(existsSync(join(deck, 'assets', asset)), asset).toBe(true);
    }
    expect(existsSync(join(course, 'dist', 'index.html'))).toBe(true);
    expect(readFileSync(join(deck, 'index.html'), 'utf8')).not.toContain('node_modules');
  }, 150_000);

  it('npx lectern export decks --out dist: the three PDFs, Chromium found by itself', async () => {
    const exported = await lectern(['export', 'decks', '--out', 'dist'], 240_000);
    expect(exported.code, show(exported)).toBe(0);
    for (const kind of ['slides', 'handout', 'guide']) {
      const pdf = join(course, 'dist', SLUG, `${SLUG}.${kind}.pdf`);
      expect(existsSync(pdf), pdf).toBe(true);
      expect(Number(pdfInfo(pdf).Pages)).toBeGreaterThan(0);
    }
  }, 300_000);
});
