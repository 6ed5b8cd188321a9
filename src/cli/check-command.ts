import { compileDeck } from '../export/compile-deck.js';
import { findDecks } from '../export/find-decks.js';
import { countBySeverity, describeDeck, formatSchedule, printDiagnostics, useColor } from './print.js';
import { UsageError } from './usage-error.js';

/** `lectern check`: every diagnostic, then each deck's schedule; writes nothing. */
export async function runCheck(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length === 0) throw new UsageError('check needs at least one deck file or folder');
  const inputs = findDecks(positionals);
  if (inputs.missing.length > 0) throw new UsageError(`not a deck file or folder: ${inputs.missing.join(', ')}`);
  if (inputs.files.length === 0) throw new UsageError(`no .md decks in ${positionals.join(', ')}`);
  const color = useColor(values, process.stderr);
  let failed = false;
  for (const file of inputs.files) {
    const compiled = await compileDeck(file);
    printDiagnostics(compiled, color);
    const { errors, warnings } = countBySeverity(compiled.diagnostics);
    failed ||= errors > 0;
    process.stdout.write(`\n${compiled.file}: ${describeDeck(compiled)}; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
    if (compiled.schedule) process.stdout.write(`${formatSchedule(compiled.schedule)}\n`);
  }
  return failed ? 1 : 0;
}
