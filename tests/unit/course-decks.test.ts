import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse-deck.js';
import { existsSync, readFileSync } from 'node:fs';
import { type Block, type Slide, slideActivities } from '../../src/model/deck.js';
import { planSchedule } from '../../src/model/schedule.js';

// The course's own decks are the examples users copy: they must stay clean and keep showing
// every feature of the format.
function load(slug: string) {
  const file = join('decks', `${slug}.md`);
  const source = readFileSync(file, 'utf8');
  const parsed = parseDeck(source, file, slug);
  const planned = planSchedule(parsed.deck);
  return { source, deck: parsed.deck, diagnostics: [...parsed.diagnostics, ...planned.diagnostics], schedule: planned.schedule };
}

/** What a slide shows (its blocks' source, activities' included), never its speaker notes. */
function shownText(slide: Slide): string {
  const text = (blocks: readonly Block[]): string =>
    blocks.map((b) => (b.kind === 'markdown' ? b.tokens.map((t) => t.raw).join('') : b.kind === 'activity' ? `${b.title}\n${text(b.children)}` : '')).join('\n');
  return text(slide.blocks);
}

describe.each(['module-1-foundations', 'module-6-advanced'])('course deck %s', (slug) => {
  const { source, deck, diagnostics, schedule } = load(slug);

  it('has no errors and no warnings', () => {
    expect(diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.message}`)).toEqual([]);
  });

  it('fits its session: planned total within duration, every activity timed', () => {
    expect(schedule.durationSeconds).toBeGreaterThan(0);
    expect(schedule.explicitSeconds).toBeLessThanOrEqual(schedule.durationSeconds ?? 0);
    const activities = deck.slides.flatMap(slideActivities);
    expect(activities.length).toBeGreaterThanOrEqual(3);
    for (const activity of activities) expect(activity.durationSeconds, activity.title).toBeGreaterThan(0);
  });

  it('uses the format: stacks, notes both ways, fragments, slide attributes, tables, code, handout', () => {
    expect(deck.slides.some((s) => s.v > 0)).toBe(true);
    expect(source).toMatch(/^Note: /m);
    expect(source).toMatch(/^::: notes$/m);
    expect(source).toMatch(/^::: handout$/m);
    expect(source).toMatch(/<!-- \.slide: .*(class|data-background)=/);
    expect(source).toMatch(/^\| --- \|/m);
    expect(source).toMatch(/^```(python|yaml)$/m);
    expect(deck.slides.filter((s) => s.notes.length > 0).length).toBeGreaterThan(deck.slides.length / 2);
  });
});

describe('course content', () => {
  it('module 1 draws commit → CI checks → artifact → release as a mermaid flowchart', () => {
    const { deck } = load('module-1-foundations');
    const diagrams = deck.slides.flatMap((s) => s.diagrams);
    expect(diagrams.some((d) => /flowchart/.test(d.source) && /CI checks/.test(d.source) && /Artifact/i.test(d.source) && /production/i.test(d.source))).toBe(true);
    expect(deck.meta.titleSlide).toBe(true);
  });

  it('module 1 writes every time form and a --- inside fenced YAML', () => {
    const { source, deck } = load('module-1-foundations');
    for (const form of ['time="90s"', 'time="5m"', 'time="2m30s"', 'time="3"']) expect(source).toContain(form);
    expect(source).toMatch(/```yaml\n---\n/);
    expect(source).toContain('<!-- .element: class="fragment" -->');
    expect(deck.slides.at(-1)?.title).toMatch(/Module 2/);
  });

  it('module 6 has a branching gitGraph, a progressive-delivery flow and a decision matrix', () => {
    const { source, deck } = load('module-6-advanced');
    const diagrams = deck.slides.flatMap((s) => s.diagrams);
    expect(diagrams.length).toBeGreaterThanOrEqual(2);
    expect(diagrams.some((d) => d.source.startsWith('gitGraph'))).toBe(true);
    expect(diagrams.some((d) => /canary/i.test(d.source) && /roll back/i.test(d.source))).toBe(true);
    expect(source).toMatch(/Which strategy fits/);
    expect(source).toMatch(/What to adopt first/);
    expect(deck.meta.titleSlide).toBe(false);
  });

  it('say what the seeds say: MTTR beside DORA\'s "time to restore", the discussion named, compliance on a slide', () => {
    const one = load('module-1-foundations').deck;
    expect(one.slides.some((s) => /MTTR/.test(shownText(s)) && /time to restore/i.test(shownText(s)))).toBe(true);
    expect(one.slides.flatMap(slideActivities).map((a) => a.title)).toContain('Discussion: release pain points');
    const six = load('module-6-advanced').deck;
    expect(six.slides.some((s) => /SOC 2/.test(shownText(s)) && /HIPAA/.test(shownText(s)) && /GDPR/.test(shownText(s)))).toBe(true);
  });

  it('one module shows an image, described by its alt text, from a file that exists', () => {
    const images = ['module-1-foundations', 'module-6-advanced'].flatMap((slug) =>
      load(slug).deck.slides.flatMap((s) => s.assets.filter((a) => a.kind === 'image')));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(existsSync(join('decks', image.url)), image.url).toBe(true);
    expect(load('module-1-foundations').source).toMatch(/!\[[^\]]{20,}\]\(media\/pytest-failure\.png\)/);
  });
});
