import { type Diagnostic, error, type SourceSpan } from '../diagnostics/diagnostic.js';
import type { Diagram } from '../model/deck.js';
import { adviseMermaid } from './mermaid-advice.js';
import { errorOffset, readMermaidMessage } from './mermaid-message.js';

/** What Mermaid said about a diagram it could not parse, as the browser page reports it. */
export interface MermaidFailure {
  message: string;
  /** Line inside the diagram (1 = the line after the opening fence), when Mermaid gave one. */
  line?: number;
  column?: number;
}

/** Mermaid's syntax page for each diagram type, for the hint. */
const SYNTAX_PAGES: Readonly<Record<string, string>> = {
  flowchart: 'flowchart', graph: 'flowchart', sequenceDiagram: 'sequenceDiagram', classDiagram: 'classDiagram',
  'classDiagram-v2': 'classDiagram', stateDiagram: 'stateDiagram', 'stateDiagram-v2': 'stateDiagram',
  erDiagram: 'entityRelationshipDiagram', gantt: 'gantt', pie: 'pie', gitGraph: 'gitgraph', mindmap: 'mindmap',
  timeline: 'timeline', journey: 'userJourney',
};

/**
 * A Mermaid syntax error as a deck error: what the author can do about it, with the caret on
 * the token Mermaid stopped at (or where the fix goes, for a shape or block left open), and
 * Mermaid's own words kept as the detail.
 */
export function diagramDiagnostic(diagram: Diagram, failure: MermaidFailure, file: string, deckLines: readonly string[]): Diagnostic {
  const read = readMermaidMessage(failure.message);
  const stopped = errorOffset(diagram.source, read, failure.line, failure.column);
  const advice = adviseMermaid(diagram.source, read, stopped);
  const offset = advice.offset ?? stopped;
  const span = offset === undefined ? fenceSpan(diagram, file, deckLines) : deckSpan(diagram, offset, file, deckLines);
  return { ...error('diagram-syntax', `Mermaid cannot read this diagram: ${advice.message}`, span, syntaxHint(diagram.source)), detail: `Mermaid: ${read.words}` };
}

function syntaxHint(source: string): string {
  const type = /^\s*(?:%%.*\n\s*)*([\w-]+)/.exec(source)?.[1] ?? '';
  const page = SYNTAX_PAGES[type];
  const where = page ? `Mermaid's ${type === 'graph' ? 'flowchart' : type} syntax: https://mermaid.js.org/syntax/${page}.html` : 'the Mermaid syntax of this diagram type: https://mermaid.js.org';
  return `see ${where}; the rest of the deck was built`;
}

/** No place inside the diagram: the fence's line, at its first character. */
function fenceSpan(diagram: Diagram, file: string, deckLines: readonly string[]): SourceSpan {
  const line = diagram.position.line;
  return { file, line, column: (deckLines[line - 1] ?? '').search(/\S/) + 1 || 1 };
}

/**
 * An offset in the diagram's source as a deck position: the fence's line plus the line inside
 * the diagram, and the column shifted by however much further the deck indents the diagram.
 */
function deckSpan(diagram: Diagram, offset: number, file: string, deckLines: readonly string[]): SourceSpan {
  const sourceLines = diagram.source.replace(/\n$/, '').split('\n');
  const before = diagram.source.slice(0, offset).split('\n');
  const inner = Math.min(before.length, sourceLines.length);
  const column = inner === before.length ? (before[before.length - 1] ?? '').length + 1 : (sourceLines[inner - 1] ?? '').length + 1;
  const line = diagram.position.line + inner;
  const shift = leadingSpace(deckLines[line - 1] ?? '', sourceLines[inner - 1]);
  return { file, line, column: Math.max(1, column + shift) };
}

/** Mermaid counts columns inside the diagram; the deck line may be indented further. */
function leadingSpace(deckLine: string, diagramLine: string | undefined): number {
  if (diagramLine === undefined || diagramLine.trim() === '') return 0;
  const index = deckLine.indexOf(diagramLine.trim());
  const diagramIndent = diagramLine.search(/\S/);
  return index >= 0 && diagramIndent >= 0 ? index - diagramIndent : 0;
}
