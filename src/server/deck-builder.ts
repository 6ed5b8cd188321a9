import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DiagramDrawing } from '../diagrams/deck-diagrams.js';
import { error } from '../diagnostics/diagnostic.js';
import { slugOf } from '../export/compile-deck.js';
import { PACKAGE_ROOT } from '../export/package-files.js';
import type { SeparatorPatterns } from '../deck/separators.js';
import type { CourseOverride } from '../course/course-decks.js';
import type { FromWorker, LiveCompiled, ToWorker } from './live-build.js';

/** How long a deck's build may compute (drawing diagrams not counted) before it is stopped. */
export const BUILD_TIME_LIMIT_MS = 15_000;
/** A build thread's heap: a deck that needs more is reported, and the server lives on. */
const WORKER_HEAP_MB = 1536;
/**
 * Its young generation: V8 would grow it to 32 MB over the first edits of a session (the
 * server's memory then rises by a third before it levels off); builds of a 200-slide deck are
 * as fast with 4 MB. A worker, unlike the server's own thread, can be given it at its start.
 */
const WORKER_YOUNG_MB = 4;

export interface DeckBuilderOptions {
  diagrams?: DiagramDrawing;
  separators?: Partial<SeparatorPatterns>;
  /** What course.yaml says over each deck's front matter (session length, theme), by deck file. */
  course?: (file: string) => CourseOverride | undefined;
  timeLimitMs?: number;
  /** The compiled worker script (lectern's lib/cli/build-worker.js). */
  workerFile?: string;
}

interface PendingBuild {
  file: string;
  resolve: (compiled: LiveCompiled) => void;
  reject: (cause: Error) => void;
  timer?: NodeJS.Timeout;
}

/**
 * Builds the live server's decks in a worker thread, one build at a time: requests and sockets
 * are answered while a deck builds, and a build that computes longer than the time limit (a
 * deck lectern handles badly) is stopped by ending the thread; the deck then reports it at its
 * first line and the next build starts a fresh thread.
 */
export class DeckBuilder {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, PendingBuild>();
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private closed = false;
  private readonly timeLimitMs: number;
  private readonly workerFile: string;

  constructor(private readonly options: DeckBuilderOptions = {}) {
    this.timeLimitMs = options.timeLimitMs ?? BUILD_TIME_LIMIT_MS;
    this.workerFile = options.workerFile ?? join(PACKAGE_ROOT, 'lib', 'cli', 'build-worker.js');
  }

  /** The deck built in the worker; builds queue behind each other. */
  build(file: string): Promise<LiveCompiled> {
    const next = this.queue.then(() => this.buildNow(file));
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private buildNow(file: string): Promise<LiveCompiled> {
    if (this.closed) return Promise.reject(new Error('the live server is closing'));
    const id = this.nextId++;
    const worker = this.thread();
    return new Promise<LiveCompiled>((resolve, reject) => {
      const build: PendingBuild = { file, resolve, reject };
      this.pending.set(id, build);
      this.startClock(id, build);
      const course = this.options.course?.(file);
      const request: ToWorker = { type: 'build', id, file, drawDiagrams: this.options.diagrams !== undefined, ...(this.options.separators ? { separators: this.options.separators } : {}), ...(course ? { course } : {}) };
      worker.postMessage(request);
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    worker.on('message', (message: FromWorker) => this.receive(worker, message));
    // A thread that dies (out of memory, a bug outside a deck's compile) fails the builds it had; the next build starts another.
    const lost = (cause: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, build] of this.pending) {
        clearTimeout(build.timer);
        this.pending.delete(id);
        build.reject(cause);
      }
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the build thread stopped (exit code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private receive(worker: Worker, message: FromWorker): void {
    const build = this.pending.get(message.id);
    if (!build) return;
    clearTimeout(build.timer);
    if (message.type === 'built') {
      this.pending.delete(message.id);
      build.resolve(message.compiled);
      return;
    }
    // Drawing happens here, in the browser's thread, and does not count against the time limit.
    const drawing = this.options.diagrams?.drawDeck(message.deck, message.themeCss, message.source);
    void Promise.resolve(drawing).then(
      (diagrams) => this.reply(worker, message.id, diagrams ? { type: 'drawn', id: message.id, diagrams } : { type: 'draw-failed', id: message.id, message: 'no diagram stage' }),
      (cause: unknown) => this.reply(worker, message.id, { type: 'draw-failed', id: message.id, message: cause instanceof Error ? cause.message : String(cause) }),
    );
  }

  private reply(worker: Worker, id: number, message: ToWorker): void {
    const build = this.pending.get(id);
    if (!build || this.worker !== worker) return;
    this.startClock(id, build);
    worker.postMessage(message);
  }

  private startClock(id: number, build: PendingBuild): void {
    build.timer = setTimeout(() => void this.stopRunaway(id, build), this.timeLimitMs);
  }

  /** Ends the thread of a build that ran past the limit and reports it, with the text that was being built. */
  private async stopRunaway(id: number, build: PendingBuild): Promise<void> {
    this.pending.delete(id);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
    const source = await readFile(build.file, 'utf8').catch(() => undefined);
    const seconds = Math.round(this.timeLimitMs / 1000);
    build.resolve({
      file: build.file,
      slug: slugOf(build.file),
      ...(source !== undefined ? { source } : {}),
      files: [],
      diagnostics: [error('build-timeout', `building this deck took longer than ${seconds} s and was stopped; the last good build is still shown`,
        { file: build.file, line: 1, column: 1 }, 'something in the deck makes lectern slow: undo the last change, and please report it with the deck')],
    });
  }
}
