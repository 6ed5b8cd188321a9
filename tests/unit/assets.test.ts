import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHtmlReferences } from '../../src/deck/html-references.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { compileDeck } from '../../src/export/compile-deck.js';
import { decodePercent, resolveMedia } from '../../src/export/resolve-media.js';
import { defaultProjectRoot } from '../../src/export/project-folder.js';
import { planSchedule } from '../../src/model/schedule.js';
import { renderDeckPage } from '../../src/render/render-page.js';
import { tempDir } from '../helpers/cli.js';
import { parseLines } from '../helpers/parse.js';

/** Each reference as `kind url`, checking that its offsets cover exactly what is written. */
function references(html: string): string[] {
  return findHtmlReferences(html).map((ref) => {
    expect(html.slice(ref.start, ref.end).replace(/&amp;/g, '&')).toBe(ref.url);
    return `${ref.kind} ${ref.url}`;
  });
}

function assetsOf(...lines: string[]) {
  const { deck, diagnostics } = parseLines(...lines);
  return { assets: deck.slides.flatMap((s) => s.assets.map((a) => `${a.position.line}:${a.position.column} ${a.kind} ${a.url}`)), diagnostics };
}

describe('files named in raw HTML', () => {
  it('finds images, videos, posters, sources, tracks, frames and lazy data-src', () => {
    expect(references('<img src="a.png" srcset="a.png 1x, a@2x.png 2x" data-src=\'lazy.png\'>')).toEqual([
      'image a.png', 'image a.png', 'image a@2x.png', 'image lazy.png',
    ]);
    expect(references('<video poster="p.jpg" controls><source src="v.webm" type="video/webm"><track src=subs.vtt></video>')).toEqual([
      'image p.jpg', 'media v.webm', 'media subs.vtt',
    ]);
    expect(references('<audio src="s.ogg"></audio><iframe data-src="page.html"></iframe><embed src="e.svg"><object data="o.pdf"></object>')).toEqual([
      'media s.ogg', 'frame page.html', 'frame e.svg', 'frame o.pdf',
    ]);
  });

  it('finds links to files, but not to pages, anchors, folders or other decks', () => {
    expect(references('<a href="files/sheet.pdf">x</a> <a href="#/2">y</a> <a href="next.md">z</a> <a href="https://example.com/a.pdf">w</a> <a href="docs/">v</a>')).toEqual([
      'link files/sheet.pdf',
    ]);
  });

  it('reads reveal.js background attributes, with comma lists, on any tag', () => {
    expect(references('<section data-background-video="a.mp4, a.webm" data-background-image="x.png,y.png" data-background-iframe="f.html">')).toEqual([
      'background a.mp4', 'background a.webm', 'background x.png', 'background y.png', 'background f.html',
    ]);
    expect(references('<div data-background="#fff"></div><div data-background="bg.jpg?v=2"></div>')).toEqual(['background bg.jpg?v=2']);
    expect(references('<section data-background-image="data:image/png;base64,AA,BB">')).toEqual([]);
  });

  it('finds files named by url() in a <style> element and in a style attribute', () => {
    expect(references('<style>\nsection.x { background: url(img/bg.png) white; }\n@font-face { src: url("fonts/a.woff2"); }\n.y { background: url(data:image/png;base64,AA) }\n</style>')).toEqual([
      'image img/bg.png', 'image fonts/a.woff2',
    ]);
    expect(references('<div style="background-image: url(\'tile.png\')">')).toEqual(['image tile.png']);
  });

  it('skips comments, script text and srcsets that are not simple; keeps quoted > and entities', () => {
    expect(references('<!-- <img src="old.png"> --><script>"<img src=\'js.png\'>"</script><img alt="a > b" src="ok.png">')).toEqual(['image ok.png']);
    expect(references('<img srcset="data:image/png;base64,AA 1x, b.png 2x">')).toEqual([]);
    expect(references('<video src="v.mp4?a=1&amp;b=2#t=10">')).toEqual(['media v.mp4?a=1&b=2#t=10']);
  });
});

