import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { hashOf } from './http-cache.js';

/** A response body and the hash of its bytes, made once and served to every device. */
export interface ServedBody {
  /** The bytes, when they are kept in memory. */
  bytes?: Buffer;
  /** A file too large to keep: streamed from disk on every request. */
  file?: string;
  size: number;
  hash: string;
}

/**
 * Bodies made from one build's objects (a page built in memory, the deck summary): made and
 * hashed on the first request, then kept as long as the build object lives, so a new build
 * starts afresh and an old one takes its bodies with it.
 */
export class BuildBodies {
  private readonly made = new WeakMap<object, ServedBody>();

  of(owner: object, make: () => string | Buffer): ServedBody {
    let body = this.made.get(owner);
    if (!body) {
      const made = make();
      const bytes = typeof made === 'string' ? Buffer.from(made) : made;
      body = { bytes, size: bytes.length, hash: hashOf(bytes) };
      this.made.set(owner, body);
    }
    return body;
  }
}

interface DiskEntry {
  /** Size and modification time: a file changed on disk is read again. */
  version: string;
  body: Promise<ServedBody>;
  /** Bytes held in memory, once read. */
  bytes: number;
  checkedAt: number;
}

/**
 * Files served from disk (reveal.js, a deck's images, lectern's client files): read and hashed
 * once per version of the file, whoever asks, and kept up to a memory budget (least recently
 * used first out). A file above `largestKept` (a lesson's video) is hashed once and streamed.
 *
 * Whether a file changed is asked of the disk at most once per `recheckMs`, and requests that
 * arrive meanwhile share that one check: a room of devices loading the deck makes a few stats,
 * not thousands. An edited image is picked up a second later at worst (its deck reloads anyway).
 */
export class DiskBodies {
  private readonly entries = new Map<string, DiskEntry>();
  /** Checks under way, shared by the requests that arrive meanwhile. */
  private readonly checks = new Map<string, Promise<ServedBody>>();
  private kept = 0;

  constructor(
    private readonly budget = 64 * 1024 * 1024,
    private readonly largestKept = 8 * 1024 * 1024,
    private readonly recheckMs = 1000,
  ) {}

  /** Bytes held in memory now. */
  get bytes(): number {
    return this.kept;
  }

  of(path: string): Promise<ServedBody> {
    const known = this.entries.get(path);
    if (known && Date.now() - known.checkedAt < this.recheckMs) return this.use(path, known);
    let check = this.checks.get(path);
    if (!check) {
      check = this.check(path).finally(() => this.checks.delete(path));
      this.checks.set(path, check);
    }
    return check;
  }

  /** Least recently used first out: a Map iterates in insertion order. */
  private use(path: string, entry: DiskEntry): Promise<ServedBody> {
    this.entries.delete(path);
    this.entries.set(path, entry);
    return entry.body;
  }

  private async check(path: string): Promise<ServedBody> {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: 'ENOENT' });
    const version = `${info.size}:${info.mtimeMs}`;
    const known = this.entries.get(path);
    if (known?.version === version) {
      known.checkedAt = Date.now();
      return this.use(path, known);
    }
    if (known) this.forget(path, known);
    const entry: DiskEntry = { version, body: this.load(path, info.size), bytes: 0, checkedAt: Date.now() };
    this.entries.set(path, entry);
    entry.body.then(
      (body) => {
        if (this.entries.get(path) !== entry) return;
        entry.bytes = body.bytes?.length ?? 0;
        this.kept += entry.bytes;
        this.evict();
      },
      () => this.entries.get(path) === entry && this.entries.delete(path),
    );
    return entry.body;
  }

  private async load(path: string, size: number): Promise<ServedBody> {
    if (size > this.largestKept) return { file: path, size, hash: await hashFile(path) };
    const bytes = await readFile(path);
    return { bytes, size: bytes.length, hash: hashOf(bytes) };
  }

  private forget(path: string, entry: DiskEntry): void {
    this.entries.delete(path);
    this.kept -= entry.bytes;
  }

  private evict(): void {
    for (const [path, entry] of this.entries) {
      if (this.kept <= this.budget) return;
      if (entry.bytes > 0) this.forget(path, entry);
    }
  }
}

function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha1');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('base64url')))
      .on('error', reject);
  });
}
