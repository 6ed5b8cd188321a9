/**
 * Loads the deck summary (`/<slug>/lectern-deck.json`) the presenter view shows, again after
 * every change the server reports. Only the latest request counts; a failed one is retried.
 */
import type { DeckSummary } from '../../server/protocol.js';

/** A rebuild sends several messages in a row: one fetch after the last of them. */
const REFETCH_DELAY_MS = 150;
const RETRY_MS = 3000;

export class DeckLoader {
  private readonly url: string;
  private request = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    slug: string,
    token: string,
    private readonly onLoad: (summary: DeckSummary) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    this.url = `/${encodeURIComponent(slug)}/lectern-deck.json?token=${encodeURIComponent(token)}`;
  }

  /** Loads the summary again shortly. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), REFETCH_DELAY_MS);
  }

  async load(): Promise<void> {
    const request = ++this.request;
    try {
      const response = await fetch(this.url, { cache: 'no-store' });
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const summary = (await response.json()) as DeckSummary;
      if (request !== this.request) return;
      this.onLoad(summary);
    } catch (error) {
      if (request !== this.request) return;
      this.onError(error);
      this.timer = setTimeout(() => void this.load(), RETRY_MS);
    }
  }
}
