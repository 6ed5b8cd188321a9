import type { DiagramModel } from './diagram-model.js';

/** A diagram's text alternative: the accessible name (title) and the longer description. */
export interface TextAlternative {
  title: string;
  description: string;
}

/** Items (edges, messages, commits, labels) described at most; the rest are counted. */
export const MAX_ITEMS = 60;
/** Characters of one label, and of a whole description, at most: a huge diagram must not make a huge desc. */
const MAX_LABEL = 120;
const MAX_DESCRIPTION = 4000;

const KIND_NAMES: Record<string, string> = {
  flowchart: 'Flowchart',
  'flowchart-v2': 'Flowchart',
  'flowchart-elk': 'Flowchart',
  graph: 'Flowchart',
  sequence: 'Sequence diagram',
  gitGraph: 'Git graph',
  pie: 'Pie chart',
  gantt: 'Gantt chart',
  state: 'State diagram',
  stateDiagram: 'State diagram',
  class: 'Class diagram',
  classDiagram: 'Class diagram',
  er: 'Entity relationship diagram',
  journey: 'User journey',
  timeline: 'Timeline',
  mindmap: 'Mind map',
  quadrantChart: 'Quadrant chart',
  xychart: 'XY chart',
  requirement: 'Requirement diagram',
  sankey: 'Sankey diagram',
  block: 'Block diagram',
  architecture: 'Architecture diagram',
  kanban: 'Kanban board',
  packet: 'Packet diagram',
  radar: 'Radar chart',
  treemap: 'Treemap',
  c4: 'C4 diagram',
};

