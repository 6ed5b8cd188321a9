import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDeck } from '../deck/parse-deck.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { writeFileAtomic } from '../export/atomic-write.js';
import { type CompiledDeck, compileDeck, slugOf } from '../export/compile-deck.js';
import { latestRehearsalFile, readRehearsal, REHEARSALS_DIR, type RehearsalFile } from '../export/rehearsal-files.js';
import { applyRehearsedTimes } from '../model/rehearsal-apply.js';
import { compareRehearsal } from '../model/rehearsal-report.js';
import { formatRehearsalReport } from '../model/rehearsal-report-text.js';
import { displayPath, printDiagnostics, useColor } from './print.js';
import { type CommandSpec, commandSpec } from './command-specs.js';
import { usageSynopsis } from './help-text.js';
import { UsageError } from './usage-error.js';

const USAGE = usageSynopsis(commandSpec('rehearsal') as CommandSpec);

/**
 * `lectern rehearsal`: the latest rehearsal of a deck (or `--file`) against the deck's plan,
 * slide by slide and section by section; `--apply` writes the rehearsed times into the deck
 * as `time=` (atomically; every other byte of the deck stays as it was).
 */
export async function runRehearsal(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length > 1) throw new UsageError(`rehearsal takes one deck, not ${positionals.length}: ${USAGE}`);
  if (values.file !== undefined && (typeof values.file !== 'string' || values.file === '')) throw new UsageError('--file needs the path of a recording');
  const recordingFile = typeof values.file === 'string' ? values.file : undefined;
  const apply = values.apply === true;
  const target = positionals[0];
  if (target === undefined && recordingFile === undefined) throw new UsageError(`rehearsal needs a deck: ${USAGE}`);
  if (target === '') throw new UsageError(`rehearsal needs a deck: ${USAGE}`);
  const deckPath = target !== undefined && looksLikePath(target) ? target : undefined;
  if (deckPath && existsSync(deckPath) && statSync(deckPath).isDirectory()) {
    throw new UsageError(`rehearsal takes one deck, not a folder: ${deckPath}`);
  }

  let found: RehearsalFile;
  if (recordingFile !== undefined) {
    const recording = await readRehearsal(recordingFile);
    if (!recording) {
      process.stderr.write(`lectern: ${recordingFile} is not a rehearsal recording (missing, not JSON, or not in the recording format)\n`);
      return 1;
    }
    found = { file: recordingFile, recording };
  } else {
    const slug = deckPath ? slugOf(deckPath) : (target ?? '');
    const latest = await latestRehearsalFile(slug);
    if (!latest) {
      process.stderr.write(`lectern: no rehearsal of ${slug} found in ${join(REHEARSALS_DIR, slug)}/ (rehearse it in the presenter view first)\n`);
      return 1;
    }
    found = latest;
  }
  const { recording } = found;
  const slug = deckPath ? slugOf(deckPath) : (target ?? recording.slug);

  const deckFile = deckPath ?? findDeck(slug, recording.file);
  let compiled: CompiledDeck | undefined;
  if (deckFile) {
    compiled = await compileDeck(deckFile);
    if (!compiled.deck || hasErrors(compiled.diagnostics)) {
      printDiagnostics({ ...compiled, diagnostics: compiled.diagnostics.filter((d) => d.severity === 'error') }, useColor(values, process.stderr));
      if (apply || !compiled.deck) {
        process.stderr.write(`lectern: ${displayPath(deckFile)} has errors; fix them first${apply ? ', then apply the rehearsal' : ''}\n`);
        return 1;
      }
    }
  } else if (apply) {
    throw new UsageError(`no deck found for \`${slug}\` (looked for ${join('decks', `${slug}.md`)}): give the deck's path, e.g. lectern rehearsal path/to/${slug}.md --apply`);
  } else {
    process.stderr.write(`lectern: no deck found for \`${slug}\` (looked for ${join('decks', `${slug}.md`)}); comparing with the plan recorded in the rehearsal\n`);
  }
  if (recording.slug !== slug) process.stderr.write(`lectern: note: ${displayPath(found.file)} is a rehearsal of ${recording.slug}, not ${slug}\n`);

  const report = compareRehearsal(recording, compiled?.deck, compiled?.schedule);
  process.stdout.write(`${displayPath(found.file)}\n${formatRehearsalReport(report)}\n`);
  if (!apply || !compiled?.deck || compiled.source === undefined || !deckFile) return 0;

  const applied = applyRehearsedTimes(compiled.source, compiled.deck, recording);
  const notes = [
    applied.skipped > 0 ? `${plural(applied.skipped, 'recorded slide')} skipped: title no longer matches the deck` : '',
    applied.tooShort > 0 ? `${plural(applied.tooShort, 'slide')} shown for under 8s left as planned` : '',
  ].filter(Boolean);
  const tail = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  if (applied.changed === 0) {
    process.stdout.write(`\nno slide times changed in ${displayPath(deckFile)}${tail}\n`);
    return 0;
  }
  // The rewritten deck must read as well as before: same slides, no new errors.
  const check = parseDeck(applied.source, compiled.file, compiled.slug, undefined, compiled.reading);
  if (check.deck.slides.length !== compiled.deck.slides.length || hasErrors(check.diagnostics)) {
    process.stderr.write(`lectern: internal error: applying the rehearsal would change the structure of ${displayPath(deckFile)}; the deck was not written (please report it)\n`);
    return 1;
  }
  await writeFileAtomic(deckFile, applied.source);
  process.stdout.write(`\n✓ wrote the rehearsed times of ${plural(applied.changed, 'slide')} to ${displayPath(deckFile)}${tail}\n`);
  return 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `decks/x.md`, `./x.md`, `x.md`: a path; `x`: a slug. */
function looksLikePath(target: string): boolean {
  return /\.(md|markdown)$/i.test(target) || target.includes('/') || target.includes('\\');
}

/** A slug's deck: `decks/<slug>.md`, else the file the recording was made from when it is that deck. */
function findDeck(slug: string, recordedFile: string): string | undefined {
  const candidates = [join('decks', `${slug}.md`), recordedFile];
  return candidates.find((file) => file !== '' && slugOf(file) === slug && existsSync(file) && statSync(file).isFile());
}
