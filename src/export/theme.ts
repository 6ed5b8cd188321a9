import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import { isInside, realPath } from './project-folder.js';
import type { Position } from '../model/deck.js';
import { isLocalPath, isRemote } from '../deck/annotate-tokens.js';
import { createRequire } from 'node:module';
import { PACKAGE_ROOT, revealDist } from './package-files.js';

const require = createRequire(import.meta.url);

export interface ResolvedTheme {
  /** Where it came from: lectern's themes/, reveal.js's built-ins, or a file the deck names. */
  origin: 'lectern' | 'reveal' | 'file';
  path: string;
  /** The stylesheet, made offline: remote imports removed, local url()s pointing at copies. */
  css: string;
  /** Files the stylesheet refers to: copy `from` to `assets/<to>`. */
  files: { from: string; to: string }[];
}

export interface ThemeResult {
  theme?: ResolvedTheme;
  diagnostics: Diagnostic[];
}

export function lecternThemeNames(): string[] {
  return cssNames(join(PACKAGE_ROOT, 'themes'));
}

export function revealThemeNames(): string[] {
  return cssNames(join(revealDist(), 'theme'));
}

function cssNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.css')).map((f) => f.slice(0, -4)).sort();
}

/**
 * `theme:` is a file in lectern's themes/, a path (relative to the deck), or a reveal.js theme name.
 * A theme file of the deck's own, and every file it imports or names, must lie in the project
 * folder (symlinks followed): nothing from outside it reaches the output.
 */
export function resolveTheme(name: string, deckDir: string, file: string, position: Position, projectRoot: string = deckDir): ThemeResult {
  const candidates: { origin: ResolvedTheme['origin']; path: string }[] = [];
  if (name.endsWith('.css') || name.includes('/') || name.includes('\\')) {
    candidates.push({ origin: 'file', path: isAbsolute(name) ? name : resolve(deckDir, name) });
  } else {
    candidates.push({ origin: 'lectern', path: join(PACKAGE_ROOT, 'themes', `${name}.css`) });
    candidates.push({ origin: 'reveal', path: join(revealDist(), 'theme', `${name}.css`) });
  }
  const found = candidates.find((c) => isFile(c.path));
  if (found?.origin === 'file' && !isInside(realPath(projectRoot), realPath(found.path))) {
    return { diagnostics: [error('asset-outside-project', `theme \`${name}\` is outside the project folder`, { file, ...position },
      `a deck may only name files inside its project folder (${projectRoot}); copy the theme into it`)] };
  }
  if (!found) {
    // A theme written for another tool, or a file not in the repository: the deck is still shown, in the default look.
    const names = [...lecternThemeNames(), ...revealThemeNames()];
    const fallback = resolveTheme(DEFAULT_THEME, deckDir, file, position, projectRoot);
    fallback.diagnostics.unshift(
      warning('unknown-theme', `theme \`${name}\` was not found; the deck uses lectern's \`${DEFAULT_THEME}\` theme`, { file, ...position },
        `use a path to a .css file, or one of: ${names.join(', ')}`),
    );
    return fallback;
  }
  // A built-in theme's files lie in its package (lectern's, or reveal.js's wherever npm put it).
  const roots = found.origin === 'file' ? [projectRoot] : [PACKAGE_ROOT, dirname(revealDist())];
  return makeOffline(found.origin, found.path, file, position, roots.map(realPath));
}

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // a path through a file (ENOTDIR), or one the system refuses
  }
}

const DEFAULT_THEME = 'course';

/** Stands in for an inlined @import while the importing file's url()s are rewritten. */
const IMPORT_MARK = '\u{E000}lectern-import\u{E000}';
const IMPORT_PLACEHOLDER = new RegExp(`${IMPORT_MARK}(\\d+)${IMPORT_MARK}`, 'gu');

