import type { DeckBuild } from '../export/build-decks.js';
import type { ExportProgress } from '../export/pdf/export-decks.js';
import { countBySeverity, deckDiagnosticsText, describeDeck, describeWarnings, displayPath, printDiagnostics } from './print.js';

/**
 * What `lectern export` prints, deck by deck: the deck's problems and its ✓ line, then its
 * PDFs. The ✓ line counts the layout warnings, and the layout check runs while the deck's PDFs
 * print, so a PDF finished before the check is held back until the deck's ✓ line is out. The
 * order never depends on timing: the same decks print the same lines whether or not stdout is a
 * terminal; only the page counter (a terminal's, on stderr) comes and goes.
 */
export class ExportReport {
  /** Diagnostics already printed, per deck file: a PDF that fails after the ✓ adds one. */
  private readonly printedDiagnostics = new Map<string, number>();
  /** PDF lines (and notes: the accessibility line) waiting for their deck's ✓ line, by slug. */
  private readonly heldPdfLines = new Map<string, string[]>();
  private readonly reportedSlugs = new Set<string>();
  private counterShown = false;

  constructor(private readonly options: { color: boolean; quiet: boolean; terminal: boolean }) {}

  readonly onProgress = (event: ExportProgress): void => {
    if (event.type === 'pages') {
      if (!this.options.terminal || this.options.quiet) return;
      process.stderr.write(`\r\x1b[2K  ${event.slug}: slides ${event.done}/${event.total} pages`);
      this.counterShown = true;
      return;
    }
    if (this.options.quiet) return;
    const line = event.type === 'note'
      ? `  ${event.text}`
      : `  ${displayPath(event.file)}: ${event.pages} page${event.pages === 1 ? '' : 's'} (${event.reused ? 'reused' : `${(event.ms / 1000).toFixed(1)} s`})`;
    if (this.reportedSlugs.has(event.slug)) this.writeLine(process.stdout, line);
    else this.heldPdfLines.set(event.slug, [...(this.heldPdfLines.get(event.slug) ?? []), line]);
  };

  /** A deck is built and laid out: its problems, its ✓ or ✗ line, then the PDFs it has printed so far. Once per deck. */
  deckChecked({ compiled, outputDir }: DeckBuild): void {
    if (this.printedDiagnostics.has(compiled.file)) return;
    this.clearCounter();
    printDiagnostics(compiled, this.options.color);
    this.printedDiagnostics.set(compiled.file, compiled.diagnostics.length);
    const { errors, warnings } = countBySeverity(compiled.diagnostics);
    if (errors > 0) this.writeLine(process.stdout, `✗ ${compiled.file}: ${plural(errors, 'error')}, no PDFs`);
    else if (!this.options.quiet) this.writeLine(process.stdout, `✓ ${compiled.slug}: ${describeDeck(compiled)}${describeWarnings(warnings)} → ${displayPath(`${outputDir}/index.html`)}`);
    this.reportedSlugs.add(compiled.slug);
    for (const line of this.heldPdfLines.get(compiled.slug) ?? []) this.writeLine(process.stdout, line);
    this.heldPdfLines.delete(compiled.slug);
  }

  /** After the export: a deck whose PDFs failed after its ✓ line gets its new problems and a ✗ line. */
  problemsSinceChecked({ compiled }: DeckBuild): void {
    const printed = this.printedDiagnostics.get(compiled.file) ?? 0;
    const added = compiled.diagnostics.slice(printed);
    if (added.length === 0) return;
    this.clearCounter();
    for (const text of deckDiagnosticsText({ diagnostics: added, source: compiled.source }, this.options.color)) process.stderr.write(`${text}\n`);
    this.printedDiagnostics.set(compiled.file, compiled.diagnostics.length);
    const { errors } = countBySeverity(added);
    if (errors > 0) this.writeLine(process.stdout, `✗ ${compiled.file}: ${plural(errors, 'error')}, not every PDF was printed`);
  }

  /** Clears the page counter, so that nothing is left of it on the terminal. */
  end(): void {
    this.clearCounter();
  }

  private writeLine(stream: NodeJS.WriteStream, line: string): void {
    this.clearCounter();
    stream.write(`${line}\n`);
  }

  private clearCounter(): void {
    if (this.counterShown) process.stderr.write('\r\x1b[2K');
    this.counterShown = false;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
