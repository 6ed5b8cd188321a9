import type { Browser, Page } from 'puppeteer-core';
import { join } from 'node:path';
import type { BrowserSession } from '../../browser/browser-session.js';
import type { DiagramStage } from '../../diagrams/deck-diagrams.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { writeFileAtomic } from '../atomic-write.js';
import { type BuildCourse, type BuildResult, buildDecks, type DeckBuild, writeCourseIndex } from '../build-decks.js';
import { internalError } from '../compile-deck.js';
import { guideHtml, handoutHtml } from './paper-pages.js';
import type { FinishedPdf, PdfMetadata } from './pdf-document.js';
import { fitHandoutPage } from './fit-handout.js';
import { printDocument } from './print-document.js';
import { openPrintView } from '../../browser/open-page.js';
import { printSlides } from './print-slides.js';
import { type PackPart, type WrittenPack, writeCoursePack } from './course-pack.js';
import { deckFingerprint, pdfFingerprint, readPrinted, reusable, writePrinted } from './pdf-fingerprint.js';
import type { SeparatorPatterns } from '../../deck/separators.js';

export const PDF_KIND_NAMES = ['slides', 'handout', 'guide'] as const;
export type PdfKind = (typeof PDF_KIND_NAMES)[number];

export interface ExportOptions {
  outDir: string;
  kinds: ReadonlySet<PdfKind>;
  paper: 'A4' | 'Letter';
  session: BrowserSession;
  diagrams?: DiagramStage;
  separators?: Partial<SeparatorPatterns>;
  courseIndex: boolean;
  /** The folder's course.yaml: session lengths and theme over the decks', the index's heading and order. */
  course?: BuildCourse;
  /** Tabs printing one deck's slides at once. */
  tabs: number;
  /** Work on a built deck that runs while its PDFs print (the CLI's layout check): the second core is idle then. */
  alongside?: (deck: DeckBuild) => Promise<unknown>;
  /**
   * Work on each printed deck's slides as the PDF lays them out (the CLI's accessibility line),
   * once: on the page the slides PDF printed from, while the handout prints, else (reused, not
   * asked for, or printed in several windows) on a print view opened for it after the PDFs. What
   * it returns is a line of the deck's report, after its PDFs.
   */
  inspectSlides?: (deck: DeckBuild, page: Page) => Promise<string>;
  onProgress?: (event: ExportProgress) => void;
}

export type ExportProgress =
  | { type: 'pages'; slug: string; done: number; total: number }
  | { type: 'note'; slug: string; text: string }
  | { type: 'written'; slug: string; kind: PdfKind; file: string; pages: number; ms: number; reused?: boolean };

export interface ExportResult {
  build: BuildResult;
  pdfs: { slug: string; kind: PdfKind; file: string; pages: number; reused?: boolean; fingerprint?: string }[];
  /** The course packs (a course.yaml, or more than one deck): all handouts, all guides; `error` when one could not be made. */
  packs: (WrittenPack | { kind: WrittenPack['kind']; file: string; error: string })[];
}

/**
 * `lectern export`: builds the decks (HTML, diagrams), then prints the PDFs of every deck that
 * built without errors, in the command's one browser. Each PDF is written atomically.
 */
export async function exportDecks(files: readonly string[], options: ExportOptions): Promise<ExportResult> {
  // Chromium starts (~1 s) while the decks build on the other core; a failed start (no browser)
  // is reported below, where the PDFs need it, as before.
  options.session.get().catch(() => undefined);
  const build = await buildDecks(files, {
    outDir: options.outDir,
    courseIndex: false,
    ...(options.diagrams ? { diagrams: options.diagrams } : {}),
    ...(options.separators ? { separators: options.separators } : {}),
    ...(options.course ? { course: options.course } : {}),
  });
  const result: ExportResult = { build, pdfs: [], packs: [] };
  const printable = build.decks.filter((d) => d.outputDir && !hasErrors(d.compiled.diagnostics));
  if (printable.length > 0) {
    const { browser } = await options.session.get();
    const browserVersion = await browser.version().catch(() => 'unknown');
    for (const deck of printable) {
      try {
        const [pdfs] = await Promise.all([exportDeck(browser, deck, options, browserVersion), options.alongside?.(deck)]);
        for (const pdf of pdfs) result.pdfs.push(pdf);
      } catch (cause) {
        // One deck's PDFs failing (a page that never settles, a crashed window) stops that deck, not the export.
        deck.compiled.diagnostics.push({ ...internalError(deck.compiled.file, cause), code: 'pdf-failed', message: `its PDFs could not be printed: ${cause instanceof Error ? cause.message : String(cause)}` });
      }
    }
    // A course (course.yaml, even of one module so far) or several decks get the packs students download.
    if (options.course || build.decks.length > 1) await writePacks(browser, printable, result, options);
  }
  if (options.courseIndex) build.indexFile = await writeCourseIndex(build.decks, options.outDir, options.course?.file);
  return result;
}

