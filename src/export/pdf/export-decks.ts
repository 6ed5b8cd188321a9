import type { Browser, Page } from 'puppeteer-core';
import { join } from 'node:path';
import type { BrowserSession } from '../../browser/browser-session.js';
import type { DiagramStage } from '../../diagrams/deck-diagrams.js';
import { drawUprightDiagrams } from '../../diagrams/upright-diagrams.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { renderGuidePage } from '../../render/render-guide.js';
import { renderHandoutPage } from '../../render/render-handout.js';
import { rehearsedSeconds } from '../../model/rehearsal-match.js';
import { writeFileAtomic } from '../atomic-write.js';
import { type BuildResult, buildDecks, type DeckBuild, writeCourseIndex } from '../build-decks.js';
import { internalError } from '../compile-deck.js';
import { latestRehearsal } from '../rehearsal-files.js';
import type { FinishedPdf, PdfMetadata } from './pdf-document.js';
import { fitHandoutPage } from './fit-handout.js';
import { printDocument } from './print-document.js';
import { printSlides } from './print-slides.js';
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
  /** Tabs printing one deck's slides at once. */
  tabs: number;
  /** Work on a built deck that runs while its PDFs print (the CLI's layout check): the second core is idle then. */
  alongside?: (deck: DeckBuild) => Promise<unknown>;
  onProgress?: (event: ExportProgress) => void;
}

export type ExportProgress =
  | { type: 'pages'; slug: string; done: number; total: number }
  | { type: 'written'; slug: string; kind: PdfKind; file: string; pages: number; ms: number };

export interface ExportResult {
  build: BuildResult;
  pdfs: { slug: string; kind: PdfKind; file: string; pages: number }[];
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
  });
  const result: ExportResult = { build, pdfs: [] };
  const printable = build.decks.filter((d) => d.outputDir && !hasErrors(d.compiled.diagnostics));
  if (printable.length > 0) {
    const { browser } = await options.session.get();
    for (const deck of printable) {
      try {
        const [pdfs] = await Promise.all([exportDeck(browser, deck, options), options.alongside?.(deck)]);
        for (const pdf of pdfs) result.pdfs.push(pdf);
      } catch (cause) {
        // One deck's PDFs failing (a page that never settles, a crashed window) stops that deck, not the export.
        deck.compiled.diagnostics.push({ ...internalError(deck.compiled.file, cause), code: 'pdf-failed', message: `its PDFs could not be printed: ${cause instanceof Error ? cause.message : String(cause)}` });
      }
    }
  }
  if (options.courseIndex) build.indexFile = await writeCourseIndex(build.decks, options.outDir);
  return result;
}

async function exportDeck(browser: Browser, build: DeckBuild, options: ExportOptions): Promise<ExportResult['pdfs']> {
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
  const save = async (kind: PdfKind, pdf: FinishedPdf, started: number) => {
    const file = join(deckDir, `${slug}.${kind}.pdf`);
    await writeFileAtomic(file, pdf.bytes);
    written.push({ slug, kind, file, pages: pdf.pages });
    options.onProgress?.({ type: 'written', slug, kind, file, pages: pdf.pages, ms: Date.now() - started });
  };

  let started = Date.now();
  const slides = options.kinds.has('slides')
    ? await printSlides(browser, join(deckDir, 'index.html'), deck, {
        tabs: options.tabs,
        metadata: metadata(''),
        onProgress: (done, total) => options.onProgress?.({ type: 'pages', slug, done, total }),
      })
    : undefined;
  if (slides) await save('slides', slides.pdf, started);

  const shared = { paper: options.paper, diagrams: rendered.diagrams, assetUrl: rendered.assetUrl };
  if (options.kinds.has('handout')) {
    started = Date.now();
    const upright = options.diagrams ? await drawUprightDiagrams(options.diagrams, deck, rendered.themeCss, compiled.source ?? '') : undefined;
    const html = renderHandoutPage(deck, schedule, { ...shared, ...(upright ? { uprightDiagrams: upright } : {}) });
    const fit = (page: Page) => fitHandoutPage(page, options.paper);
    await save('handout', await printDocument(browser, deckDir, 'handout', html, metadata('Student handout'), fit), started);
  }
  if (options.kinds.has('guide')) {
    started = Date.now();
    const recording = await latestRehearsal(slug);
    const rehearsal = recording ? { rehearsal: rehearsedSeconds(recording, deck) } : {};
    // The guide draws each slide from its own HTML and the deck's stylesheets: vector, and no
    // screenshot per slide (which cost ~40 ms a slide).
    const previews = {
      sections: new Map(rendered.sections.map((s) => [s.index, s.html])),
      // reveal.css is left out: its print rules lay slides out for paper and cut the previews.
      stylesheets: compiled.files.filter((f) => /^assets\/(theme|highlight|lectern)\.css$/.test(f.to)).map((f) => f.to),
    };
    const html = renderGuidePage(deck, schedule, { ...shared, previews, ...rehearsal });
    await save('guide', await printDocument(browser, deckDir, 'guide', html, metadata('Instructor guide')), started);
  }
  return written;
}
