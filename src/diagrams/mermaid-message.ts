/**
 * Reading Mermaid's error messages. The page only hands back the message text (and the line
 * of `hash.loc`), so everything else (what Mermaid expected, what it found, where) is read
 * from the text. Mermaid has two kinds of parsers: jison (flowchart, sequence, class, state,
 * ER, gantt, …), whose messages draw a `---^` pointer under the text around the error, and
 * langium (pie, gitGraph, …), whose messages say `line L, column C`.
 */

export interface MermaidMessage {
  /** Token names Mermaid expected there, in its order, without quotes. */
  expected: string[];
  /** What it found: a token name, `EOF` for the end of the diagram, or (langium) the text. */
  found?: string;
  /** True when `found` is the text itself (langium, or a lexer's unexpected character). */
  foundIsText: boolean;
  /** `Lexical error … Unrecognized text`: no token at all could be read there. */
  lexical: boolean;
  /** The jison pointer: the text around the error (newlines removed) and the caret's place in it. */
  pointer?: { text: string; caret: number };
  /** Mermaid's own words on one line, without the pointer drawing. */
  words: string;
}

const POINTER_LINE = /^-*\^$/;

export function readMermaidMessage(message: string): MermaidMessage {
  // Langium quotes a newline it found as a real one between backticks: keep it on its line.
  const lines = message.replace(/`\r?\n`/g, '`\\n`').split(/\r?\n/);
  const caretAt = lines.findIndex((l) => POINTER_LINE.test(l));
  const pointer = caretAt > 0 ? { text: lines[caretAt - 1] ?? '', caret: (lines[caretAt] ?? '').length - 1 } : undefined;
  const words = lines.filter((_, i) => caretAt < 0 || (i !== caretAt && i !== caretAt - 1)).map((l) => l.trim()).filter(Boolean).join(' ');
  const read: MermaidMessage = { expected: [], foundIsText: false, lexical: /Lexical error|Lexer error|unexpected character/i.test(message), words };
  if (pointer) read.pointer = pointer;
  if (!readJison(words, read)) readLangium(words, read);
  return read;
}

