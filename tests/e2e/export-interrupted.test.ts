import { execFileSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

const DECK = join(ROOT, 'decks', 'module-1-foundations.md');

/** Every file under a folder, with its path inside it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

/** Processes whose command line names this test's own temporary folder: its Chromium, if any is left. */
function chromiumOf(tmp: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', tmp], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** Starts `lectern export` with its own TMPDIR, and waits until it is printing (its browser profile exists). */
async function exportUntilPrinting(): Promise<{ child: ReturnType<typeof spawn>; tmp: string; out: string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  const tmp = tempDir('lectern-kill-tmp-');
  const out = tempDir('lectern-kill-out-');
  const child = spawn(process.execPath, [BIN, 'export', DECK, '--out', out], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1' }, stdio: 'ignore' });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await waitFor(() => readdirSync(tmp).some((name) => name.startsWith('lectern-chromium-')) && chromiumOf(tmp).length > 0, 60_000);
  // Into the PDFs: the slides print in several windows at once.
  await waitFor(() => filesUnder(out).some((name) => name.endsWith('index.html')), 60_000);
  return { child, tmp, out, exited };
}

describe('an export stopped midway', () => {
  it('Ctrl-C: Chromium ends, its profile and every temporary file are removed, the output folder holds no half-written file', async () => {
    const { child, tmp, out, exited } = await exportUntilPrinting();
    child.kill('SIGINT');
    const end = await exited;
    expect(end.signal === 'SIGINT' || end.code === 130).toBe(true);
    await waitFor(() => chromiumOf(tmp).length === 0, 10_000);
    expect(readdirSync(tmp)).toEqual([]);
    expect(filesUnder(out).filter((name) => /\.tmp$|\.print\.html$/.test(name))).toEqual([]);
  }, 120_000);

  it('SIGKILL: Chromium dies with lectern, and the next lectern removes the profile left behind', async () => {
    const { child, tmp, out, exited } = await exportUntilPrinting();
    child.kill('SIGKILL');
    await exited;
    await waitFor(() => chromiumOf(tmp).length === 0, 10_000);
    expect(readdirSync(tmp).filter((name) => name.startsWith('lectern-chromium-'))).toHaveLength(1);
    execFileSync(process.execPath, [BIN, 'export', DECK, '--out', out, '--only', 'handout'], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
    expect(readdirSync(tmp)).toEqual([]);
    expect(filesUnder(out).filter((name) => /\.tmp$|\.print\.html$/.test(name))).toEqual([]);
  }, 180_000);
});
