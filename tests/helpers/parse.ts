import { parseDeck } from '../../src/deck/parse-deck.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

/** Parses deck text given as lines (easier to count line numbers in a test). */
export function parseLines(...lines: string[]) {
  return parseDeck(lines.join('\n'), 'deck.md', 'deck');
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

export function at(diagnostics: readonly Diagnostic[], code: string): [number, number] | undefined {
  const found = diagnostics.find((d) => d.code === code);
  return found ? [found.span.line, found.span.column] : undefined;
}
