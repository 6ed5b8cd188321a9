import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultProjectRoot, isInside, realPath } from './project-folder.js';

export interface DeckInputs {
  files: string[];
  /** True when a folder was named: the build then also writes the course index. */
  fromFolder: boolean;
  /** Arguments that are neither a Markdown file nor a folder. */
  missing: string[];
  /** Decks of a folder left out: links to files outside the project folder. */
  outside: string[];
}

/**
 * Expands the command's arguments: a folder means every `*.md` in it (not README.md), except a
 * link that leads out of the project folder (a folder's decks are served to a room: only the
 * decks a command names itself may lie elsewhere).
 */
export function findDecks(inputs: readonly string[], cwd: string = process.cwd()): DeckInputs {
  const result: DeckInputs = { files: [], fromFolder: false, missing: [], outside: [] };
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
    const project = realPath(defaultProjectRoot(input, cwd));
    for (const path of decks.map((name) => join(input, name))) {
      const leadsOut = lstatSync(path).isSymbolicLink() && !isInside(project, realPath(path));
      (leadsOut ? result.outside : result.files).push(path);
    }
  }
  return result;
}
