import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Files that mark a project's top folder: a course, a reveal-md project, an npm package, a repository. */
export const PROJECT_MARKERS = ['course.yaml', 'reveal-md.json', 'package.json', '.git'] as const;

/**
 * The project folder when none is given: the widest of the nearest folder above the deck with a
 * project marker (PROJECT_MARKERS), the repository the deck is in, and the folder lectern runs
 * in when that holds the deck; else the deck's own folder. A deck may name `../img/x.png` in its
 * project from wherever it is built, and never a file outside it. The home folder and the
 * filesystem's root never count as a project by their markers (a stray `~/package.json` must
 * not open every file of the account to a deck).
 */
export function defaultProjectRoot(deckDir: string, cwd: string = process.cwd(), home: string = homedir()): string {
  const deck = realPath(deckDir);
  const candidates = [markedFolder(deckDir, home, ['.git']), markedFolder(deckDir, home, PROJECT_MARKERS), isInside(realPath(cwd), deck) ? cwd : undefined]
    .filter((dir): dir is string => dir !== undefined);
  return candidates.sort((a, b) => realPath(a).length - realPath(b).length)[0] ?? deckDir;
}

/** The nearest folder at or above `from` holding one of the markers, below the home folder and the root. */
function markedFolder(from: string, home: string, markers: readonly string[]): string | undefined {
  const stop = realPath(home);
  for (let dir = resolve(from); dirname(dir) !== dir && realPath(dir) !== stop; dir = dirname(dir)) {
    if (markers.some((marker) => existsSync(join(dir, marker)))) return dir;
  }
  return undefined;
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The path with symlinks resolved; as given when it does not exist. */
export function realPath(path: string): string {
  try {
    return realpathSync(resolve(path));
  } catch {
    return resolve(path);
  }
}
