import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('lectern CLI', () => {
  it('prints its version and help', async () => {
    expect((await runCli(['--version'])).stdout.trim()).toBe(pkg.version);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('lectern build [<deck.md|dir>...]');
    expect(help.stdout).toContain('lectern check');
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [['frobnicate'], ['build'], ['build', '--bogus', 'x.md'], ['check', 'no-such-folder']]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^lectern: /);
    }
  });

  it.each([
    ['unclosed.md', 7, 1, 'error: `:::activity` is never closed'],
    ['unknown-directive.md', 3, 1, 'error: unknown directive `:::exercise`'],
    ['bad-time.md', 5, 14, 'error: `time="ten minutes"` is not a time'],
    ['yaml-error.md', 3, 11, 'error: front matter is not valid YAML'], // at the `[` that is never closed
    ['missing-image.md', 5, 1, 'error: image `img/does-not-exist.png` was not found'],
  ])('check reports %s at its exact line', async (name, line, column, message) => {
    const file = join('tests', 'fixtures', 'broken', name);
    const result = await runCli(['check', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:${line}:${column}: ${message}`);
    expect(result.stderr).toMatch(/\n\s+\d+ \| .*\n\s+\| *\^/);
    expect(result.stderr).toContain('hint: ');
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('builds the good decks and exits 1 when one deck has errors', async () => {
    const out = tempDir();
    const result = await runCli(['build', 'tests/fixtures/decks/features.md', 'tests/fixtures/broken/unclosed.md', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✓ features: 6 slides, 1 activity, planned 30m of 30m/);
    expect(result.stdout).toContain('✗ tests/fixtures/broken/unclosed.md: 1 error, not built');
    expect(existsSync(join(out, 'features', 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'unclosed'))).toBe(false);
  });

  it('check prints the schedule table', async () => {
    const result = await runCli(['check', 'tests/fixtures/decks/features.md']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/start\s+time\s+#\s+section\s+slide\s+activity/);
    expect(result.stdout).toMatch(/\d+:\d\d\s+3m\s+4\s+Hands-on\s+Hands-on\s+Timer drill \(3m\)/);
    expect(result.stdout).toContain('total 30m of 30m');
  });

  it('warns about an overrun, naming the deck and the minutes', async () => {
    const dir = tempDir();
    const file = join(dir, 'long.md');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '---\nduration: 10m\ntheme: white\n---\n<!-- .slide: time="8m" -->\n# A\n---\n<!-- .slide: time="7m" -->\n# B\n');
    const result = await runCli(['check', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${file}:2:11: warning: ${file}: planned times add up to 15m, 5m more than the duration of 10m`);
  });

  it('takes reveal-md separator flags, even a run of dashes, on check and build', async () => {
    const dir = tempDir();
    const file = join(dir, 'talk.md');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '# A\n---\n# B\n--\n# C\n');
    const checked = await runCli(['check', file, '--separator', '---', '--vertical-separator', '^--$']);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('3 slides');
    expect(checked.stderr).toBe('');
    const built = await runCli(['build', file, '--out', join(dir, 'out'), '--vertical-separator', '^--$']);
    expect(built.code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'talk', 'index.html'), 'utf8').match(/<section /g)).toHaveLength(3);
    const bad = await runCli(['check', file, '--separator', '(']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--separator `(` is not a regular expression (Unterminated group)');
  });
});
