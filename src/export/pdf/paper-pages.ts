import type { DiagramStage } from '../../diagrams/deck-diagrams.js';
import { drawUprightDiagrams } from '../../diagrams/upright-diagrams.js';
import { rehearsedSeconds } from '../../model/rehearsal-match.js';
import { renderGuidePage } from '../../render/render-guide.js';
import { renderHandoutPage } from '../../render/render-handout.js';
import type { CompiledDeck } from '../compile-deck.js';
import { latestRehearsal } from '../rehearsal-files.js';

/**
 * The handout's and the guide's pages, as `lectern export` prints them and `check --a11y` checks
 * them; undefined for a deck that did not compile. Pages link the deck's files relative to its
 * built folder.
 */
export async function handoutHtml(compiled: CompiledDeck, paper: 'A4' | 'Letter', diagrams?: DiagramStage): Promise<string | undefined> {
  const { deck, schedule, rendered } = compiled;
  if (!deck || !schedule || !rendered) return undefined;
  // A left-to-right flowchart is also drawn top to bottom: the handout keeps the one whose labels print larger.
  const upright = diagrams ? await drawUprightDiagrams(diagrams, deck, rendered.themeCss, compiled.source ?? '') : undefined;
  return renderHandoutPage(deck, schedule, { paper, diagrams: rendered.diagrams, assetUrl: rendered.assetUrl, ...(upright ? { uprightDiagrams: upright } : {}) });
}

export async function guideHtml(compiled: CompiledDeck, paper: 'A4' | 'Letter'): Promise<string | undefined> {
  const { deck, schedule, rendered, slug } = compiled;
  if (!deck || !schedule || !rendered) return undefined;
  const recording = await latestRehearsal(slug);
  const rehearsal = recording ? { rehearsal: rehearsedSeconds(recording, deck) } : {};
  // The guide draws each slide from its own HTML and the deck's stylesheets: vector, and no
  // screenshot per slide (which cost ~40 ms a slide).
  const previews = {
    sections: new Map(rendered.sections.map((s) => [s.index, s.html])),
    // reveal.css is left out: its print rules lay slides out for paper and cut the previews.
    stylesheets: compiled.files.filter((f) => /^assets\/(theme|highlight|lectern)\.css$/.test(f.to)).map((f) => f.to),
  };
  return renderGuidePage(deck, schedule, { paper, diagrams: rendered.diagrams, assetUrl: rendered.assetUrl, previews, ...rehearsal });
}