describe('collecting the files a deck names', () => {
  it('points at the URL itself, in Markdown and in raw HTML', () => {
    const { assets, diagnostics } = assetsOf(
      '# A',
      '',
      '![pic](img/a.png) and [handout](files/sheet.pdf)',
      '',
      '<video src="clip.mp4" poster="poster.png"></video>',
      '',
      'See [the next deck](module-2.md), [slide 3](#/3) and [the web](https://example.com).',
    );
    expect(assets).toEqual([
      '3:1 image img/a.png',
      '3:23 link files/sheet.pdf',
      '5:13 media clip.mp4',
      '5:31 image poster.png',
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('warns about remote media but not about links to the web', () => {
    const { diagnostics } = assetsOf('# A', '', '<iframe src="https://example.com/embed"></iframe>', '', '<a href="https://example.com">web</a>');
    expect(diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code}`)).toEqual(['3:14 remote-asset']);
  });

  it('reads every file of a .slide comment background at its own column', () => {
    const { assets } = assetsOf('<!-- .slide: data-background-video="a.mp4,a.webm" data-background="#123" -->', '# A');
    expect(assets).toEqual(['1:37 background a.mp4', '1:43 background a.webm']);
    expect(assetsOf('<!-- .slide: data-background="room.jpg" -->', '# A').assets).toEqual(['1:31 background room.jpg']);
  });
});

describe('URLs in the page point at the copies', () => {
  const copies: Record<string, string> = {
    'bg.png': 'media/1-bg.png',
    'a.mp4': 'media/2-a.mp4',
    'a.webm': 'media/3-a.webm',
    'poster.png': 'media/4-poster.png',
    'clip.mp4#t=10': 'media/5-clip.mp4#t=10',
    'files/sheet.pdf': 'media/6-sheet.pdf',
    'img/a.png?v=1': 'media/7-a.png?v=1',
    'x.png': 'media/8-x.png',
  };
  const render = (...lines: string[]) => {
    const { deck } = parseLines(...lines);
    return renderDeckPage(deck, planSchedule(deck).schedule, { highlightStylesheet: false, assetUrl: (url) => copies[url] });
  };

  it('in the section attributes of a .slide comment', () => {
    const html = render('<!-- .slide: data-background-image="bg.png" -->', '# A', '---', '<!-- .slide: data-background-video="a.mp4,a.webm" data-background-video-loop -->', '# B');
    expect(html).toContain('<section data-background-image="media/1-bg.png"');
    expect(html).toContain('<section data-background-video="media/2-a.mp4,media/3-a.webm" data-background-video-loop');
  });

  it('in raw HTML, Markdown images and links, keeping ?query and #hash', () => {
    const html = render(
      '# A',
      '',
      '<video src="clip.mp4#t=10" poster=\'poster.png\' class="wide"></video>',
      '',
      '![a](img/a.png?v=1) [sheet](files/sheet.pdf) [deck](other.md)',
      '',
      '<img srcset="x.png 1x, missing.png 2x" alt="x.png">',
    );
    expect(html).toContain('<video src="media/5-clip.mp4#t=10" poster=\'media/4-poster.png\' class="wide"></video>');
    expect(html).toContain('<img src="media/7-a.png?v=1" alt="a"> <a href="media/6-sheet.pdf">sheet</a> <a href="other.md">deck</a>');
    expect(html).toContain('<img srcset="media/8-x.png 1x, missing.png 2x" alt="x.png">');
  });
});

describe('resolving the files', () => {
  /** A project folder with a deck folder in it, and the files named. */
  function project(files: readonly string[]) {
    const root = tempDir('lectern-assets-');
    for (const file of files) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), file);
    }
    return { root, deckDir: join(root, 'decks') };
  }

  function resolveUrls(urls: readonly string[], root: string, deckDir: string) {
    // One image every other line: the n-th URL stands on line 2n + 1.
    const { deck } = parseLines('# A', ...urls.flatMap((url) => ['', `<img src="${url}">`]));
    const diagnostics: Diagnostic[] = [];
    const media = resolveMedia(deck, { deckDir, projectRoot: root }, diagnostics);
    return { media, diagnostics };
  }

  it('copies relative, root-relative, percent-encoded and %-named files once each', () => {
    const { root, deckDir } = project(['decks/img/a.png', 'shared/logo.png', 'decks/my pic.png', 'decks/50%.png']);
    const { media, diagnostics } = resolveUrls(['img/a.png', './img/a.png?v=2', '/shared/logo.png', 'my%20pic.png', '50%.png'], root, deckDir);
    expect(diagnostics).toEqual([]);
    expect(media.files.map((f) => f.to)).toEqual([
      expect.stringMatching(/^media\/[0-9a-f]{8}-a\.png$/),
      expect.stringMatching(/^media\/[0-9a-f]{8}-logo\.png$/),
      expect.stringMatching(/^media\/[0-9a-f]{8}-my-pic\.png$/),
      expect.stringMatching(/^media\/[0-9a-f]{8}-50-\.png$/),
    ]);
    expect(media.urls.get('./img/a.png?v=2')).toBe(`${media.urls.get('img/a.png')}?v=2`);
    expect(media.files[1]?.from).toBe(join(root, 'shared', 'logo.png'));
  });

  it('names copies after the path inside the project, so every machine builds the same bytes', () => {
    const first = project(['decks/img/a.png']);
    const second = project(['decks/img/a.png']);
    expect(resolveUrls(['img/a.png'], first.root, first.deckDir).media.files[0]?.to)
      .toBe(resolveUrls(['img/a.png'], second.root, second.deckDir).media.files[0]?.to);
  });

  it('reports a missing file at its line, suggesting a name that differs in case or by a typo', () => {
    const { root, deckDir } = project(['decks/img/Photo.PNG', 'decks/img/pipeline.svg', 'decks/video/clip.mp4']);
    const { diagnostics } = resolveUrls(['img/photo.png', 'Img/pipline.svg', 'img/nothing-like-it.png', '/img/photo.png'], root, deckDir);
    expect(diagnostics.map((d) => [d.code, d.span.line, d.message, d.hint])).toEqual([
      ['missing-image', 3, 'image `img/photo.png` was not found', 'did you mean `img/Photo.PNG`?'],
      ['missing-image', 5, 'image `Img/pipline.svg` was not found', 'did you mean `img/pipeline.svg`?'],
      ['missing-image', 7, 'image `img/nothing-like-it.png` was not found', 'paths are relative to the deck file; check the spelling and that the file is in the repository'],
      ['missing-image', 9, 'image `/img/photo.png` was not found', `a path that starts with / is relative to the project folder (${root})`],
    ]);
  });

  it('names the kind of file that is missing', () => {
    const { root, deckDir } = project([]);
    const { deck } = parseLines('# A', '', '<video src="v.mp4" poster="p.png"></video> [sheet](sheet.pdf) <iframe src="f.html"></iframe>');
    const diagnostics: Diagnostic[] = [];
    resolveMedia(deck, { deckDir, projectRoot: root }, diagnostics);
    expect(diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual([
      'error missing-file: video or audio file `v.mp4` was not found',
      'error missing-image: image `p.png` was not found',
      'warning missing-file: linked file `sheet.pdf` was not found; the link is left as written',
      'error missing-file: embedded page `f.html` was not found',
    ]);
  });

  it('refuses files outside the project folder, through .. or a symlink, and never copies them', () => {
    const { root, deckDir } = project(['decks/inside.png']);
    const outsider = tempDir('lectern-outside-');
    writeFileSync(join(outsider, 'secret.png'), 'secret');
    symlinkSync(join(outsider, 'secret.png'), join(deckDir, 'link.png'));
    symlinkSync(outsider, join(deckDir, 'linked-folder'));
    const { media, diagnostics } = resolveUrls(['../../../../../../etc/passwd', 'link.png', 'linked-folder/secret.png', '/../etc/passwd', 'inside.png'], root, deckDir);
    expect(diagnostics.map((d) => `${d.span.line} ${d.code} ${d.message}`)).toEqual([
      '3 asset-outside-project image `../../../../../../etc/passwd` is outside the project folder',
      '5 asset-outside-project image `link.png` is outside the project folder',
      '7 asset-outside-project image `linked-folder/secret.png` is outside the project folder',
      '9 asset-outside-project image `/../etc/passwd` is outside the project folder',
    ]);
    expect(media.files.map((f) => f.from)).toEqual([join(root, 'decks', 'inside.png')]);
  });

  it('reports a folder named as a file', () => {
    const { root, deckDir } = project(['decks/img/a.png']);
    expect(resolveUrls(['img'], root, deckDir).diagnostics.map((d) => d.message)).toEqual(['image `img` is a folder, not a file']);
  });

  it('decodes only well-formed percent escapes', () => {
    expect(decodePercent('50%.png')).toBe('50%.png');
    expect(decodePercent('a%20b%zz%E2%9C%93.png')).toBe('a b%zz✓.png');
    expect(decodePercent('%E2%9C.png')).toBe('%E2%9C.png');
  });

  it('takes the current folder as the project when the deck lies in it, else the deck folder', () => {
    const { root, deckDir } = project(['decks/x.png']);
    expect(defaultProjectRoot(deckDir, root)).toBe(root);
    const elsewhere = tempDir('lectern-cwd-');
    expect(defaultProjectRoot(deckDir, elsewhere)).toBe(deckDir);
  });

  it('takes the repository around the deck as the project, built from anywhere', () => {
    const { root, deckDir } = project(['decks/x.png', 'img/shared.png']);
    mkdirSync(join(root, '.git'));
    expect(defaultProjectRoot(deckDir, deckDir)).toBe(root);
    expect(defaultProjectRoot(deckDir, tempDir('lectern-cwd-'))).toBe(root);
  });

  it.each(['course.yaml', 'reveal-md.json', 'package.json'])('takes the folder holding %s above the deck as the project', (marker) => {
    const { root, deckDir } = project(['decks/x.png', 'img/shared.png']);
    writeFileSync(join(root, marker), '');
    expect(defaultProjectRoot(deckDir, tempDir('lectern-cwd-'))).toBe(root);
  });

  it('never takes the home folder as a project because of a marker in it', () => {
    const { root, deckDir } = project(['decks/x.png']);
    writeFileSync(join(root, 'package.json'), '{}');
    expect(defaultProjectRoot(deckDir, tempDir('lectern-cwd-'), root)).toBe(deckDir);
  });
});

describe('compileDeck', () => {
  it('copies every named file and writes no output when one is outside the project', async () => {
    const root = tempDir('lectern-compile-');
    mkdirSync(join(root, 'decks', 'img'), { recursive: true });
    mkdirSync(join(root, 'shared'), { recursive: true });
    writeFileSync(join(root, 'decks', 'img', 'bg.png'), 'png');
    writeFileSync(join(root, 'shared', 'sheet.pdf'), 'pdf');
    const deck = join(root, 'decks', 'lesson.md');
    writeFileSync(deck, '<!-- .slide: data-background-image="img/bg.png" -->\n# A\n\n[sheet](/shared/sheet.pdf)\n');
    const good = await compileDeck(deck, { projectRoot: root });
    expect(good.diagnostics).toEqual([]);
    const html = good.files.find((f) => f.to === 'index.html')?.content ?? '';
    const media = good.files.filter((f) => f.to.startsWith('media/'));
    expect(media.map((f) => f.from)).toEqual([join(root, 'decks', 'img', 'bg.png'), join(root, 'shared', 'sheet.pdf')]);
    expect(html).toContain(`data-background-image="${media[0]?.to}"`);
    expect(html).toContain(`<a href="${media[1]?.to}">sheet</a>`);

    writeFileSync(deck, '# A\n\n![x](../../../../../../../../etc/passwd)\n');
    const bad = await compileDeck(deck, { projectRoot: root });
    expect(bad.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code}`)).toEqual(['3:1 asset-outside-project']);
    expect(bad.files).toEqual([]);
  });
});
