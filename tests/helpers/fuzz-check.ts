/**
 * One fuzz case through what `lectern check` does with a deck, in this process: the file is
 * written to disk and read back by compileDeck (so invalid UTF-8 is decoded as lectern decodes
 * it), without diagrams or a browser; then the diagnostics, the summary and the schedule are
 * formatted as the command prints them. Reports a crash, the time it took, every diagnostic
 * without a place in the file, and how much it printed.
 */
import { writeFileSync } from 'node:fs';
import type { SeparatorPatterns } from '../../src/deck/separators.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { SourceLines } from '../../src/diagnostics/source-lines.js';
import { compileDeck } from '../../src/export/compile-deck.js';
import { deckDiagnosticsText, describeDeck, formatSchedule } from '../../src/cli/print.js';

export interface CheckOutcome {
  ms: number;
  /** An exception, or lectern's own `internal-error` diagnostic (a caught exception). */
  crash?: string;
  /** Diagnostics whose line or column is not in the file. */
  unlocated: string[];
  diagnostics: number;
  printedChars: number;
}

export async function checkDeckBytes(file: string, bytes: Uint8Array, separators?: Partial<SeparatorPatterns>): Promise<CheckOutcome> {
  writeFileSync(file, bytes);
  const start = performance.now();
  try {
    const compiled = await compileDeck(file, separators ? { separators } : {});
    const printed = deckDiagnosticsText(compiled, false);
    const summary = `${describeDeck(compiled)}\n${compiled.schedule ? formatSchedule(compiled.schedule) : ''}`;
    const ms = performance.now() - start;
    const internal = compiled.diagnostics.find((d) => d.code === 'internal-error');
    return {
      ms,
      ...(internal ? { crash: `${internal.message}\n${internal.detail ?? ''}` } : {}),
      unlocated: unlocated(compiled.diagnostics, compiled.source),
      diagnostics: compiled.diagnostics.length,
      printedChars: printed.reduce((sum, text) => sum + text.length + 1, summary.length),
    };
  } catch (cause) {
    return { ms: performance.now() - start, crash: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause), unlocated: [], diagnostics: 0, printedChars: 0 };
  }
}

/** Line and column must be whole numbers that point into the file (the column may be just past a line's end). */
export function unlocated(diagnostics: readonly Diagnostic[], source: string | undefined): string[] {
  const lines = new SourceLines(source ?? '');
  const problems: string[] = [];
  for (const { code, span } of diagnostics) {
    const text = lines.line(span.line);
    const fine = Number.isInteger(span.column) && span.column >= 1 && text !== undefined && span.column <= text.length + 1;
    if (!fine) problems.push(`${code} at ${span.line}:${span.column} (the file has ${lines.count} lines${text === undefined ? '' : `, that one ${text.length} characters`})`);
  }
  return problems;
}
