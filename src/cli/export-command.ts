import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { BrowserNotFoundError } from '../browser/launch-browser.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { Page } from 'puppeteer-core';
import type { DeckBuild } from '../export/build-decks.js';
import { exportDecks, PDF_KIND_NAMES, type PdfKind } from '../export/pdf/export-decks.js';
import { describeDiagrams, setUpBrowser } from './diagram-setup.js';
import { LayoutRenderer } from './layout-renderer.js';
import { ExportReport } from './export-report.js';
import { displayPath, useColor } from './print.js';
import { courseOfInputs, deckInputs, outputFolder } from './deck-inputs.js';
import { separatorFlags } from './separator-flags.js';
import { UsageError } from './usage-error.js';

/**
 * The deck's accessibility in one line: axe on every slide of the print view the slides PDF is
 * printed from (no layout of its own: +0.8 s on the two course modules where a second print view
 * cost 2 s, and the live view 6 s, which `check --a11y` also checks), and the images the parser
 * found without alt text. `check --a11y` says where and why.
 */
async function accessibilityLine({ compiled }: DeckBuild, page: Page): Promise<string> {
  const { runAxe } = await import('../browser/axe-run.js');
  const { accessibilityDiagnostics, accessibilitySummary } = await import('../browser/a11y-report.js');
  const problems = accessibilityDiagnostics(await runAxe(page), compiled.file);
  const missingAlt = compiled.diagnostics.filter((d) => d.code === 'image-no-alt').length;
  return accessibilitySummary(problems, compiled.deck?.slides.length ?? 0, compiled.file, missingAlt);
}

/** `lectern export`: build, then the PDFs; per deck its problems and ✓ line, then a line per PDF; a page counter on a terminal. */
export async function runExport(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const inputs = deckInputs('export', positionals, { color: useColor(values, process.stderr) });
  if (inputs.courseFailed) return 1;
  const kinds = parseKinds(values.only);
  const separators = separatorFlags(values);
  const paper = parsePaper(values.paper);
  const color = useColor(values, process.stderr);
  const { session, diagrams } = setUpBrowser(values);
  const report = new ExportReport({ color, quiet: values.quiet === true, terminal: process.stderr.isTTY === true });
  // The browser is open anyway: each deck is laid out as `check --render` does, while its PDFs
  // print, so an overflow is a located warning, not a silent ✓.
  const layout = new LayoutRenderer(session, diagrams);
  const compileOptions = separators ? { separators } : {};
  const laidOut = new Set<string>();
  try {
    const result = await exportDecks(inputs.files, {
      alongside: async ({ compiled, outputDir }) => {
        laidOut.add(compiled.file);
        await layout.addLayoutProblems(compiled, compileOptions, outputDir ? join(outputDir, 'index.html') : undefined);
        report.deckChecked({ compiled, outputDir });
      },
      outDir: outputFolder(values, inputs),
      ...courseOfInputs(inputs),
      inspectSlides: accessibilityLine,
      kinds,
      paper,
      session,
      ...(diagrams ? { diagrams } : {}),
      ...(separators ? { separators } : {}),
      courseIndex: inputs.fromFolder,
      tabs: availableParallelism(),
      onProgress: report.onProgress,
    });
    // Decks with errors (no PDFs, so no layout check alongside) are reported here, after the
    // printed ones, and so is a deck whose PDFs failed after its ✓ line.
    for (const deck of result.build.decks) {
      if (!laidOut.has(deck.compiled.file)) await layout.addLayoutProblems(deck.compiled, compileOptions, deck.outputDir ? join(deck.outputDir, 'index.html') : undefined);
      report.deckChecked(deck);
      report.problemsSinceChecked(deck);
    }
    if (result.build.indexFile && !values.quiet) process.stdout.write(`  course index → ${displayPath(result.build.indexFile)}\n`);
    for (const pack of result.packs) {
      if ('error' in pack) process.stderr.write(`lectern: the ${pack.kind} course pack could not be made: ${pack.error}\n`);
      else if (!values.quiet) process.stdout.write(`  course pack → ${displayPath(pack.file)}: ${pack.pages} page${pack.pages === 1 ? '' : 's'}${pack.reused ? ' (reused)' : ''}\n`);
    }
    const summary = describeDiagrams(diagrams, session);
    if (summary && !values.quiet) process.stdout.write(`${summary}\n`);
    return result.build.decks.some((d) => hasErrors(d.compiled.diagnostics)) || result.packs.some((p) => 'error' in p) ? 1 : 0;
  } catch (cause) {
    if (!(cause instanceof BrowserNotFoundError)) throw cause;
    process.stderr.write(`lectern: ${cause.message}; PDFs need one (the HTML decks were built)\n  hint: ${cause.hint}\n`);
    return 1;
  } finally {
    report.end();
    await session.close();
  }
}

function parseKinds(only: unknown): Set<PdfKind> {
  if (only === undefined) return new Set(PDF_KIND_NAMES);
  const names = String(only).split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(PDF_KIND_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) throw new UsageError(`--only takes ${PDF_KIND_NAMES.join(', ')} (comma-separated), not \`${String(only)}\``);
  return new Set(names as PdfKind[]);
}

function parsePaper(paper: unknown): 'A4' | 'Letter' {
  if (paper === undefined) return 'A4';
  const name = String(paper).toLowerCase();
  if (name === 'a4') return 'A4';
  if (name === 'letter') return 'Letter';
  throw new UsageError(`--paper is A4 or Letter, not \`${String(paper)}\``);
}
