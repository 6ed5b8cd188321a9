import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type * as ParseDeck from '../../src/deck/parse-deck.js';
import { tempDir } from '../helpers/cli.js';

// A bug lectern has with one deck, simulated: parsing the deck named `boom.md` throws.
vi.mock('../../src/deck/parse-deck.js', async (original) => {
  const real = await original<typeof ParseDeck>();
  return {
    ...real,
    parseDeck: (...args: Parameters<typeof real.parseDeck>) => {
      if (args[1].endsWith('boom.md')) throw new RangeError('Maximum call stack size exceeded');
      return real.parseDeck(...args);
    },
  };
});

const { buildDecks } = await import('../../src/export/build-decks.js');

describe('a failure of lectern on one deck', () => {
  it('is that deck\'s located error; the other decks are still built', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'boom.md'), '# Boom\n');
    writeFileSync(join(dir, 'fine.md'), '# Fine\n\nText.\n');
    const out = join(dir, 'dist');
    const result = await buildDecks([join(dir, 'boom.md'), join(dir, 'fine.md')], { outDir: out, courseIndex: true });
    const [boom, fine] = result.decks;
    expect(boom?.outputDir).toBeUndefined();
    expect(boom?.compiled.diagnostics).toMatchObject([{ severity: 'error', code: 'internal-error', span: { line: 1, column: 1 }, message: 'lectern failed on this deck: Maximum call stack size exceeded' }]);
    expect(boom?.compiled.diagnostics[0]?.detail).toBeUndefined();
    expect(fine?.compiled.diagnostics).toEqual([]);
    expect(existsSync(join(out, 'fine', 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });
});