/** `Expecting 'SQE', 'PE', …, got '1'` (`'1'` is jison's end of input). */
function readJison(words: string, read: MermaidMessage): boolean {
  const match = /Expecting ((?:'[^']*'(?:, )?)+), got '([^']*)'/.exec(words);
  if (!match) return false;
  read.expected = [...(match[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
  read.found = match[2] === '1' ? 'EOF' : match[2];
  return true;
}

/** `Expecting token of type 'X' but found `y`.`, and a lexer's `unexpected character: ->y<-`. */
function readLangium(words: string, read: MermaidMessage): void {
  const single = /Expecting token of type '([^']*)' but found `([^`]*)`/.exec(words);
  const several = /Expecting:? one of these possible Token sequences:(.*?)but found:? `([^`]*)`/.exec(words);
  const match = single ?? several;
  if (match) {
    read.expected = single ? [match[1] ?? ''] : [...(match[1] ?? '').matchAll(/\[([^\]]+)\]/g)].map((m) => m[1] ?? '');
    read.found = match[2] === '\\n' ? 'NEWLINE' : match[2];
    read.foundIsText = match[2] !== '\\n';
  }
  const character = /unexpected character: ->(.+?)<-/.exec(words);
  if (character) {
    read.found = character[1];
    read.foundIsText = true;
  }
}

/**
 * The text Mermaid parsed, with each character's offset in the diagram's source: Mermaid drops
 * front matter, `%%{…}%%` directives, `%%` comment lines and leading blank space before parsing,
 * so its line numbers and pointer text refer to what is left.
 */
export interface ParsedView {
  text: string;
  offsets: number[];
  /** Offset in the source just past its last character. */
  end: number;
}

export function parsedView(source: string): ParsedView {
  const dropped = new Array<boolean>(source.length).fill(false);
  const drop = (pattern: RegExp) => {
    for (const m of source.matchAll(pattern)) dropped.fill(true, m.index, m.index + m[0].length);
  };
  drop(/^-{3}\s*\n[\s\S]*?\n-{3}[^\S\n]*(?:\n|$)/g);
  drop(/%%\{[\s\S]*?\}%%/g);
  // Mermaid's own pattern: `\s*` also takes the blank lines above a comment.
  drop(/^\s*%%(?!\{)[^\n]+\n?/gm);
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const char = source[i] ?? '';
    if (dropped[i] || (text === '' && /\s/.test(char))) continue;
    text += char;
    offsets.push(i);
  }
  return { text, offsets, end: source.replace(/\s+$/, '').length };
}

/** Where Mermaid stopped, as an offset in the diagram's source; undefined when it did not say. */
export function errorOffset(source: string, read: MermaidMessage, line?: number, column?: number): number | undefined {
  const view = parsedView(source);
  const lineStart = line === undefined ? undefined : lineOffset(view, line);
  if (read.pointer) {
    const found = pointerOffset(view, read.pointer, read.found, lineStart);
    if (found !== undefined) return found;
  }
  if (lineStart === undefined) return undefined;
  if (column !== undefined) return sourceOffset(view, viewIndex(view, lineStart) + column - 1);
  return lineStart;
}

/** The source offset where Mermaid's line `line` (1-based, of the parsed text) starts. */
function lineOffset(view: ParsedView, line: number): number | undefined {
  let index = 0;
  for (let n = 1; n < line; n++) {
    const next = view.text.indexOf('\n', index);
    if (next < 0) return undefined;
    index = next + 1;
  }
  return sourceOffset(view, index);
}

function viewIndex(view: ParsedView, offset: number): number {
  const index = view.offsets.findIndex((o) => o >= offset);
  return index < 0 ? view.offsets.length : index;
}

function sourceOffset(view: ParsedView, index: number): number {
  return view.offsets[index] ?? view.end;
}

/**
 * Jison's pointer shows up to 20 characters before and after the error with newlines removed
 * (`...` where it cut), the caret under the first character of the token it could not use.
 * Find that text in the parsed diagram the same way flattened; when it occurs more than once,
 * the occurrence nearest Mermaid's line wins.
 */
function pointerOffset(view: ParsedView, pointer: { text: string; caret: number }, found: string | undefined, near: number | undefined): number | undefined {
  let { text, caret } = pointer;
  if (text.startsWith('...')) {
    text = text.slice(3);
    caret -= 3;
  }
  if (text.endsWith('...') && caret <= text.length - 3) text = text.slice(0, -3);
  const flat: number[] = [];
  let flatText = '';
  view.text.split('').forEach((char, i) => {
    if (char === '\n') return;
    flatText += char;
    flat.push(i);
  });
  let best: number | undefined;
  for (let at = flatText.indexOf(text); at >= 0; at = flatText.indexOf(text, at + 1)) {
    const offset = flatOffset(view, flat, at + caret, found);
    if (best === undefined || (near !== undefined && Math.abs(offset - near) < Math.abs(best - near))) best = offset;
  }
  return best;
}

/**
 * A flattened index back to the source. A newline token (or the end) starts right after the
 * character before it, which the flattening joined to the next line.
 */
function flatOffset(view: ParsedView, flat: readonly number[], index: number, found: string | undefined): number {
  const endOfLine = found === undefined || ['NEWLINE', 'NL', 'EOF', 'SEMI'].includes(found);
  if (index >= flat.length || (endOfLine && index > 0)) {
    const before = flat[index - 1];
    if (index >= flat.length || (before !== undefined && view.text.slice(before + 1, flat[index]).includes('\n'))) {
      return before === undefined ? view.end : sourceOffset(view, before) + 1;
    }
  }
  return sourceOffset(view, flat[index] ?? view.text.length);
}
