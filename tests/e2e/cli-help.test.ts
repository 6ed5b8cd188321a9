import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const COMMANDS = ['build', 'export', 'check', 'serve', 'rehearsal', 'doctor'];

describe('lectern <command> --help', () => {
  it.each(COMMANDS)('%s --help prints its usage, options with defaults, an example and the docs', async (command) => {
    const help = await runCli([command, '--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatch(new RegExp(`^Usage: lectern ${command}\\b`));
    expect(help.stdout).toContain('\nOptions:\n');
    expect(help.stdout).toMatch(/\n {6}--browser <path>|\n {6}--apply/);
    expect(help.stdout).toMatch(/\nExample:\n {2}lectern \w+/);
    expect(help.stdout).toContain('README.md');
    // The same text from `lectern help <command>` and `-h`.
    expect((await runCli(['help', command])).stdout).toBe(help.stdout);
    expect((await runCli([command, '-h'])).stdout).toBe(help.stdout);
  });

  it('shows the defaults the commands apply', async () => {
    expect((await runCli(['build', '--help'])).stdout).toMatch(/-o, --out <dir> +output folder \(default: dist\)/);
    expect((await runCli(['serve', '--help'])).stdout).toMatch(/--port <port> +port to listen on \(default: 4321\)/);
    expect((await runCli(['export', '--help'])).stdout).toMatch(/--paper <size> +.*\(default: A4\)/);
  });

  it('points at the docs of the installed package, from any folder', async () => {
    const elsewhere = tempDir();
    const help = await runCli(['help'], elsewhere);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`  ${join(ROOT, 'docs', 'deck-format.md')}  the deck format`);
    // Inside the package's folder the path is relative.
    expect((await runCli(['help'])).stdout).toMatch(/\n {2}docs\/deck-format\.md {2}the deck format/);
  });

  it('names every command in the overview', async () => {
    const help = await runCli(['help']);
    for (const command of COMMANDS) expect(help.stdout).toContain(`lectern ${command}`);
    expect(help.stdout).toContain('lectern <command> --help');
  });
});

describe('usage errors', () => {
  it('an unknown option names the command\'s options, exit 2', async () => {
    const result = await runCli(['build', '--bogus', 'decks']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('lectern: build has no option `--bogus`\n');
    expect(result.stderr).toContain('build takes: --out, --quiet, --render, --browser, --separator');
    expect(result.stderr).toContain('Run `lectern build --help` for usage.');
    expect(result.stderr).not.toContain('did you mean');
  });

  it('suggests the option meant, and a short option too', async () => {
    const typo = await runCli(['export', '--qiet', 'decks']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('export has no option `--qiet`; did you mean --quiet?');
    const short = await runCli(['check', '-x', 'decks']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('check has no option `-x`');
  });

  it('an option of another command is unknown to this one', async () => {
    const result = await runCli(['check', '--out', 'dist', 'decks']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/check has no option `--out`[^\n]*\n {2}check takes: --render, --a11y, --strict, --browser/);
  });

  it('an unknown command suggests the one meant', async () => {
    const result = await runCli(['biuld', 'decks']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command `biuld`; did you mean `build`?');
    expect((await runCli(['help', 'nope'])).code).toBe(2);
  });

  it('a separator value of dashes is still a value, not an unknown option', async () => {
    const result = await runCli(['check', '--separator', '---', 'tests/fixtures/decks/features.md']);
    expect(result.stderr).not.toContain('has no option');
  });
});

/** scripts/setup.sh run in a copy of the project with a fake npm, the system packages left alone. */
function runSetup(project: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, LECTERN_SETUP_SKIP_SYSTEM: '1', PATH: `${join(project, 'fake-bin')}:${process.env.PATH ?? ''}` };
    execFile('bash', [join(project, 'scripts', 'setup.sh')], { env }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout });
    });
  });
}

describe('scripts/setup.sh', () => {
  it('runs npm ci once, and again only when package-lock.json changes', async () => {
    const project = tempDir();
    mkdirSync(join(project, 'scripts'));
    mkdirSync(join(project, 'fake-bin'));
    copyFileSync(join(ROOT, 'scripts', 'setup.sh'), join(project, 'scripts', 'setup.sh'));
    writeFileSync(join(project, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}\n');
    const calls = join(project, 'npm-calls');
    // The fake npm does what npm ci does to the folder: a fresh node_modules.
    writeFileSync(join(project, 'fake-bin', 'npm'), `#!/bin/sh\necho "$@" >> "${calls}"\nrm -rf node_modules && mkdir node_modules\n`);
    chmodSync(join(project, 'fake-bin', 'npm'), 0o755);
    const npmCalls = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n').length : 0);

    const first = await runSetup(project);
    expect(first.code).toBe(0);
    expect(npmCalls()).toBe(1);
    expect(existsSync(join(project, 'node_modules', '.lectern-setup'))).toBe(true);

    const second = await runSetup(project);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('node_modules matches package-lock.json (npm ci skipped)');
    expect(npmCalls()).toBe(1);

    writeFileSync(join(project, 'package-lock.json'), '{"lockfileVersion":3,"packages":{"node_modules/x":{}}}\n');
    await runSetup(project);
    expect(npmCalls()).toBe(2);
  });
});
