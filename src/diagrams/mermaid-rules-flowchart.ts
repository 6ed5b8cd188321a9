/** Flowchart mistakes: node shapes and labels, links, subgraphs, the direction. */
import { type Mistake, type Rule, unclosedBlock } from './mermaid-mistake.js';

/** Node shapes, longest opener first; the name is what the author calls the shape. */
const SHAPES: readonly (readonly [opener: string, closer: string, name: string])[] = [
  ['(((', ')))', 'double circle'], ['((', '))', 'circle'], ['([', '])', 'stadium'], ['[[', ']]', 'subroutine'],
  ['[(', ')]', 'cylinder'], ['[/', '/]', 'trapezoid'], ['[\\', '\\]', 'trapezoid'], ['{{', '}}', 'hexagon'],
  ['[', ']', 'node label'], ['(', ')', 'rounded node'], ['{', '}', 'diamond'],
];

/** Mermaid's tokens that end a shape or label, and those that start one. */
const CLOSERS = new Set(['SQE', 'PE', 'DIAMOND_STOP', 'DOUBLECIRCLEEND', 'STADIUMEND', 'SUBROUTINEEND', 'CYLINDEREND', 'TRAPEND', 'INVTRAPEND', 'PIPE']);
const OPENERS: Readonly<Record<string, string>> = {
  SQS: '[', PS: '(', DIAMOND_START: '{', DOUBLECIRCLESTART: '(((', STADIUMSTART: '([', SUBROUTINESTART: '[[', CYLINDERSTART: '[(', TRAPSTART: '[/', INVTRAPSTART: '[\\', TAGSTART: '<',
};

/** A link: `-->`, `---`, `==>`, `-.->`, `--x`, `<-->`, `~~~`. */
const LINK = String.raw`(?:[xo<]?(?:-{2,}|={2,}|-?\.+-)[-xo>]?|~{3,})`;
const ENDS_WITH_LINK = new RegExp(`${LINK}(?:\\|[^|]*\\|)?$`);

interface OpenShape {
  opener: string;
  closer: string;
  name: string;
  offset: number;
}

const isFlowchart = (m: Mistake) => m.type === 'flowchart' || m.type === 'graph' || m.type === 'flowchart-elk';
const endOf = (m: Mistake) => m.offset ?? m.source.length;

export const flowchartRules: Rule[] = [
  function direction(m) {
    if (!isFlowchart(m) || !m.read.lexical || m.before.trim() !== m.type) return undefined;
    const word = /^\s*(\S+)/.exec(m.after);
    if (!word) return undefined;
    return { message: `\`${word[1]}\` is not a direction: write \`${m.type} LR\` (left to right), \`TD\` (top down), \`BT\` or \`RL\``, offset: endOf(m) + word[0].indexOf(word[1] ?? '') };
  },

  function strayCloser(m) {
    const closer = /^[\])}]+/.exec(m.after)?.[0];
    if (!isFlowchart(m) || !m.read.lexical || !closer) return undefined;
    return { message: `\`${closer}\` closes no node shape: remove it, or open the shape right after the node id, as in \`A[label]\`` };
  },

  function unclosedSubgraph(m) {
    if (!isFlowchart(m) || m.read.found !== 'EOF' || !m.read.expected.includes('end')) return undefined;
    const block = unclosedBlock(m.source, endOf(m), /^subgraph$/);
    if (!block) return undefined;
    return { message: `\`${block.line}\` is never closed with \`end\`: add \`end\` on a line after the last line of the subgraph`, offset: block.offset };
  },

  function endKeyword(m) {
    if (!isFlowchart(m) || m.read.found !== 'end') return undefined;
    if (ENDS_WITH_LINK.test(m.before.trimEnd())) {
      return { message: '`end` is a Mermaid keyword and cannot name a node: write `End` or `END`, or give the node another id with `end` as its label, e.g. `done[end]`' };
    }
    return { message: 'this `end` closes no `subgraph`: remove it, or add `subgraph <title>` above the lines it should group' };
  },

  function linkWithoutTarget(m) {
    const { found, expected } = m.read;
    if (!isFlowchart(m) || !expected.includes('NODE_STRING') || !['EOF', 'NEWLINE', 'SEMI', 'LINK', 'end'].includes(found ?? '')) return undefined;
    const link = new RegExp(`${LINK}(?:\\|[^|]*\\|)?$`).exec(m.before.trimEnd())?.[0];
    if (!link) return undefined;
    if (found === 'LINK') return { message: 'two links in a row: put a node between them, as in `A --> B --> C`' };
    return { message: `a link needs a target node after \`${link}\`: write the node it points to, as in \`A ${link} B\`` };
  },

  function unfinishedLinkText(m) {
    if (!isFlowchart(m) || !m.read.expected.includes('EDGE_TEXT') || !m.read.expected.includes('LINK')) return undefined;
    const start = /(?:^|\s)(--|==|-\.)\s*[^-=.>\s]/.exec(m.before);
    const opener = start?.[1] ?? '--';
    const offset = start ? endOf(m) - m.before.length + start.index + start[0].indexOf(opener) : undefined;
    const arrow = opener === '==' ? '==>' : opener === '-.' ? '.->' : '-->';
    return { message: `the link text after \`${opener}\` needs an arrow to end it: write \`A ${opener} text ${arrow} B\``, ...(offset === undefined ? {} : { offset }) };
  },

  function shapeOrLabel(m) {
    if (!isFlowchart(m) || !(m.read.expected.includes('TEXT') || m.read.expected.some((t) => CLOSERS.has(t)))) return undefined;
    const shape = openShapeAt(m.source, endOf(m));
    if (!shape) return undefined;
    const found = m.read.found ?? '';
    const sameLine = found !== 'EOF' && !m.source.slice(shape.offset, endOf(m)).includes('\n');
    if (sameLine && CLOSERS.has(found) && shape.opener !== '"') {
      return { message: `the ${shape.name} opened with \`${shape.opener}\` must end with \`${shape.closer}\`` };
    }
    if (sameLine && OPENERS[found] !== undefined && shape.opener !== '"') {
      return { message: `\`${OPENERS[found]}\` cannot stand inside a label as it is: put the label in double quotes, as in \`${quotedExample(m.source, shape)}\`` };
    }
    return {
      message: `the ${shape.name} opened with \`${shape.opener}\` is not closed: end ${shape.opener === '|' || shape.opener === '"' ? 'it' : 'its label'} with \`${shape.closer}\`${shape.opener === '|' ? ', as in `A -->|yes| B`' : ''}`,
      ...(sameLine ? {} : { offset: shape.offset }),
    };
  },

  function singleDashArrow(m) {
    if (!isFlowchart(m) || m.read.found !== 'MINUS' || !/^\s*-+>?/.test(m.after)) return undefined;
    const arrow = /^\s*(-+>?)/.exec(m.after)?.[1] ?? '->';
    return { message: `\`${arrow}\` is not a flowchart link: write \`-->\` for an arrow or \`---\` for a line` };
  },
];

