import { type Diagnostic, type SourceSpan, warning } from '../diagnostics/diagnostic.js';
import { closest } from '../diagnostics/did-you-mean.js';

/** The keys of a course file, in the order the documentation lists them. */
export const COURSE_KEYS: readonly string[] = ['title', 'code', 'term', 'theme', 'out', 'modules'];

/** The keys of one module written as a mapping. */
export const MODULE_KEYS: readonly string[] = ['deck', 'date', 'duration'];

/**
 * Words people reach for that are too far from the key for "did you mean" by spelling: other
 * tools' names for the same thing (`decks`, `output`, `outDir`), and the deck's own word `length`.
 */
const SYNONYMS: Record<string, string> = {
  decks: 'modules', lessons: 'modules', sessions: 'modules', lectures: 'modules',
  name: 'title', output: 'out', outdir: 'out', 'out-dir': 'out', dest: 'out', dist: 'out',
  semester: 'term', number: 'code',
  file: 'deck', path: 'deck', src: 'deck', day: 'date', when: 'date', length: 'duration', time: 'duration',
};

/** An unknown key is a warning (the course still builds without it), with the key it was likely meant to be. */
export function unknownKey(key: string, where: string, known: readonly string[], span: SourceSpan): Diagnostic {
  const synonym = SYNONYMS[key.toLowerCase()];
  const suggestion = synonym !== undefined && known.includes(synonym) ? synonym : closest(key, known);
  return warning('course-unknown-key', `unknown ${where} key \`${key}\` (ignored)`, span,
    suggestion ? `did you mean \`${suggestion}\`?` : `known keys: ${known.join(', ')}`);
}
