import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { Diagram } from '../model/deck.js';

/** What Mermaid said about a diagram it could not parse, as the browser page reports it. */
export interface MermaidFailure {
  message: string;
  /** Line inside the diagram (1 = the line after the opening fence), when Mermaid gave one. */
  line?: number;
  column?: number;
}

/**
 * A Mermaid syntax error as a deck error at the deck line it concerns: the fence's line plus
 * the line inside the diagram, so the caret lands on the text the instructor must fix.
 */
export function diagramDiagnostic(diagram: Diagram, failure: MermaidFailure, file: string, deckLines: readonly string[]): Diagnostic {
  const sourceLines = diagram.source.split('\n');
  const inner = failure.line !== undefined ? Math.min(Math.max(failure.line, 1), Math.max(sourceLines.length, 1)) : undefined;
  const line = inner === undefined ? diagram.position.line : diagram.position.line + inner;
  const text = deckLines[line - 1] ?? '';
  const firstText = text.search(/\S/) + 1 || 1;
  const column = failure.column !== undefined && inner !== undefined ? Math.max(firstText, failure.column + leadingSpace(text, sourceLines[inner - 1])) : firstText;
  return error('diagram-syntax', `Mermaid cannot read this diagram: ${summarize(failure.message)}`, { file, line, column },
    'check the line against the Mermaid syntax of this diagram type (mermaid.js.org); the rest of the deck was built');
}

/** Mermaid's messages repeat the line and list every token it expected: keep the useful part. */
export function summarize(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  const expecting = lines.find((l) => /^Expecting /.test(l));
  if (expecting) {
    const got = / got (.+)$/.exec(expecting)?.[1];
    const tokens = expecting.replace(/^Expecting /, '').replace(/, got .+$/, '').split(/,\s*/);
    const shown = tokens.length > 4 ? `one of ${tokens.slice(0, 4).join(', ')}, …` : tokens.join(' or ');
    return `expected ${shown}${got ? `, found ${got === "'EOF'" ? 'the end of the diagram' : got}` : ''}`;
  }
  const first = (lines[0] ?? message).replace(/^Parsing failed:\s*/, '').replace(/^(Lexer e|Parse e)rror on line \d+(, column \d+)?:\s*/i, '');
  return first.length > 0 ? first : 'syntax error';
}

/** Mermaid counts columns inside the diagram; the deck line may be indented further. */
function leadingSpace(deckLine: string, diagramLine: string | undefined): number {
  if (diagramLine === undefined) return 0;
  const index = deckLine.indexOf(diagramLine.trim());
  const diagramIndent = diagramLine.search(/\S/);
  return index >= 0 && diagramIndent >= 0 ? index - diagramIndent : 0;
}
