import { spawn } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../export/package-files.js';
import { setUpBrowser } from './diagram-setup.js';
import { courseOfInputs, deckInputs } from './deck-inputs.js';
import { useColor } from './print.js';
import { UsageError } from './usage-error.js';
import { separatorFlags } from './separator-flags.js';
import { presenterToken, TOKEN_PATTERN } from '../server/presenter-token.js';

/** `lectern serve`: live decks and the presenter view until Ctrl-C. */
export async function runServe(positionals: string[], values: Record<string, unknown>): Promise<number> {
  const inputs = deckInputs('serve', positionals, { color: useColor(values, process.stderr) });
  if (inputs.courseFailed) return 1;
  const port = values.port === undefined ? 4321 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number, not \`${String(values.port)}\``);
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';

  // A teaching session must not end on a bug in one request or one rebuild: report and go on.
  process.on('unhandledRejection', (cause) => process.stderr.write(`lectern: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`));
  const separators = separatorFlags(values);
  const given = typeof values.token === 'string' ? values.token : undefined;
  if (given !== undefined && !TOKEN_PATTERN.test(given)) {
    throw new UsageError('--token takes 16 to 128 letters, digits, `-` or `_` (or leave it out: lectern keeps one per project)');
  }
  const presenter = await presenterToken(process.cwd(), { ...(given ? { given } : {}), renew: values['new-token'] === true });
  const { session, diagrams } = setUpBrowser(values);
  const { startLiveServer } = await import('../server/live-server.js');
  let server: Awaited<ReturnType<typeof startLiveServer>>;
  try {
    server = await startLiveServer({
      files: inputs.files,
      host,
      port,
      ...(diagrams ? { diagrams } : {}),
      ...(separators ? { separators } : {}),
      ...courseOfInputs(inputs),
      token: presenter.token,
      rehearse: values.rehearse === true,
      rehearsalsDir: 'rehearsals',
      watchDirs: [join(PACKAGE_ROOT, 'themes')],
    });
  } catch (cause) {
    await session.close();
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return fail(`port ${port} on ${host} is in use`, `another lectern serve may be running; try --port ${port + 1}`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return fail(`cannot listen on ${host}`, 'use an address of this computer, such as 127.0.0.1 or 0.0.0.0');
    if (code === 'EACCES') return fail(`not allowed to listen on port ${port}`, 'ports below 1024 need special rights; try --port 4321');
    throw cause;
  }
  const base = publicBase(server.url, host);
  const lines = [`lectern serve: ${server.url}/ (Ctrl-C to stop)`];
  for (const [slug, deck] of server.hosts) {
    lines.push(`  ${slug}${deck.problems.length > 0 ? ' (has errors: the page shows them)' : ''}`);
    lines.push(`    audience   ${base}/${slug}/`);
    lines.push(`    presenter  ${base}/${slug}/presenter?token=${server.token}`);
  }
  lines.push(`  presenter link ${presenter.kept ? 'kept from the last start' : 'new'} (${presenter.file}; --new-token replaces it)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!isLoopback(host)) {
    const first = [...server.hosts.keys()][0];
    if (first) await printQr(`${base}/${first}/presenter?token=${server.token}`);
  } else {
    process.stdout.write('  (only this computer can connect; use --host 0.0.0.0 for a phone on the same network)\n');
  }
  if (values.open === true) openInBrowser(`${server.url}/`);

  // Listening (not once) tells the cleanup of a browser that serve ends the process itself.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
  await server.close();
  await session.close();
  return 0;
}

function fail(message: string, hint: string): number {
  process.stderr.write(`lectern: ${message}\n  hint: ${hint}\n`);
  return 1;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** The address another device uses: this machine's LAN address when listening on all interfaces. */
function publicBase(url: string, host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return url;
  const lan = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
  return lan ? url.replace(/\/\/[^:/]+|\/\/\[[^\]]+\]/, `//${lan.address}`) : url;
}

async function printQr(text: string): Promise<void> {
  const { default: QRCode } = await import('qrcode');
  const code = await QRCode.toString(text, { type: 'terminal', small: true });
  process.stdout.write(`\nPresenter view on a phone (same network):\n${code}\n`);
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`lectern: could not open a browser; go to ${url}\n`));
  child.unref();
}
