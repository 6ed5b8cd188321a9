import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { DeckAudit } from '../browser/a11y-check.js';
import type { BrowserSession } from '../browser/browser-session.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagramStage } from '../diagrams/deck-diagrams.js';
import { type BuildCourse, type DeckBuild, writeCourseIndex } from '../export/build-decks.js';
import type { CompiledDeck } from '../export/compile-deck.js';
import { writeCompiledDeck } from '../export/write-deck.js';

/** How long the presenter view may take to connect and show its first slide's notes. */
const PRESENTER_TIMEOUT_MS = 30_000;

/**
 * `check --a11y`: each deck as built (with every element's place, so a problem is reported at its
 * line), its handout and guide, the course index the decks make, and each deck's presenter view
 * as `lectern serve` shows it, all checked with axe in the command's browser. Everything is written to a temporary
 * folder that is removed at the end.
 */
export class AccessibilityAuditor {
  private folder: Promise<string> | undefined;
  private readonly built: DeckBuild[] = [];

  constructor(
    private readonly session: BrowserSession,
    private readonly diagrams: DiagramStage | undefined,
  ) {}

  /**
   * The deck's problems, and its handout's and guide's (the pages their PDFs are printed from),
   * each at its line; `compiled` must carry `sourcePositions`.
   */
  async auditDeck(compiled: CompiledDeck): Promise<DeckAudit> {
    const browser = await this.session.get();
    const { auditDeck, auditPage } = await import('../browser/a11y-check.js');
    const { guideHtml, handoutHtml } = await import('../export/pdf/paper-pages.js');
    const outputDir = await writeCompiledDeck(compiled, await this.outDir());
    this.built.push({ compiled, outputDir });
    const audit = await auditDeck(browser, join(outputDir, 'index.html'), compiled.file, { live: true });
    // What fails on a slide fails again in its handout block and guide card: one fix, said once.
    const slideOf = (line: number) => compiled.deck?.slides.find((s) => line >= s.position.line && line <= s.endLine)?.index ?? -1;
    const onSlides = new Set(audit.diagnostics.map((d) => `${d.code}\0${slideOf(d.span.line)}`));
    const papers = [['handout', await handoutHtml(compiled, 'A4', this.diagrams)], ['guide', await guideHtml(compiled, 'A4')]] as const;
    for (const [name, html] of papers) {
      if (html === undefined) continue;
      // Beside the deck's index.html, so its assets/ and media/ resolve as they do when printing.
      const file = join(outputDir, `${name}.a11y.html`);
      await writeFile(file, html);
      const found = await auditPage(browser, pathToFileURL(file).href, compiled.file);
      for (const problem of found) {
        const key = `${problem.code}\0${slideOf(problem.span.line)}`;
        if (onSlides.has(key)) continue;
        onSlides.add(key);
        audit.diagnostics.push({ ...problem, message: `the ${name}: ${problem.message}` });
      }
    }
    return audit;
  }

  /** The course index of every deck audited so far, as `lectern build <folder>` writes it. */
  async auditCourseIndex(course: BuildCourse | undefined, label: string): Promise<Diagnostic[]> {
    const browser = await this.session.get();
    const { auditPage } = await import('../browser/a11y-check.js');
    const index = await writeCourseIndex(this.built, await this.outDir(), course?.file);
    return auditPage(browser, pathToFileURL(index).href, label);
  }

  /**
   * Each deck's presenter view, served by a live server on loopback for the time of the check: on
   * its first slide, and on its first activity (the timer panel) for the decks in `withActivity`.
   */
  async auditPresenterViews(files: readonly string[], course: BuildCourse | undefined, withActivity: ReadonlySet<string>): Promise<Map<string, Diagnostic[]>> {
    const browser = await this.session.get();
    const { auditPage } = await import('../browser/a11y-check.js');
    const { startLiveServer } = await import('../server/live-server.js');
    const server = await startLiveServer({
      files,
      host: '127.0.0.1',
      port: 0,
      rehearse: false,
      rehearsalsDir: join(await this.outDir(), 'rehearsals'),
      ...(this.diagrams ? { diagrams: this.diagrams } : {}),
      ...(course ? { course } : {}),
    });
    const found = new Map<string, Diagnostic[]>();
    try {
      for (const [slug, host] of server.hosts) {
        const url = `${server.url}/${encodeURIComponent(slug)}/presenter?token=${encodeURIComponent(server.token)}`;
        const connected = async (page: Page) => {
          await page.waitForFunction(
            () => document.getElementById('lp-connection')?.dataset.state === 'connected' && !document.getElementById('lp-notes')?.textContent?.includes('Loading'),
            { timeout: PRESENTER_TIMEOUT_MS },
          );
        };
        const problems = await auditPage(browser, url, host.file, connected);
        if (withActivity.has(host.file)) {
          problems.push(...(await auditPage(browser, url, host.file, async (page) => {
            await connected(page);
            await page.evaluate(stepToFirstActivity);
          })));
        }
        found.set(host.file, dedupe(problems));
      }
    } finally {
      await server.close();
    }
    return found;
  }

  private outDir(): Promise<string> {
    this.folder ??= mkdtemp(join(tmpdir(), 'lectern-a11y-'));
    return this.folder;
  }

  async close(): Promise<void> {
    if (this.folder) await rm(await this.folder, { recursive: true, force: true });
  }
}

/** Runs in the presenter view: presses Next until the timer panel shows (an activity), or the deck ends. */
async function stepToFirstActivity(): Promise<void> {
  const byId = (id: string) => document.getElementById(id);
  for (let step = 0; step < 1000 && byId('lp-timer')?.hidden !== false; step++) {
    const before = byId('lp-position')?.textContent;
    (byId('lp-next') as HTMLButtonElement | null)?.click();
    const started = Date.now();
    while (byId('lp-position')?.textContent === before && Date.now() - started < 3000) await new Promise((resolve) => setTimeout(resolve, 20));
    if (byId('lp-position')?.textContent === before) return;
  }
}

/** A problem seen on both visits is one problem. */
function dedupe(problems: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return problems.filter((d) => {
    const key = `${d.code}\0${d.span.line}\0${d.span.column}\0${d.message}\0${d.detail ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How the course index is named in its problems: the course file, else the index the folder's build writes. */
export function courseIndexLabel(course: BuildCourse | undefined, folder: string | undefined): string {
  if (course) return course.file.file;
  return folder ? `${join(folder, 'index.html')} (the course index)` : 'the course index';
}
