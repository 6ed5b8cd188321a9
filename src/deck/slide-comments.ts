import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import { isLocalPath, isRemote } from './annotate-tokens.js';
import type { Slide } from '../model/deck.js';
import { parseAttributes } from './attributes.js';
import { DURATION_HINT, parseDuration } from '../model/duration.js';

const SLIDE_COMMENT = /<!--\s*\.slide:?\s*([\s\S]*?)\s*-->/g;

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
): string {
  if (!text.includes('.slide')) return text;
  const rest = text.replace(SLIDE_COMMENT, (whole, body: string, offset: number) => {
    const bodyColumn = offset + whole.indexOf(body) + 1;
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
        if (isRemote(pair.value)) {
          diagnostics.push(warning('remote-asset', `\`${pair.value}\` is loaded from the network and will be missing offline`,
            { file, line, column }, 'download the file next to the deck and refer to it by a relative path'));
        } else if (isLocalPath(pair.value)) slide.assets.push({ kind: 'background', url: pair.value, position: { line, column } });
      } else if (pair.name === 'class' && slide.attributes.class) {
        slide.attributes.class = `${slide.attributes.class} ${pair.value}`;
      } else slide.attributes[pair.name] = pair.value;
    }
    return '';
  });
  return rest.trim() === '' ? '' : rest;
}

/** `data-background-image="x.png"`, or `data-background` holding a file rather than a colour. */
function isBackgroundFile(name: string, value: string): boolean {
  if (name === 'data-background-image' || name === 'data-background-video' || name === 'data-background-iframe') return true;
  return name === 'data-background' && /\.(png|jpe?g|gif|svg|webp|avif|mp4|webm)(\?.*)?$/i.test(value.trim());
}
