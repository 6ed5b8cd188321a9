/**
 * The fallback when the build found no browser: draw the deck's diagrams here, with the same
 * settings the build would have used. Mermaid draws into its own off-screen element, so
 * diagrams on slides reveal.js keeps hidden come out right too.
 */
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
      figure.innerHTML = svg;
      figure.dataset.rendered = 'true';
    } catch (cause) {
      figure.dataset.rendered = 'error';
      figure.title = String((cause as Error).message ?? cause);
    }
  }
}