/** A reader's name for Mermaid's diagram type ("flowchart-v2" → "Flowchart"). */
export function diagramKindName(kind: string): string {
  const known = KIND_NAMES[kind] ?? KIND_NAMES[kind.replace(/-v\d+$|Diagram$/, '')];
  if (known) return known;
  const words = kind.replace(/-v\d+$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').trim().toLowerCase();
  return words === '' ? 'Diagram' : `${words[0]?.toUpperCase()}${words.slice(1)}${/diagram|chart|graph/.test(words) ? '' : ' diagram'}`;
}

/**
 * The title and description of a diagram: the author's `accTitle`/`accDescr` when given, else
 * generated from the diagram in reading order (a flowchart's links, a sequence's messages, a
 * git graph's commits, else the drawing's labels).
 */
export function describeDiagram(model: DiagramModel): TextAlternative {
  const generated = generatedAlternative(model);
  return {
    title: bounded(clean(model.accTitle) || generated.title, MAX_LABEL * 2),
    description: bounded(clean(model.accDescription) || generated.description, MAX_DESCRIPTION),
  };
}

function generatedAlternative(model: DiagramModel): TextAlternative {
  const kind = diagramKindName(model.kind);
  const named = clean(model.diagramTitle);
  const withTitle = (title: string) => (named ? `${title}: ${named}` : title);
  if (model.flowchart && model.flowchart.nodes.length > 0) return describeFlowchart(model.flowchart, withTitle(kind));
  if (model.sequence && model.sequence.participants.length > 0) return describeSequence(model.sequence, withTitle(kind));
  if (model.gitGraph && model.gitGraph.commits.length > 0) return describeGitGraph(model.gitGraph, withTitle(kind));
  if (model.pie && model.pie.length > 0) return describePie(model.pie, withTitle(kind));
  const labels = model.labels.map(clean).filter((label, at, all) => label !== '' && label !== named && label !== all[at - 1]);
  return {
    title: withTitle(kind),
    description: labels.length > 0 ? joinCapped(labels.map((label) => bounded(label, MAX_LABEL)), '; ') : `${kind} without text labels.`,
  };
}

type Flowchart = NonNullable<DiagramModel['flowchart']>;

function describeFlowchart(chart: Flowchart, kind: string): TextAlternative {
  const labels = new Map(chart.nodes.map((node) => [node.id, bounded(clean(node.label) || node.id, MAX_LABEL)]));
  const name = (id: string) => labels.get(id) ?? id;
  const links = chart.edges.map((edge) => {
    const label = clean(edge.label);
    return `${name(edge.from)} ${edgeArrow(edge.type)} ${name(edge.to)}${label ? ` (${bounded(label, MAX_LABEL)})` : ''}`;
  });
  const linked = new Set(chart.edges.flatMap((edge) => [edge.from, edge.to]));
  const alone = chart.nodes.filter((node) => !linked.has(node.id)).map((node) => name(node.id));
  const steps = `${chart.nodes.length} ${chart.nodes.length === 1 ? 'step' : 'steps'}`;
  const parts = [links.length > 0 ? `${joinCapped(links, '; ')}.` : '', alone.length > 0 ? `${links.length > 0 ? 'Also' : 'Steps'}: ${joinCapped(alone, ', ')}.` : ''];
  return { title: `${kind}, ${steps}`, description: parts.filter(Boolean).join(' ') };
}

/** How a link reads: Mermaid's edge types are arrow_point, arrow_open (no head), double_arrow_point… */
function edgeArrow(type: string): string {
  if (type.startsWith('double_')) return '↔';
  if (type === 'arrow_open') return '—';
  return '→';
}

type Sequence = NonNullable<DiagramModel['sequence']>;

/** Mermaid's sequence LINETYPE numbers that open or divide a block, and the word the source uses. */
const BLOCK_WORDS: Record<number, string> = { 10: 'loop', 12: 'alt', 13: 'else', 15: 'opt', 19: 'par', 20: 'and', 27: 'critical', 28: 'option', 30: 'break', 32: 'par' };
/** Those that close a block. */
const BLOCK_ENDS = new Set([11, 14, 16, 21, 29, 31]);
/** Mermaid's NOTE line type. */
const NOTE = 2;
/** Activations, background rectangles and autonumber: they carry no words of their own. */
const SILENT = new Set([17, 18, 22, 23, 26]);

function describeSequence(sequence: Sequence, kind: string): TextAlternative {
  const labels = new Map(sequence.participants.map((p) => [p.id, bounded(clean(p.label) || p.id, MAX_LABEL)]));
  const name = (id: string | undefined) => (id === undefined ? '' : (labels.get(id) ?? id));
  const steps: string[] = [];
  for (const message of sequence.messages) {
    const text = bounded(clean(message.text), MAX_LABEL);
    const block = BLOCK_WORDS[message.type];
    if (SILENT.has(message.type)) continue;
    if (block) steps.push(text ? `${block} ${text}` : block);
    else if (BLOCK_ENDS.has(message.type)) steps.push('end');
    else if (message.type === NOTE) steps.push(`note${message.from ? ` on ${name(message.from)}${message.to && message.to !== message.from ? ` and ${name(message.to)}` : ''}` : ''}: ${text}`);
    else if (message.from !== undefined && message.to !== undefined) steps.push(`${name(message.from)} → ${name(message.to)}${text ? `: ${text}` : ''}`);
  }
  const count = sequence.participants.length;
  const who = `Participants: ${joinCapped([...labels.values()], ', ')}.`;
  return { title: `${kind}, ${count} ${count === 1 ? 'participant' : 'participants'}`, description: steps.length > 0 ? `${who} ${joinCapped(steps, '; ')}.` : who };
}

/** A pie's slices with their values and shares, as its legend and labels show them. */
function describePie(slices: NonNullable<DiagramModel['pie']>, kind: string): TextAlternative {
  const total = slices.reduce((sum, slice) => sum + (Number.isFinite(slice.value) ? slice.value : 0), 0);
  const share = (value: number) => (total > 0 && Number.isFinite(value) ? ` (${Math.round((value / total) * 100)}%)` : '');
  const parts = slices.map((slice) => `${bounded(clean(slice.label), MAX_LABEL)}: ${slice.value}${share(slice.value)}`);
  return { title: kind, description: `${joinCapped(parts, '; ')}.` };
}

type GitGraph = NonNullable<DiagramModel['gitGraph']>;

/** Mermaid's commit types. */
const COMMIT = { reverse: 1, highlight: 2, merge: 3, cherryPick: 4 };
/** Ids Mermaid makes up for commits without one (`3-1a2b3c4`): random, so never read out. */
const MADE_UP_ID = /^\d+-[0-9a-f]{7}$/;

function describeGitGraph(graph: GitGraph, kind: string): TextAlternative {
  const branchOf = new Map(graph.commits.map((commit) => [commit.id, commit.branch]));
  const steps = graph.commits.map((commit) => {
    const named = !MADE_UP_ID.test(commit.id);
    const what = commit.type === COMMIT.merge
      ? `merge ${branchOf.get(commit.parents[1] ?? '') ?? 'a branch'}`
      : commit.type === COMMIT.cherryPick
        ? 'cherry-pick' // Mermaid's tag on it (cherry-pick:<id>) says which commit.
        : `${commit.type === COMMIT.reverse ? 'revert commit' : 'commit'}${named ? ` ${bounded(clean(commit.id), MAX_LABEL)}` : ''}${commit.message && commit.type !== COMMIT.merge ? ` “${bounded(clean(commit.message), MAX_LABEL)}”` : ''}`;
    const tags = commit.tags.map(clean).filter(Boolean);
    return `${commit.branch}: ${what}${tags.length > 0 ? ` (tag ${tags.join(', ')})` : ''}`;
  });
  const branches = graph.branches.length;
  const commits = graph.commits.length;
  return {
    title: `${kind}, ${branches} ${branches === 1 ? 'branch' : 'branches'} and ${commits} ${commits === 1 ? 'commit' : 'commits'}`,
    description: `Branches: ${joinCapped(graph.branches.map((b) => bounded(clean(b), MAX_LABEL)), ', ')}. ${joinCapped(steps, '; ')}.`,
  };
}

/** The first MAX_ITEMS items joined, then how many were left out. */
function joinCapped(items: readonly string[], separator: string): string {
  if (items.length <= MAX_ITEMS) return items.join(separator);
  return `${items.slice(0, MAX_ITEMS).join(separator)}${separator}and ${items.length - MAX_ITEMS} more`;
}

/**
 * A label as read aloud: markup Mermaid allows in labels (`<br>`, `<b>`), its `#quot;`-style
 * entities and HTML entities become text, runs of white space one space.
 */
export function clean(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/#(\w+);/g, (whole, name: string) => ENTITIES[name] ?? (/^\d+$/.test(name) ? decodeEntity(`#${name}`) : undefined) ?? whole)
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => decodeEntity(name) ?? whole)
    .replace(/\s+/g, ' ')
    .trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(name: string): string | undefined {
  const code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : name.startsWith('#') ? Number(name.slice(1)) : undefined;
  if (code === undefined) return ENTITIES[name];
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  // By code points, so an emoji is never cut in half.
  return `${[...text].slice(0, max - 1).join('').trimEnd()}…`;
}
