import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
 * line), the course index the decks make, and each deck's presenter view as `lectern serve`
 * shows it, all checked with axe in the command's browser. Everything is written to a temporary
 * folder that is removed at the end.
 */
export class AccessibilityAuditor {
  private folder: Promise<string> | undefined;
  private readonly built: DeckBuild[] = [];

  constructor(
    private readonly session: BrowserSession,
    private readonly diagrams: DiagramStage | undefined,
  ) {}

  /** The deck's problems; `compiled` must carry `sourcePositions`. */
  async auditDeck(compiled: CompiledDeck): Promise<DeckAudit> {
    const browser = await this.session.get();
    const { auditDeck } = await import('../browser/a11y-check.js');
    const outputDir = await writeCompiledDeck(compiled, await this.outDir());
    this.built.push({ compiled, outputDir });
    return auditDeck(browser, join(outputDir, 'index.html'), compiled.file, { live: true });
  }

  /** The course index of every deck audited so far, as `lectern build <folder>` writes it. */
  async auditCourseIndex(course: BuildCourse | undefined, label: string): Promise<Diagnostic[]> {
    const browser = await this.session.get();
    const { auditPage } = await import('../browser/a11y-check.js');
    const index = await writeCourseIndex(this.built, await this.outDir(), course?.file);
    return auditPage(browser, pathToFileURL(index).href, label);
  }

  /** Each deck's presenter view, served by a live server on loopback for the time of the check. */
  async auditPresenterViews(files: readonly string[], course: BuildCourse | undefined): Promise<Map<string, Diagnostic[]>> {
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
        found.set(host.file, await auditPage(browser, url, host.file, async (page) => {
          await page.waitForFunction(
            () => document.getElementById('lp-connection')?.dataset.state === 'connected' && !document.getElementById('lp-notes')?.textContent?.includes('Loading'),
            { timeout: PRESENTER_TIMEOUT_MS },
          );
        }));
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

/** How the course index is named in its problems: the course file, else the folder's index. */
export function courseIndexLabel(course: BuildCourse | undefined, folder: string | undefined): string {
  if (course) return course.file.file;
  return folder ? join(folder, 'index.html') : basename('index.html');
}
