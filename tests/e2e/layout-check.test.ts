import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLayout } from '../../src/browser/layout-check.js';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { startBrowser } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';

const bullets = Array.from({ length: 40 }, (_, i) => `- bullet line ${i + 1}`).join('\n');

// Front matter on lines 1–4, so the first slide starts on line 5.
const DECK = `---
title: Layout check
duration: 10m
---
## Far too long

${bullets}

---

## A normal slide

Just one line.

---

## A broken image

<img src="data:image/png;base64,AAAA" alt="broken">
`;

const lineOf = (text: string) => DECK.split('\n').findIndex((line) => line.includes(text)) + 1;

describe('lectern check --render', () => {
  it('warns about an overflowing slide and a broken image, and nothing else', async () => {
    const dir = tempDir();
    const deck = join(dir, 'deck.md');
    writeFileSync(deck, DECK);
    const result = await runCli(['check', '--render', deck]);
    expect(result.code).toBe(0);
    // At the element that overflows: the first bullet that reaches past the slide's bottom edge.
    const overflow = /deck\.md:(\d+):1: warning: slide overflows by (\d+) px: this list item reaches past its bottom edge/.exec(result.stderr);
    expect(overflow, result.stderr).not.toBeNull();
    expect(Number(overflow?.[2])).toBeGreaterThan(100);
    const firstCut = Number(overflow?.[1]);
    expect(firstCut).toBeGreaterThan(lineOf('- bullet line 5'));
    expect(firstCut).toBeLessThan(lineOf('- bullet line 15'));
    expect(result.stderr).toContain('hint: split the slide');
    // The normal slide's chunk starts on the line after its `---`.
    const normalLine = lineOf('## A normal slide') - 1;
    expect(result.stderr).not.toContain(`deck.md:${normalLine}:1`);
    expect(result.stderr).not.toContain(`deck.md:${normalLine + 1}:1`);
    // At the <img> itself (check --render builds with every element's line).
    expect(result.stderr).toContain(`deck.md:${lineOf('<img src="data:')}:1: warning: image \`data:image/png;base64,AAAA\` failed to load`);
    expect(result.stderr.match(/warning:/g)).toHaveLength(2);
    expect(result.stdout).toContain('0 errors, 2 warnings');
  });

  it('lays nothing out without --render, and exits 1 with the hint when there is no browser', async () => {
    const dir = tempDir();
    const deck = join(dir, 'deck.md');
    writeFileSync(deck, DECK);
    const plain = await runCli(['check', deck]);
    expect(plain.stderr).not.toContain('slide overflows');
    const missing = await runCli(['check', '--render', '--browser', '/nonexistent/chromium', deck]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('lectern: no Chrome or Chromium was found');
    expect(missing.stderr).toContain('CHROME_PATH');
  });
});

describe('checkLayout', () => {
  let browser: ManagedBrowser;
  let out: string;

  beforeAll(async () => {
    const dir = tempDir();
    const slides = Array.from({ length: 20 }, (_, i) => `## Slide ${i + 1}\n\n- a point\n- another point\n`).join('\n---\n\n');
    writeFileSync(join(dir, 'twenty.md'), `---\ntitle: Twenty\n---\n\n${slides}`);
    out = tempDir();
    const built = await runCli(['build', join(dir, 'twenty.md'), '--out', out]);
    expect(built.code).toBe(0);
    browser = await startBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('checks 20 slides in under 2 seconds, with no false alarms, and closes its page', async () => {
    const pagesBefore = (await browser.browser.pages()).length;
    const started = performance.now();
    const diagnostics = await checkLayout(browser, join(out, 'twenty', 'index.html'), 'twenty.md');
    const elapsed = performance.now() - started;
    expect(diagnostics).toEqual([]);
    expect(elapsed).toBeLessThan(2000);
    expect((await browser.browser.pages()).length).toBe(pagesBefore);
  });

  it('reports a code block that the theme cuts off and makes scroll, at its slide', async () => {
    const dir = tempDir();
    const code = Array.from({ length: 30 }, (_, i) => `const x${i} = ${i};`).join('\n');
    writeFileSync(join(dir, 'code.md'), `---\ntitle: Code\n---\n## Long code\n\n\`\`\`js\n${code}\n\`\`\`\n`);
    const codeOut = tempDir();
    const built = await runCli(['build', join(dir, 'code.md'), '--out', codeOut]);
    expect(built.code).toBe(0);
    const diagnostics = await checkLayout(browser, join(codeOut, 'code', 'index.html'), 'code.md');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'code-overflow', span: { file: 'code.md', line: 4, column: 1 } });
    expect(diagnostics[0]?.message).toMatch(/^code block is cut off by \d+ px$/);
  });
});

describe('lectern doctor', () => {
  it('prints the browser it found and exits 0', async () => {
    const result = await runCli(['doctor']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^lectern\s+\d+\.\d+\.\d+/m);
    expect(result.stdout).toMatch(/^node\s+v\d+/m);
    expect(result.stdout).toMatch(/^browser\s+\/\S*(chrom|chrome)/im);
    expect(result.stdout).toMatch(/^reveal\.js\s+6\./m);
    expect(result.stdout).toMatch(/^mermaid\s+/m);
  });

  it('exits 1 with the install hint when --browser names no executable', async () => {
    const result = await runCli(['doctor', '--browser', '/nonexistent']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('/nonexistent is not an executable file');
    expect(result.stderr).toContain('lectern: no Chrome or Chromium was found');
    expect(result.stderr).toContain('hint:');
  });
});
