import { escapeHtml } from './escape.js';
import { highlightCode } from './highlight.js';

/**
 * Fenced code as reveal.js shows it. reveal's markdown plugin reads `[offset: steps]` from the
 * info string (```` ```js [1|3-5] ````, ```` ```python [2: 1,3|4] ````, `[]` for line numbers
 * alone); its highlight plugin then lays the code out as a numbered table and clones it once per
 * step, every clone after the first a fragment. Lectern builds that same DOM up front, so
 * reveal.css's rules for it apply and no highlight plugin runs in the page or in print.
 */

/** Lines one step highlights: `start` alone, or `start` to `end`; neither highlights nothing. */
export interface LineRange {
  start?: number;
  end?: number;
}

export interface FenceInfo {
  /** The first word of the info string once the line numbers are taken out; undefined for none. */
  language?: string;
  /** Present when the info string has `[...]`: the code gets line numbers and these steps. */
  lineNumbers?: { steps: LineRange[][]; startFrom?: number };
}

/** Reads a fence's info string (marked's `lang`) as reveal.js's markdown plugin does. */
export function parseFenceInfo(info: string | undefined): FenceInfo {
  const text = info ?? '';
  const found = findLineNumbers(text);
  const rest = found ? text.slice(0, found.index) + text.slice(found.index + found.length) : text;
  const language = rest.trim().split(/\s+/)[0] || undefined;
  if (!found) return { language };
  const startFrom = found.offset ? Number(found.offset) : undefined;
  return { language, lineNumbers: { steps: parseSteps(found.steps), ...(startFrom === undefined ? {} : { startFrom }) } };
}

/**
 * The first `[…]` that reveal.js's CODE_LINE_NUMBER_REGEX, `\[\s*((\d*):)?\s*([\s\d,|-]*)\]`,
 * would match. Its three runs of optional spaces backtrack polynomially on a long info string
 * of spaces; this reads the same language in one pass.
 */
function findLineNumbers(text: string): { index: number; length: number; offset: string; steps: string } | undefined {
  for (const match of text.matchAll(/\[([^[\]]*)\]/g)) {
    const inner = match[1] ?? '';
    const colon = inner.indexOf(':');
    const offset = colon < 0 ? undefined : /^\s*(\d*)$/.exec(inner.slice(0, colon))?.[1];
    if (colon >= 0 && offset === undefined) continue;
    const steps = colon < 0 ? inner : inner.slice(colon + 1);
    if (/^[\s\d,|-]*$/.test(steps)) return { index: match.index, length: match[0].length, offset: offset ?? '', steps };
  }
  return undefined;
}

/**
 * Each step repeats the whole block in the page, so a fence's steps are capped: far more than a
 * talk can use, few enough that a stray `[1|1|1|…]` cannot multiply a deck's size by thousands.
 */
export const MAX_CODE_STEPS = 50;

/** reveal's deserializeHighlightSteps: `|` between steps, `,` between ranges, `-` within one. */
function parseSteps(text: string): LineRange[][] {
  return text.replace(/\s/g, '').split('|', MAX_CODE_STEPS).map((step) =>
    step.split(',').map((part) => {
      if (!/^[\d-]+$/.test(part)) return {};
      const [start, end] = part.split('-').map((n) => parseInt(n, 10));
      return {
        ...(Number.isNaN(start) ? {} : { start }),
        ...(end === undefined || Number.isNaN(end) ? {} : { end }),
      };
    }));
}

/** reveal's serializeHighlightSteps for one step: what `data-line-numbers` says. */
function serializeStep(step: readonly LineRange[]): string {
  return step.map((range) => (range.end !== undefined ? `${range.start ?? ''}-${range.end}` : (range.start ?? ''))).join(',');
}

/**
 * An `.element` comment after a fence lands on its `<pre>`, but reveal's highlight plugin reads
 * `data-fragment-index` from the `<code>`: the second step gets it, each next step one more. So
 * the steps take it from the `.element` attributes, unless the block has no steps or is itself
 * a fragment, whose index it then is. Returns the index and the attributes left for the `<pre>`.
 */
