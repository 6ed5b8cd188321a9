import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserSession } from '../browser/browser-session.js';
import type { ManagedBrowser } from '../browser/launch-browser.js';
import { compareDiagnostics, type Diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { type CompiledDeck, compileDeck } from '../export/compile-deck.js';
import type { DiagramStage } from '../diagrams/deck-diagrams.js';
import { writeCompiledDeck } from '../export/write-deck.js';
import { countBySeverity, describeDeck, formatSchedule, printDiagnostics, useColor } from './print.js';
import { deckInputs } from './deck-inputs.js';
import { separatorFlags } from './separator-flags.js';

/**
 * `lectern check`: every diagnostic, then each deck's schedule; writes nothing. With `--render`
 * each deck without errors is also built into a temporary folder and laid out in Chromium.
 */
export async function runCheck(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const inputs = deckInputs('check', positionals);
  const separators = separatorFlags(values);
  const color = useColor(values, process.stderr);
  // Diagrams are always checked (Mermaid's syntax errors are deck errors); the layout only with --render.
  const renderer = await LayoutRenderer.create(values);
  let failed = false;
  try {
    for (const file of inputs.files) {
      const compiled = await compileDeck(file, { ...(renderer.diagrams ? { diagrams: renderer.diagrams } : {}), ...(separators ? { separators } : {}) });
      if (values.render === true && !hasErrors(compiled.diagnostics) && compiled.files.length > 0) {
        const found = await renderer.check(compiled);
        if (found === undefined) return 1;
        compiled.diagnostics.push(...found);
        compiled.diagnostics.sort(compareDiagnostics);
      }
      printDiagnostics(compiled, color);
      const { errors, warnings } = countBySeverity(compiled.diagnostics);
      failed ||= errors > 0;
      process.stdout.write(`\n${compiled.file}: ${describeDeck(compiled)}; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
      if (compiled.schedule) process.stdout.write(`${formatSchedule(compiled.schedule)}\n`);
    }
  } finally {
    await renderer.close();
  }
  return failed ? 1 : 0;
}

/**
 * One browser for the whole command, launched on first use (never, when every diagram is
 * cached and there is no --render) and shared with the diagram stage, so the slides are
 * measured with their diagrams drawn as `lectern build` draws them.
 */
class LayoutRenderer {
  private missingReported = false;

  private constructor(
    private readonly session: BrowserSession,
    readonly diagrams: DiagramStage | undefined,
  ) {}

  static async create(values: Record<string, unknown>): Promise<LayoutRenderer> {
    const { setUpBrowser } = await import('./diagram-setup.js');
    const { session, diagrams } = setUpBrowser(values);
    return new LayoutRenderer(session, diagrams);
  }

  /** The deck's layout problems; undefined when no browser could be found (already reported). */
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
