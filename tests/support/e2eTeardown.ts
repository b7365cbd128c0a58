import type { ChildProcess } from 'node:child_process';

/** SIGTERM (their graceful stop), SIGKILL after 40 s: nothing of the e2e servers outlives the run. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve();
    const hard = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export default async function e2eTeardown(): Promise<void> {
  const servers = globalThis.jichaE2eServers;
  if (!servers) return;
  await Promise.all([stop(servers.api), stop(servers.worker)]);
  globalThis.jichaE2eServers = undefined;
}