export function takeStepIndex(
  info: FenceInfo,
  attributes: Readonly<Record<string, string>> | undefined,
): { fragmentIndex?: number; attributes?: Record<string, string> } {
  const { 'data-fragment-index': index, ...rest } = attributes ?? {};
  const hasSteps = (info.lineNumbers?.steps.length ?? 0) > 1;
  if (index === undefined || !/^\d+$/.test(index) || !hasSteps || /(^|\s)fragment(\s|$)/.test(rest.class ?? '')) {
    return attributes ? { attributes: { ...attributes } } : {};
  }
  return { fragmentIndex: Number(index), attributes: rest };
}

export interface CodeBlockOptions {
  /** `fragments`: every step (slides); `final`: the code once, without steps or numbers (paper). */
  steps: 'fragments' | 'final';
  /** `data-fragment-index` of the block: the second step gets it, each next step one more. */
  fragmentIndex?: number;
  /** False: the code is shown plain, not highlighted. */
  colour?: boolean;
}

/** The `<pre>` of one fenced code block. */
export function renderCodeBlock(code: string, info: FenceInfo, options: CodeBlockOptions): string {
  const { html, language } = options.colour === false ? { html: escapeHtml(code), language: undefined } : highlightCode(code, info.language);
  const className = `hljs${language ? ` language-${language}` : info.language ? ` language-${escapeHtml(info.language)}` : ''}`;
  const lineNumbers = info.lineNumbers;
  if (!lineNumbers || options.steps === 'final' || code.trim() === '') {
    return `<pre class="code-wrapper"><code class="${className}">${html}</code></pre>\n`;
  }
  const lines = splitHighlightedLines(html);
  const startFrom = lineNumbers.startFrom === undefined ? '' : ` data-ln-start-from="${lineNumbers.startFrom}"`;
  const blocks = lineNumbers.steps.map((step, index) => {
    const highlighted = highlightedRows(step, lines.length);
    const classes = `${className}${highlighted.size > 0 ? ' has-highlights' : ''}${index > 0 ? ' fragment' : ''}`;
    const fragmentIndex = index > 0 && options.fragmentIndex !== undefined ? ` data-fragment-index="${options.fragmentIndex + index - 1}"` : '';
    return `<code class="${classes}" data-line-numbers="${serializeStep(step)}"${startFrom}${fragmentIndex}>${renderTable(lines, highlighted, lineNumbers.startFrom ?? 1)}</code>`;
  });
  return `<pre class="code-wrapper">${blocks.join('')}</pre>\n`;
}

/** Row numbers (1-based, whatever the offset: reveal counts table rows) that one step highlights. */
function highlightedRows(step: readonly LineRange[], rows: number): Set<number> {
  const highlighted = new Set<number>();
  for (const { start, end } of step) {
    if (start === undefined) continue;
    const last = Math.min(end ?? start, rows);
    for (let row = Math.max(start, 1); row <= last; row++) highlighted.add(row);
  }
  return highlighted;
}

/** The highlight plugin's line-number table: the number drawn from an attribute (not copied with the code). */
function renderTable(lines: readonly string[], highlighted: ReadonlySet<number>, startFrom: number): string {
  const rows = lines.map((line, index) => {
    const number = index + startFrom;
    const row = highlighted.has(index + 1) ? '<tr class="highlight-line">' : '<tr>';
    return `${row}<td class="hljs-ln-line hljs-ln-numbers" data-line-number="${number}"><div class="hljs-ln-n" data-line-number="${number}"></div></td>`
      + `<td class="hljs-ln-line hljs-ln-code" data-line-number="${number}">${line}${hasText(line) ? '' : ' '}</td></tr>`;
  });
  return `<table class="hljs-ln"><tbody>${rows.join('')}</tbody></table>`;
}

/** An empty row would collapse: the plugin gives it a space. */
function hasText(line: string): boolean {
  return line.replace(/<[^>]*>/g, '') !== '';
}

/**
 * highlight.js's HTML cut into lines, each well-formed: a token spanning lines (a docstring, a
 * block comment) is closed at the end of one line and opened again at the start of the next.
 * A last line of only whitespace is dropped, as the highlight plugin does.
 */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = '';
  let last = 0;
  for (const match of html.matchAll(/<span\b[^>]*>|<\/span>|\n/g)) {
    line += html.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0] === '\n') {
      lines.push(line + '</span>'.repeat(open.length));
      line = open.join('');
    } else {
      if (match[0] === '</span>') open.pop();
      else open.push(match[0]);
      line += match[0];
    }
  }
  lines.push(line + html.slice(last));
  if (lines.length > 1 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines;
}
