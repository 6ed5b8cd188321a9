import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, tempDir } from '../helpers/cli.js';

/** Starts `lectern serve` in a project folder, returns the presenter URL it prints, and stops it with Ctrl-C. */
function presenterUrlOfOneStart(project: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', 'talk.md', '--port', '0', ...args], { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let url: string | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      url ??= /presenter\s+(\S+)/.exec(out)?.[1];
      if (url) child.kill('SIGINT');
    });
    child.on('exit', () => (url ? resolve(url) : reject(new Error(`no presenter URL in: ${out}`))));
    setTimeout(() => child.kill('SIGKILL'), 30_000);
  });
}

describe('a stable presenter link', () => {
  it('is the same after a restart, changes with --new-token, and can be set with --token', async () => {
    const project = tempDir();
    copyFileSync(join(ROOT, 'tests', 'fixtures', 'decks', 'features.md'), join(project, 'talk.md'));
    const token = (url: string) => new URL(url).searchParams.get('token');
    const first = await presenterUrlOfOneStart(project);
    const second = await presenterUrlOfOneStart(project);
    expect(token(second)).toBe(token(first));
    const renewed = await presenterUrlOfOneStart(project, ['--new-token']);
    expect(token(renewed)).not.toBe(token(first));
    expect(token(await presenterUrlOfOneStart(project))).toBe(token(renewed));
    expect(token(await presenterUrlOfOneStart(project, ['--token', 'room-204-tablet-key']))).toBe('room-204-tablet-key');
    expect(token(await presenterUrlOfOneStart(project))).toBe('room-204-tablet-key');
  }, 120_000);

  it('refuses a --token too short to be safe, as a usage error', async () => {
    const result = await runCli(['serve', join(ROOT, 'tests', 'fixtures', 'decks', 'features.md'), '--token', 'short']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--token takes 16 to 128 letters');
  });
});
