import { BrowserNotFoundError } from '../browser/launch-browser.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { warning } from '../diagnostics/diagnostic.js';
import type { Slide } from '../model/deck.js';
import { diagramKey } from './diagram-cache.js';
import { diagramDiagnostic } from './diagram-errors.js';
import type { DiagramRenderer } from './diagram-renderer.js';
import { type MermaidConfig, mermaidConfigForTheme } from './mermaid-config.js';

/** A deck's diagrams as the page needs them. */
export interface DeckDiagrams {
  /** SVG by diagram id. */
  svgs: Map<string, string>;
  /** Syntax errors at their deck lines, or the warning that diagrams are drawn in the page. */
  diagnostics: Diagnostic[];
  /** Set when no browser was found: the page draws its diagrams itself with this config. */
  inPage?: MermaidConfig;
}

/** What drawing needs of a deck: its file and each slide's diagrams (a whole Deck will do). */
export interface DeckDiagramSources {
  file: string;
  slides: readonly Pick<Slide, 'diagrams'>[];
}

export interface DiagramStage {
  drawDeck(deck: DeckDiagramSources, themeCss: string, source: string): Promise<DeckDiagrams>;
  /** True once a deck needed a browser and none was found. */
  readonly browserMissing: boolean;
  readonly renderer: DiagramRenderer;
}

/** All a compile needs of the diagram stage (the live server's build worker draws through the server's thread). */
export type DiagramDrawing = Pick<DiagramStage, 'drawDeck'>;

export function createDiagramStage(renderer: DiagramRenderer, mermaidVersion: string): DiagramStage {
  let browserMissing = false;
  return {
    renderer,
    get browserMissing() {
      return browserMissing;
    },
    async drawDeck(deck, themeCss, source) {
      const diagrams = deck.slides.flatMap((slide) => slide.diagrams);
      const result: DeckDiagrams = { svgs: new Map(), diagnostics: [] };
      if (diagrams.length === 0) return result;
      const config = mermaidConfigForTheme(themeCss);
      const jobs = diagrams.map((diagram) => ({ diagram, key: diagramKey(diagram.source, mermaidVersion, config), source: diagram.source, config }));
      let drawn;
      try {
        drawn = await renderer.render(jobs);
      } catch (cause) {
        if (!(cause instanceof BrowserNotFoundError)) throw cause;
        browserMissing = true;
        result.inPage = config;
        const first = diagrams[0]?.position ?? { line: 1, column: 1 };
        result.diagnostics.push(warning('diagrams-in-page', `no Chrome or Chromium was found, so ${diagrams.length} diagram(s) could not be checked or drawn at build time; the page draws them when it opens`,
          { file: deck.file, ...first }, 'install Chromium (or set CHROME_PATH) to draw diagrams at build time, check them and put them in PDFs'));
        return result;
      }
      const lines = source.split('\n');
      for (const job of jobs) {
        const outcome = drawn.get(job.key);
        if (!outcome) continue;
        if ('svg' in outcome) result.svgs.set(job.diagram.id, outcome.svg);
        else result.diagnostics.push(diagramDiagnostic(job.diagram, outcome.failure, deck.file, lines));
      }
      return result;
    },
  };
}
