import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

export interface FoundBrowser {
  path: string;
  /** How it was found: the flag, an environment variable, or a usual install location. */
  source: 'option' | 'CHROME_PATH' | 'PUPPETEER_EXECUTABLE_PATH' | 'system';
}

export interface FindBrowserOptions {
  /** `--browser PATH`: wins over everything. */
  explicitPath?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** Usual Chromium/Chrome locations per platform, most likely first. */
export function systemBrowserPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    return roots.flatMap((root) => [
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(root, 'Chromium', 'Application', 'chrome.exe'),
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
  ];
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds a Chromium-family browser in a fixed order: the explicit path, CHROME_PATH,
 * PUPPETEER_EXECUTABLE_PATH, then the usual install locations. Never downloads one.
 */
export function findBrowser(options: FindBrowserOptions = {}): FoundBrowser | undefined {
  const env = options.env ?? process.env;
  if (options.explicitPath) return isExecutable(options.explicitPath) ? { path: options.explicitPath, source: 'option' } : undefined;
  for (const name of ['CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH'] as const) {
    const path = env[name];
    if (path && isExecutable(path)) return { path, source: name };
  }
  const path = systemBrowserPaths(options.platform ?? process.platform, env).find(isExecutable);
  return path ? { path, source: 'system' } : undefined;
}

export const BROWSER_INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Google Chrome) ' +
  'or point CHROME_PATH at a Chrome/Chromium executable';
