import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { type Diagnostic, error, warning } from '../../diagnostics/diagnostic.js';
import type { Position } from '../../model/deck.js';
import { closest } from '../front-matter.js';
import { checkPattern, type SeparatorPatterns } from '../separators.js';

/** A project file of reveal-md's (`reveal-md.json`, `reveal.json`): its path as shown in messages, and its text. */
export interface ConfigFileText {
  file: string;
  text: string;
}

/** A value read from a configuration file, with where it stands there. */
export interface ConfigValue<T> {
  value: T;
  file: string;
  position: Position;
}

/** What lectern reads from reveal-md.json: the same keys, with the same meaning, as reveal-md. */
export interface RevealMdConfig {
  separators: { [K in keyof SeparatorPatterns]?: ConfigValue<SeparatorPatterns[K]> };
  revealOptions: Record<string, unknown>;
  theme?: ConfigValue<string>;
  highlightTheme?: ConfigValue<string>;
  title?: ConfigValue<string>;
  diagnostics: Diagnostic[];
}

/** reveal-md's options about serving, printing and templates: lectern has its own ways, so they are passed over quietly. */
const SERVING_KEYS = new Set([
  'assetsDir', 'css', 'scripts', 'preprocessor', 'template', 'listingTemplate', 'static', 'staticDir', 'staticDirs',
  'absoluteUrl', 'featuredSlide', 'watch', 'port', 'host', 'glob', 'mermaid', 'print', 'printSize', 'disableAutoOpen',
  'puppeteerLaunchArgs', 'puppeteerChromiumExecutable', 'base',
]);
const READ_KEYS = ['separator', 'verticalSeparator', 'notesSeparator', 'revealOptions', 'theme', 'highlightTheme', 'title'];

/**
 * Reads reveal-md.json (JSON, parsed with positions). Unknown keys warn; a separator that is not
 * a regular expression is an error at its place in the file.
 */
export function parseRevealMdConfig(config: ConfigFileText): RevealMdConfig {
  const result: RevealMdConfig = { separators: {}, revealOptions: {}, diagnostics: [] };
  const entries = readJsonObject(config, result.diagnostics, 'reveal-md.json holds one JSON object, e.g. { "separator": "^\\\\n\\\\n\\\\n" }');
  for (const { key, value, position, keyPosition } of entries) {
    const at = { file: config.file, ...position };
    if (key === 'separator' || key === 'verticalSeparator' || key === 'notesSeparator') {
      const pattern = key === 'verticalSeparator' && (value === null || value === false || value === '') ? null : value;
      const invalid = typeof pattern === 'string' ? checkPattern(pattern) : pattern === null ? undefined : 'not text';
      if (invalid) {
        result.diagnostics.push(error('bad-separator', `\`${key}\` is not a regular expression (${invalid})`, at,
          'write the separator as reveal-md does, a regular expression in a JSON string, e.g. "^\\\\n---\\\\n$"'));
      } else (result.separators as Record<string, unknown>)[key] = { value: pattern, file: config.file, position };
    } else if (key === 'revealOptions' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      result.revealOptions = value as Record<string, unknown>;
    } else if ((key === 'theme' || key === 'highlightTheme' || key === 'title') && typeof value === 'string') {
      result[key] = { value, file: config.file, position };
    } else if (READ_KEYS.includes(key)) {
      result.diagnostics.push(warning('config-type', `\`${key}\` has a value lectern cannot use (ignored)`, at));
    } else if (!SERVING_KEYS.has(key)) {
      const guess = closest(key, READ_KEYS);
      result.diagnostics.push(warning('config-unknown-key', `reveal-md.json: unknown key \`${key}\` (ignored)`, { file: config.file, ...keyPosition },
        guess ? `did you mean \`${guess}\`?` : `lectern reads ${READ_KEYS.join(', ')} from reveal-md.json`));
    }
  }
  return result;
}

/** reveal.json: reveal.js options for every deck, as reveal-md reads them. */
export function parseRevealJson(config: ConfigFileText): { revealOptions: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const entries = readJsonObject(config, diagnostics, 'reveal.json holds one JSON object of reveal.js options, e.g. { "transition": "fade" }');
  return { revealOptions: Object.fromEntries(entries.map((e) => [e.key, e.value])), diagnostics };
}

interface JsonEntry {
  key: string;
  value: unknown;
  keyPosition: Position;
  position: Position;
}

/** The top-level entries of a JSON object, each with its line and column; problems go to `diagnostics`. */
function readJsonObject(config: ConfigFileText, diagnostics: Diagnostic[], hint: string): JsonEntry[] {
  const lineCounter = new LineCounter();
  // JSON is YAML: the YAML parser gives positions that JSON.parse does not.
  const doc = parseDocument(config.text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const [problem] = doc.errors;
  if (problem) {
    diagnostics.push(error('config-syntax', `cannot read ${config.file}: ${problem.message.split('\n')[0] ?? ''}`, { file: config.file, ...at(problem.pos[0]) }, hint));
    return [];
  }
  if (doc.contents === null) return [];
  if (!isMap(doc.contents)) {
    diagnostics.push(error('config-syntax', `${config.file} must hold a JSON object`, { file: config.file, line: 1, column: 1 }, hint));
    return [];
  }
  return (doc.contents.items as Pair<YamlNode, YamlNode | null>[]).map((pair) => {
    const keyPosition = at(pair.key?.range?.[0] ?? 0);
    return {
      key: isScalar(pair.key) ? String(pair.key.value) : '',
      value: pair.value ? pair.value.toJSON() : null,
      keyPosition,
      position: pair.value?.range ? at(pair.value.range[0]) : keyPosition,
    };
  });
}
