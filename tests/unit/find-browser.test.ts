import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, systemBrowserPaths } from '../../src/browser/find-browser.js';
import { tempDir } from '../helpers/cli.js';

function fakeExecutable(name: string): string {
  const path = join(tempDir('lectern-browser-'), name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('findBrowser', () => {
  it('prefers the explicit path, then CHROME_PATH, then PUPPETEER_EXECUTABLE_PATH', () => {
    const explicit = fakeExecutable('explicit');
    const chrome = fakeExecutable('chrome');
    const puppeteer = fakeExecutable('puppeteer');
    const env = { CHROME_PATH: chrome, PUPPETEER_EXECUTABLE_PATH: puppeteer };
    expect(findBrowser({ explicitPath: explicit, env })).toEqual({ path: explicit, source: 'option' });
    expect(findBrowser({ env })).toEqual({ path: chrome, source: 'CHROME_PATH' });
    expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: puppeteer } })).toEqual({ path: puppeteer, source: 'PUPPETEER_EXECUTABLE_PATH' });
  });

  it('does not fall back when an explicit path is wrong', () => {
    expect(findBrowser({ explicitPath: '/no/such/chrome', env: {} })).toBeUndefined();
  });

  it('knows the usual install locations on each platform', () => {
    expect(systemBrowserPaths('linux', {})).toContain('/usr/bin/chromium');
    expect(systemBrowserPaths('darwin', {})[0]).toContain('Google Chrome.app');
    expect(systemBrowserPaths('win32', { PROGRAMFILES: 'C:\\Program Files' })[0]).toMatch(/chrome\.exe$/);
  });
});
