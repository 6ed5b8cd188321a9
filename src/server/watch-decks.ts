import { dirname, resolve } from 'node:path';
import type { DeckHost } from './deck-host.js';

export interface DeckWatcher {
  close(): Promise<void>;
}

/** Saves arriving within this many ms are one change (editors write, rename and touch in a burst). */
const SETTLE_MS = 5;
/** After a rebuild, look once more: a watcher may have dropped the last event of a burst. */
const VERIFY_MS = 150;

/**
 * Watches every deck file, the files each deck uses (images, its theme) and lectern's themes.
 * A change rebuilds only the decks it concerns; a theme folder change rebuilds every deck.
 */
export async function createDeckWatcher(hosts: readonly DeckHost[], extraDirs: readonly string[]): Promise<DeckWatcher> {
  const { watch } = await import('chokidar');
  const byDeck = new Map(hosts.map((h) => [resolve(h.file), h]));
  const watched = new Set<string>([...byDeck.keys(), ...extraDirs.map((d) => resolve(d))]);
  for (const host of hosts) for (const dep of host.dependencies) watched.add(resolve(dep));
  // Editors that save by writing a new file and renaming it over the old one replace the inode;
  // watching the folder too makes sure such a deck is still seen.
  for (const deck of byDeck.keys()) watched.add(dirname(deck));
  const watcher = watch([...watched], { ignoreInitial: true, depth: 0, atomic: true });
  const timers = new Map<DeckHost, { timer: ReturnType<typeof setTimeout>; asset: boolean }>();

  const schedule = (host: DeckHost, asset: boolean) => {
    const pending = timers.get(host);
    if (pending) clearTimeout(pending.timer);
    const next = { asset: asset || (pending?.asset ?? false), timer: setTimeout(() => {
      timers.delete(host);
      void host.rebuild({ assetChanged: next.asset }).then(() => {
        for (const dep of host.dependencies) watcher.add(resolve(dep));
        setTimeout(() => void host.rebuildIfChanged().catch(() => undefined), VERIFY_MS);
      }, () => undefined);
    }, SETTLE_MS) };
    timers.set(host, next);
  };

  watcher.on('all', (_event, changed) => {
    const path = resolve(changed);
    const deck = byDeck.get(path);
    if (deck) return schedule(deck, false);
    // A theme (lectern's, or a stylesheet beside the decks) may be used by any deck.
    if (path.endsWith('.css') || extraDirs.some((dir) => path.startsWith(resolve(dir)))) {
      for (const host of hosts) schedule(host, false);
      return;
    }
    for (const host of hosts) if ([...host.dependencies].some((dep) => resolve(dep) === path)) schedule(host, true);
  });
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  return {
    async close() {
      for (const pending of timers.values()) clearTimeout(pending.timer);
      await watcher.close();
    },
  };
}
