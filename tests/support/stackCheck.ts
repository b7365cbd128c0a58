import net from 'node:net';
import { loadConfig } from '../../config/env';

export function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.setTimeout(1000, () => { s.destroy(); resolve(false); });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/** Fails loudly, naming what is down: these tests need the real stack (`npm test` starts it). */
export async function requireStack(): Promise<void> {
  const c = loadConfig({ ...process.env });
  const db = new URL(c.DATABASE_URL);
  const [th, tp] = c.TEMPORAL_ADDRESS.split(':');
  const s3 = new URL(c.S3_ENDPOINT);
  const kc = new URL(c.KEYCLOAK_URL);
  const checks: [string, string, number][] = [
    ['Postgres', db.hostname, Number(db.port || 5432)],
    ['Temporal', th, Number(tp)],
    ['S3 store', s3.hostname, Number(s3.port || 80)],
    ['Keycloak', kc.hostname === 'localhost' ? '127.0.0.1' : kc.hostname, Number(kc.port || 80)],
  ];
  const down: string[] = [];
  for (const [name, host, port] of checks) if (!(await reachable(host, port))) down.push(`${name} (${host}:${port})`);
  if (down.length) throw new Error(`the local stack is not running — ${down.join(', ')} unreachable. Run \`npm test\` (it starts the stack) or leave \`npm start\` running.`);
}
