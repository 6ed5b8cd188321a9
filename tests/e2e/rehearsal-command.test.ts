import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RehearsalRecording } from '../../src/server/protocol.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf.js';

const DECK = [
  '---',
  'title: Demo module',
  'duration: 20m',
  'theme: white',
  '---',
  '',
  '# Welcome',
  '',
  'Hello.',
  '',
  '---',
  '',
  '<!-- .slide: time="5m" class="center" -->',
  '## The pipeline',
  '',
  '----',
  '',
  '## Below it',
  '',
  '---',
  '',
  '## Hands-on',
  '',
  ':::activity{title="Drill" time="10m"}',
  'Do the drill.',
  ':::',
  '',
].join('\n');

function recording(actual: [number, number, number, number], startedAt = '2025-03-04T09:00:00.000Z'): RehearsalRecording {
  const titles = ['Welcome', 'The pipeline', 'Below it', 'Hands-on'];
  const hv = [[0, 0], [1, 0], [1, 1], [2, 0]];
  const lines = [7, 13, 18, 22];
  const planned = [150, 300, 150, 600];
  return {
    version: 1,
    slug: 'demo',
    file: 'decks/demo.md',
    title: 'Demo module',
    startedAt,
    finishedAt: '2025-03-04T09:25:00.000Z',
    durationSeconds: 1200,
    plannedTotalSeconds: 1200,
    slides: titles.map((title, index) => ({
      index,
      h: hv[index]?.[0] ?? 0,
      v: hv[index]?.[1] ?? 0,
      title,
      line: lines[index] ?? 1,
      plannedSeconds: planned[index] ?? 0,
      actualSeconds: actual[index] ?? 0,
    })),
    activities: [{ id: 'drill', title: 'Drill', slideIndex: 3, plannedSeconds: 600, actualSeconds: 720 }],
  };
}

/** A course folder with the deck and its rehearsals, as the live server leaves them. */
function course(): string {
  const dir = tempDir('lectern-rehearsal-');
  mkdirSync(join(dir, 'decks'));
  writeFileSync(join(dir, 'decks', 'demo.md'), DECK);
  mkdirSync(join(dir, 'rehearsals', 'demo'), { recursive: true });
  writeFileSync(join(dir, 'rehearsals', 'demo', '2025-03-01T09-00-00.000Z.json'), JSON.stringify(recording([60, 60, 60, 60], '2025-03-01T09:00:00.000Z')));
  writeFileSync(join(dir, 'rehearsals', 'demo', '2025-03-04T09-00-00.000Z.json'), JSON.stringify(recording([200, 420, 140, 760])));
  // Newest by name, but broken: passed over.
  writeFileSync(join(dir, 'rehearsals', 'demo', '2025-03-05T09-00-00.000Z.json'), '{"version": 1, "slides": ');
  return dir;
}

