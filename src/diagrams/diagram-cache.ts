import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../export/atomic-write.js';
import type { MermaidFailure } from './diagram-errors.js';
import type { MermaidConfig } from './mermaid-config.js';

/** A drawn diagram, or Mermaid's complaint about it: both are cached, so neither needs a browser twice. */
export type DiagramResult = { svg: string } | { failure: MermaidFailure };

/** Where rendered diagrams are kept between builds: LECTERN_CACHE_DIR, else .lectern-cache/ here. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.LECTERN_CACHE_DIR ?? '.lectern-cache', 'diagrams');
}

/**
 * What lectern does to Mermaid's drawing (diagram-renderer.ts, commit-labels.ts, the text
 * alternative of svg-text-alternative.ts and diagram-description.ts): raise it when that
 * changes, so drawings cached by an older lectern are drawn again.
 * 3: role="img" with a title and desc (drawings cached before have none).
 * 4: the title ends as a sentence (the name runs title and description together).
 */
const DRAWING_REVISION = 4;

/** The cache key: what changes the picture (source, Mermaid's version, the theme's settings, lectern's touches). */
export function diagramKey(source: string, mermaidVersion: string, config: MermaidConfig): string {
  return createHash('sha256').update(JSON.stringify([source, mermaidVersion, config, DRAWING_REVISION])).digest('hex').slice(0, 32);
}

export async function readCached(dir: string, key: string): Promise<DiagramResult | undefined> {
  try {
    const value = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as Partial<{ svg: string; failure: MermaidFailure }>;
    if (typeof value.svg === 'string') return { svg: value.svg };
    if (value.failure && typeof value.failure.message === 'string') return { failure: value.failure };
    return undefined;
  } catch {
    // Missing or unreadable (a half-finished write from an older version): draw it again.
    return undefined;
  }
}

export async function writeCached(dir: string, key: string, result: DiagramResult): Promise<void> {
  await writeFileAtomic(join(dir, `${key}.json`), JSON.stringify(result));
}
