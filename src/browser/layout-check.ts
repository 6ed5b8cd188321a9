import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openPage } from './open-page.js';
import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';
import type { ManagedBrowser } from './launch-browser.js';

export const OVERFLOW_HINT = 'split the slide with `---` or `----`, shorten it, or make the code or image smaller';
export const IMAGE_OVERFLOW_HINT =
  'make it smaller, e.g. ![alt](x.png){height=300px} or {width=50%}; an image alone in its paragraph, with no size, fits the space the slide leaves';
export const CODE_CLIPPED_HINT =
  'the block scrolls, so part of it stays hidden on screen: shorten the code or split it over two slides';
export const IMAGE_FAILED_HINT =
  'the browser could not load it: check the path (relative to the deck file) or that the URL works offline';
export const BACKGROUND_FAILED_HINT =
  'the slide shows no background: check the path in its `.slide` comment (relative to the deck file) or that the URL works offline';

/** How long the page may take to become ready, and images to settle, before giving up. */
const READY_TIMEOUT_MS = 15_000;
const IMAGE_TIMEOUT_MS = 5_000;
/** Sub-pixel rounding and hairline borders (a theme's full-width `pre`): not worth a warning. */
const TOLERANCE_PX = 4;

/** What the page reports for one slide. */
interface SlideMeasure {
  line: number | null;
  /** The element that reaches past the slide's edge first, when the build marked elements with their place (sourcePositions). */
  culprit: { line: number; column: number; what: string; edge: 'bottom' | 'right' } | null;
  overflowY: number;
  overflowX: number;
  failedImages: Located<{ src: string }>[];
  /** Pixels hidden in each code block that scrolls (the theme caps their height). */
  clippedCode: Located<{ hidden: number }>[];
}

/** Something found on a slide, with the line and column of its element when the build marked it (sourcePositions). */
type Located<T> = T & { line?: number; column?: number };

interface RevealLike {
  isReady(): boolean;
  getConfig(): { width?: number | string; height?: number | string };
  configure(options: Record<string, unknown>): void;
  getSlides(): HTMLElement[];
  getIndices(slide?: HTMLElement): { h: number; v?: number };
  slide(h: number, v?: number, f?: number): void;
  layout?(): void;
}

/**
 * Opens a built deck in `browser` and reports every slide whose content is taller or wider
 * than the slide box, and every image that failed to load. Positions point at the slide's
 * line in `deckFile`; the generated title slide (no line) points at line 1.
 */
export async function checkLayout(browser: ManagedBrowser, indexHtml: string, deckFile: string): Promise<Diagnostic[]> {
  const page = await openPage(browser.browser);
  try {
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(pathToFileURL(indexHtml).href, { waitUntil: 'load', timeout: READY_TIMEOUT_MS });
    await page.waitForFunction(
      () => {
        const reveal = (window as unknown as { Reveal?: RevealLike }).Reveal;
        return document.documentElement.dataset.lecternReady === 'true' && reveal !== undefined && reveal.isReady();
      },
      { timeout: READY_TIMEOUT_MS },
    );
    const size = await page.evaluate(() => {
      const config = (window as unknown as { Reveal: RevealLike }).Reveal.getConfig();
      return { width: Number(config.width) || 1280, height: Number(config.height) || 720 };
    });
    if (size.width !== 1280 || size.height !== 720) {
      await page.setViewport({ width: Math.round(size.width), height: Math.round(size.height) });
    }
    const backgrounds = await page.evaluate(probeBackgrounds, IMAGE_TIMEOUT_MS);
    const measures = await page.evaluate(measureSlides, IMAGE_TIMEOUT_MS, TOLERANCE_PX);
    return [...toDiagnostics(measures, deckFile), ...backgroundDiagnostics(backgrounds, deckFile)];
  } finally {
    await page.close().catch(() => undefined);
  }
}

function toDiagnostics(measures: SlideMeasure[], deckFile: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const measure of measures) {
    const span = { file: deckFile, line: measure.line ?? 1, column: 1 };
    const overflow = Math.max(measure.overflowY, measure.overflowX);
    if (overflow > 0) {
      const direction = measure.overflowY >= measure.overflowX ? '' : ' sideways';
      const culprit = measure.culprit;
      if (culprit) {
        diagnostics.push(warning('slide-overflow', `slide overflows${direction} by ${overflow} px: this ${culprit.what} reaches past its ${culprit.edge} edge`,
          { file: deckFile, line: culprit.line, column: culprit.column }, culprit.what === 'image' ? IMAGE_OVERFLOW_HINT : OVERFLOW_HINT));
      } else diagnostics.push(warning('slide-overflow', `slide overflows${direction} by ${overflow} px`, span, OVERFLOW_HINT));
    }
    const at = (found: Located<object>) => (found.line ? { file: deckFile, line: found.line, column: found.column ?? 1 } : span);
    for (const code of measure.clippedCode) {
      diagnostics.push(warning('code-overflow', `code block is cut off by ${code.hidden} px`, at(code), CODE_CLIPPED_HINT));
    }
    for (const image of measure.failedImages) {
      diagnostics.push(warning('image-failed', `image \`${image.src}\` failed to load`, at(image), IMAGE_FAILED_HINT));
    }
  }
  return diagnostics;
}

