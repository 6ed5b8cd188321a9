/**
 * The fallback when the build found no browser: draw the deck's diagrams here, with the same
 * settings the build would have used. Mermaid draws into its own off-screen element, so
 * diagrams on slides reveal.js keeps hidden come out right too. Each drawing gets the same text
 * alternative the build would have given it (role="img", title and desc).
 */
import { describeDiagram } from '../diagrams/diagram-description.js';
import { readDiagramModel } from '../diagrams/diagram-model.js';
import { withTextAlternative } from '../diagrams/svg-text-alternative.js';

interface MermaidApi {
  initialize(config: unknown): void;
  render(id: string, source: string): Promise<{ svg: string }>;
}

export async function drawDiagramsInPage(config: object): Promise<void> {
  const mermaid = (window as unknown as { mermaid?: MermaidApi }).mermaid;
  if (!mermaid) return;
  mermaid.initialize(config);
  const figures = document.querySelectorAll<HTMLElement>('.lectern-diagram[data-rendered="false"]');
  let n = 0;
  for (const figure of figures) {
    const source = figure.querySelector('code')?.textContent ?? '';
    try {
      const { svg } = await mermaid.render(`lectern-diagram-${n++}`, source);
      figure.innerHTML = withTextAlternative(svg, describeDiagram(await readDiagramModel(source, svg)));
      figure.dataset.rendered = 'true';
    } catch (cause) {
      figure.dataset.rendered = 'error';
      figure.title = String((cause as Error).message ?? cause);
    }
  }
}
