import type { Page } from 'puppeteer-core';
import { openPage } from '../browser/open-page.js';
import type { BrowserSession } from '../browser/browser-session.js';
import { clearCommitLabels } from './commit-labels.js';
import { describeDiagram } from './diagram-description.js';
import { readDiagramModel } from './diagram-model.js';
import { type DiagramResult, readCached, writeCached } from './diagram-cache.js';
import type { MermaidFailure } from './diagram-errors.js';
import type { MermaidConfig } from './mermaid-config.js';
import { withTextAlternative } from './svg-text-alternative.js';

export interface DiagramJob {
  key: string;
  source: string;
  config: MermaidConfig;
}

export interface DiagramRendererOptions {
  session: BrowserSession;
  cacheDir: string;
  /** Mermaid's browser bundle. */
  bundlePath: string;
  /** Pages drawing at once (Mermaid draws one diagram at a time per page); shared by all decks. */
  pages?: number;
}

export interface DiagramRenderer {
  /**
   * Results by job key: from the cache, else drawn in the session's browser, which is launched
   * only then. Rejects (BrowserNotFoundError) when a diagram needs drawing and there is no browser.
   */
  render(jobs: readonly DiagramJob[]): Promise<Map<string, DiagramResult>>;
  readonly stats: { drawn: number; cached: number };
}

/** Diagrams kept in memory (least recently used go first): a few hundred SVGs at most. */
const MAX_REMEMBERED = 500;

interface Waiting {
  job: DiagramJob;
  resolve: (result: DiagramResult) => void;
  reject: (cause: unknown) => void;
}

export function createDiagramRenderer(options: DiagramRendererOptions): DiagramRenderer {
  const stats = { drawn: 0, cached: 0 };
  const waiting: Waiting[] = [];
  const inFlight = new Map<string, Promise<DiagramResult>>();
  // Results already read or drawn, so the live server's rebuilds do not read the disk cache again.
  const known = new Map<string, DiagramResult>();
  const remember = (key: string, result: DiagramResult) => {
    known.delete(key);
    known.set(key, result);
    if (known.size > MAX_REMEMBERED) known.delete(known.keys().next().value ?? '');
  };
  let workers = 0;

  // Every deck of a build queues its diagrams here; a few pages work the queue concurrently.
  const work = async () => {
    workers += 1;
    let page: Page | undefined;
    try {
      const { browser } = await options.session.get();
      page = await openPage(browser);
      await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
      await page.addScriptTag({ path: options.bundlePath });
      for (let next = waiting.shift(); next; next = waiting.shift()) {
        const item = next;
        await drawOne(page, item.job).then(item.resolve, item.reject);
      }
    } catch (cause) {
      for (let next = waiting.shift(); next; next = waiting.shift()) next.reject(cause);
    } finally {
      workers -= 1;
      await page?.close().catch(() => undefined);
    }
  };

  const draw = (job: DiagramJob): Promise<DiagramResult> => {
    const pending = inFlight.get(job.key);
    if (pending) return pending;
    const promise = new Promise<DiagramResult>((resolve, reject) => {
      waiting.push({ job, resolve, reject });
      if (workers < (options.pages ?? 2)) void work();
    }).then(async (result) => {
      stats.drawn += 1;
      await writeCached(options.cacheDir, job.key, result);
      return result;
    });
    inFlight.set(job.key, promise);
    promise.catch(() => undefined).finally(() => inFlight.delete(job.key));
    return promise;
  };

  return {
    stats,
    async render(jobs) {
      const unique = [...new Map(jobs.map((job) => [job.key, job])).values()];
      const entries = await Promise.all(
        unique.map(async (job): Promise<[string, DiagramResult]> => {
          const cached = known.get(job.key) ?? (await readCached(options.cacheDir, job.key));
          const result = cached ?? (await draw(job));
          if (cached) stats.cached += 1;
          remember(job.key, result);
          return [job.key, result];
        }),
      );
      return new Map(entries);
    },
  };
}

declare const mermaid: {
  initialize(config: unknown): void;
  parse(source: string): Promise<unknown>;
  render(id: string, source: string): Promise<{ svg: string }>;
};

/**
 * Mermaid's drawing, then lectern's touches to it: commit labels off the branch lines, and the
 * text alternative, from Mermaid's own model of the diagram (read in the page, described here).
 */
async function drawOne(page: Page, job: DiagramJob): Promise<DiagramResult> {
  const result = await drawWithMermaid(page, job);
  if (!('svg' in result)) return result;
  const svg = await page.evaluate(clearCommitLabels, result.svg);
  const model = await page.evaluate(readDiagramModel, job.source, svg);
  return { svg: withTextAlternative(svg, describeDiagram(model)) };
}

/** Runs in the page: Mermaid parses first, so a syntax error comes back with its line. */
function drawWithMermaid(page: Page, job: DiagramJob): Promise<DiagramResult> {
  return page.evaluate(
    async (source: string, config: MermaidConfig, id: string): Promise<DiagramResult> => {
      document.body.style.fontFamily = config.fontFamily;
      mermaid.initialize(config);
      try {
        await mermaid.parse(source);
        const { svg } = await mermaid.render(id, source);
        return { svg };
      } catch (cause) {
        const failure = cause as { message?: string; hash?: { loc?: { first_line?: number } } };
        const message = String(failure.message ?? cause);
        const at = /line (\d+)(?:, column (\d+))?/.exec(message);
        const result: MermaidFailure = { message };
        const line = failure.hash?.loc?.first_line ?? (at ? Number(at[1]) : undefined);
        if (line !== undefined) result.line = line;
        if (at?.[2] !== undefined) result.column = Number(at[2]);
        // Mermaid may leave its error drawing in the body; clear it for the next diagram.
        for (const stray of document.querySelectorAll(`#${id}, #d${id}`)) stray.remove();
        return { failure: result };
      }
    },
    job.source,
    job.config,
    `m${job.key.slice(0, 12)}`,
  );
}
