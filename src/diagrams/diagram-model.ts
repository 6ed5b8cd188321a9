/**
 * What a text alternative needs of a Mermaid diagram, as plain data: Mermaid's own parsed model
 * where lectern knows how to read it (flowchart, sequence, gitGraph), and for every diagram the
 * text of its drawing in document order, the fallback for the other kinds.
 */
export interface DiagramModel {
  /** Mermaid's diagram type (`flowchart-v2`, `sequence`, `gitGraph`, `pie`…). */
  kind: string;
  /** `accTitle:` and `accDescr:`, as the author wrote them ('' when absent). */
  accTitle: string;
  accDescription: string;
  /** A diagram's own `title` (pie, gantt, journey…), '' when absent. */
  diagramTitle: string;
  flowchart?: {
    nodes: { id: string; label: string }[];
    edges: { from: string; to: string; label: string; type: string }[];
  };
  sequence?: {
    participants: { id: string; label: string }[];
    /** Mermaid's messages in order: arrows, notes and block markers (its LINETYPE numbers). */
    messages: { from?: string; to?: string; text: string; type: number }[];
  };
  /** A pie's slices in source order. */
  pie?: { label: string; value: number }[];
  gitGraph?: {
    branches: string[];
    /** Mermaid's commit types: 0 normal, 1 reverse, 2 highlight, 3 merge, 4 cherry-pick. */
    commits: { id: string; message: string; branch: string; tags: string[]; type: number; parents: string[] }[];
  };
  /** The drawing's text labels in document order. */
  labels: string[];
}

/**
 * Runs in a page with Mermaid loaded (the build's drawing page, or the deck itself when the build
 * had no browser): parses the source again with Mermaid and reads its model. Self-contained, as
 * puppeteer sends this function's source to the page: it calls nothing of this module.
 */
export async function readDiagramModel(source: string, svgText: string): Promise<DiagramModel> {
  // Labels read at most: the description is capped far below this anyway.
  const maxLabels = 500;
  const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
  const holder = document.createElement('template');
  holder.innerHTML = svgText;
  const svg = holder.content.querySelector('svg');
  // Line breaks inside labels become spaces, so two lines do not run into one word.
  for (const br of holder.content.querySelectorAll('br')) br.replaceWith(' ');
  const labels: string[] = [];
  for (const element of svg?.querySelectorAll('text, foreignObject') ?? []) {
    if (labels.length >= maxLabels) break;
    if (element.parentElement?.closest('text, foreignObject')) continue;
    const spans = element.tagName === 'text' ? [...element.querySelectorAll('tspan')].filter((span) => !span.querySelector('tspan')) : [];
    const label = (spans.length > 0 ? spans.map((span) => span.textContent ?? '').join(' ') : element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (label !== '') labels.push(label);
  }
  const model: DiagramModel = { kind: svg?.getAttribute('aria-roledescription') ?? '', accTitle: '', accDescription: '', diagramTitle: '', labels };

  type Db = Record<string, ((...args: unknown[]) => unknown) | undefined>;
  const api = (window as unknown as { mermaid?: { mermaidAPI?: { getDiagramFromText?(text: string): Promise<{ type: string; db: Db }> } } }).mermaid;
  let diagram: { type: string; db: Db } | undefined;
  try {
    diagram = await api?.mermaidAPI?.getDiagramFromText?.(source);
  } catch {
    // The drawing is there; without Mermaid's model the description falls back on its labels.
  }
  if (!diagram) return model;
  const db = diagram.db;
  const call = (name: string): unknown => {
    try {
      return typeof db[name] === 'function' ? db[name]?.call(db) : undefined;
    } catch {
      return undefined;
    }
  };
  const values = (collection: unknown): Record<string, unknown>[] =>
    (collection instanceof Map ? [...collection.values()] : Array.isArray(collection) ? collection : collection && typeof collection === 'object' ? Object.values(collection) : []) as Record<string, unknown>[];
  model.kind = diagram.type || model.kind;
  model.accTitle = text(call('getAccTitle'));
  model.accDescription = text(call('getAccDescription'));
  model.diagramTitle = text(call('getDiagramTitle'));

  if (/^flowchart/.test(diagram.type) || diagram.type === 'graph') {
    // A "`markdown string`" label keeps its ** and _ marks in Mermaid's model: say it as plain text.
    const plain = (item: Record<string, unknown>) => (item.labelType === 'markdown' ? text(item.text).replace(/\*\*|__|(?<!\w)[*_]|[*_](?!\w)/g, '') : text(item.text));
    const nodes = values(call('getVertices')).map((node) => ({ id: text(node.id), label: plain(node) || text(node.id) }));
    const edges = values(call('getEdges')).map((edge) => ({ from: text(edge.start), to: text(edge.end), label: plain(edge), type: text(edge.type) }));
    if (nodes.length > 0 || edges.length > 0) model.flowchart = { nodes, edges };
  } else if (diagram.type === 'sequence') {
    const actors = call('getActors');
    const keys = call('getActorKeys');
    const order = Array.isArray(keys) ? keys.map(text) : values(actors).map((actor) => text(actor.name));
    const byId = new Map(values(actors).map((actor) => [text(actor.name), actor]));
    const participants = order.map((id) => ({ id, label: text(byId.get(id)?.description) || id }));
    const messages = values(call('getMessages')).map((message) => ({
      ...(message.from === undefined ? {} : { from: text(message.from) }),
      ...(message.to === undefined ? {} : { to: text(message.to) }),
      text: text(message.message),
      type: Number(message.type),
    }));
    model.sequence = { participants, messages };
  } else if (diagram.type === 'pie') {
    const sections = call('getSections');
    if (sections instanceof Map) model.pie = [...sections].map(([label, value]) => ({ label: text(label), value: Number(value) }));
  } else if (diagram.type === 'gitGraph') {
    const branches = values(call('getBranchesAsObjArray')).map((branch) => text(branch.name));
    const commits = values(call('getCommitsArray')).map((commit) => ({
      id: text(commit.id),
      message: text(commit.message),
      branch: text(commit.branch),
      tags: Array.isArray(commit.tags) ? commit.tags.map(text) : [],
      type: Number(commit.type),
      parents: Array.isArray(commit.parents) ? commit.parents.map(text) : [],
    }));
    model.gitGraph = { branches, commits };
  }
  return model;
}
