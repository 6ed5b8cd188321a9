import { join } from 'node:path';
import { BROWSER_INSTALL_HINT } from '../browser/find-browser.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { buildDecks } from '../export/build-decks.js';
import { describeDiagrams, setUpBrowser } from './diagram-setup.js';
import { LayoutRenderer } from './layout-renderer.js';
import { countBySeverity, describeDeck, describeWarnings, displayPath, printDiagnostics, useColor } from './print.js';
import { courseOfInputs, deckInputs, outputFolder } from './deck-inputs.js';
import { separatorFlags } from './separator-flags.js';

/**
 * `lectern build`: one summary line per deck; exit 1 when any deck has errors, or when its
 * diagrams (or --render) needed a browser and none was found (the HTML is still written).
 */
export async function runBuild(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const color = useColor(values, process.stderr);
  const inputs = deckInputs('build', positionals, { color });
  if (inputs.courseFailed) return 1;
  const outDir = outputFolder(values, inputs);
  const { session, diagrams } = setUpBrowser(values);
  try {
    const separators = separatorFlags(values);
    const result = await buildDecks(inputs.files, { outDir, courseIndex: inputs.fromFolder, ...courseOfInputs(inputs), ...(diagrams ? { diagrams } : {}), ...(separators ? { separators } : {}) });
    let failed = false;
    // --render: each deck is laid out in Chromium as `check --render` does; a plain build starts no browser for it.
    const layout = values.render === true ? new LayoutRenderer(session, diagrams) : undefined;
    for (const { compiled, outputDir } of result.decks) {
      const built = outputDir ? join(outputDir, 'index.html') : undefined;
      if (layout && !(await layout.addLayoutProblems(compiled, separators ? { separators } : {}, built))) failed = true;
      printDiagnostics(compiled, color);
      const { errors, warnings } = countBySeverity(compiled.diagnostics);
      failed ||= errors > 0;
      const counts = `${errors} error${errors === 1 ? '' : 's'}`;
      if (errors > 0 && !outputDir) process.stdout.write(`✗ ${compiled.file}: ${counts}, not built\n`);
      else if (errors > 0) process.stdout.write(`✗ ${compiled.slug}: ${counts}, built without the broken diagrams → ${displayPath(`${outputDir}/index.html`)}\n`);
      else if (!values.quiet) {
        process.stdout.write(`✓ ${compiled.slug}: ${describeDeck(compiled)}${describeWarnings(warnings)} → ${displayPath(`${outputDir}/index.html`)}\n`);
      }
    }
    if (result.indexFile && !values.quiet) process.stdout.write(`  course index → ${displayPath(result.indexFile)}\n`);
    const summary = describeDiagrams(diagrams, session);
    if (summary && !values.quiet) process.stdout.write(`${summary}\n`);
    if (diagrams?.browserMissing) {
      process.stderr.write(`lectern: no Chrome or Chromium was found; the decks were built and will draw their diagrams when opened\n  hint: ${BROWSER_INSTALL_HINT}\n`);
      failed = true;
    }
    return failed || result.decks.some((d) => hasErrors(d.compiled.diagnostics)) ? 1 : 0;
  } finally {
    await session.close();
  }
}
