import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTheme } from '../../src/export/theme.js';
import { tempDir } from '../helpers/cli.js';

const at = { line: 8, column: 1 };

describe('resolveTheme', () => {
  it('inlines local @imports, drops remote ones with a warning, and copies url() files relative to their own stylesheet', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'base', 'fonts'), { recursive: true });
    writeFileSync(join(dir, 'base', 'fonts', 'a.woff2'), 'font');
    writeFileSync(join(dir, 'base', 'base.css'), '@font-face { src: url("fonts/a.woff2"); }\n.base { color: red; }\n');
    writeFileSync(join(dir, 'mine.css'), '@import "base/base.css";\n@import url("https://fonts.example.com/x.css");\n.mine { color: blue; }\n');
    const { theme, diagnostics } = resolveTheme('mine.css', dir, 'deck.md', at);
    expect(theme?.css).toContain('.base { color: red; }');
    expect(theme?.css.indexOf('.base')).toBeLessThan(theme?.css.indexOf('.mine') ?? 0);
    expect(theme?.css).not.toContain('@import');
    expect(theme?.files).toEqual([{ from: join(dir, 'base', 'fonts', 'a.woff2'), to: expect.stringMatching(/^theme-files\/[0-9a-f]{8}-a\.woff2$/) }]);
    expect(diagnostics.map((d) => [d.code, d.span.line])).toEqual([['theme-web-fonts', 8]]);
  });

  it('survives an import cycle and reports a missing import', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.css'), '@import "b.css";\n@import "gone.css";\n.a {}\n');
    writeFileSync(join(dir, 'b.css'), '@import "a.css";\n.b {}\n');
    const { theme, diagnostics } = resolveTheme('a.css', dir, 'deck.md', at);
    expect(theme?.css).toMatch(/\.b \{\}[\s\S]*\.a \{\}/);
    expect(diagnostics.map((d) => d.code)).toEqual(['theme-file-missing']);
  });

  it('builds high-contrast on the course theme', () => {
    const { theme, diagnostics } = resolveTheme('high-contrast', '.', 'deck.md', at);
    expect(diagnostics).toEqual([]);
    expect(theme?.origin).toBe('lectern');
    expect(theme?.css).toContain('--lectern-accent: #0a6b74');
    expect(theme?.css.lastIndexOf('--lectern-accent:')).toBe(theme?.css.indexOf('--lectern-accent: #ffe14d'));
  });

  it('shows a theme it cannot find (one of another tool, or a missing file) in the default look, with a warning', () => {
    const { theme, diagnostics } = resolveTheme('my-company', '.', 'deck.md', at);
    expect(theme?.origin).toBe('lectern');
    expect(theme?.path).toMatch(/course\.css$/);
    expect(diagnostics).toMatchObject([{ severity: 'warning', code: 'unknown-theme', span: { line: 8, column: 1 } }]);
    expect(diagnostics[0]?.hint).toContain('high-contrast');
  });

  it('takes no theme, import or font from outside the project folder, symlinks followed', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.css'), '.secret {}\n');
    writeFileSync(join(outside, 'secret.woff2'), 'secret');
    const project = tempDir();
    symlinkSync(join(outside, 'secret.woff2'), join(project, 'linked.woff2'));
    writeFileSync(join(project, 'mine.css'), `@import "${join(outside, 'secret.css')}";\n@font-face { src: url("linked.woff2"); }\n.mine {}\n`);
    const own = resolveTheme('mine.css', project, 'deck.md', at, project);
    expect(own.theme?.css).not.toContain('.secret');
    expect(own.theme?.files).toEqual([]);
    expect(own.diagnostics.map((d) => d.code)).toEqual(['theme-file-outside-project', 'theme-file-outside-project']);
    const foreign = resolveTheme(join(outside, 'secret.css'), project, 'deck.md', at, project);
    expect(foreign.theme).toBeUndefined();
    expect(foreign.diagnostics).toMatchObject([{ severity: 'error', code: 'asset-outside-project', span: { line: 8, column: 1 } }]);
  });

  it('reports a folder named as an import or a font instead of failing', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'fonts'));
    writeFileSync(join(dir, 'mine.css'), '@import "fonts";\n@font-face { src: url("fonts"); }\n.mine {}\n');
    const { theme, diagnostics } = resolveTheme('mine.css', dir, 'deck.md', at, dir);
    expect(theme?.css).toContain('.mine {}');
    expect(diagnostics.map((d) => d.code)).toEqual(['theme-file-missing', 'theme-file-missing']);
  });
});
