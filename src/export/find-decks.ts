import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface DeckInputs {
  files: string[];
  /** True when a folder was named: the build then also writes the course index. */
  fromFolder: boolean;
  /** Arguments that are neither a Markdown file nor a folder. */
  missing: string[];
}

/** Expands the command's arguments: a folder means every `*.md` in it (not README.md). */
export function findDecks(inputs: readonly string[]): DeckInputs {
  const result: DeckInputs = { files: [], fromFolder: false, missing: [] };
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      if (input.endsWith('.md')) result.files.push(input);
      else result.missing.push(input);
      continue;
    }
    if (!isDir) {
      result.files.push(input);
      continue;
    }
    result.fromFolder = true;
    const decks = readdirSync(input)
      .filter((name) => name.endsWith('.md') && !/^readme\.md$/i.test(name) && !name.startsWith('_') && !name.startsWith('.'))
      .sort();
    result.files.push(...decks.map((name) => join(input, name)));
  }
  return result;
}
