import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { diagramDiagnostic, type MermaidFailure } from '../../src/diagrams/diagram-errors.js';
import { errorOffset, parsedView, readMermaidMessage } from '../../src/diagrams/mermaid-message.js';
import type { Diagram } from '../../src/model/deck.js';

/**
 * Real Mermaid 11 failures: each diagram was drawn by `lectern check` in Chromium and the
 * failure Mermaid reported (message, and the line of its `hash.loc`) kept as it came back.
 */
interface Recorded {
  name: string;
  source: string;
  failure: MermaidFailure;
}

const RECORDED = JSON.parse(readFileSync(new URL('../fixtures/diagram-errors/mermaid-messages.json', import.meta.url), 'utf8')) as Recorded[];
const FENCE_LINE = 3;

function recorded(name: string): Recorded {
  const found = RECORDED.find((r) => r.name === name);
  if (!found) throw new Error(`no recorded Mermaid failure named ${name}`);
  return found;
}

/** The diagnostic for a recorded failure, the diagram fenced at line 3 of a deck (indented by `indent`). */
function diagnose(name: string, indent = '') {
  const { source, failure } = recorded(name);
  const deckLines = ['# Slide', '', `${indent}\`\`\`mermaid`, ...source.replace(/\n$/, '').split('\n').map((l) => (l === '' ? l : indent + l)), `${indent}\`\`\``];
  const diagram: Diagram = { id: 'd1', source, position: { line: FENCE_LINE, column: 1 + indent.length } };
  return { diagnostic: diagramDiagnostic(diagram, failure, 'deck.md', deckLines), deckLines };
}

