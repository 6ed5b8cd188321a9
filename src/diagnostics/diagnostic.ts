/** Where a problem is in a deck file. Lines and columns count from 1. */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export type Severity = 'error' | 'warning';

/**
 * One problem in a deck. The core returns these as data; the CLI prints them, always through
 * formatDiagnostic, and the live server sends the same fields to the page's overlay.
 */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine name, e.g. `unclosed-directive`; tests and editors key on it. */
  code: string;
  message: string;
  span: SourceSpan;
  hint?: string;
  /**
   * The words of the tool that found the problem (Mermaid's parser message), kept for whoever
   * wants them or searches for them; the message above already says what to do.
   */
  detail?: string;
}

export function error(code: string, message: string, span: SourceSpan, hint?: string): Diagnostic {
  return hint === undefined ? { severity: 'error', code, message, span } : { severity: 'error', code, message, span, hint };
}

export function warning(code: string, message: string, span: SourceSpan, hint?: string): Diagnostic {
  return hint === undefined
    ? { severity: 'warning', code, message, span }
    : { severity: 'warning', code, message, span, hint };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics as a reader meets them: by file, then line, then column. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.span.file.localeCompare(b.span.file) || a.span.line - b.span.line || a.span.column - b.span.column
  );
}
