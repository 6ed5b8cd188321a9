/**
 * The deck fuzzer's worker thread: checks the decks the pool sends, one at a time, each in the
 * same file of a folder the pool owns. A deck that hangs is the pool's to stop (it terminates
 * the thread); this side only answers.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { SeparatorPatterns } from '../../src/deck/separators.js';
import { checkDeckBytes, type CheckOutcome } from './fuzz-check.js';

export interface WorkRequest {
  id: number;
  bytes: Uint8Array;
  separators?: Partial<SeparatorPatterns>;
}

export interface WorkReply {
  id: number;
  outcome: CheckOutcome;
}

export interface WorkerSetup {
  /** A folder of this worker's own; the deck is written there as deck.md. */
  dir: string;
}

export function serveFuzzCases(): void {
  const port = parentPort;
  if (!port) throw new Error('serveFuzzCases runs in a worker thread');
  const { dir } = workerData as WorkerSetup;
  const file = join(dir, 'deck.md');
  let queue = Promise.resolve();
  port.on('message', (request: WorkRequest) => {
    queue = queue.then(async () => {
      const outcome = await checkDeckBytes(file, request.bytes, request.separators);
      port.postMessage({ id: request.id, outcome } satisfies WorkReply);
    });
  });
}
