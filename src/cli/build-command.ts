import { displayPath } from './print.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { buildDecks } from '../export/build-decks.js';
import { findDecks } from '../export/find-decks.js';
import { countBySeverity, describeDeck, printDiagnostics, useColor } from './print.js';
import { UsageError } from './usage-error.js';

/** `lectern build`: one summary line per deck; exit 1 when any deck has errors. */
export async function runBuild(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length === 0) throw new UsageError('build needs at least one deck file or folder');
  const inputs = findDecks(positionals);
  if (inputs.missing.length > 0) throw new UsageError(`not a deck file or folder: ${inputs.missing.join(', ')}`);
  if (inputs.files.length === 0) throw new UsageError(`no .md decks in ${positionals.join(', ')}`);
  const outDir = String(values.out ?? 'dist');
  const color = useColor(values, process.stderr);
  const result = await buildDecks(inputs.files, { outDir, courseIndex: inputs.fromFolder });
  let failed = false;
  for (const { compiled, outputDir } of result.decks) {
    printDiagnostics(compiled, color);
    const { errors, warnings } = countBySeverity(compiled.diagnostics);
    if (errors > 0) {
      failed = true;
      process.stdout.write(`✗ ${compiled.file}: ${errors} error${errors === 1 ? '' : 's'}, not built\n`);
    } else if (!values.quiet) {
      const warned = warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '';
      process.stdout.write(`✓ ${compiled.slug}: ${describeDeck(compiled)}${warned} → ${displayPath(`${outputDir}/index.html`)}\n`);
    }
  }
  if (result.indexFile && !values.quiet) process.stdout.write(`  course index → ${displayPath(result.indexFile)}\n`);
  return failed || result.decks.some((d) => hasErrors(d.compiled.diagnostics)) ? 1 : 0;
}