/** The student pack (every handout) and the instructor pack (every guide), in the decks' order. */
async function writePacks(browser: Browser, decks: readonly DeckBuild[], result: ExportResult, options: ExportOptions): Promise<void> {
  const course = options.course?.file.title ?? decks.map((d) => d.compiled.deck?.meta.course).find((c) => c) ?? 'Course';
  for (const [kind, pdfKind] of [['student', 'handout'], ['instructor', 'guide']] as const) {
    if (!options.kinds.has(pdfKind)) continue;
    const parts = decks.flatMap((deck): PackPart[] => {
      const pdf = result.pdfs.find((p) => p.slug === deck.compiled.slug && p.kind === pdfKind);
      const meta = deck.compiled.deck?.meta;
      if (!pdf?.fingerprint) return [];
      return [{ title: meta?.title ?? deck.compiled.slug, ...(meta?.module !== undefined ? { module: meta.module } : {}), file: pdf.file, fingerprint: pdf.fingerprint }];
    });
    if (parts.length === 0) continue;
    try {
      result.packs.push(await writeCoursePack(browser, options.outDir, { kind, course, parts, paper: options.paper }));
    } catch (cause) {
      result.packs.push({ kind, file: join(options.outDir, kind), error: cause instanceof Error ? cause.message : String(cause) });
    }
  }
}

async function exportDeck(browser: Browser, build: DeckBuild, options: ExportOptions, browserVersion: string): Promise<ExportResult['pdfs']> {
  const { compiled } = build;
  const { deck, schedule, rendered, slug } = compiled;
  const deckDir = build.outputDir;
  if (!deck || !schedule || !rendered || !deckDir) return [];
  const written: ExportResult['pdfs'] = [];
  const title = deck.meta.title ?? slug;
  const metadata = (what: string): PdfMetadata => ({
    title: what ? `${title} — ${what}` : title,
    ...(deck.meta.author ? { author: deck.meta.author } : {}),
    subject: [deck.meta.course, deck.meta.module ? `Module ${deck.meta.module}` : ''].filter(Boolean).join(', ') || title,
    keywords: ['lectern', slug],
  });
  // A PDF whose inputs are unchanged since it was printed is reused (see pdf-fingerprint.ts).
  // The document information (title, author, course) is part of what is printed, whether or not the HTML shows it.
  const deckPrint = pdfFingerprint(await deckFingerprint(compiled, options.paper, browserVersion), 'metadata', JSON.stringify(metadata('')));
  const printed = await readPrinted(deckDir);
  const fileOf = (kind: PdfKind) => join(deckDir, `${slug}.${kind}.pdf`);
  const reuse = async (kind: PdfKind, fingerprint: string, started: number): Promise<boolean> => {
    const file = fileOf(kind);
    const record = await reusable(file, printed[kind], fingerprint);
    if (!record) return false;
    written.push({ slug, kind, file, pages: record.pages, reused: true, fingerprint });
    options.onProgress?.({ type: 'written', slug, kind, file, pages: record.pages, ms: Date.now() - started, reused: true });
    return true;
  };
  const save = async (kind: PdfKind, pdf: FinishedPdf, started: number, fingerprint: string) => {
    const file = fileOf(kind);
    await writeFileAtomic(file, pdf.bytes);
    printed[kind] = { fingerprint, pages: pdf.pages, bytes: pdf.bytes.byteLength };
    await writePrinted(deckDir, printed);
    written.push({ slug, kind, file, pages: pdf.pages, fingerprint });
    options.onProgress?.({ type: 'written', slug, kind, file, pages: pdf.pages, ms: Date.now() - started });
  };

  let started = Date.now();
  const slidesPrint = pdfFingerprint(deckPrint, 'slides');
  // The slides' inspection (the accessibility line) runs on the printed page while the handout prints.
  let note: string | undefined;
  const inspectSlides = options.inspectSlides;
  const inspect = inspectSlides
    ? async (page: Page) => {
        note = await inspectSlides(build, page).catch((cause: unknown) => `could not inspect the slides: ${cause instanceof Error ? cause.message : String(cause)}`);
      }
    : undefined;
  const slides = options.kinds.has('slides') && !(await reuse('slides', slidesPrint, started))
    ? await printSlides(browser, join(deckDir, 'index.html'), deck, {
        tabs: options.tabs,
        metadata: metadata(''),
        onProgress: (done, total) => options.onProgress?.({ type: 'pages', slug, done, total }),
        ...(inspect ? { inspect } : {}),
      })
    : undefined;
  if (slides) await save('slides', slides.pdf, started, slidesPrint);

  started = Date.now();
  const handout = options.kinds.has('handout') ? await handoutHtml(compiled, options.paper, options.diagrams) : undefined;
  if (handout !== undefined) {
    const fit = (page: Page) => fitHandoutPage(page, options.paper);
    const fingerprint = pdfFingerprint(deckPrint, 'handout', handout);
    if (!(await reuse('handout', fingerprint, started))) await save('handout', await printDocument(browser, deckDir, 'handout', handout, metadata('Student handout'), fit), started, fingerprint);
  }
  started = Date.now();
  const guide = options.kinds.has('guide') ? await guideHtml(compiled, options.paper) : undefined;
  if (guide !== undefined) {
    const fingerprint = pdfFingerprint(deckPrint, 'guide', guide);
    if (!(await reuse('guide', fingerprint, started))) await save('guide', await printDocument(browser, deckDir, 'guide', guide, metadata('Instructor guide')), started, fingerprint);
  }
  if (inspect) {
    if (slides?.inspection) await slides.inspection;
    else {
      const page = await openPrintView(browser, join(deckDir, 'index.html'));
      await inspect(page).finally(() => page.close().catch(() => undefined));
    }
    // After the deck's PDF lines, whenever the work ended: the report's order never depends on timing.
    if (note !== undefined) options.onProgress?.({ type: 'note', slug, text: note });
  }
  return written;
}
