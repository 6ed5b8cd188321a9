import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, createBrowserSession } from '../../src/browser/browser-session.js';
import { createDiagramStage } from '../../src/diagrams/deck-diagrams.js';
import { createDiagramRenderer } from '../../src/diagrams/diagram-renderer.js';
import { mermaidBundle } from '../../src/export/package-files.js';
import { type LiveServer, startLiveServer } from '../../src/server/live-server.js';
import { tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

const diagramDeck = (edge: string) => `# Flow\n\n---\n\n## The pipeline\n\n\`\`\`mermaid\nflowchart LR\n  ${edge}\n\`\`\`\n`;

let work: string;
let session: BrowserSession;
let server: LiveServer;

beforeAll(async () => {
  work = tempDir();
  writeFileSync(join(work, 'flow.md'), diagramDeck('Push --> Test'));
  session = createBrowserSession();
  const bundle = mermaidBundle();
  if (!bundle) throw new Error('mermaid is not installed');
  const diagrams = createDiagramStage(createDiagramRenderer({ session, cacheDir: join(work, 'cache'), bundlePath: bundle.path }), bundle.version);
  server = await startLiveServer({ files: [join(work, 'flow.md')], host: '127.0.0.1', port: 0, rehearse: false, rehearsalsDir: join(work, 'rehearsals'), diagrams });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await session?.close();
});

async function servedPage(): Promise<string> {
  return (await fetch(`${server.url}/flow/`)).text();
}

describe('lectern serve with diagrams', () => {
  it('draws them in the server\'s browser for the deck built in the build thread, and locates a broken one', async () => {
    expect(await servedPage()).toMatch(/<svg[^>]*>[\s\S]*Push[\s\S]*Test/);
    const host = server.hosts.get('flow');
    writeFileSync(join(work, 'flow.md'), diagramDeck('Push --> Deploy'));
    await waitFor(() => host?.current?.compiled.source?.includes('Deploy') === true, 30_000);
    expect(await servedPage()).toMatch(/<svg[^>]*>[\s\S]*Deploy/);
    writeFileSync(join(work, 'flow.md'), diagramDeck('Push --> --> Deploy'));
    await waitFor(() => (host?.problems.length ?? 0) > 0, 30_000);
    expect(host?.problems[0]).toMatchObject({ severity: 'error', line: 9 });
  }, 90_000);
});
