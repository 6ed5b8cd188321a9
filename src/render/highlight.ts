import { createRequire } from 'node:module';
import type { LanguageFn } from 'highlight.js';
import hljs from 'highlight.js/lib/core';
import { escapeHtml } from './escape.js';
import { LANGUAGE_MODULES } from './highlight-languages.js';

/** Names decks used before lectern had every language, which highlight.js itself does not know. */
const EXTRA_ALIASES: Readonly<Record<string, string>> = {
  cfg: 'ini',
  conf: 'ini',
  'github-actions': 'yaml',
  plain: 'plaintext',
  python3: 'python',
};

/**
 * What an unlabelled fence may be: the languages a course shows most. Every candidate costs a
 * highlighting pass per unlabelled block, and the rarer languages win on plain text by accident.
 */
export const AUTO_DETECT_LANGUAGES: readonly string[] = [
  'python', 'javascript', 'typescript', 'bash', 'shell', 'json', 'yaml', 'xml', 'css', 'java', 'c', 'cpp',
  'csharp', 'go', 'rust', 'php', 'ruby', 'sql', 'markdown', 'dockerfile', 'ini',
];

/**
 * Below this relevance an unlabelled block stays plain: prose, program output and short
 * commands score a few points in some language by accident; real code scores far more.
 */
const AUTO_DETECT_MIN_RELEVANCE = 5;

/**
 * Past these sizes a block is shown plain. highlight.js spends time quadratic in the length of a
 * word in some languages (C++: a 40,000-letter word takes 2.6 s) and in the length of the block
 * in others (C# on prose: 40 kB take 3.7 s); a slide shows a few dozen lines, so no real block
 * comes near. Documented under "Limits" in docs/deck-format.md.
 */
export const HIGHLIGHT_MAX_CHARS = 5_000;
export const HIGHLIGHT_MAX_LINE = 300;
/** An unlabelled block is highlighted once per candidate language to detect it: a smaller size still. */
export const AUTO_DETECT_MAX_CHARS = 2_000;

/** Too long to colour in a bounded time: the block, or one of its lines. */
function tooLongToColour(code: string, maxChars: number): boolean {
  if (code.length > maxChars) return true;
  for (let start = 0; start < code.length;) {
    const end = code.indexOf('\n', start);
    if ((end < 0 ? code.length : end) - start > HIGHLIGHT_MAX_LINE) return true;
    if (end < 0) break;
    start = end + 1;
  }
  return false;
}

// highlight.js's registry is process-wide; these mirror what lectern has put into it.
const registered = new Set<string>();
let aliases: Map<string, string> | undefined;
// Synchronous, so rendering stays a plain function: a language module is small and loads once.
const loadModule = createRequire(import.meta.url);

// Language auto-detection inside a highlighted block (an HTTP body) picks among the same set.
hljs.configure({ languages: [...AUTO_DETECT_LANGUAGES] });

/** highlight.js's module name for a fence's language, by name or alias in any case; undefined when unknown. */
export function resolveLanguage(name: string): string | undefined {
  const key = name.toLowerCase();
  if (Object.hasOwn(LANGUAGE_MODULES, key)) return key;
  if (!aliases) {
    // In module order, the last language claiming an alias wins, as in highlight.js's full build.
    aliases = new Map(Object.entries(EXTRA_ALIASES));
    for (const [language, module] of Object.entries(LANGUAGE_MODULES)) {
      for (const alias of module.aliases ?? []) aliases.set(alias, language);
    }
  }
  return aliases.get(key);
}

/** Registers a language, and those its embedded code is highlighted with, the first time it is needed. */
function loadLanguage(name: string): void {
  if (registered.has(name)) return;
  registered.add(name);
  hljs.registerLanguage(name, loadModule(`highlight.js/lib/languages/${name}`) as LanguageFn);
  for (const embedded of LANGUAGE_MODULES[name]?.embeds ?? []) {
    if (embedded === '*') AUTO_DETECT_LANGUAGES.forEach(loadLanguage);
    else if (Object.hasOwn(LANGUAGE_MODULES, embedded)) loadLanguage(embedded);
  }
}

export interface HighlightResult {
  html: string;
  /** highlight.js's name of the language the code was coloured as; absent when it is plain. */
  language?: string;
}

/**
 * Highlighted HTML for a code block: in its named language (any highlight.js has, loaded on
 * first use), auto-detected when `language` is empty, escaped and plain when it is unknown.
 */
export function highlightCode(code: string, language: string | undefined): HighlightResult {
  const label = language?.trim();
  if (!label) return detectLanguage(code);
  const name = resolveLanguage(label);
  if (!name || tooLongToColour(code, HIGHLIGHT_MAX_CHARS)) return { html: escapeHtml(code) };
  loadLanguage(name);
  return { html: hljs.highlight(code, { language: name, ignoreIllegals: true }).value, language: name };
}

function detectLanguage(code: string): HighlightResult {
  // Detection highlights the block once per candidate: past this size it stays plain.
  if (tooLongToColour(code, AUTO_DETECT_MAX_CHARS)) return { html: escapeHtml(code) };
  AUTO_DETECT_LANGUAGES.forEach(loadLanguage);
  const result = hljs.highlightAuto(code, [...AUTO_DETECT_LANGUAGES]);
  if (!result.language || result.relevance < AUTO_DETECT_MIN_RELEVANCE) return { html: escapeHtml(code) };
  return { html: result.value, language: result.language };
}
