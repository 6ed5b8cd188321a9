import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { parseLines } from '../helpers/parse.js';

/** The raw-HTML diagnostics of a deck, as `line:column code`. */
function unclosed(...lines: string[]): string[] {
  return parseLines(...lines)
    .diagnostics.filter((d: Diagnostic) => d.code.startsWith('unclosed-html'))
    .map((d) => `${d.span.line}:${d.span.column} ${d.code}`);
}

describe('raw HTML that would swallow the rest of the page', () => {
  it('reports an HTML comment left open at its opener, with a hint', () => {
    const { diagnostics } = parseLines('# A', '', 'Some text', '', '<!-- speaker aside', '', 'more');
    const found = diagnostics.filter((d) => d.code === 'unclosed-html-comment');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', span: { file: 'deck.md', line: 5, column: 1 } });
    expect(found[0]?.message).toContain('never closed');
    expect(found[0]?.hint).toContain('-->');
  });

  it('reports a comment that is never closed before a separator', () => {
    // Without a `-->`, the `---` still ends the slide: the comment would hide slide B and the rest.
    expect(unclosed('# A', '', '<!-- hidden', '', 'draft', '', '---', '', '# B')).toEqual(['3:1 unclosed-html-comment']);
  });

  it('accepts closed comments, also across blank lines, and the short forms <!--> and <!--->', () => {
    expect(unclosed('# A', '', '<!--', 'draft', '', 'still draft', '-->', '', 'text <!-- inline --> end')).toEqual([]);
    expect(unclosed('# A', '', 'x <!--> y <!---> z')).toEqual([]);
  });

  it('reports <script>, <style>, <textarea>, <title>, <xmp> and <iframe> left open, at their column', () => {
    expect(unclosed('# A', '', 'Use the <script> tag')).toEqual(['3:9 unclosed-html-element']);
    expect(unclosed('# A', '', '<style>', 'h1 { color: red }')).toEqual(['3:1 unclosed-html-element']);
    expect(unclosed('# A', '', 'Type: <textarea rows="3">')).toEqual(['3:7 unclosed-html-element']);
    expect(unclosed('# A', '', '<TITLE>x')).toEqual(['3:1 unclosed-html-element']);
    expect(unclosed('# A', '', 'a <xmp> b')).toEqual(['3:3 unclosed-html-element']);
    expect(unclosed('# A', '', '<iframe src="page.html">')).toEqual(['3:1 unclosed-html-element']);
  });

  it('names the element and its end tag', () => {
    const [found] = parseLines('# A', '', 'Use the <script> tag').diagnostics.filter((d) => d.code === 'unclosed-html-element');
    expect(found?.message).toBe('`<script>` is never closed, so the rest of the deck becomes its text');
    expect(found?.hint).toContain('`</script>`');
  });

  it('accepts the same elements when they are closed, inline or as blocks, in any letter case', () => {
    expect(unclosed('# A', '', '<script>', 'const x = 1 < 2;', '</SCRIPT >')).toEqual([]);
    expect(unclosed('# A', '', 'Type <textarea>here</textarea> and <iframe src="a.html"></iframe>')).toEqual([]);
    expect(unclosed('# A', '', '<style>h1 { color: red }</style>')).toEqual([]);
  });

  it('ignores tags in code spans, fenced and indented code, and escaped tags', () => {
    expect(unclosed('# A', '', 'Use the `<script>` tag and `<!--` comments')).toEqual([]);
    expect(unclosed('# A', '', '```html', '<script>', '<!--', '```')).toEqual([]);
    expect(unclosed('# A', '', '    <style>', '    <!-- x')).toEqual([]);
    expect(unclosed('# A', '', 'Escaped \\<script> stays text')).toEqual([]);
  });

  it('does not take a `<!--` inside an attribute value for a comment', () => {
    expect(unclosed('# A', '', '<img alt="<!-- no --" src="x.png">')).toEqual([]);
  });

  it('accepts .slide and .element comments', () => {
    expect(unclosed('<!-- .slide: class="center" -->', '# A', '', '- one <!-- .element: class="fragment" -->')).toEqual([]);
  });

  it('checks speaker notes, activities and handouts too', () => {
    expect(unclosed('# A', '', 'Note: remember <script>')).toEqual(['3:16 unclosed-html-element']);
    expect(unclosed('# A', ':::activity{title="Lab" time="5m"}', '<!-- todo', ':::')).toEqual(['3:1 unclosed-html-comment']);
    expect(unclosed('# A', '::: handout', 'a <style>', ':::')).toEqual(['3:3 unclosed-html-element']);
  });

  it('reports <plaintext>, which nothing closes', () => {
    expect(unclosed('# A', '', '<plaintext>', '</plaintext>')).toEqual(['3:1 unclosed-html-element']);
  });

  it('reports each slide on its own', () => {
    expect(unclosed('# A', '', '<script>', '---', '# B', '', '</script> <style>')).toEqual(['3:1 unclosed-html-element', '7:11 unclosed-html-element']);
  });

  it('stays linear on hostile input', () => {
    const hostile = '<a title="'.repeat(20_000);
    const started = performance.now();
    unclosed('# A', '', hostile, '', '<!--'.repeat(20_000), '', '<script '.repeat(20_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