describe('lectern rehearsal', () => {
  it('compares the latest rehearsal of a slug with the deck', async () => {
    const dir = course();
    const result = await runCli(['rehearsal', 'demo'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(join('rehearsals', 'demo', '2025-03-04T09-00-00.000Z.json'));
    expect(result.stdout).toMatch(/^#\s+slide\s+planned\s+actual\s+±$/m);
    expect(result.stdout).toMatch(/^1\s+Welcome\s+2m 30s\s+3m 20s\s+\+50s$/m);
    expect(result.stdout).toMatch(/^2\s+The pipeline\s+5m\s+7m\s+\+2m$/m);
    expect(result.stdout).toMatch(/^2\.2\s+Below it\s+2m 30s\s+2m 20s\s+-10s$/m);
    expect(result.stdout).toMatch(/^\s+section The pipeline\s+7m 30s\s+9m 20s\s+\+1m 50s$/m);
    expect(result.stdout).toContain('actual 25m 20s against a plan of 20m and a duration of 20m (+5m 20s)');
    expect(result.stdout).toMatch(/Ran over most:\n {2}3 {2}Hands-on: \+2m 40s/);
    expect(result.stdout).toContain('Ran under most: no slide ran under by 15s or more');
    // The deck is only read.
    expect(readFileSync(join(dir, 'decks', 'demo.md'), 'utf8')).toBe(DECK);
  });

  it('takes a deck path and --file', async () => {
    const dir = course();
    const result = await runCli(['rehearsal', 'decks/demo.md', '--file', 'rehearsals/demo/2025-03-01T09-00-00.000Z.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('actual 4m against a plan of 20m and a duration of 20m (-16m)');
  });

  it('--apply writes the rehearsed times into the deck and nothing else', async () => {
    const dir = course();
    const result = await runCli(['rehearsal', 'demo', '--apply'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`✓ wrote the rehearsed times of 4 slides to ${join('decks', 'demo.md')}`);
    const after = readFileSync(join(dir, 'decks', 'demo.md'), 'utf8');
    expect(after).toBe(
      DECK.replace('\n# Welcome', '\n<!-- .slide: time="3m15s" -->\n# Welcome')
        .replace('<!-- .slide: time="5m" class="center" -->', '<!-- .slide: time="7m" class="center" -->')
        .replace('\n## Below it', '\n<!-- .slide: time="2m15s" -->\n## Below it')
        .replace('\n## Hands-on', '\n<!-- .slide: time="12m45s" -->\n## Hands-on'),
    );
    const check = await runCli(['check', 'decks/demo.md'], dir);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('total 25m 15s of 20m');

    const again = await runCli(['rehearsal', 'demo', '--apply'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`no slide times changed in ${join('decks', 'demo.md')}`);
    expect(readFileSync(join(dir, 'decks', 'demo.md'), 'utf8')).toBe(after);
  });

  it('skips slides whose title changed since the rehearsal', async () => {
    const dir = course();
    writeFileSync(join(dir, 'decks', 'demo.md'), DECK.replace('## Below it', '## Further down'));
    const result = await runCli(['rehearsal', 'demo', '--apply'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 recorded slide no longer matches the deck');
    expect(result.stdout).toContain('wrote the rehearsed times of 3 slides');
    expect(result.stdout).toContain('1 recorded slide skipped: title no longer matches the deck');
    expect(readFileSync(join(dir, 'decks', 'demo.md'), 'utf8')).toContain('\n\n## Further down\n');
  });

  it('says so in one line when there is no recording', async () => {
    const dir = course();
    const result = await runCli(['rehearsal', 'other'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`lectern: no rehearsal of other found in ${join('rehearsals', 'other')}/ (rehearse it in the presenter view first)\n`);
    const broken = await runCli(['rehearsal', 'demo', '--file', 'rehearsals/demo/2025-03-05T09-00-00.000Z.json'], dir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^lectern: rehearsals\/demo\/2025-03-05T09-00-00\.000Z\.json is not a rehearsal recording/);
  });

  it('exits 2 on wrong usage', async () => {
    const dir = course();
    for (const args of [['rehearsal'], ['rehearsal', 'a', 'b'], ['rehearsal', 'demo', '--bogus']]) {
      const result = await runCli(args, dir);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^lectern: /);
    }
    // --apply needs the deck: a slug without decks/<slug>.md is not enough.
    mkdirSync(join(dir, 'rehearsals', 'lost'));
    writeFileSync(join(dir, 'rehearsals', 'lost', '2025-03-04T09-00-00.000Z.json'), JSON.stringify({ ...recording([1, 2, 3, 4]), slug: 'lost', file: 'gone/lost.md' }));
    const lost = await runCli(['rehearsal', 'lost', '--apply'], dir);
    expect(lost.code).toBe(2);
    expect(lost.stderr).toContain("give the deck's path");
    // Without --apply the report uses the recorded plan.
    const report = await runCli(['rehearsal', 'lost'], dir);
    expect(report.code).toBe(0);
    expect(report.stderr).toContain('comparing with the plan recorded in the rehearsal');
    expect(report.stdout).toContain('actual 10s against a plan of 20m');
  });

  it('export puts the latest rehearsal into the instructor guide', async () => {
    const dir = course();
    const result = await runCli(['export', 'decks/demo.md', '--only', 'guide', '--out', 'out'], dir, { LECTERN_CACHE_DIR: join(dir, '.cache') });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = pdfText(join(dir, 'out', 'demo', 'demo.guide.pdf'));
    expect(text).toContain('Rehearsed');
    expect(text).toContain('rehearsed 3:20');
    expect(text).toContain('rehearsed 12:40');
  });
});
