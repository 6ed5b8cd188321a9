import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ConfigFileText } from '../deck/dialects/reveal-md.js';
import type { DeckReadingInput } from '../deck/reading-options.js';
import type { SeparatorPatterns } from '../deck/separators.js';

export interface ProjectFiles {
  reading: DeckReadingInput;
  /** The folder of the reveal-md.json found: root-relative paths (`/img/x.png`) start there, as reveal-md serves them. */
  projectRoot?: string;
}

/**
 * reveal-md's project files for a deck: `reveal-md.json` and `reveal.json` in the deck's folder,
 * else in the folder lectern runs in (where reveal-md itself looks). Read at every build, so an
 * edit to them counts at the next one.
 */
export function findProjectFiles(deckFile: string, flags?: Partial<SeparatorPatterns>, cwd = process.cwd()): ProjectFiles {
  const folders = [...new Set([dirname(resolve(deckFile)), resolve(cwd)])];
  const revealMd = firstFile(folders, 'reveal-md.json', cwd);
  const revealJson = firstFile(folders, 'reveal.json', cwd);
  const reading: DeckReadingInput = {
    ...(revealMd ? { revealMd: revealMd.config } : {}),
    ...(revealJson ? { revealJson: revealJson.config } : {}),
    ...(flags ? { flags } : {}),
  };
  return revealMd ? { reading, projectRoot: revealMd.folder } : { reading };
}

function firstFile(folders: readonly string[], name: string, cwd: string): { config: ConfigFileText; folder: string } | undefined {
  for (const folder of folders) {
    const path = join(folder, name);
    if (!existsSync(path) || !statSync(path).isFile()) continue;
    const shown = relative(cwd, path);
    return { config: { file: shown.startsWith('..') ? path : shown, text: readFileSync(path, 'utf8') }, folder };
  }
  return undefined;
}
