/**
 * Worker threads that check fuzz decks, each case with a deadline: a deck that never finishes
 * (an endless loop, a regular expression backtracking for hours) gets its thread terminated and
 * a fresh one started, so a hang is reported instead of hanging the fuzzer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckOutcome } from './fuzz-check.js';
import type { WorkReply, WorkRequest, WorkerSetup } from './fuzz-worker.js';

export type PoolResult =
  | { kind: 'done'; outcome: CheckOutcome }
  /** Stopped at the deadline. */
  | { kind: 'killed'; ms: number }
  /** The thread died: out of memory, or an error outside the check. */
  | { kind: 'died'; error: string };

interface Job {
  request: WorkRequest;
  deadlineMs: number;
  resolve: (result: PoolResult) => void;
}

/** As on the command line: V8's default stack (~1 MB) rather than a worker's 4 MB, so recursion fails where `lectern check` would. */
const STACK_MB = 1;
const HEAP_MB = 2_048;

class Lane {
  /** Called when the lane can take the next job. */
  onIdle: (() => void) | undefined;
  private worker: Worker | undefined;
  private job: Job | undefined;
  private timer: NodeJS.Timeout | undefined;
  private started = 0;

  constructor(
    private readonly script: string | URL,
    private readonly dir: string,
  ) {}

  get idle(): boolean {
    return this.job === undefined;
  }

  start(job: Job): void {
    this.job = job;
    this.started = performance.now();
    const worker = this.worker ?? this.spawn();
    this.timer = setTimeout(() => {
      void worker.terminate();
      this.worker = undefined;
      this.finish({ kind: 'killed', ms: performance.now() - this.started });
    }, job.deadlineMs);
    worker.postMessage(job.request);
  }

  close(): Promise<number> | undefined {
    return this.worker?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(this.script, {
      workerData: { dir: this.dir } satisfies WorkerSetup,
      env: { ...process.env, LECTERN_DEBUG: '1' },
      execArgv: [],
      resourceLimits: { stackSizeMb: STACK_MB, maxOldGenerationSizeMb: HEAP_MB },
    });
    worker.on('message', (reply: WorkReply) => {
      if (reply.id === this.job?.request.id) this.finish({ kind: 'done', outcome: reply.outcome });
    });
    const died = (error: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.finish({ kind: 'died', error });
    };
    worker.on('error', (error) => died(error.stack ?? error.message));
    worker.on('exit', (code) => died(`the worker exited with code ${code}`));
    // A lane waiting for work must not keep the fuzzer's process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private finish(result: PoolResult): void {
    clearTimeout(this.timer);
    const job = this.job;
    this.job = undefined;
    job?.resolve(result);
    this.onIdle?.();
  }
}

export class FuzzPool {
  private readonly lanes: Lane[];
  private readonly waiting: Job[] = [];
  private readonly root: string;
  private nextId = 0;

  constructor(script: string | URL, size: number) {
    this.root = mkdtempSync(join(tmpdir(), 'lectern-fuzz-'));
    this.lanes = Array.from({ length: Math.max(1, size) }, (_, i) => {
      const dir = mkdtempSync(join(this.root, `lane${i}-`));
      const lane = new Lane(script, dir);
      lane.onIdle = () => this.pump();
      return lane;
    });
  }

  /** Checks one deck in the next free thread; never rejects. */
  run(bytes: Uint8Array, separators: WorkRequest['separators'], deadlineMs: number): Promise<PoolResult> {
    return new Promise((resolve) => {
      const request: WorkRequest = { id: this.nextId++, bytes, ...(separators ? { separators } : {}) };
      this.waiting.push({ request, deadlineMs, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.close()));
    rmSync(this.root, { recursive: true, force: true });
  }

  private pump(): void {
    for (const lane of this.lanes) {
      if (!lane.idle) continue;
      const job = this.waiting.shift();
      if (!job) return;
      lane.start(job);
    }
  }
}
