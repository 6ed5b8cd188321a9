import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse-deck.js';
import type { DeckReadingInput } from '../../src/deck/reading-options.js';
import type { Deck } from '../../src/model/deck.js';
import { at, codes, parseLines } from '../helpers/parse.js';

function parse(text: string, input?: DeckReadingInput) {
  return parseDeck(text, 'deck.md', 'deck', undefined, input);
}

/** Each slide as "h.v:first line" and its notes' text. */
function outline(deck: Deck): string[] {
  return deck.slides.map((s) => {
    const first = s.blocks[0]?.kind === 'markdown' ? s.blocks[0].source.split('\n')[0] : s.blocks[0]?.kind;
    const notes = s.notes.map((n) => n.source).join('|');
    return `${s.h}.${s.v}:${first}${notes ? ` [${notes}]` : ''}`;
  });
}

describe('separators as reveal-md reads them', () => {
  it('splits at front matter separators, keeping exact lines', () => {
    const { deck, diagnostics } = parseLines(
      '---',
      'separator: "^\\\\n\\\\n\\\\n"',
      'verticalSeparator: "^\\\\n\\\\n"',
      '---',
      '# One',
      '',
      '',
      '',
      '# Two',
      '',
      '',
      '## Two below',
      'Note: a note',
      '',
      '',
      '',
      '# Three',
    );
    expect(diagnostics).toEqual([]);
    expect(outline(deck)).toEqual(['0.0:# One', '1.0:# Two', '1.1:## Two below [a note]', '2.0:# Three']);
    expect(deck.slides.map((s) => s.position.line)).toEqual([5, 9, 12, 17]);
  });

  it('reads separators from reveal-md.json, and a flag wins over the front matter, which wins over the file', () => {
    const revealMd = { file: 'reveal-md.json', text: '{ "separator": "<!--s-->", "verticalSeparator": "<!--v-->" }' };
    const text = '# A\n<!--s-->\n# B\n<!--v-->\n# C\n<!--x-->\n# D';
    expect(outline(parse(text, { revealMd }).deck)).toEqual(['0.0:# A', '1.0:# B', '1.1:# C']);
    const front = `---\nseparator: "<!--x-->"\n---\n${text}`;
    expect(outline(parse(front, { revealMd }).deck)).toEqual(['0.0:# A\n<!--s-->\n# B', '0.1:# C', '1.0:# D'].map((s) => s.split('\n')[0] ?? ''));
    const flagged = parse(front, { revealMd, flags: { separator: '<!--s-->', verticalSeparator: null } }).deck;
    expect(flagged.slides.map((s) => s.position.line)).toEqual([4, 6]);
  });

  it('never cuts inside fenced code, indented code or an HTML comment', () => {
    const { deck } = parseLines(
      '# One',
      '```yaml',
      '---',
      'Note: in code',
      '```',
      '',
      '    ---',
      '    Note: indented code',
      '',
      '<!--',
      '---',
      '# A slide commented out',
      '-->',
      '---',
      '# Two',
    );
    expect(deck.slides).toHaveLength(2);
    expect(deck.slides[0]?.notes).toEqual([]);
    expect(deck.slides[1]?.position.line).toBe(15);
  });

  it('takes a list item continuation for list text, not indented code', () => {
    const { deck } = parseLines('- item', '', '    Note: still the item? no: notes, as CommonMark has no code here');
    expect(deck.slides[0]?.notes).toHaveLength(1);
  });

  it('keeps columns exact on a slide that starts mid-line, after an inline separator', () => {
    const { deck, diagnostics } = parse('# A <!--s--> <!-- .slide: time="soon" -->\n# B', { flags: { separator: '<!--s-->' } });
    expect(deck.slides).toHaveLength(2);
    expect(diagnostics).toMatchObject([{ code: 'bad-time', span: { line: 1, column: 27 } }]);
  });

  it('lets a comment be the separator itself', () => {
    const { deck } = parse('# A\n<!-- > -->\n# B', { flags: { separator: '<!-- > -->' } });
    expect(outline(deck)).toEqual(['0.0:# A', '1.0:# B']);
  });

  it("uses reveal-md's own default separator text with the same result as lectern's", () => {
    const text = '# A\n---\n# B\n----\n# C\nNote: c';
    const reveal = parse(text, { flags: { separator: '\\r?\\n---\\r?\\n', verticalSeparator: '\\r?\\n----\\r?\\n' } }).deck;
    expect(outline(reveal)).toEqual(outline(parse(text).deck));
    expect(reveal.slides.map((s) => s.position.line)).toEqual([1, 3, 5]);
  });

  it('ends notes at their slide whatever the separators', () => {
    const { deck } = parse('# A\nNote: a\n<!--s-->\n# B\nNotes: b', { flags: { separator: '<!--s-->' } });
    expect(outline(deck)).toEqual(['0.0:# A [a]', '1.0:# B [b]']);
  });

  it('takes a custom notes separator, also one that spans lines, and keeps the notes position', () => {
    const { deck } = parse('# A\ntext\n<!-- notes -->\nthe notes\n---\n# B\n???\nmore', { flags: { notesSeparator: '<!-- notes -->\\n|^\\?\\?\\?$' } });
    expect(outline(deck)).toEqual(['0.0:# A [the notes]', '1.0:# B [more]']);
    expect(deck.slides[0]?.notes[0]?.position.line).toBe(4);
  });

  it('leaves a Note: inside an activity to the activity', () => {
    const { deck } = parseLines(':::activity{title="Lab" time="5m"}', 'Note: part of the task', ':::');
    expect(deck.slides[0]?.notes).toEqual([]);
  });

  it('reports a separator that is not a regular expression at its place', () => {
    const { diagnostics } = parseLines('---', 'separator: "(unclosed"', '---', '# A');
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'front-matter-type', span: { line: 2, column: 12 } });
    const fromFile = parse('# A', { revealMd: { file: 'reveal-md.json', text: '{\n  "separator": "[a"\n}' } }).diagnostics;
    expect(fromFile[0]).toMatchObject({ severity: 'error', code: 'bad-separator', span: { file: 'reveal-md.json', line: 2, column: 16 } });
  });

  it('cuts at an empty match (a lookahead) only at a line start, and never inside code', () => {
    const { deck } = parse('# A\ntext\n# B\n```\n# not a heading\n```', { flags: { separator: '(?=^#)' } });
    expect(deck.slides.map((s) => s.position.line)).toEqual([1, 3]);
    expect(parse('# A b c', { flags: { separator: 'x*' } }).deck.slides).toHaveLength(1);
  });
});

