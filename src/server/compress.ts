import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Below this, compressing saves less than the headers and the work cost. */
export const MIN_COMPRESSED_BYTES = 1024;

const TEXT_TYPES = /^(?:text\/|application\/json|image\/svg\+xml)/;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Text worth compressing: images, fonts and video are compressed already. */
export function compressible(type: string, size: number): boolean {
  return size >= MIN_COMPRESSED_BYTES && TEXT_TYPES.test(type);
}

/** The encoding to answer with, from `Accept-Encoding` (brotli first: smaller at the same cost). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const accepts = (name: string) => (weights.get(name) ?? weights.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return undefined;
}

/**
 * Compressed bodies, made once per body hash and encoding, so a room of devices loading the same
 * deck costs one compression; the promise is kept, so devices asking at the same moment share it.
 * Compression runs on libuv's threads (the event loop keeps relaying slide changes) at levels
 * that take milliseconds for reveal.js (brotli's highest quality takes a quarter of a second for
 * 6% less). Kept up to a memory budget, least recently used first out.
 */
export class CompressedBodies {
  private readonly entries = new Map<string, { body: Promise<Buffer>; bytes: number }>();
  private kept = 0;

  constructor(private readonly budget = 32 * 1024 * 1024) {}

  get bytes(): number {
    return this.kept;
  }

  of(hash: string, encoding: Encoding, bytes: Buffer): Promise<Buffer> {
    const key = `${encoding}:${hash}`;
    const known = this.entries.get(key);
    if (known) {
      this.entries.delete(key);
      this.entries.set(key, known);
      return known.body;
    }
    const entry = { body: compress(bytes, encoding), bytes: 0 };
    this.entries.set(key, entry);
    entry.body.then(
      (body) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = body.length;
        this.kept += body.length;
        this.evict();
      },
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    return entry.body;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.kept <= this.budget) return;
      if (entry.bytes === 0) continue;
      this.entries.delete(key);
      this.kept -= entry.bytes;
    }
  }
}

function compress(bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(bytes, { level: 6 });
  return brotliAsync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}