function makeOffline(origin: ResolvedTheme['origin'], path: string, file: string, position: Position, roots: readonly string[]): ThemeResult {
  const diagnostics: Diagnostic[] = [];
  const files: ResolvedTheme['files'] = [];
  let removedImports = 0;
  const missing = (url: string, user: string) =>
    diagnostics.push(warning('theme-file-missing', `theme file \`${url}\` (used by ${basename(user)}) was not found`, { file, ...position }));
  const outside = (url: string, user: string) =>
    diagnostics.push(warning('theme-file-outside-project', `theme file \`${url}\` (used by ${basename(user)}) is outside the project folder and was left out`,
      { file, ...position }, 'copy the file into the project folder'));
  /** A file the theme may use: one that exists, is a file, and lies in the theme's own folders; else undefined, said once. */
  const usable = (target: string, url: string, user: string): string | undefined => {
    if (!isFile(target)) return void missing(url, user);
    const real = realPath(target);
    if (!roots.some((root) => isInside(root, real))) return void outside(url, user);
    return real;
  };

  // Local @imports are inlined (a theme may build on another, as high-contrast builds on course);
  // remote ones are dropped; url()s point at copies made beside the deck. An imported file's
  // url()s are resolved against that file, before it is inlined.
  const load = (cssPath: string, seen: ReadonlySet<string>): string => {
    const inlined: string[] = [];
    return readFileSync(cssPath, 'utf8')
      .replace(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)["']?\s*\)?[^;]*;/g, (_whole, url: string) => {
        if (isRemote(url)) {
          removedImports++;
          return '';
        }
        const imported = usable(resolve(dirname(cssPath), url), url, cssPath);
        inlined.push(imported !== undefined && !seen.has(imported) ? load(imported, new Set([...seen, imported])) : '');
        return `${IMPORT_MARK}${inlined.length - 1}${IMPORT_MARK}`;
      })
      .replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (whole, _quote: string, url: string) => {
        if (!isLocalPath(url)) return whole;
        const source = usable(resolve(dirname(cssPath), url.split(/[?#]/)[0] ?? url), url, cssPath);
        if (source === undefined) return whole;
        const target = `theme-files/${createHash('sha1').update(source).digest('hex').slice(0, 8)}-${basename(source)}`;
        files.push({ from: source, to: target });
        return `url("${target}")`;
      })
      .replace(IMPORT_PLACEHOLDER, (_whole, index: string) => inlined[Number(index)] ?? '');
  };
  const css = load(realPath(path), new Set([realPath(path)]));
  if (removedImports > 0) {
    diagnostics.push(
      warning('theme-web-fonts', `theme \`${basename(path)}\` loads ${removedImports} stylesheet(s) from the web; they were left out so the deck works offline`,
        { file, ...position }, 'the theme falls back to system fonts; lectern\'s own themes need no network'),
    );
  }
  return { theme: { origin, path, css, files }, diagnostics };
}

/**
 * reveal-md's `highlightTheme`: a highlight.js style by name (`monokai`, `github`, `base16/zenburn`),
 * with its selectors raised under `.reveal` so it wins over the deck theme's own code colours.
 */
export function resolveHighlightTheme(name: string, file: string, position: Position): { css?: string; diagnostics: Diagnostic[] } {
  const styles = join(dirname(require.resolve('highlight.js/package.json')), 'styles');
  const path = join(styles, `${name.replace(/\.css$/, '')}.css`);
  if (!/^[\w./-]+$/.test(name) || name.includes('..') || !existsSync(path)) {
    return {
      diagnostics: [
        warning('unknown-highlight-theme', `highlightTheme \`${name}\` is not a highlight.js style; code keeps the theme's colours`, { file, ...position },
          'use a name from highlight.js\'s styles, e.g. monokai, github, github-dark, atom-one-dark, base16/zenburn'),
      ],
    };
  }
  const css = readFileSync(path, 'utf8').replace(/(^|})([^{}@]+)\{/g, (_whole, close: string, selectors: string) =>
    `${close}${selectors.split(',').map((s) => (s.trim() ? ` .reveal ${s.trim()}` : s)).join(',')} {`);
  return { css, diagnostics: [] };
}
