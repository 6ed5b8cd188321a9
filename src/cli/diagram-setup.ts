import { type BrowserSession, createBrowserSession } from '../browser/browser-session.js';
import { createDiagramStage, type DiagramStage } from '../diagrams/deck-diagrams.js';
import { defaultCacheDir } from '../diagrams/diagram-cache.js';
import { createDiagramRenderer } from '../diagrams/diagram-renderer.js';
import { mermaidBundle } from '../export/package-files.js';

export interface CommandBrowser {
  session: BrowserSession;
  diagrams?: DiagramStage;
}

/** The browser session of one command, and the diagram stage that draws with it. */
export function setUpBrowser(values: Record<string, unknown>): CommandBrowser {
  const session = createBrowserSession(typeof values.browser === 'string' ? { explicitPath: values.browser } : {});
  const bundle = mermaidBundle();
  if (!bundle) return { session };
  const renderer = createDiagramRenderer({ session, cacheDir: defaultCacheDir(), bundlePath: bundle.path });
  return { session, diagrams: createDiagramStage(renderer, bundle.version) };
}

/** "diagrams: 3 drawn in Chromium, 5 from the cache", or nothing when the decks have none. */
export function describeDiagrams(stage: DiagramStage | undefined, session: BrowserSession): string | undefined {
  if (!stage) return undefined;
  const { drawn, cached } = stage.renderer.stats;
  if (drawn + cached === 0) return undefined;
  const parts = [drawn > 0 ? `${drawn} drawn in Chromium` : '', cached > 0 ? `${cached} from the cache` : ''].filter(Boolean);
  return `  diagrams: ${parts.join(', ')}${session.launches === 0 ? ' (no browser started)' : ''}`;
}