describe('separators of other tools left unset', () => {
  it('warns once at the first line that looks like another dialect separator, naming the option', () => {
    const { deck, diagnostics } = parseLines('# A', '--', '# B', '--', '# C');
    expect(deck.slides).toHaveLength(1);
    expect(codes(diagnostics)).toEqual(['separator-lookalike']);
    expect(at(diagnostics, 'separator-lookalike')).toEqual([2, 1]);
    expect(diagnostics[0]?.hint).toContain('verticalSeparator: "^--$"');
    expect(diagnostics[0]?.hint).toContain("--vertical-separator '^--$'");
  });

  it('says nothing once the option is set, or for a lookalike inside code', () => {
    expect(parse('# A\n--\n# B', { flags: { verticalSeparator: '^--$' } }).diagnostics).toEqual([]);
    expect(parseLines('# A', '```', '<!--s-->', '```').diagnostics).toEqual([]);
  });

  it('notices blank-line separators only when the deck came out as one slide', () => {
    const blankSeparated = parseLines('# A', '', '', '', '# B', '', '', '', '# C');
    expect(codes(blankSeparated.diagnostics)).toEqual(['separator-lookalike']);
    expect(blankSeparated.diagnostics[0]?.hint).toContain('separator: "^\\\\n\\\\n\\\\n"');
    expect(parseLines('# A', '', '', '', 'x', '---', '# B', '', '', '', '', 'y').diagnostics).toEqual([]);
  });

  it('keeps a second Note: of a slide in its notes, with a warning', () => {
    const { deck, diagnostics } = parseLines('# A', 'Note: one', 'Note: two', '---', '# B', 'Note: b');
    expect(deck.slides[0]?.notes[0]?.source).toBe('one\nNote: two');
    expect(codes(diagnostics)).toEqual(['second-notes-separator']);
    expect(diagnostics[0]?.span.line).toBe(3);
  });

  it('warns about a heading in Note: notes, which no slide shows', () => {
    const { diagnostics } = parseLines('# A', 'Note: say this', '', '## Forgotten slide', 'text');
    expect(at(diagnostics, 'heading-in-notes')).toEqual([4, 1]);
  });
});

describe('front matter written for reveal-md', () => {
  it('reads revealOptions as reveal, and highlightTheme', () => {
    const { deck, diagnostics } = parseLines('---', 'revealOptions:', '  transition: fade', '  controls: false', 'highlightTheme: github', '---', '# A');
    expect(diagnostics).toEqual([]);
    expect(deck.meta.reveal).toEqual({ transition: 'fade', controls: false });
    expect(deck.meta.highlightTheme).toBe('github');
  });

  it('takes reveal-md.json and reveal.json options below the front matter', () => {
    const { deck, diagnostics } = parse('---\nreveal: { transition: zoom }\n---\n# A', {
      revealMd: { file: 'reveal-md.json', text: '{ "revealOptions": { "transition": "fade", "controls": false }, "theme": "solarized", "port": 1948 }' },
      revealJson: { file: 'reveal.json', text: '{ "controls": true, "progress": false }' },
    });
    expect(diagnostics).toEqual([]);
    expect(deck.meta.reveal).toEqual({ transition: 'zoom', controls: false, progress: false });
    expect(deck.meta.theme).toBe('solarized');
  });

  it('warns about other tools keys by name, never an error', () => {
    const { diagnostics } = parseLines('---', 'scripts: [a.js]', 'date: 2024-01-01', '---', '# A');
    expect(codes(diagnostics)).toEqual(['front-matter-foreign-key', 'front-matter-foreign-key']);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });
});

describe('YAML errors where the problem starts', () => {
  it('points at the opening quote of an unclosed string', () => {
    const { diagnostics } = parseLines('---', 'title: ok', 'course: "unterminated', 'module: 1', '---', '# a');
    expect(diagnostics).toHaveLength(1);
    expect(at(diagnostics, 'front-matter-yaml')).toEqual([3, 9]);
  });

  it('points at an unclosed bracket', () => {
    const { diagnostics } = parseLines('---', 'tags: [a, b', 'title: x', '---', '# a');
    expect(at(diagnostics, 'front-matter-yaml')).toEqual([2, 7]);
  });
});
