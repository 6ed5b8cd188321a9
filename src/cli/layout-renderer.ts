import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserSession } from '../browser/browser-session.js';
import type { ManagedBrowser } from '../browser/launch-browser.js';
import { compareDiagnostics, type Diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import type { DiagramStage } from '../diagrams/deck-diagrams.js';
import { type CompiledDeck, type CompileOptions, compileDeck } from '../export/compile-deck.js';
import { writeCompiledDeck } from '../export/write-deck.js';

/**
 * Lays decks out in the command's browser (`check --render`, `build --render`, `export`) and
 * returns what it found, located at the element that overflows. The deck is laid out as built
 * with `sourcePositions` (every block element names its line), in a temporary folder: the
 * output folder never gets those attributes.
 */
export class LayoutRenderer {
  private missingReported = false;

  constructor(
    private readonly session: BrowserSession,
    readonly diagrams: DiagramStage | undefined,
  ) {}

  /** The problems of a deck compiled with `sourcePositions`; undefined when no browser could be found (already reported). */
  async check(compiled: CompiledDeck): Promise<Diagnostic[] | undefined> {
    const browser = await this.browser();
    if (!browser) return undefined;
    const { checkLayout } = await import('../browser/layout-check.js');
    const folder = await mkdtemp(join(tmpdir(), 'lectern-check-'));
    try {
      const deckDir = await writeCompiledDeck(compiled, folder);
      return await checkLayout(browser, join(deckDir, 'index.html'), compiled.file);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  /**
   * After a build: lays out what was built (`builtIndex`, when there is one) and, only if that
   * shows a problem, compiles the deck once more with every element's place to say where, then
   * adds the located problems to `compiled`'s diagnostics (sorted). Most decks fit, so most pay
   * for one layout and no second compile. Diagrams come from the cache the build just filled.
   * False when no browser could be found.
   */
  async addLayoutProblems(compiled: CompiledDeck, options: CompileOptions, builtIndex?: string): Promise<boolean> {
    if (hasErrors(compiled.diagnostics) || compiled.files.length === 0) return true;
    if (builtIndex !== undefined) {
      const browser = await this.browser();
      if (!browser) return false;
      const { checkLayout } = await import('../browser/layout-check.js');
      if ((await checkLayout(browser, builtIndex, compiled.file)).length === 0) return true;
    }
    const located = await compileDeck(compiled.file, { ...options, ...(this.diagrams ? { diagrams: this.diagrams } : {}), sourcePositions: true });
    if (hasErrors(located.diagnostics) || located.files.length === 0) return true;
    const found = await this.check(located);
    if (found === undefined) return false;
    compiled.diagnostics.push(...found);
    compiled.diagnostics.sort(compareDiagnostics);
    return true;
  }

  /** Runs `work` once the command's browser is up; undefined when none could be found (reported once). */
  async whenBrowser<T>(work: () => Promise<T>): Promise<T | undefined> {
    return (await this.browser()) ? work() : undefined;
  }

  private async browser(): Promise<ManagedBrowser | undefined> {
    const { BrowserNotFoundError } = await import('../browser/launch-browser.js');
    try {
      return await this.session.get();
    } catch (cause) {
      if (!(cause instanceof BrowserNotFoundError)) throw cause;
      if (!this.missingReported) process.stderr.write(`lectern: ${cause.message}\n  hint: ${cause.hint}\n`);
      this.missingReported = true;
      return undefined;
    }
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