/**
 * The shape, link label or quoted text still open at `offset`, read the way Mermaid's lexer
 * reads a flowchart: quotes first, then the closer of the open shape, else links and openers.
 */
export function openShapeAt(source: string, offset: number): OpenShape | undefined {
  let open: OpenShape | undefined;
  let afterLink = false;
  for (let i = 0; i < offset && i < source.length; ) {
    const char = source[i] ?? '';
    const link = open ? 0 : linkLength(source, i);
    if (char === '"') {
      const end = source.indexOf('"', i + 1);
      if (end < 0 || end >= offset) return { opener: '"', closer: '"', name: 'quoted text', offset: i };
      i = end + 1;
    } else if (open) {
      const closes = source.startsWith(open.closer, i);
      i += closes ? open.closer.length : 1;
      if (closes) open = undefined;
    } else if (source.startsWith('%%', i)) {
      const lineEnd = source.indexOf('\n', i);
      i = lineEnd < 0 ? source.length : lineEnd;
    } else if (link > 0) {
      i += link;
      afterLink = true;
    } else {
      open = openerAt(source, i, afterLink);
      if (!/\s/.test(char)) afterLink = false;
      i += open ? open.opener.length : 1;
    }
  }
  return open;
}

function linkLength(source: string, i: number): number {
  const link = new RegExp(LINK, 'y');
  link.lastIndex = i;
  return link.exec(source)?.[0].length ?? 0;
}

function openerAt(source: string, i: number, afterLink: boolean): OpenShape | undefined {
  if (source[i] === '|' && afterLink) return { opener: '|', closer: '|', name: 'link label', offset: i };
  if (source[i] === '>' && /\w/.test(source[i - 1] ?? '')) return { opener: '>', closer: ']', name: 'flag shape', offset: i };
  const shape = SHAPES.find(([opener]) => source.startsWith(opener, i));
  return shape ? { opener: shape[0], closer: shape[1], name: shape[2], offset: i } : undefined;
}

/** `A["Start (now)"]`: the author's own node with its label quoted. */
function quotedExample(source: string, shape: OpenShape): string {
  const lineEnd = source.indexOf('\n', shape.offset);
  const rest = source.slice(shape.offset + shape.opener.length, lineEnd < 0 ? undefined : lineEnd);
  const close = rest.lastIndexOf(shape.closer);
  const id = /[\w-]*$/.exec(source.slice(0, shape.offset))?.[0] ?? '';
  const label = close >= 0 ? rest.slice(0, close) : rest.trim();
  return `${id}${shape.opener}"${label}"${shape.closer}`;
}
