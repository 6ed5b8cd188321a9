import type { Diagnostic } from './diagnostic.js';

export interface FormatOptions {
  /** The deck's source, to show the offending line under the message. */
  source?: string;
  /** Wrap severity words in ANSI colours (terminal only). */
  color?: boolean;
  /** Lines of context above the offending line. */
  contextLines?: number;
}

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', bold: '\x1b[1m', dim: '\x1b[2m', reset: '\x1b[0m' };

/**
 * `deck.md:12:3: error: message`, then a code frame with a caret under the column, then
 * `hint: …` and `detail: …` (the finding tool's own words). The one way a diagnostic is printed anywhere.
 */
export function formatDiagnostic(diagnostic: Diagnostic, options: FormatOptions = {}): string {
  const { span, severity, message, hint, detail } = diagnostic;
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${ANSI.reset}` : text);
  const sev = paint(severity === 'error' ? ANSI.red + ANSI.bold : ANSI.yellow + ANSI.bold, `${severity}:`);
  const lines = [`${span.file}:${span.line}:${span.column}: ${sev} ${message}`];
  if (options.source !== undefined) {
    const frame = codeFrame(options.source, span.line, span.column, span.endLine, options.contextLines ?? 0);
    if (frame) lines.push(frame);
  }
  if (hint) lines.push(`  ${paint(ANSI.cyan, 'hint:')} ${hint}`);
  if (detail) lines.push(`  ${paint(ANSI.dim, 'detail:')} ${detail}`);
  return lines.join('\n');
}

/** A small code frame: the offending line(s) with line numbers and a caret under the column. */
export function codeFrame(
  source: string,
  line: number,
  column: number,
  endLine?: number,
  contextLines = 0,
): string | undefined {
  const all = source.split(/\r\n|\r|\n/);
  if (line < 1 || line > all.length) return undefined;
  const first = Math.max(1, line - contextLines);
  const last = Math.min(all.length, Math.max(line, Math.min(endLine ?? line, line + 2)));
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (all[n - 1] ?? '').replace(/\t/g, '  ');
    out.push(`  ${String(n).padStart(width)} | ${text}`);
    if (n === line) {
      const before = (all[n - 1] ?? '').slice(0, Math.max(0, column - 1)).replace(/\t/g, '  ');
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(before.length)}^`);
    }
  }
  return out.join('\n');
}
