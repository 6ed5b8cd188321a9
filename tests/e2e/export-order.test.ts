import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const deck = (title: string) => `---\ntitle: ${title}\nduration: 10m\n---\n\n# ${title}\n\nFirst slide.\n\n---\n\n## Second\n\nMore.\n`;

describe('lectern export output', () => {
  it('prints each deck\'s ✓ line before that deck\'s PDF lines', async () => {
    const work = tempDir();
    writeFileSync(join(work, 'alpha.md'), deck('Alpha'));
    writeFileSync(join(work, 'beta.md'), deck('Beta'));
    const result = await runCli(['export', join(work, 'alpha.md'), join(work, 'beta.md'), '--out', join(work, 'out'), '--only', 'slides,handout'], undefined, { LECTERN_CACHE_DIR: join(work, 'cache') });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    const order = [/^✓ alpha: 2 slides/, /alpha\.slides\.pdf: 2 pages/, /alpha\.handout\.pdf: \d+ page/, /^✓ beta: 2 slides/, /beta\.slides\.pdf: 2 pages/, /beta\.handout\.pdf: \d+ page/].map(at);
    expect(order.every((index) => index >= 0), result.stdout).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  }, 120_000);
});
