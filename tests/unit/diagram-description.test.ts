import { describe, expect, it } from 'vitest';
import { MAX_ITEMS, clean, describeDiagram, diagramKindName } from '../../src/diagrams/diagram-description.js';
import type { DiagramModel } from '../../src/diagrams/diagram-model.js';
import { withTextAlternative, xmlText } from '../../src/diagrams/svg-text-alternative.js';

const model = (fields: Partial<DiagramModel>): DiagramModel => ({ kind: 'flowchart-v2', accTitle: '', accDescription: '', diagramTitle: '', labels: [], ...fields });

describe('describeDiagram', () => {
  it('reads a flowchart in source order, edge labels in brackets, unlinked nodes last', () => {
    const alternative = describeDiagram(model({
      flowchart: {
        nodes: [{ id: 'push', label: 'Push' }, { id: 'lint', label: 'Lint' }, { id: 'test', label: 'Run<br/>tests' }, { id: 'docs', label: 'Docs' }],
        edges: [
          { from: 'push', to: 'lint', label: '', type: 'arrow_point' },
          { from: 'lint', to: 'test', label: 'if green', type: 'arrow_point' },
          { from: 'test', to: 'push', label: '', type: 'arrow_open' },
        ],
      },
    }));
    expect(alternative).toEqual({
      title: 'Flowchart, 4 steps',
      description: 'Push → Lint; Lint → Run tests (if green); Run tests — Push. Also: Docs.',
    });
  });

  it('reads a sequence diagram: participants by their aliases, then messages, notes and blocks in order', () => {
    const alternative = describeDiagram(model({
      kind: 'sequence',
      sequence: {
        participants: [{ id: 'A', label: 'Alice' }, { id: 'B', label: 'B' }],
        messages: [
          { from: 'A', to: 'B', text: 'hello', type: 0 },
          { from: 'A', to: 'A', text: 'thinking', type: 2 },
          { text: 'every minute', type: 10 },
          { from: 'B', to: 'A', text: 'hi back', type: 1 },
          { text: '', type: 11 },
          { from: 'A', to: 'B', text: '', type: 17 },
        ],
      },
    }));
    expect(alternative).toEqual({
      title: 'Sequence diagram, 2 participants',
      description: 'Participants: Alice, B. Alice → B: hello; note on Alice: thinking; loop every minute; B → Alice: hi back; end.',
    });
  });

  it('reads a git graph: branches, then commits with their branch, named ids, tags and merges (never made-up ids)', () => {
    const alternative = describeDiagram(model({
      kind: 'gitGraph',
      gitGraph: {
        branches: ['main', 'feature'],
        commits: [
          { id: 'init', message: '', branch: 'main', tags: [], type: 0, parents: [] },
          { id: '1-788a091', message: '', branch: 'feature', tags: [], type: 0, parents: ['init'] },
          { id: '2-d670b33', message: '', branch: 'main', tags: ['v1'], type: 0, parents: ['init'] },
          { id: '3-ead736d', message: 'merged branch feature into main', branch: 'main', tags: [], type: 3, parents: ['2-d670b33', '1-788a091'] },
        ],
      },
    }));
    expect(alternative).toEqual({
      title: 'Git graph, 2 branches and 4 commits',
      description: 'Branches: main, feature. main: commit init; feature: commit; main: commit (tag v1); main: merge feature.',
    });
  });

  it('falls back on the kind and the drawing’s labels for other diagrams, with the diagram’s own title', () => {
    expect(describeDiagram(model({ kind: 'pie', diagramTitle: 'Pets', labels: ['Pets', 'Dogs', 'Dogs', '60%', 'Cats'] }))).toEqual({
      title: 'Pie chart: Pets',
      description: 'Dogs; 60%; Cats',
    });
    expect(describeDiagram(model({ kind: 'pie', diagramTitle: 'Pets', pie: [{ label: 'Dogs', value: 3 }, { label: 'Cats', value: 1 }], labels: ['75%'] }))).toEqual({
      title: 'Pie chart: Pets',
      description: 'Dogs: 3 (75%); Cats: 1 (25%).',
    });
    expect(describeDiagram(model({ kind: 'stateDiagram', labels: [] }))).toEqual({ title: 'State diagram', description: 'State diagram without text labels.' });
    expect(diagramKindName('somethingNewDiagram')).toBe('Something new diagram');
  });

  it('honours accTitle and accDescr, each on its own', () => {
    const chart = { nodes: [{ id: 'A', label: 'A' }], edges: [] };
    expect(describeDiagram(model({ accTitle: 'CI pipeline', accDescription: 'Every commit\nis checked.', flowchart: chart }))).toEqual({ title: 'CI pipeline', description: 'Every commit is checked.' });
    expect(describeDiagram(model({ accTitle: 'CI pipeline', flowchart: chart }))).toEqual({ title: 'CI pipeline', description: 'Steps: A.' });
    expect(describeDiagram(model({ accDescription: 'Only a description', flowchart: chart })).title).toBe('Flowchart, 1 step');
  });

  it('caps a long diagram: the first items, then how many more', () => {
    const nodes = Array.from({ length: 1001 }, (_, i) => ({ id: `n${i}`, label: `Step ${i} ${'x'.repeat(500)}` }));
    const edges = nodes.slice(1).map((node, i) => ({ from: `n${i}`, to: node.id, label: '', type: 'arrow_point' }));
    const { title, description } = describeDiagram(model({ flowchart: { nodes, edges } }));
    expect(title).toBe('Flowchart, 1001 steps');
    expect(description.length).toBeLessThanOrEqual(4000);
    expect(description).toContain('Step 0 xxx');
    expect(description).not.toContain(`Step ${MAX_ITEMS + 1} `);
    const labels = Array.from({ length: 200 }, (_, i) => `L${i}`);
    expect(describeDiagram(model({ kind: 'timeline', labels })).description).toMatch(new RegExp(`; L${MAX_ITEMS - 1}; and ${200 - MAX_ITEMS} more$`));
  });

  it('reads markup and entities in labels as text', () => {
    expect(clean('Tom &amp; Jerry #quot;quoted#quot; <b>bold</b><br>next &#x1F600;')).toBe('Tom & Jerry "quoted" bold next 😀');
  });
});

