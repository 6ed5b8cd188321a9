import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';

interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a shell pipeline as a user types it; `$LECTERN` is the compiled CLI. */
function shell(script: string, env: NodeJS.ProcessEnv = {}): Promise<ShellResult> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', script], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', LECTERN: `${process.execPath} ${BIN}`, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** What must never reach a user whose reader left early: Node's crash report, or ours. */
function expectQuiet(stderr: string): void {
  expect(stderr).not.toContain('EPIPE');
  expect(stderr).not.toContain('Error');
  expect(stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  expect(stderr).not.toContain('internal error');
}

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'decks');
let work: string;
let decks: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  work = tempDir('lectern-pipe-');
  env = { LECTERN_CACHE_DIR: join(work, 'cache') };
  decks = join(work, 'decks');
  mkdirSync(decks);
  cpSync(join(FIXTURES, 'img'), join(decks, 'img'), { recursive: true });
  // 150 schedules print ~100 kB: more than a pipe holds, so lectern is still writing when `head` leaves.
  for (let i = 1; i <= 150; i++) copyFileSync(join(FIXTURES, 'features.md'), join(decks, `deck-${String(i).padStart(3, '0')}.md`));
  // Draw the fixture's diagram once, so the runs below take it from the cache.
  await shell(`$LECTERN check ${join(decks, 'deck-001.md')} >/dev/null 2>&1`, env);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('output to a reader that stops early', () => {
  it('`check decks | head -1` prints one line and ends quietly with the usual exit code', async () => {
    const result = await shell(`{ $LECTERN check '${decks}'; echo "lectern exit $?" >&2; } | head -1`, env);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toHaveLength(2);
    expectQuiet(result.stderr);
    expect(result.stderr.trim()).toBe('lectern exit 0');
  });

  it('a closed stderr is quiet too: `check deck 2>&1 >/dev/null | head -1`', async () => {
    const deck = join(work, 'warnings.md');
    const untimed = Array.from({ length: 2000 }, (_, i) => `## Lab ${i}\n\n:::activity{title="Lab ${i}"}\nDo it.\n:::\n`);
    writeFileSync(deck, `# Many warnings\n\n---\n\n${untimed.join('\n---\n\n')}`);
    // fd 3 keeps the shell's own stderr, for the exit line and anything lectern would crash with.
    const result = await shell(`{ $LECTERN check '${deck}' 2>&1 >/dev/null; echo "lectern exit $?" >&3; } 3>&2 | head -1`, env);
    expect(result.stdout).toMatch(/^.*warning: .*\n$/);
    expectQuiet(result.stderr);
    expect(result.stderr.trim()).toBe('lectern exit 0');
  });

  it('`build` finishes its work when nobody reads: every deck written, no temporary file left', async () => {
    const out = join(work, 'dist');
    const result = await shell(`{ $LECTERN build '${join(decks, 'deck-001.md')}' '${join(decks, 'deck-002.md')}' --out '${out}'; echo "lectern exit $?" >&2; } | true`, env);
    expectQuiet(result.stderr);
    expect(result.stderr.trim()).toBe('lectern exit 0');
    for (const slug of ['deck-001', 'deck-002']) {
      expect(existsSync(join(out, slug, 'index.html'))).toBe(true);
      expect(readdirSync(join(out, slug)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }
  });

  it.each([['help'], ['doctor'], ['--version']])('`%s | true` (a reader that never reads) ends quietly', async (command) => {
    const result = await shell(`{ $LECTERN ${command}; echo "lectern exit $?" >&2; } | true`, env);
    expectQuiet(result.stderr);
    expect(result.stderr.trim()).toBe('lectern exit 0');
  });

  it('a full disk on stdout is one line, not a crash', async () => {
    const result = await shell(`$LECTERN check '${join(decks, 'deck-001.md')}' >/dev/full`, env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('lectern: cannot write to stdout: ENOSPC');
  });
});