// [recorded mistake, line inside the diagram, column, what the author reads]
const CASES: [string, number, number, string][] = [
  ['fc-square', 2, 4, "the node label opened with `[` is not closed: end its label with `]`"],
  ['fc-round', 2, 4, "the rounded node opened with `(` is not closed: end its label with `)`"],
  ['fc-notarget', 3, 8, "a link needs a target node after `-->`: write the node it points to, as in `A --> B`"],
  ['fc-subgraph', 2, 3, "`subgraph one` is never closed with `end`: add `end` on a line after the last line of the subgraph"],
  ['fc-diamond', 2, 4, "the diamond opened with `{` is not closed: end its label with `}`"],
  ['fc-circle', 2, 13, "the circle opened with `((` is not closed: end its label with `))`"],
  ['fc-pipe', 2, 8, "the link label opened with `|` is not closed: end it with `|`, as in `A -->|yes| B`"],
  ['fc-subroutine', 2, 9, "the subroutine opened with `[[` must end with `]]`"],
  ['fc-cylinder', 2, 8, "the cylinder opened with `[(` must end with `)]`"],
  ['fc-stadium', 2, 13, "the stadium opened with `([` must end with `])`"],
  ['fc-double', 2, 10, "the double circle opened with `(((` must end with `)))`"],
  ['fc-flag', 2, 4, "the flag shape opened with `>` is not closed: end its label with `]`"],
  ['fc-linktext', 2, 5, "the link text after `--` needs an arrow to end it: write `A -- text --> B`"],
  ['fc-strayend', 3, 3, "this `end` closes no `subgraph`: remove it, or add `subgraph <title>` above the lines it should group"],
  ['fc-direction', 1, 7, "`XY` is not a direction: write `graph LR` (left to right), `TD` (top down), `BT` or `RL`"],
  ['fc-typo', 1, 1, "`flowchar` is not a Mermaid diagram type: did you mean `flowchart`? (the first line names the type: flowchart, sequenceDiagram, classDiagram, stateDiagram-v2, erDiagram, gantt, pie, gitGraph, …)"],
  ['fc-arrow', 2, 5, "`->` is not a flowchart link: write `-->` for an arrow or `---` for a line"],
  ['fc-bracket-close', 2, 4, "`]` closes no node shape: remove it, or open the shape right after the node id, as in `A[label]`"],
  ['fc-quote', 2, 5, "the quoted text opened with `\"` is not closed: end it with `\"`"],
  ['fc-paren-in-label', 2, 11, "`(` cannot stand inside a label as it is: put the label in double quotes, as in `A[\"Start (now)\"]`"],
  ['fc-tab-indent', 3, 12, "the diamond opened with `{` is not closed: end its label with `}`"],
  ['seq-colon', 2, 8, "a message needs `:` before its text: write `A->>B: hello`"],
  ['seq-target', 3, 8, "the arrow `-->>` needs the participant it goes to before `:`, as in `B-->>A: oops`"],
  ['seq-loop', 2, 3, "the block `loop every min` is never closed: add `end` on a line after its last message"],
  ['seq-arrow', 3, 4, "`=>` is not a sequence arrow: use `->>` (solid), `-->>` (dotted), `->` or `-->` (no arrowhead), `-x` (cross) or `-)` (async)"],
  ['seq-end', 3, 3, "this `end` closes no block: remove it, or open one above it (`loop`, `alt`, `opt`, `par`, `critical`, `break`, `rect` or `box`)"],
  ['seq-note', 2, 8, "a note needs its place: `Note right of A: text`, `Note left of A: text` or `Note over A,B: text`"],
  ['class-brace', 2, 16, "`class Animal {` is never closed: add `}` on a line after its last member"],
  ['class-rel', 2, 14, "a relation needs a class on each side: write the class after `<|--`, as in `Animal <|-- Duck`"],
  ['state-target', 3, 9, "a transition needs a target state after `-->`: write `A --> B`, or `A --> [*]` to end"],
  ['state-brace', 2, 11, "`state A {` is never closed: add `}` on a line after its last state"],
  ['state-arrow', 2, 5, "`->` is not a transition: write `-->`, as in `A --> B`"],
  ['git-checkout', 3, 3, "branch `feature` does not exist yet: add `branch feature` before you check it out"],
  ['git-kw', 3, 3, "`comit` is not a gitGraph command: did you mean `commit`? (the commands are `commit`, `branch`, `checkout`, `switch`, `merge`, `cherry-pick`)"],
  ['git-id', 2, 14, "`id:` needs a value in double quotes, as in `id: \"value\"`"],
  ['gantt-colon', 5, 3, "a task needs `:` between its name and its data: write `Task name :t1, 2024-01-01, 3d`"],
  ['gantt-date', 4, 17, "`2024-13-45` is not a date in the format `YYYY-MM-DD`: fix the date, or the `dateFormat` line"],
  ['pie-number', 2, 12, "a slice needs a number after `:`, as in `\"Dogs\" : 42`"],
  ['pie-colon', 2, 10, "write `:` between a slice's label and its value: `\"Dogs\" : 40`"],
  ['pie-quote', 2, 3, "a slice's label needs double quotes: write `\"Dogs\" : 40`"],
  ['er-rel', 2, 19, "a relationship needs the second entity before `:`, as in `CUSTOMER ||--o{ ORDER : places`"],
  ['fc-end-node', 2, 9, "`end` is a Mermaid keyword and cannot name a node: write `End` or `END`, or give the node another id with `end` as its label, e.g. `done[end]`"],
  ['fc-double-arrow', 2, 9, "two links in a row: put a node between them, as in `A --> B --> C`"],
  ['fc-unclosed-quote', 2, 5, "the quoted text opened with `\"` is not closed: end it with `\"`"],
  ['fc-brace-next', 2, 4, "the node label opened with `[` is not closed: end its label with `]`"],
  ['fc-hexagon', 2, 10, "the hexagon opened with `{{` is not closed: end its label with `}}`"],
  ['fc-semi', 3, 8, "a link needs a target node after `-->`: write the node it points to, as in `A --> B`"],
  ['seq-alt', 2, 3, "the block `alt ok` is never closed: add `end` on a line after its last message"],
  ['seq-participant', 2, 3, "`participant` needs a name: `participant Alice`, or `participant A as Alice`"],
  ['seq-kw', 2, 3, "`autonumbr` is not a sequence keyword: did you mean `autonumber`?"],
  ['class-arrow', 3, 10, "`->` is not a class relation: write `-->` (association), `<|--` (inheritance), `*--` (composition), `o--` (aggregation), `..>` (dependency) or `..|>` (realization)"],
  ['state-star', 2, 10, "a transition needs a target state after `-->`: write `A --> B`, or `A --> [*]` to end"],
  ['er-entity', 2, 24, "a relationship needs a label after `:`: write `CUSTOMER ||--o{ ORDER : label`"],
  ['git-merge2', 3, 3, "branch `dev` does not exist: create it with `branch dev` before merging it"],
  ['pie-neg', 2, 9, "a slice cannot be negative: give \"A\" a value of 0 or more"],
  ['indented', 3, 12, "a link needs a target node after `-->`: write the node it points to, as in `A --> B`"],
  ['fc-comment', 6, 8, 'a link needs a target node after `-->`: write the node it points to, as in `A --> B`'],
  ['fc-init', 3, 4, 'the node label opened with `[` is not closed: end its label with `]`'],
  ['git-same-head', 5, 3, 'both branches point at the same commit: add a `commit` on one of them before merging'],
  ['git-merge', 4, 3, 'the current branch has no commit of its own, so `merge main` would merge `main` into itself: add a `commit` before merging'],
];

