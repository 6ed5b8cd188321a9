import { get } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, startLiveServer } from '../../src/server/live-server.js';
import { tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

const GOOD = '# Runaway test\n\nThe last good slides.\n';
const LIMIT_MS = 4_000;

/** A deck far too big to build within the limit on any machine (a stand-in for a deck lectern handles badly). */
function hugeDeck(slides: number): string {
  const code = ['```python', ...Array.from({ length: 12 }, (_, i) => `def step_${i}(x):\n    return [y * ${i} for y in range(x) if y % 3]`), '```'].join('\n');
  return Array.from({ length: slides }, (_, i) => `## Slide ${i}\n\n- **point** with \`code\` ${i}\n\n${code}\n\nNote: say ${i}`).join('\n\n---\n\n');
}

/** Milliseconds until the server answers a small request. */
function answerTime(url: string): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      response.resume();
      response.on('end', () => resolve(Date.now() - started));
    }).on('error', reject);
  });
}

let work: string;
let server: LiveServer;
const deck = () => join(work, 'runaway.md');

beforeAll(async () => {
  work = tempDir();
  writeFileSync(deck(), GOOD);
  server = await startLiveServer({ files: [deck()], host: '127.0.0.1', port: 0, rehearse: false, rehearsalsDir: join(work, 'rehearsals'), buildTimeLimitMs: LIMIT_MS });
});

afterAll(async () => {
  await server?.close();
});

describe('a build that would run away', () => {
  it('runs off the server\'s thread, is stopped at the time limit and reported, and the last good slides stay served', async () => {
    const host = server.hosts.get('runaway');
    expect(host?.current?.compiled.source).toBe(GOOD);
    writeFileSync(deck(), hugeDeck(40_000));
    // While the deck builds, the server answers at once (the build would take minutes in the server's thread).
    await new Promise((resolve) => setTimeout(resolve, 500)); // the watcher has seen the save
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) waits.push(await answerTime(`${server.url}/__lectern/lectern.js`));
    expect(host?.problems).toEqual([]); // still building: the answers above came during the build
    expect(Math.max(...waits)).toBeLessThan(LIMIT_MS / 2);
    await waitFor(() => (host?.problems.length ?? 0) > 0, LIMIT_MS * 6);
    expect(host?.problems).toMatchObject([{ severity: 'error', line: 1, column: 1, message: expect.stringContaining('took longer than 4 s and was stopped') }]);
    const served = await new Promise<string>((resolve) => get(`${server.url}/runaway/`, (r) => {
      let body = '';
      r.on('data', (chunk: Buffer) => (body += chunk.toString()));
      r.on('end', () => resolve(body));
    }));
    expect(served).toContain('The last good slides.');
    // The next save builds in a fresh thread.
    writeFileSync(deck(), `${GOOD}\nAnd a new line.\n`);
    await waitFor(() => host?.current?.compiled.source?.includes('And a new line.') === true && host.problems.length === 0, 20_000);
  }, 90_000);
});