/** One file a slide's `data-background-*` names, as the page resolved it. */
interface BackgroundProbe {
  line: number | null;
  /** As the section's attribute holds it. */
  src: string;
  href: string;
  kind: 'image' | 'video' | 'iframe';
  /** Images only: the browser tried and failed. Videos and frames are looked up on disk. */
  failed: boolean;
}

/**
 * reveal.js loads a background only near its slide and reports no failure: an image that is
 * not there leaves the slide plain. Images are loaded here; a video or frame from a file is
 * missing when its file is (headless Chromium may lack a video's codec, and a frame's error
 * page is still a page).
 */
function backgroundDiagnostics(probes: readonly BackgroundProbe[], deckFile: string): Diagnostic[] {
  return probes
    .filter((probe) => probe.failed || (probe.kind !== 'image' && probe.href.startsWith('file:') && !existsSync(fileURLToPath(probe.href))))
    .map((probe) => warning('background-failed', `background \`${probe.src}\` failed to load`,
      { file: deckFile, line: probe.line ?? 1, column: 1 }, BACKGROUND_FAILED_HINT));
}

/**
 * Runs in the page (self-contained): every file a section's background attributes name, by
 * reveal.js's reading of them (comma lists; `data-background` only when it names an image);
 * each image loaded once to see whether it comes.
 */
