import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../export/atomic-write.js';

/** The project's local state folder: never in git (it holds its own `.gitignore`). */
export const STATE_DIR = '.lectern';
const TOKEN_FILE = 'presenter-token';
/** What a token may be: long enough not to be guessed, plain enough for a URL and a QR code. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export interface TokenChoice {
  /** `--token`: use this one (and keep it). */
  given?: string;
  /** `--new-token`: replace the kept one. */
  renew?: boolean;
}

export interface PresenterToken {
  token: string;
  /** Where it is kept, relative to the project. */
  file: string;
  /** Whether this start reused the kept token. */
  kept: boolean;
}

/**
 * The presenter token of a project, kept in `.lectern/presenter-token` so the presenter link a
 * tablet bookmarked still works after a restart of `lectern serve`. The file is readable only by
 * its owner, and the folder ignores itself in git.
 */
export async function presenterToken(projectDir: string, choice: TokenChoice = {}): Promise<PresenterToken> {
  const dir = join(projectDir, STATE_DIR);
  const file = join(dir, TOKEN_FILE);
  const shown = join(STATE_DIR, TOKEN_FILE);
  if (!choice.given && !choice.renew) {
    const kept = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (TOKEN_PATTERN.test(kept)) return { token: kept, file: shown, kept: true };
  }
  const token = choice.given ?? randomBytes(18).toString('base64url');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '.gitignore'), '# lectern\'s local state: never commit it\n*\n', { flag: 'wx' }).catch(() => undefined);
  await writeFileAtomic(file, `${token}\n`);
  await chmod(file, 0o600);
  return { token, file: shown, kept: false };
}

/** Compares a token from a request with the server's in constant time. */
export function sameToken(offered: string | null | undefined, expected: string): boolean {
  if (typeof offered !== 'string') return false;
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
