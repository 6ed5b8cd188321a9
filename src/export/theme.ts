import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import type { Position } from '../model/deck.js';
import { isLocalPath, isRemote } from '../deck/annotate-tokens.js';
import { PACKAGE_ROOT, revealDist } from './package-files.js';

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

/** `theme:` is a file in lectern's themes/, a path (relative to the deck), or a reveal.js theme name. */
export function resolveTheme(name: string, deckDir: string, file: string, position: Position): ThemeResult {
  const candidates: { origin: ResolvedTheme['origin']; path: string }[] = [];
  if (name.endsWith('.css') || name.includes('/') || name.includes('\\')) {
    candidates.push({ origin: 'file', path: isAbsolute(name) ? name : resolve(deckDir, name) });
  } else {
    candidates.push({ origin: 'lectern', path: join(PACKAGE_ROOT, 'themes', `${name}.css`) });
    candidates.push({ origin: 'reveal', path: join(revealDist(), 'theme', `${name}.css`) });
  }
  const found = candidates.find((c) => existsSync(c.path) && statSync(c.path).isFile());
  if (!found) {
    const names = [...lecternThemeNames(), ...revealThemeNames()];
    return {
      diagnostics: [
        error('unknown-theme', `theme \`${name}\` was not found`, { file, ...position },
          `use a path to a .css file, or one of: ${names.join(', ')}`),
      ],
    };
  }
  return makeOffline(found.origin, found.path, file, position);
}

function makeOffline(origin: ResolvedTheme['origin'], path: string, file: string, position: Position): ThemeResult {
  const diagnostics: Diagnostic[] = [];
  const files: ResolvedTheme['files'] = [];
  let removedImports = 0;
  let css = readFileSync(path, 'utf8').replace(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)["']?\s*\)?[^;]*;/g, (whole, url: string) => {
    if (!isRemote(url)) return whole;
    removedImports++;
    return '';
  });
  css = css.replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (whole, _quote: string, url: string) => {
    if (!isLocalPath(url)) return whole;
    const source = resolve(dirname(path), url.split(/[?#]/)[0] ?? url);
    if (!existsSync(source)) {
      diagnostics.push(warning('theme-file-missing', `theme file \`${url}\` (used by ${basename(path)}) was not found`, { file, ...position }));
      return whole;
    }
    const target = `theme-files/${createHash('sha1').update(source).digest('hex').slice(0, 8)}-${basename(source)}`;
    files.push({ from: source, to: target });
    return `url("${target}")`;
  });
  if (removedImports > 0) {
    diagnostics.push(
      warning('theme-web-fonts', `theme \`${basename(path)}\` loads ${removedImports} stylesheet(s) from the web; they were left out so the deck works offline`,
        { file, ...position }, 'the theme falls back to system fonts; lectern\'s own themes need no network'),
    );
  }
  return { theme: { origin, path, css, files }, diagnostics };
}
