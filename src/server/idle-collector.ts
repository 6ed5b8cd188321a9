import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Collects garbage once the server has been quiet for a moment after a rebuild. V8 otherwise
 * lets a long editing session's heap grow towards its limit before it collects; a server that
 * runs for a whole lesson should stay as small as it started. A full collection takes a few
 * milliseconds, and happens only when nobody is waiting for a rebuild.
 */
export function createIdleCollector(quietMs = 500): { poke(): void; stop(): void } {
  let collect: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    collect = undefined;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    poke() {
      if (!collect) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => collect?.(), quietMs);
      timer.unref();
    },
    stop() {
      if (timer) clearTimeout(timer);
    },
  };
}
