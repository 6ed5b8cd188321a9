/** The shared vocabulary of the Mermaid advice rules: the mistake being explained and small helpers. */
import type { MermaidMessage } from './mermaid-message.js';
import { closest as closestWord } from '../diagnostics/did-you-mean.js';

export interface Advice {
  /** What to do, as an instruction. */
  message: string;
  /** Where the fix goes, when not where Mermaid stopped (offset in the diagram's source). */
  offset?: number;
}

/** One mistake being explained: the diagram, what Mermaid said, and the text around the error. */
export interface Mistake {
  source: string;
  /** The diagram type as written on its first line (`flowchart`, `sequenceDiagram`, …). */
  type: string;
  read: MermaidMessage;
  /** Where Mermaid stopped, when it said. */
  offset?: number;
  /** The source line of `offset`, before and from it. */
  before: string;
  after: string;
}

export type Rule = (mistake: Mistake) => Advice | undefined;

export const DIAGRAM_TYPES = [
  'flowchart', 'graph', 'sequenceDiagram', 'classDiagram', 'stateDiagram-v2', 'stateDiagram', 'erDiagram', 'gantt', 'pie',
  'gitGraph', 'mindmap', 'timeline', 'journey', 'quadrantChart', 'requirementDiagram', 'C4Context', 'sankey-beta',
  'xychart-beta', 'block-beta', 'packet-beta', 'kanban', 'architecture-beta', 'radar-beta',
];

/** Mermaid's token names as the author writes them. */
const SHOWN: Readonly<Record<string, string>> = {
  EOF: 'the end of the diagram', NEWLINE: 'the end of the line', NL: 'the end of the line', SEMI: '`;`', SPACE: 'a space',
  SQS: '`[`', SQE: '`]`', PS: '`(`', PE: '`)`', DIAMOND_START: '`{`', DIAMOND_STOP: '`}`', DOUBLECIRCLESTART: '`(((`',
  DOUBLECIRCLEEND: '`)))`', STADIUMSTART: '`([`', STADIUMEND: '`])`', SUBROUTINESTART: '`[[`', SUBROUTINEEND: '`]]`',
  CYLINDERSTART: '`[(`', CYLINDEREND: '`)]`', TRAPSTART: '`[/`', TRAPEND: '`/]`', INVTRAPSTART: '`[\\`', INVTRAPEND: '`\\]`',
  TAGSTART: '`<`', TAGEND: '`>`', PIPE: '`|`', LINK: 'a link such as `-->`', START_LINK: 'link text after `--`',
  EDGE_TEXT: 'link text', NODE_STRING: 'a node id', TEXT: 'label text', MINUS: '`-`', AMP: '`&`', COLON: '`:`',
  COMMA: '`,`', STR: 'a quoted text', STRING: 'a quoted text', ACTOR: 'a participant name', TXT: '`:` and the message text',
  ALPHA: 'a name', ID: 'a state name', STRUCT_START: '`{`', STRUCT_STOP: '`}`', NUMBER_PIE: 'a number', NUM: 'a number',
  INVALID: 'text Mermaid does not know', ENTITY_NAME: 'an entity name', taskData: '`:` and the task data',
};

/** A token as the author would recognise it, or undefined for grammar-internal names. */
export function shown(token: string, isText = false): string | undefined {
  if (isText) return token === '' ? undefined : `\`${token}\``;
  if (SHOWN[token]) return SHOWN[token];
  if (/ARROW|_CROSS|_POINT/.test(token)) return 'an arrow such as `->>`';
  if (/^[a-z][a-z_]*$/.test(token) && !token.includes('_')) return `\`${token}\``;
  if (token.length <= 3 && !/^[A-Z]+$/.test(token)) return `\`${token}\``;
  return undefined;
}

/** `a, b or c`, at most four, duplicates and jargon left out. */
export function listOf(tokens: readonly string[]): string {
  const names = [...new Set(tokens.map((t) => shown(t)).filter((t): t is string => t !== undefined))];
  const few = names.slice(0, 4);
  if (few.length <= 1) return few[0] ?? '';
  return `${few.slice(0, -1).join(', ')} or ${few[few.length - 1] ?? ''}${names.length > 4 ? ' (among others)' : ''}`;
}

/** A known word close to a misspelt one (never the word itself), allowing more edits for longer words. */
export function closest(word: string, known: readonly string[]): string | undefined {
  return closestWord(word, known, Math.max(2, Math.floor(word.length / 3)), { exact: false });
}

/** The offset of the first match of `pattern` in the source, at its group 1 when it has one. */
export function find(source: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(source);
  if (!match) return undefined;
  return match[1] === undefined ? match.index : match.index + match[0].indexOf(match[1]);
}

/**
 * The block opener (`subgraph`, `loop`, …) still open at `offset`, by counting openers and
 * `end` line by line: the fix (`end`) belongs to the last one left open.
 */
export function unclosedBlock(source: string, offset: number, openers: RegExp): { word: string; offset: number; line: string } | undefined {
  const open: { word: string; offset: number; line: string }[] = [];
  let at = 0;
  for (const line of source.slice(0, offset).split('\n')) {
    const word = /^\s*(\S+)/.exec(line)?.[1] ?? '';
    if (openers.test(word)) open.push({ word, offset: at + line.indexOf(word), line: line.trim() });
    else if (word === 'end') open.pop();
    at += line.length + 1;
  }
  return open[open.length - 1];
}

/** The last `{` still open at `offset` (class and state bodies). */
export function unclosedBrace(source: string, offset: number): number | undefined {
  const open: number[] = [];
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '{') open.push(i);
    else if (source[i] === '}') open.pop();
  }
  return open[open.length - 1];
}
