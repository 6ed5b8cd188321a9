import { execFileSync } from 'node:child_process';
import hljs from 'highlight.js/lib/core';
import { describe, expect, it } from 'vitest';
import { planSchedule } from '../../src/model/schedule.js';
import { MAX_CODE_STEPS, parseFenceInfo, splitHighlightedLines } from '../../src/render/code-block.js';
import { highlightCode, resolveLanguage } from '../../src/render/highlight.js';
import { LANGUAGE_MODULES } from '../../src/render/highlight-languages.js';
import { renderDeckPage } from '../../src/render/render-page.js';
import { renderHandoutPage } from '../../src/render/render-handout.js';
import { ROOT } from '../helpers/cli.js';
import { parseLines } from '../helpers/parse.js';

function slides(...lines: string[]): string {
  const { deck } = parseLines(...lines);
  const html = renderDeckPage(deck, planSchedule(deck).schedule, { highlightStylesheet: false });
  return html.slice(html.indexOf('<div class="slides"'), html.indexOf('<script'));
}

interface Step {
  classes: string[];
  attributes: Record<string, string>;
  /** data-line-number of every row, in order. */
  numbers: number[];
  /** data-line-number of the rows with class highlight-line. */
  highlighted: number[];
  /** Each row's code cell, as HTML. */
  cells: string[];
}

/** The <code> elements of each <pre> of the page, read back from the HTML. */
function codeBlocks(html: string): Step[][] {
  return [...html.matchAll(/<pre\b[^>]*>([\s\S]*?)<\/pre>/g)].map(([, inner]) =>
    [...(inner ?? '').matchAll(/<code\b([^>]*)>([\s\S]*?)<\/code>/g)].map(([, attrs, body]) => {
      const attributes = Object.fromEntries([...(attrs ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name ?? '', value ?? '']));
      const rows = [...(body ?? '').matchAll(/<tr( class="highlight-line")?><td class="hljs-ln-line hljs-ln-numbers" data-line-number="(\d+)">.*?<\/td><td class="hljs-ln-line hljs-ln-code" data-line-number="\d+">(.*?)<\/td><\/tr>/g)];
      return {
        classes: (attributes.class ?? '').split(' '),
        attributes,
        numbers: rows.map((row) => Number(row[2])),
        highlighted: rows.filter((row) => row[1]).map((row) => Number(row[2])),
        cells: rows.map((row) => row[3] ?? ''),
      };
    }));
}

const FIVE_LINES = ['const a = 1;', '// two', 'function add(x, y) {', '  return x + y;', '}'];

describe('languages load when a deck first uses them', () => {
  // First in the file: highlight.js's registry is shared by every test of it.
  it('registers nothing for a deck without code, then only what a fence names or embeds', () => {
    expect(hljs.listLanguages()).toEqual([]);
    slides('# No code');
    expect(hljs.listLanguages()).toEqual([]);
    slides('```python', 'print(1)', '```');
    expect(hljs.listLanguages()).toEqual(['python']);
    slides('```html', '<style>p { color: red }</style>', '```');
    expect(hljs.listLanguages().sort()).toEqual(['css', 'graphql', 'javascript', 'python', 'xml']);
  });

  it('loads the auto-detection candidates only for an unlabelled fence', () => {
    expect(hljs.getLanguage('rust')).toBeUndefined();
    slides('```', 'fn main() {}', '```');
    expect(hljs.getLanguage('rust')).toBeDefined();
    expect(hljs.getLanguage('go')).toBeDefined();
  });
});

