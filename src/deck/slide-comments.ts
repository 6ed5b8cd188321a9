import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import { attributeReferences, isLocalPath, isRemote } from './html-references.js';
import type { Slide } from '../model/deck.js';
import { type AttributePair, parseAttributes } from './attributes.js';
import { DURATION_HINT, parseDuration } from '../model/duration.js';

/** One `<!-- .slide: … -->` in a line: where it stands and its attribute text (trimmed), with its offset. */
export interface SlideCommentAt {
  start: number;
  end: number;
  body: string;
  bodyStart: number;
}

/**
 * The `.slide` comments of a text, found with indexOf: a regular expression with two lazy runs
 * of spaces backtracks cubically on `<!-- .slide:` followed by thousands of spaces.
 */
export function findSlideComments(text: string): SlideCommentAt[] {
  const found: SlideCommentAt[] = [];
  const isSpace = (at: number) => /\s/.test(text[at] ?? '');
  for (let open = text.indexOf('<!--'); open >= 0;) {
    let name = open + 4;
    while (isSpace(name)) name++;
    if (!text.startsWith('.slide', name)) {
      open = text.indexOf('<!--', open + 4);
      continue;
    }
    const close = text.indexOf('-->', name);
    // Unclosed: no later comment can close either.
    if (close < 0) break;
    let bodyStart = name + 6 + (text[name + 6] === ':' ? 1 : 0);
    while (bodyStart < close && isSpace(bodyStart)) bodyStart++;
    let bodyEnd = close;
    while (bodyEnd > bodyStart && isSpace(bodyEnd - 1)) bodyEnd--;
    found.push({ start: open, end: close + 3, body: text.slice(bodyStart, bodyEnd), bodyStart });
    open = text.indexOf('<!--', close + 3);
  }
  return found;
}

/**
 * Takes every `<!-- .slide: … -->` out of a line, storing its attributes on the slide
 * (`time` becomes the slide's planned time). Returns the line without the comments.
 */
export function takeSlideComments(
  text: string,
  line: number,
  slide: Slide,
  file: string,
  diagnostics: Diagnostic[],
  /** Column of the text's first character (a slide that starts mid-line, after a separator). */
  firstColumn = 1,
): string {
  if (!text.includes('.slide')) return text;
  const comments = findSlideComments(text);
  if (comments.length === 0) return text;
  let rest = '';
  let copied = 0;
  for (const { start, end, body, bodyStart } of comments) {
    rest += text.slice(copied, start);
    copied = end;
    const bodyColumn = bodyStart + firstColumn;
    const parsed = parseAttributes(body);
    if (parsed.errorOffset !== undefined) {
      diagnostics.push(
        error('bad-slide-attributes', 'cannot read the attributes of this `.slide` comment',
          { file, line, column: bodyColumn + parsed.errorOffset },
          'write them as in HTML: <!-- .slide: class="center" data-background="#123456" time="5m" -->'),
      );
    }
    for (const pair of parsed.pairs) {
      const column = bodyColumn + pair.offset;
      if (pair.name === 'time' || pair.name === 'data-timing') {
        const seconds = pair.name === 'time' ? parseDuration(pair.value) : Number(pair.value);
        if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) {
          diagnostics.push(error('bad-time', `\`${pair.name}="${pair.value}"\` is not a time`, { file, line, column },
            pair.name === 'time' ? DURATION_HINT : 'data-timing is a number of seconds; or use time="5m"'));
        } else slide.timeSeconds = Math.round(seconds);
      } else if (isBackgroundFile(pair.name, pair.value)) {
        slide.attributes[pair.name] = pair.value;
        const valueColumn = bodyColumn + valueOffset(body, pair);
        for (const ref of attributeReferences('section', pair.name, pair.value)) {
          const at = { file, line, column: valueColumn + ref.start };
          if (isRemote(ref.url)) {
            diagnostics.push(warning('remote-asset', `\`${ref.url}\` is loaded from the network and will be missing offline`,
              at, 'download the file next to the deck and refer to it by a relative path'));
          } else if (isLocalPath(ref.url)) slide.assets.push({ kind: 'background', url: ref.url, position: { line, column: at.column } });
        }
      } else if (pair.name === 'class' && slide.attributes.class) {
        slide.attributes.class = `${slide.attributes.class} ${pair.value}`;
      } else slide.attributes[pair.name] = pair.value;
    }
  }
  rest += text.slice(copied);
  return rest.trim() === '' ? '' : rest;
}

/**
 * `data-background-image="x.png"` (also a comma list), `data-background-video="a.mp4,a.webm"`,
 * `data-background-iframe`, or `data-background` holding an image rather than a colour (by
 * reveal.js's own test, so lectern copies exactly what reveal.js will load).
 */
function isBackgroundFile(name: string, value: string): boolean {
  return attributeReferences('section', name, value).length > 0;
}

/** Where the value of `pair` starts in the comment's text: after its name, `=` and quote. */
function valueOffset(body: string, pair: AttributePair): number {
  const assignment = /^\s*=\s*["']?/.exec(body.slice(pair.offset + pair.name.length));
  return pair.offset + pair.name.length + (assignment?.[0].length ?? 0);
}
