import { join } from 'node:path';
import { copyFileAtomic, writeFileAtomic } from './atomic-write.js';
import type { CompiledDeck } from './compile-deck.js';

/** Writes a compiled deck into `<outDir>/<slug>/`, each file atomically. Returns the folder. */
export async function writeCompiledDeck(compiled: CompiledDeck, outDir: string): Promise<string> {
  const folder = join(outDir, compiled.slug);
  await Promise.all(
    compiled.files.map((file) => {
      const target = join(folder, file.to);
      if (file.content !== undefined) return writeFileAtomic(target, file.content);
      if (file.from !== undefined) return copyFileAtomic(file.from, target);
      return Promise.resolve();
    }),
  );
  return folder;
}