describe('Mermaid errors become what the author can do, at the offending token', () => {
  it.each(CASES)('%s: line %i, column %i', (name, line, column, message) => {
    const { diagnostic } = diagnose(name);
    expect(diagnostic.message).toBe(`Mermaid cannot read this diagram: ${message}`);
    expect(diagnostic.span).toEqual({ file: 'deck.md', line: FENCE_LINE + line, column });
    expect(diagnostic).toMatchObject({ severity: 'error', code: 'diagram-syntax' });
  });

  it('covers every recorded failure, and none of the messages speaks in grammar tokens', () => {
    expect(new Set(CASES.map(([name]) => name))).toEqual(new Set(RECORDED.map((r) => r.name)));
    for (const { name } of RECORDED) {
      const { message } = diagnose(name).diagnostic;
      expect(message, name).not.toMatch(/'[A-Z_]{2,}'|\b(?:SQE|PE|DOUBLECIRCLEEND|NODE_STRING|NEWLINE|EOF|TXT|ACTOR|STRUCT_STOP)\b|Expecting|got '/);
    }
  });

  it("keeps Mermaid's own words as the detail, without the pointer drawing", () => {
    const { diagnostic } = diagnose('fc-square');
    expect(diagnostic.detail).toBe(
      "Mermaid: Parse error on line 3: Expecting 'SQE', 'DOUBLECIRCLEEND', 'PE', '-)', 'STADIUMEND', 'SUBROUTINEEND', 'PIPE', 'CYLINDEREND', 'DIAMOND_STOP', 'TAGEND', 'TRAPEND', 'INVTRAPEND', 'UNICODE_TEXT', 'TEXT', 'TAGSTART', got '1'",
    );
    expect(diagnose('git-kw').diagnostic.detail).toBe("Mermaid: Parsing failed:  Parse error on line 3, column 3: Expecting token of type 'EOF' but found `comit`.");
  });

  it('points to the diagram type’s syntax page in the hint', () => {
    expect(diagnose('seq-colon').diagnostic.hint).toBe("see Mermaid's sequenceDiagram syntax: https://mermaid.js.org/syntax/sequenceDiagram.html; the rest of the deck was built");
    expect(diagnose('fc-direction').diagnostic.hint).toContain('https://mermaid.js.org/syntax/flowchart.html');
  });

  it('prints the detail after the hint, with the caret under the token', () => {
    const { diagnostic, deckLines } = diagnose('fc-arrow');
    const text = formatDiagnostic(diagnostic, { source: deckLines.join('\n') });
    expect(text.split('\n')).toEqual([
      'deck.md:5:5: error: Mermaid cannot read this diagram: `->` is not a flowchart link: write `-->` for an arrow or `---` for a line',
      '  5 |   A -> B',
      '    |     ^',
      `  hint: ${diagnostic.hint ?? ''}`,
      "  detail: Mermaid: Parse error on line 2: Expecting 'SEMI', 'NEWLINE', 'EOF', 'AMP', 'START_LINK', 'LINK', 'LINK_ID', got 'MINUS'",
    ]);
  });

  it('moves the caret with a diagram the deck indents further (a fence in a list item)', () => {
    const { diagnostic, deckLines } = diagnose('fc-arrow', '    ');
    expect(diagnostic.span).toMatchObject({ line: 5, column: 9 });
    expect(deckLines[4]?.slice(8, 10)).toBe('->');
  });

  it("finds the token when Mermaid's lines skip comments and an init directive", () => {
    expect(diagnose('fc-comment').diagnostic.span).toMatchObject({ line: FENCE_LINE + 6, column: 8 });
    expect(diagnose('fc-init').diagnostic.span).toMatchObject({ line: FENCE_LINE + 3, column: 4 });
    const view = parsedView('%% a comment\n\n  %% another\nflowchart LR\n  A --> B\n');
    expect(view.text).toBe('flowchart LR\n  A --> B\n');
    expect(errorOffset('%% a comment\nflowchart LR\n  A --> B\n', readMermaidMessage('Parse error on line 2, column 5: x'), 2, 5)).toBe(30);
  });

  it('falls back to the fence line and Mermaid\'s first sentence for a message it does not know', () => {
    const diagram: Diagram = { id: 'd', source: 'journey\n  title x\n', position: { line: 7, column: 1 } };
    const diagnostic = diagramDiagnostic(diagram, { message: 'Something unexpected happened.' }, 'deck.md', []);
    expect(diagnostic.span).toEqual({ file: 'deck.md', line: 7, column: 1 });
    expect(diagnostic.message).toBe('Mermaid cannot read this diagram: Something unexpected happened.');
    expect(diagnostic.detail).toBe('Mermaid: Something unexpected happened.');
  });

  it('reads jison and langium messages', () => {
    const jison = readMermaidMessage(recorded('seq-target').failure.message);
    expect(jison).toMatchObject({ expected: ['+', '-', '()', 'ACTOR'], found: 'TXT', foundIsText: false, lexical: false, pointer: { text: '...A->>B: hello  B-->>: oops', caret: 22 } });
    const langium = readMermaidMessage(recorded('pie-colon').failure.message);
    expect(langium).toMatchObject({ expected: [':'], found: '40', foundIsText: true });
    const lexer = readMermaidMessage(recorded('pie-number').failure.message);
    expect(lexer).toMatchObject({ expected: ['NUMBER_PIE'], found: 'a', lexical: true });
  });
});
