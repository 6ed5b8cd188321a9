import { readFile } from 'node:fs/promises';
import { type Diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { slugOf } from '../export/compile-deck.js';
import { joinSlideSections } from '../render/render-slides.js';
import type { DeckBuilder } from './deck-builder.js';
import type { LiveCompiled } from './live-build.js';
import type { DeckSummary, OverlayDiagnostic, ServerMessage } from './protocol.js';

/** A file of the served deck: its bytes in memory, or the path it is read from on request. */
export interface ServedFile {
  content?: string;
  from?: string;
}

/** The last good build of one deck, as the server serves it. */
export interface DeckBuildState {
  compiled: LiveCompiled & { built: NonNullable<LiveCompiled['built']> };
  files: Map<string, ServedFile>;
  summary(): DeckSummary;
}

export interface DeckHostOptions {
  file: string;
  /** Builds off the server's thread, with a time limit; shared by the server's decks. */
  builder: DeckBuilder;
  /** Sends a message to every window of this deck. */
  broadcast: (message: ServerMessage) => void;
}

/**
 * One deck of `lectern serve`: builds it in memory, rebuilds on change (a burst of saves is
 * coalesced and the last content always wins), keeps serving the last good build while the
 * deck is broken, and tells the open windows the smallest change that brings them up to date.
 */
export class DeckHost {
  readonly file: string;
  readonly slug: string;
  current: DeckBuildState | undefined;
  problems: OverlayDiagnostic[] = [];
  /** Files this deck depends on besides itself (images, a theme file): the watcher adds them. */
  dependencies = new Set<string>();
  private building: Promise<void> | undefined;
  private again = false;
  /** A file the page loads as it is (an image) changed: windows must reload to see it. */
  private reloadAfter = false;
  private themeVersion = 0;

  constructor(private readonly options: DeckHostOptions) {
    this.file = options.file;
    this.slug = slugOf(options.file);
  }

  /** Rebuilds now, or once more after the build in progress (saves during a build are never lost). */
  rebuild(options: { assetChanged?: boolean } = {}): Promise<void> {
    if (options.assetChanged) this.reloadAfter = true;
    if (this.building) {
      this.again = true;
      return this.building;
    }
    this.building = (async () => {
      try {
        do {
          this.again = false;
          await this.buildOnce().catch((cause: unknown) => this.failed(cause));
        } while (this.again);
      } finally {
        this.building = undefined;
      }
    })();
    return this.building;
  }

  /**
   * Rebuilds when the file on disk is not what was last built. File watchers drop some events
   * of a fast burst of saves; checking after the burst makes sure the last save always wins.
   */
  async rebuildIfChanged(): Promise<void> {
    // A build in progress may have read the file before the last save: check once it is done.
    while (this.building) await this.building;
    const onDisk = await readFile(this.file, 'utf8').catch(() => undefined);
    if (onDisk !== undefined && onDisk !== this.lastSource) await this.rebuild();
  }

  private lastSource: string | undefined;

  private async buildOnce(): Promise<void> {
    const compiled = await this.options.builder.build(this.file);
    this.lastSource = compiled.source;
    const problems = toOverlays(compiled.diagnostics.filter((d) => d.severity === 'error'), compiled.source);
    const previous = this.current;
    const built = compiled.built;
    if (hasErrors(compiled.diagnostics) || compiled.files.length === 0 || !built) {
      this.problems = problems;
      this.options.broadcast({ type: 'problems', diagnostics: problems });
      return;
    }
    const files = new Map<string, ServedFile>();
    for (const file of compiled.files) files.set(file.to, file.content !== undefined ? { content: file.content } : { from: file.from ?? '' });
    this.dependencies = new Set(compiled.files.filter((f) => f.from && !f.to.startsWith('assets/')).map((f) => f.from ?? ''));
    this.current = { compiled: { ...compiled, built }, files, summary: () => built.summary };
    const hadProblems = this.problems.length > 0;
    this.problems = [];
    if (hadProblems) this.options.broadcast({ type: 'problems-cleared' });
    if (previous && this.reloadAfter) this.options.broadcast({ type: 'reload' });
    else if (previous) for (const message of this.changes(previous, this.current)) this.options.broadcast(message);
    this.reloadAfter = false;
  }

  /**
   * A build that threw (a bug, or the disk): the server keeps serving the last good build and
   * says what happened in the page and on the terminal, instead of going down mid-lesson.
   */
  private failed(cause: unknown): void {
    const message = cause instanceof Error ? cause.message : String(cause);
    this.problems = [{ severity: 'error', file: this.file, line: 1, column: 1, message: `lectern could not build this deck: ${message}`, hint: 'save again; if it persists, please report it with the deck' }];
    process.stderr.write(`lectern: could not build ${this.file}: ${cause instanceof Error ? (cause.stack ?? message) : message}\n`);
    this.options.broadcast({ type: 'problems', diagnostics: this.problems });
  }

  /** The smallest set of messages that turns what the windows show into the new build. */
  private changes(before: DeckBuildState, after: DeckBuildState): ServerMessage[] {
    const messages: ServerMessage[] = [];
    const a = before.compiled;
    const b = after.compiled;
    const pageShell = (c: LiveCompiled) => JSON.stringify([c.built?.meta, (c.files.find((f) => f.to === 'index.html')?.content ?? '').replace(/<div class="slides"[\s\S]*?<script/, '')]);
    if (pageShell(a) !== pageShell(b) || !sameFiles(before.files, after.files)) return [{ type: 'reload' }];
    if (a.built.themeCss !== b.built.themeCss) messages.push({ type: 'css', version: ++this.themeVersion });
    const old = a.built.sections;
    const now = b.built.sections;
    const sameShape = old.length === now.length && old.every((s, i) => s.h === now[i]?.h && s.v === now[i]?.v);
    if (!sameShape) {
      messages.push({ type: 'deck', html: joinSlideSections(now), total: now.length });
    } else {
      const changed = now.filter((s, i) => s.html !== old[i]?.html).map((s) => ({ index: s.index, html: s.html }));
      if (changed.length > 0) messages.push({ type: 'slides', sections: changed });
    }
    return messages;
  }
}

/** Two builds with the same files (apart from the page itself and the theme) need no reload. */
function sameFiles(a: Map<string, ServedFile>, b: Map<string, ServedFile>): boolean {
  const names = (m: Map<string, ServedFile>) => [...m.keys()].filter((k) => k !== 'index.html' && k !== 'assets/theme.css').sort().join('\n');
  return names(a) === names(b);
}

/** The page's form of the problems; the source is split into lines once, however many there are. */
function toOverlays(diagnostics: readonly Diagnostic[], source: string | undefined): OverlayDiagnostic[] {
  const lines = diagnostics.length > 0 ? source?.split('\n') : undefined;
  return diagnostics.map((d) => toOverlay(d, lines?.[d.span.line - 1]));
}

function toOverlay(d: Diagnostic, line: string | undefined): OverlayDiagnostic {
  return {
    severity: d.severity,
    file: d.span.file,
    line: d.span.line,
    column: d.span.column,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
    ...(d.detail ? { detail: d.detail } : {}),
    ...(line !== undefined ? { sourceLine: line.replace(/\r$/, '') } : {}),
  };
}
