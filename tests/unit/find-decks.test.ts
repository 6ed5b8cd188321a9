import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDecks } from '../../src/export/find-decks.js';
import { tempDir } from '../helpers/cli.js';

describe('findDecks', () => {
  it('leaves out a deck of a folder that links out of the project, and keeps links inside it', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'private.md'), '# Private\n');
    const project = tempDir();
    mkdirSync(join(project, 'decks'));
    mkdirSync(join(project, 'drafts'));
    writeFileSync(join(project, 'course.yaml'), 'title: Course\n');
    writeFileSync(join(project, 'decks', 'one.md'), '# One\n');
    writeFileSync(join(project, 'drafts', 'two.md'), '# Two\n');
    symlinkSync(join(outside, 'private.md'), join(project, 'decks', 'leak.md'));
    symlinkSync(join(project, 'drafts', 'two.md'), join(project, 'decks', 'two.md'));
    const found = findDecks([join(project, 'decks')], project);
    expect(found.files.map((f) => f.slice(project.length))).toEqual(['/decks/one.md', '/decks/two.md']);
    expect(found.outside).toEqual([join(project, 'decks', 'leak.md')]);
  });

  it('takes a deck named on the command line as it is, wherever its link leads', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'mine.md'), '# Mine\n');
    const project = tempDir();
    symlinkSync(join(outside, 'mine.md'), join(project, 'mine.md'));
    expect(findDecks([join(project, 'mine.md')], project)).toMatchObject({ files: [join(project, 'mine.md')], outside: [] });
  });
});