async function probeBackgrounds(imageTimeoutMs: number): Promise<BackgroundProbe[]> {
  const probes: BackgroundProbe[] = [];
  for (const section of Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides section'))) {
    const line = section.dataset.lecternLine ? Number(section.dataset.lecternLine) : null;
    const add = (kind: BackgroundProbe['kind'], value: string | null, list: boolean) => {
      if (!value || /^\s*data:/i.test(value)) return;
      for (const src of (list ? value.split(',') : [value]).map((s) => s.trim()).filter(Boolean)) {
        probes.push({ line: Number.isFinite(line) ? line : null, src, href: new URL(src, document.baseURI).href, kind, failed: false });
      }
    };
    const plain = section.getAttribute('data-background');
    const plainImage = plain && (/^(http|file|\/\/)/i.test(plain) || /\.(svg|png|jpg|jpeg|gif|bmp|webp)([?#\s]|$)/i.test(plain)) ? plain : null;
    add('image', section.getAttribute('data-background-image') ?? plainImage, true);
    add('video', section.getAttribute('data-background-video'), true);
    add('iframe', section.getAttribute('data-background-iframe'), false);
  }
  const load = (href: string) =>
    new Promise<boolean>((resolve) => {
      const image = new Image();
      image.onload = () => resolve(false);
      image.onerror = () => resolve(true);
      setTimeout(() => resolve(false), imageTimeoutMs);
      image.src = href;
    });
  await Promise.all(probes.filter((probe) => probe.kind === 'image').map(async (probe) => {
    probe.failed = await load(probe.href);
  }));
  return probes;
}

/**
 * Runs in the page (serialized by puppeteer: self-contained, no outside references). Waits
 * for images and fonts, shows every fragment, visits each slide and measures it in the
 * slide's own (unscaled) coordinates.
 */
async function measureSlides(imageTimeoutMs: number, tolerance: number): Promise<SlideMeasure[]> {
  const reveal = (window as unknown as { Reveal: RevealLike }).Reveal;
  const config = reveal.getConfig();
  const width = Number(config.width) || 1280;
  const height = Number(config.height) || 720;
  reveal.configure({ transition: 'none', backgroundTransition: 'none', fragments: false });

  const settle = (img: HTMLImageElement) =>
    img.complete
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          img.addEventListener('load', () => resolve(), { once: true });
          img.addEventListener('error', () => resolve(), { once: true });
        });
  const images = Array.from(document.querySelectorAll<HTMLImageElement>('.reveal .slides img'));
  for (const img of images) img.loading = 'eager';
  await Promise.race([
    Promise.all([...images.map(settle), document.fonts.ready.then(() => undefined)]),
    new Promise((resolve) => setTimeout(resolve, imageTimeoutMs)),
  ]);

  const box = document.querySelector('.reveal .slides') as HTMLElement;
  const placeOf = (element: HTMLElement) =>
    element.dataset.lecternLine ? { line: Number(element.dataset.lecternLine), column: Number(element.dataset.lecternColumn) || 1 } : {};
  const names: Record<string, string> = {
    IMG: 'image', P: 'paragraph', LI: 'list item', UL: 'list', OL: 'list', PRE: 'code block', TABLE: 'table',
    BLOCKQUOTE: 'quote', FIGURE: 'diagram', HR: 'rule', H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading',
  };
  /**
   * The element that overflows: the first (in document order) that reaches past the slide's edge,
   * then its innermost descendant that does too (the list item, not the list; the image, not its
   * paragraph). Only elements that carry their place in the deck count (sourcePositions).
   */
  const findCulprit = (slide: HTMLElement, edge: 'bottom' | 'right'): SlideMeasure['culprit'] => {
    const frame = box.getBoundingClientRect();
    // The slides are scaled to the window: a tolerance in slide pixels is this many on screen.
    const scale = frame.width / width;
    const past = (element: Element) => {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) return false;
      return edge === 'bottom' ? rect.bottom > frame.bottom + tolerance * scale : rect.right > frame.right + tolerance * scale;
    };
    let found: HTMLElement | undefined;
    for (const element of Array.from(slide.querySelectorAll<HTMLElement>('[data-lectern-line]'))) {
      if (!past(element)) continue;
      if (found && !found.contains(element)) break;
      found = element;
    }
    if (!found) return null;
    return { line: Number(found.dataset.lecternLine), column: Number(found.dataset.lecternColumn) || 1, what: names[found.tagName] ?? 'element', edge };
  };
  const showFragments = (root: Element) => {
    for (const fragment of Array.from(root.querySelectorAll('.fragment'))) fragment.classList.add('visible');
  };
  // Every slide is laid out at once, as reveal.js lays out the one it shows, and measured where it
  // stands: navigating to each (reveal.slide) cost ~17 ms a slide, 3.5 s for 200.
  const slides = reveal.getSlides();
  for (const slide of slides) {
    slide.style.display = 'block';
    const stack = slide.parentElement;
    if (stack?.tagName === 'SECTION') stack.style.display = 'block';
    showFragments(slide);
  }
  reveal.layout?.();
  const results: SlideMeasure[] = [];
  for (const slide of slides) {
    // Unscaled: offset*/scroll* sizes ignore the transform reveal scales the slides with.
    const tall = Math.max(slide.scrollHeight, slide.offsetHeight);
    const wide = Math.max(slide.scrollWidth, slide.offsetWidth);
    const overflowY = tall - height > tolerance ? Math.round(tall - height) : 0;
    const overflowX = wide - width > tolerance ? Math.round(wide - width) : 0;
    const clippedCode: SlideMeasure['clippedCode'] = [];
    for (const pre of Array.from(slide.querySelectorAll<HTMLElement>('pre'))) {
      let hidden = 0;
      for (const block of [pre, ...Array.from(pre.children).filter((c): c is HTMLElement => c.tagName === 'CODE')]) {
        const style = getComputedStyle(block);
        if (!/auto|scroll|hidden/.test(style.overflowX + style.overflowY)) continue;
        hidden = Math.max(hidden, block.scrollHeight - block.clientHeight, block.scrollWidth - block.clientWidth);
      }
      if (hidden > tolerance) clippedCode.push({ hidden: Math.round(hidden), ...placeOf(pre) });
    }
    const failedImages: SlideMeasure['failedImages'] = [];
    for (const img of Array.from(slide.querySelectorAll<HTMLImageElement>('img'))) {
      const src = img.getAttribute('src');
      if (!src || !img.complete || img.naturalWidth !== 0) continue;
      // An SVG without a size also has naturalWidth 0; decode() fails only for a broken image.
      const broken = await img.decode().then(() => false, () => true);
      if (broken) failedImages.push({ src, ...placeOf(img) });
    }
    const line = slide.dataset.lecternLine ? Number(slide.dataset.lecternLine) : null;
    const culprit = overflowY > 0 || overflowX > 0 ? findCulprit(slide, overflowY >= overflowX ? 'bottom' : 'right') : null;
    results.push({ line: Number.isFinite(line) ? line : null, culprit, overflowY, overflowX, failedImages, clippedCode });
  }
  reveal.slide(0, 0);
  return results;
}
