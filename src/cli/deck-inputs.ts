import { type DeckInputs, findDecks } from '../export/find-decks.js';
import { UsageError } from './usage-error.js';

/** The decks a command's arguments name; a usage error (exit 2) when they name none. */
export function deckInputs(command: string, positionals: readonly string[]): DeckInputs {
  if (positionals.length === 0) throw new UsageError(`${command} needs at least one deck file or folder`);
  const inputs = findDecks(positionals);
  for (const path of inputs.outside) process.stderr.write(`lectern: left out ${path}: it links to a file outside the project folder (name the file itself to use it)\n`);
  if (inputs.missing.length > 0) throw new UsageError(`not a deck file or folder: ${inputs.missing.join(', ')}`);
  if (inputs.files.length === 0) throw new UsageError(`no .md decks in ${positionals.join(', ')}`);
  return inputs;
}
