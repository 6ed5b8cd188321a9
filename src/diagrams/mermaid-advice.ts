/**
 * Mermaid's parser speaks in grammar tokens (`expected one of 'SQE', 'DOUBLECIRCLEEND', …`).
 * These rules turn the common mistakes into what the author can do, worded for the diagram
 * type, and say where the fix goes when that is not where Mermaid stopped (an unclosed `[` is
 * fixed next to the `[`, not at the end of the diagram where Mermaid noticed).
 */
import { type MermaidMessage, parsedView } from './mermaid-message.js';
import { flowchartRules } from './mermaid-rules-flowchart.js';
import { otherRules } from './mermaid-rules-other.js';
import { type Advice, closest, DIAGRAM_TYPES, listOf, type Mistake, type Rule, shown } from './mermaid-mistake.js';

export type { Advice } from './mermaid-mistake.js';

/** What to tell the author about Mermaid's complaint. */
export function adviseMermaid(source: string, read: MermaidMessage, offset: number | undefined): Advice {
  const type = /^\s*([\w-]+)/.exec(parsedView(source).text)?.[1] ?? '';
  const lineStart = offset === undefined ? 0 : source.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = offset === undefined ? 0 : source.indexOf('\n', offset);
  const mistake: Mistake = {
    source,
    type,
    read,
    ...(offset === undefined ? {} : { offset }),
    before: offset === undefined ? '' : source.slice(lineStart, offset),
    after: offset === undefined ? '' : source.slice(offset, lineEnd < 0 ? undefined : lineEnd),
  };
  for (const rule of [...commonRules, ...flowchartRules, ...otherRules]) {
    const advice = rule(mistake);
    if (advice) return advice;
  }
  return fallback(mistake);
}

const commonRules: Rule[] = [
  function unknownDiagramType({ read, source }) {
    if (!/No diagram type detected/.test(read.words)) return undefined;
    const view = parsedView(source);
    const word = /^\S*/.exec(view.text)?.[0] ?? '';
    const guess = closest(word, DIAGRAM_TYPES);
    const start = view.offsets[0];
    return {
      message: `\`${word}\` is not a Mermaid diagram type: ${guess ? `did you mean \`${guess}\`? ` : ''}(the first line names the type: flowchart, sequenceDiagram, classDiagram, stateDiagram-v2, erDiagram, gantt, pie, gitGraph, …)`,
      ...(start === undefined ? {} : { offset: start }),
    };
  },
];

function fallback({ read, after }: Mistake): Advice {
  const found = read.found === undefined ? undefined : shown(read.found, read.foundIsText);
  const expected = listOf(read.expected);
  if (found && expected) return { message: `Mermaid did not expect ${found} here: write ${expected} instead, or check the line before` };
  if (found) return { message: `Mermaid did not expect ${found} here` };
  if (read.lexical) {
    const word = /^\s*(\S{1,20})/.exec(after)?.[1];
    return { message: word ? `Mermaid cannot read \`${word}\` here` : 'Mermaid cannot read the text here' };
  }
  const first = read.words.replace(/^Parsing failed:\s*/, '').replace(/^(Lexical|Parse) error on line \d+[.:]?\s*/i, '');
  return { message: first === '' ? 'Mermaid cannot read this diagram' : first };
}
