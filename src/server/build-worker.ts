/**
 * The live server's build thread: parses and renders decks away from the thread that answers
 * requests and sockets, so a slow or runaway build never stalls the room (the server stops a
 * build that runs too long by ending this thread). Diagrams are drawn by the server's thread,
 * which owns the browser: the worker asks for them and waits.
 */
import { parentPort } from 'node:worker_threads';
import type { DeckDiagrams, DiagramDrawing } from '../diagrams/deck-diagrams.js';
import { compileDeck, type IncrementalState } from '../export/compile-deck.js';
import { createIdleCollector } from './idle-collector.js';
import { type FromWorker, toLiveCompiled, type ToWorker } from './live-build.js';

const port = parentPort;
if (!port) throw new Error('build-worker.js runs as a worker thread of lectern serve');

/** Each deck's parsed slides and rendered sections, kept between its builds. */
const incremental = new Map<string, IncrementalState>();
const waitingForDiagrams = new Map<number, { resolve: (d: DeckDiagrams) => void; reject: (e: Error) => void }>();

const post = (message: FromWorker) => port.postMessage(message);
// Builds make most of the server's garbage: the thread collects it once quiet, as the server's thread does.
const collector = createIdleCollector();

port.on('message', (message: ToWorker) => {
  if (message.type === 'build') void build(message);
  else {
    const waiting = waitingForDiagrams.get(message.id);
    waitingForDiagrams.delete(message.id);
    if (message.type === 'drawn') waiting?.resolve(message.diagrams);
    else waiting?.reject(new Error(message.message));
  }
});

async function build(request: Extract<ToWorker, { type: 'build' }>): Promise<void> {
  const state = incremental.get(request.file) ?? { slides: new Map(), sections: { key: '', sections: new WeakMap() } };
  const compiled = await compileDeck(request.file, {
    live: true,
    incremental: state,
    ...(request.drawDiagrams ? { diagrams: diagramsFromServer(request.id) } : {}),
    ...(request.separators ? { separators: request.separators } : {}),
    ...(request.course ? { course: request.course } : {}),
  });
  if (compiled.incremental) incremental.set(request.file, compiled.incremental);
  post({ type: 'built', id: request.id, compiled: toLiveCompiled(compiled) });
  collector.poke();
}

/** A diagram stage that asks the server's thread to draw (only what drawing needs crosses over). */
function diagramsFromServer(id: number): DiagramDrawing {
  return {
    drawDeck(deck, themeCss, source) {
      const slides = deck.slides.map((slide) => ({ diagrams: slide.diagrams }));
      return new Promise<DeckDiagrams>((resolve, reject) => {
        waitingForDiagrams.set(id, { resolve, reject });
        post({ type: 'draw', id, deck: { file: deck.file, slides }, themeCss, source });
      });
    },
  };
}