describe('parseFenceInfo', () => {
  it('reads steps after the language, with or without a space', () => {
    expect(parseFenceInfo('js [1|3-5]')).toEqual({ language: 'js', lineNumbers: { steps: [[{ start: 1 }], [{ start: 3, end: 5 }]] } });
    expect(parseFenceInfo('javascript[0|1]')).toEqual({ language: 'javascript', lineNumbers: { steps: [[{ start: 0 }], [{ start: 1 }]] } });
    expect(parseFenceInfo('js [ 1, 2 | 4 ]')).toEqual({ language: 'js', lineNumbers: { steps: [[{ start: 1 }, { start: 2 }], [{ start: 4 }]] } });
  });

  it('reads a line number offset and the bare `[]`', () => {
    expect(parseFenceInfo('python [2: 1,3|4]')).toEqual({
      language: 'python',
      lineNumbers: { startFrom: 2, steps: [[{ start: 1 }, { start: 3 }], [{ start: 4 }]] },
    });
    expect(parseFenceInfo('python []')).toEqual({ language: 'python', lineNumbers: { steps: [[{}]] } });
    expect(parseFenceInfo('[1]')).toEqual({ language: undefined, lineNumbers: { steps: [[{ start: 1 }]] } });
  });

  it('reads what reveal.js reads, and nothing else', () => {
    expect(parseFenceInfo('js [a] [1:2:3] [ 4 ]')).toEqual({ language: 'js', lineNumbers: { steps: [[{ start: 4 }]] } });
    expect(parseFenceInfo('js [x [2|3]')).toEqual({ language: 'js', lineNumbers: { steps: [[{ start: 2 }], [{ start: 3 }]] } });
    expect(parseFenceInfo('js [1 :2]')).toEqual({ language: 'js' });
  });

  it('reads a long hostile info string in linear time', () => {
    const spaces = ' '.repeat(100_000);
    const started = performance.now();
    expect(parseFenceInfo(`js [${spaces}x]`).lineNumbers).toBeUndefined();
    expect(parseFenceInfo(`js [${spaces}:${spaces}`).lineNumbers).toBeUndefined();
    expect(parseFenceInfo(`js [${spaces}2:${spaces}1]`).lineNumbers).toEqual({ startFrom: 2, steps: [[{ start: 1 }]] });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it(`keeps at most ${MAX_CODE_STEPS} steps`, () => {
    const steps = parseFenceInfo(`js [${'1|'.repeat(10_000)}2]`).lineNumbers?.steps;
    expect(steps).toHaveLength(MAX_CODE_STEPS);
  });

  it('leaves an info string without brackets alone', () => {
    expect(parseFenceInfo('python title="x"')).toEqual({ language: 'python' });
    expect(parseFenceInfo(undefined)).toEqual({ language: undefined });
    expect(parseFenceInfo('')).toEqual({ language: undefined });
  });
});

describe('code with steps on a slide', () => {
  it('draws `js [1|3-5]` as reveal.js does: a numbered table per step, later steps fragments', () => {
    const [block, ...others] = codeBlocks(slides('```js [1|3-5]', ...FIVE_LINES, '```'));
    expect(others).toEqual([]);
    expect(block).toHaveLength(2);
    const [first, second] = block ?? [];
    expect(first?.classes).toEqual(['hljs', 'language-javascript', 'has-highlights']);
    expect(first?.attributes['data-line-numbers']).toBe('1');
    expect(first?.numbers).toEqual([1, 2, 3, 4, 5]);
    expect(first?.highlighted).toEqual([1]);
    expect(second?.classes).toEqual(['hljs', 'language-javascript', 'has-highlights', 'fragment']);
    expect(second?.attributes['data-line-numbers']).toBe('3-5');
    expect(second?.highlighted).toEqual([3, 4, 5]);
    expect(second?.cells[2]).toBe('<span class="hljs-keyword">function</span> <span class="hljs-title function_">add</span>(<span class="hljs-params">x, y</span>) {');
  });

  it('reads `javascript[0|1]` without a space: highlighted, nothing dimmed first, then line 1', () => {
    const [block] = codeBlocks(slides('```javascript[0|1]', 'const a = 1;', 'const b = 2;', '```'));
    expect(block?.map((step) => step.classes)).toEqual([
      ['hljs', 'language-javascript'],
      ['hljs', 'language-javascript', 'has-highlights', 'fragment'],
    ]);
    expect(block?.map((step) => step.highlighted)).toEqual([[], [1]]);
    expect(block?.[0]?.cells[0]).toContain('<span class="hljs-keyword">const</span>');
  });

  it('numbers from the offset of `python [2: 1,3|4]`, highlights counting rows as reveal.js does', () => {
    const html = slides('```python [2: 1,3|4]', 'def f():', '    x = 1', '    y = 2', '    return x + y', '```');
    const [block] = codeBlocks(html);
    expect(block?.map((step) => step.numbers)).toEqual([[2, 3, 4, 5], [2, 3, 4, 5]]);
    expect(block?.map((step) => step.highlighted)).toEqual([[2, 4], [5]]);
    expect(block?.every((step) => step.attributes['data-ln-start-from'] === '2')).toBe(true);
    expect(html).toContain('<div class="hljs-ln-n" data-line-number="2"></div>');
  });

  it('gives `[]` line numbers without highlights or steps', () => {
    const [block] = codeBlocks(slides('```python []', 'a = 1', 'b = 2', '```'));
    expect(block).toHaveLength(1);
    expect(block?.[0]?.classes).toEqual(['hljs', 'language-python']);
    expect(block?.[0]?.numbers).toEqual([1, 2]);
    expect(block?.[0]?.highlighted).toEqual([]);
  });

  it('keeps every row well-formed when a token spans lines, and gives an empty row a space', () => {
    const [block] = codeBlocks(slides('```python [1|2]', 'x = """one', '', 'three"""', '```'));
    const cells = block?.[0]?.cells ?? [];
    expect(cells).toEqual(['x = <span class="hljs-string">&quot;&quot;&quot;one</span>', '<span class="hljs-string"></span> ', '<span class="hljs-string">three&quot;&quot;&quot;</span>']);
    expect(splitHighlightedLines('<span class="a">1\n<span class="b">2\n3</span></span>\n')).toEqual([
      '<span class="a">1</span>',
      '<span class="a"><span class="b">2</span></span>',
      '<span class="a"><span class="b">3</span></span>',
    ]);
  });

  it('paces the steps with an `.element` data-fragment-index, as the highlight plugin does', () => {
    const html = slides('```js [1|2|3]', 'a', 'b', 'c', '```', '<!-- .element: data-fragment-index="4" class="wide" -->');
    expect(html).toContain('<pre class="code-wrapper wide">');
    const [block] = codeBlocks(html);
    expect(block?.map((step) => step.attributes['data-fragment-index'])).toEqual([undefined, '4', '5']);
  });

  it('keeps the index on the block when the `.element` makes the block a fragment itself', () => {
    const html = slides('```js [1|2]', 'a', 'b', '```', '<!-- .element: class="fragment" data-fragment-index="3" -->');
    expect(html).toMatch(/<pre class="code-wrapper fragment" data-fragment-index="3">/);
    expect(codeBlocks(html)[0]?.map((step) => step.attributes['data-fragment-index'])).toEqual([undefined, undefined]);
  });

  it('prints stepped code once in the handout, without steps or numbers', () => {
    const { deck } = parseLines('# Code', '', '```js [1|3-5]', ...FIVE_LINES, '```');
    const html = renderHandoutPage(deck, planSchedule(deck).schedule, { paper: 'A4' });
    const blocks = codeBlocks(html);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toHaveLength(1);
    expect(blocks[0]?.[0]?.classes).toEqual(['hljs', 'language-javascript']);
    expect(html).not.toContain('hljs-ln');
    expect(html).not.toMatch(/<[^>]+class="[^"]*\bfragment\b/);
  });
});

describe('languages', () => {
  it('highlights rust, php and kotlin, by name or alias', () => {
    const html = slides('```rust', 'fn main() {}', '```', '```php', '<?php echo 1; ?>', '```', '```kt', 'fun main() = 1', '```', '```c++', 'int x;', '```', '```RS', 'let x = 1;', '```');
    for (const language of ['rust', 'php', 'kotlin', 'cpp']) expect(html).toContain(`<code class="hljs language-${language}"><span class="hljs-`);
    expect(html.match(/language-rust/g)).toHaveLength(2);
  });

  it('escapes code in a language highlight.js does not have, and leaves it plain', () => {
    const html = slides('```nosuchlang', '<b> & "x"', '```', '```text', 'def f(): pass', '```');
    expect(html).toContain('<code class="hljs language-nosuchlang">&lt;b&gt; &amp; &quot;x&quot;</code>');
    expect(html).toContain('<code class="hljs language-plaintext">def f(): pass</code>');
  });

  it('auto-detects an unlabelled python and JSON block, and leaves prose and diagrams plain', () => {
    const html = slides(
      '```', 'def greet(name):', '    return f"Hello {name}"', '', 'print(greet("x"))', '```',
      '```', '{', '  "name": "lectern",', '  "tags": ["a", true, null]', '}', '```',
      '```', 'Just some words in a box.', '```',
      '```mermaid', 'flowchart LR', 'A-->B', '```',
    );
    expect(html).toContain('<code class="hljs language-python"><span class="hljs-keyword">def</span>');
    expect(html).toContain('<code class="hljs language-json"><span class="hljs-punctuation">{</span>');
    expect(html).toContain('<span class="hljs-attr">&quot;name&quot;</span>');
    expect(html).toContain('<code class="hljs">Just some words in a box.</code>');
    expect(html).toContain('<code class="language-mermaid">flowchart LR');
  });

  it('knows every language highlight.js ships, by name and by alias', () => {
    for (const [name, module] of Object.entries(LANGUAGE_MODULES)) {
      expect(highlightCode('x', name).language).toBe(name);
      for (const alias of module.aliases ?? []) {
        // Two languages claim `ls` and `ml`; the later one wins, as in highlight.js's full build.
        if (alias !== 'ls' && alias !== 'ml') expect(resolveLanguage(alias)).toBe(name);
      }
    }
    expect([resolveLanguage('ls'), resolveLanguage('ml')]).toEqual(['livescript', 'sml']);
    expect(resolveLanguage('__proto__')).toBeUndefined();
  });

  it('has a language table that matches the installed highlight.js', () => {
    expect(() => execFileSync(process.execPath, ['scripts/highlight-languages.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });
});
