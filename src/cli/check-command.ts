import { compareDiagnostics, hasErrors } from '../diagnostics/diagnostic.js';
import { compileDeck } from '../export/compile-deck.js';
import { LayoutRenderer } from './layout-renderer.js';
import { countBySeverity, describeDeck, formatSchedule, printDiagnostics, useColor } from './print.js';
import { deckInputs } from './deck-inputs.js';
import { courseOverride } from '../course/course-decks.js';
import { separatorFlags } from './separator-flags.js';

/**
 * `lectern check`: every diagnostic, then each deck's schedule; writes nothing. With `--render`
 * each deck without errors is also built into a temporary folder and laid out in Chromium.
 */
export async function runCheck(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const color = useColor(values, process.stderr);
  const inputs = deckInputs('check', positionals, { color });
  if (inputs.courseFailed) return 1;
  const separators = separatorFlags(values);
  // Diagrams are always checked (Mermaid's syntax errors are deck errors); the layout only with --render.
  // One browser for the whole command, launched on first use (never, when every diagram is cached
  // and there is no --render) and shared with the diagram stage, so the slides are measured with
  // their diagrams drawn as `lectern build` draws them.
  const { setUpBrowser } = await import('./diagram-setup.js');
  const { session, diagrams } = setUpBrowser(values);
  const renderer = new LayoutRenderer(session, diagrams);
  const render = values.render === true;
  let failed = false;
  try {
    for (const file of inputs.files) {
      // With --render every element carries its line, so an overflow is reported where it happens.
      const course = inputs.course ? courseOverride(inputs.course, file, inputs.courseTheme) : undefined;
      const compiled = await compileDeck(file, { ...(diagrams ? { diagrams } : {}), ...(separators ? { separators } : {}), ...(render ? { sourcePositions: true } : {}), ...(course ? { course } : {}) });
      if (render && !hasErrors(compiled.diagnostics) && compiled.files.length > 0) {
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
