import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presenterToken, sameToken, TOKEN_PATTERN } from '../../src/server/presenter-token.js';
import { tempDir } from '../helpers/cli.js';

describe('the presenter token kept per project', () => {
  it('is made once and reused at every start, so a bookmarked presenter link keeps working', async () => {
    const project = tempDir();
    const first = await presenterToken(project);
    expect(first.kept).toBe(false);
    expect(first.token).toMatch(TOKEN_PATTERN);
    const again = await presenterToken(project);
    expect(again).toEqual({ token: first.token, file: join('.lectern', 'presenter-token'), kept: true });
    expect(statSync(join(project, '.lectern', 'presenter-token')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(project, '.lectern', '.gitignore'), 'utf8')).toContain('*');
  });

  it('is replaced by --new-token and set by --token, and a damaged file gives a new one', async () => {
    const project = tempDir();
    const first = await presenterToken(project);
    const renewed = await presenterToken(project, { renew: true });
    expect(renewed.token).not.toBe(first.token);
    expect((await presenterToken(project)).token).toBe(renewed.token);
    const given = await presenterToken(project, { given: 'classroom-tablet-2026' });
    expect((await presenterToken(project)).token).toBe(given.token);
    writeFileSync(join(project, '.lectern', 'presenter-token'), 'x y\n');
    expect((await presenterToken(project)).kept).toBe(false);
  });

  it('is compared in constant time, and nothing but the same token passes', () => {
    expect(sameToken('abcdefghijklmnop', 'abcdefghijklmnop')).toBe(true);
    expect(sameToken('abcdefghijklmnoq', 'abcdefghijklmnop')).toBe(false);
    expect(sameToken('abc', 'abcdefghijklmnop')).toBe(false);
    expect(sameToken(null, 'abcdefghijklmnop')).toBe(false);
  });
});