describe('withTextAlternative', () => {
  const svg = '<svg id="m1a2b" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 10px;" role="graphics-document document" aria-roledescription="flowchart-v2"><style>#m1a2b{}</style><g><text>A</text></g></svg>';

  it('makes the drawing an image named by a first <title> and a <desc>, ids from the svg id', () => {
    const out = withTextAlternative(svg, { title: 'Flowchart, 1 step', description: 'Steps: A.' });
    expect(out).toBe(
      '<svg id="m1a2b" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 10px;" aria-roledescription="flowchart-v2" role="img" aria-labelledby="m1a2b-title m1a2b-desc">'
      + '<title id="m1a2b-title">Flowchart, 1 step.</title><desc id="m1a2b-desc">Steps: A.</desc><style>#m1a2b{}</style><g><text>A</text></g></svg>',
    );
    expect(withTextAlternative(svg, { title: 'Flowchart, 1 step', description: 'Steps: A.' })).toBe(out);
  });

  it('replaces Mermaid’s own title and desc from accTitle/accDescr, keeping one of each', () => {
    const mermaid = svg.replace('role="graphics-document document"', 'role="graphics-document document" aria-labelledby="chart-title-m1a2b" aria-describedby="chart-desc-m1a2b"')
      .replace('<style>', '<title id="chart-title-m1a2b">CI &amp; CD</title><desc id="chart-desc-m1a2b">Every commit</desc><style>');
    const out = withTextAlternative(mermaid, { title: 'CI & CD', description: 'Every commit' });
    expect(out.match(/<title/g)).toHaveLength(1);
    expect(out.match(/<desc/g)).toHaveLength(1);
    expect(out).not.toContain('aria-describedby');
    expect(out).toContain('aria-labelledby="m1a2b-title m1a2b-desc"><title id="m1a2b-title">CI &amp; CD.</title><desc id="m1a2b-desc">Every commit</desc><style>');
  });

  it('escapes text for XML and drops characters XML cannot carry', () => {
    const out = withTextAlternative(svg, { title: '<script>alert(1)</script>', description: 'a & b > c\u0007 \uD800' });
    expect(out).toContain('<title id="m1a2b-title">&lt;script&gt;alert(1)&lt;/script&gt;.</title><desc id="m1a2b-desc">a &amp; b &gt; c </desc>');
    expect(xmlText('😀 & ok')).toBe('😀 &amp; ok');
  });

  it('leaves anything that is not an svg as it is', () => {
    expect(withTextAlternative('<div>no</div>', { title: 't', description: 'd' })).toBe('<div>no</div>');
  });
});
