import type { Diagnostic } from './diagnostic.js';
import { SourceLines } from './source-lines.js';

export { SourceLines } from './source-lines.js';

export interface FormatOptions {
  /** The deck's source, to show the offending line under the message (split once with SourceLines when printing many). */
  source?: string | SourceLines;
  /** Wrap severity words in ANSI colours (terminal only). */
  color?: boolean;
  /** Lines of context above the offending line. */
  contextLines?: number;
}

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', bold: '\x1b[1m', dim: '\x1b[2m', reset: '\x1b[0m' };

/** A code frame shows at most this many characters of a line, around the column: a 1 MB line prints as a short one. */
export const FRAME_WIDTH = 160;
/** Messages and hints quote what the deck says; a quote of a megabyte is cut in the middle. */
export const MESSAGE_WIDTH = 500;
/** The finding tool's words (or lectern's own stack with LECTERN_DEBUG) are allowed more. */
const DETAIL_WIDTH = 4_000;

/**
 * `deck.md:12:3: error: message`, then a code frame with a caret under the column, then
 * `hint: …` and `detail: …` (the finding tool's own words). The one way a diagnostic is printed
 * anywhere. `repeats` > 1 adds ` (×N)`: the same problem found N times at the same place.
 */
export function formatDiagnostic(diagnostic: Diagnostic, options: FormatOptions = {}, repeats = 1): string {
  const { span, severity, message, hint, detail } = diagnostic;
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${ANSI.reset}` : text);
  const sev = paint(severity === 'error' ? ANSI.red + ANSI.bold : ANSI.yellow + ANSI.bold, `${severity}:`);
  const count = repeats > 1 ? ` (×${repeats})` : '';
  const lines = [`${span.file}:${span.line}:${span.column}: ${sev} ${shorten(message, MESSAGE_WIDTH)}${count}`];
  if (options.source !== undefined) {
    const frame = codeFrame(options.source, span.line, span.column, span.endLine, options.contextLines ?? 0);
    if (frame) lines.push(frame);
  }
  if (hint) lines.push(`  ${paint(ANSI.cyan, 'hint:')} ${shorten(hint, MESSAGE_WIDTH)}`);
  if (detail) lines.push(`  ${paint(ANSI.dim, 'detail:')} ${shorten(detail, DETAIL_WIDTH)}`);
  return lines.join('\n');
}

/**
 * Diagnostics in the order given (sorted by place, as the CLI gives them), each printed once: a
 * problem found again at the same place with the same words is counted, not repeated (one deck
 * once printed the same YAML error 786 times). The source is split into lines once for all
 * the code frames.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions = {}): string[] {
  const source = typeof options.source === 'string' ? new SourceLines(options.source) : options.source;
  const shared = source === undefined ? { ...options, source: undefined } : { ...options, source };
  const printed: string[] = [];
  // Repeats stand at one place: only the diagnostics of the current place are compared.
  let place = '';
  let here = new Map<string, { diagnostic: Diagnostic; repeats: number }>();
  const printPlace = () => {
    for (const { diagnostic, repeats } of here.values()) printed.push(formatDiagnostic(diagnostic, shared, repeats));
    here = new Map();
  };
  for (const diagnostic of diagnostics) {
    const { span, severity, code, message, hint, detail } = diagnostic;
    const at = `${span.file}\0${span.line}\0${span.column}`;
    if (at !== place) {
      printPlace();
      place = at;
    }
    const key = `${severity}\0${code}\0${message}\0${hint ?? ''}\0${detail ?? ''}`;
    const group = here.get(key);
    if (group) group.repeats++;
    else here.set(key, { diagnostic, repeats: 1 });
  }
  printPlace();
  return printed;
}

/** A small code frame: the offending line(s) with line numbers and a caret under the column. */
export function codeFrame(
  source: string | SourceLines,
  line: number,
  column: number,
  endLine?: number,
  contextLines = 0,
): string | undefined {
  const all = typeof source === 'string' ? new SourceLines(source) : source;
  if (line < 1 || line > all.count) return undefined;
  const first = Math.max(1, line - contextLines);
  const last = Math.min(all.count, Math.max(line, Math.min(endLine ?? line, line + 2)));
  const width = String(last).length;
  // Every line of the frame shows the same stretch of columns, so they stay aligned.
  const from = Math.max(0, Math.min(column - 1 - FRAME_WIDTH / 2, (all.line(line)?.length ?? 0) - FRAME_WIDTH));
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = all.line(n) ?? '';
    out.push(`  ${String(n).padStart(width)} | ${visible(text, from)}`);
    if (n === line) {
      const before = visible(text.slice(0, Math.max(0, column - 1)), from, false);
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(before.length)}^`);
    }
  }
  return out.join('\n');
}

/** At most FRAME_WIDTH characters of `text` from `from`, with `…` where it was cut; tabs as two spaces. */
function visible(text: string, from: number, markEnd = true): string {
  const shown = text.slice(from, from + FRAME_WIDTH).replace(/\t/g, '  ');
  return `${from > 0 ? '…' : ''}${shown}${markEnd && text.length > from + FRAME_WIDTH ? '…' : ''}`;
}

/** `text` cut in the middle when longer than `max` (the start says what, the end often says why). */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = Math.floor(max / 4);
  return `${text.slice(0, max - tail - 1)}…${text.slice(text.length - tail)}`;
}
