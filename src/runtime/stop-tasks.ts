import { readdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Something to undo when lectern stops early: a browser to end, temporary files to remove. */
export type StopTask = () => void | Promise<void>;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** How long cleanup may take after Ctrl-C before lectern stops anyway. */
const CLEANUP_LIMIT_MS = 5_000;

const tasks = new Set<StopTask>();
let installed = false;
let stopping = false;

/**
 * Runs `task` if lectern is stopped by a signal (Ctrl-C, SIGTERM, a closed terminal) or exits
 * before the task is withdrawn; returns the withdrawal. After the tasks the signal is raised
 * again, so the process ends as the signal says, unless a command listens for it itself
 * (`serve` closes its server and returns).
 */
export function whenStopping(task: StopTask): () => void {
  tasks.add(task);
  if (!installed) {
    installed = true;
    for (const signal of SIGNALS) process.on(signal, onSignal);
    // On exit only the synchronous part of a task runs: killing a process, removing a file.
    process.on('exit', () => {
      for (const task of tasks) void runQuietly(task);
    });
  }
  return () => tasks.delete(task);
}

function runQuietly(task: StopTask): Promise<void> {
  try {
    return Promise.resolve(task()).catch(() => undefined);
  } catch {
    return Promise.resolve();
  }
}

function onSignal(signal: NodeJS.Signals): void {
  // A second Ctrl-C during cleanup means now.
  if (stopping) return raise(signal);
  stopping = true;
  const all = [...tasks];
  tasks.clear();
  const limit = new Promise<void>((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS).unref());
  void Promise.race([Promise.all(all.map(runQuietly)), limit]).then(() => {
    if (process.listenerCount(signal) > 1) return; // the command handles the signal itself
    raise(signal);
  });
}

function raise(signal: NodeJS.Signals): void {
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

/**
 * A fresh folder in the system's temporary folder, named after this process and removed when
 * lectern stops. Folders left by a lectern that was killed (SIGKILL runs no cleanup) are
 * removed by the next one: their process no longer exists.
 */
export async function temporaryFolder(prefix: string, options: { removeWhenStopping?: boolean } = {}): Promise<{ path: string; remove: () => void }> {
  removeOrphans(prefix);
  const path = await mkdtemp(join(tmpdir(), `${prefix}-${process.pid}-`));
  const remove = () => rmSync(path, { recursive: true, force: true });
  // A folder another process writes into (a browser profile) is removed by its owner, after that process ends.
  const withdraw = options.removeWhenStopping === false ? () => undefined : whenStopping(remove);
  return {
    path,
    remove() {
      withdraw();
      remove();
    },
  };
}

function removeOrphans(prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = new RegExp(`^${prefix}-(\\d+)-`).exec(name)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** Whether a process with this id exists (one of another user's counts: its folder is not ours to judge). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}
