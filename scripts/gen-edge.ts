// `npm run gen:edge`: the edge's nginx.conf (http/edgeConfig.ts) for the production compose, docker/edge/nginx.conf.
// Also written by `npm run gen:client` (its refusals quote the message catalogue; its exemptions, the route table),
// and checked by `gen:client --check`, one of npm test's gates.
//
//   npm run gen:edge                        writes docker/edge/nginx.conf
//   npm run gen:edge -- --check             exits 1 when the committed file differs from what the code generates
//   npm run gen:edge -- --local OUT --listen 127.0.0.1:3080 --upstream 127.0.0.1:3000 --dir DIR [--refused-log FILE]
//                                           the local stack's (scripts/stack/services.mjs): nginx's files under DIR
import fs from 'node:fs';
import path from 'node:path';
import { edgeConfig, type PublicChange } from '../http/edgeConfig';
import { inertRouteGroups } from './inertRoutes';
import { writeOrCheck } from './generatedFiles';

export const EDGE_CONFIG_FILE = path.join(__dirname, '..', 'docker', 'edge', 'nginx.conf');

/** The change routes that take no credentials, as mounted (`POST /api/auth/backchannel-logout`). */
export function publicChanges(): PublicChange[] {
  return inertRouteGroups().flatMap((g) => g.routes.filter((r) => 'public' in r.policy).map((r) => ({ method: r.method.toUpperCase(), path: `${g.prefix}${r.path}` })));
}

/**
 * In compose: the edge container listens on 8080 (published by the edge service on PUBLISH_ADDRESS), in front of the
 * `api` service's replicas on their PORT (3000), looked up again through compose's DNS as they come and go. The TLS
 * proxy in front of it (README, "Deploying") reaches it from this host or a private network: the client address is the
 * one that proxy appends to X-Forwarded-For.
 */
export function composeEdgeConfig(): string {
  return edgeConfig({
    listen: '8080',
    upstreams: ['api:3000'],
    resolver: '127.0.0.11',
    workerProcesses: 'auto',
    pidFile: '/tmp/nginx.pid',
    tempDir: '/tmp',
    refusedLog: '/dev/stdout',
    publicChanges: publicChanges(),
    realIpFrom: ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '::1/128', 'fc00::/7'],
  });
}

/** On this machine (the local stack, the edge's test, bench:audit-burst): one worker, every file under `dir`. */
export function localEdgeConfig(o: { listen: string; upstreams: string[]; dir: string; refusedLog?: string; anonymousPerMinute?: number; anonymousBurst?: number }): string {
  return edgeConfig({
    listen: o.listen,
    upstreams: o.upstreams,
    workerProcesses: 1,
    pidFile: path.join(o.dir, 'nginx.pid'),
    tempDir: o.dir,
    refusedLog: o.refusedLog ?? path.join(o.dir, 'refused.log'),
    publicChanges: publicChanges(),
    anonymousPerMinute: o.anonymousPerMinute,
    anonymousBurst: o.anonymousBurst,
  });
}

function option(argv: string[], name: string): string {
  const i = argv.indexOf(`--${name}`);
  if (i < 0 || !argv[i + 1]) throw new Error(`--${name} needs a value (--local takes --listen, --upstream and --dir)`);
  return argv[i + 1];
}

function main(argv: string[]): void {
  if (argv.includes('--local')) {
    const out = option(argv, 'local');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const refusedLog = argv.includes('--refused-log') ? path.resolve(option(argv, 'refused-log')) : undefined;
    fs.writeFileSync(out, localEdgeConfig({ listen: option(argv, 'listen'), upstreams: [option(argv, 'upstream')], dir: path.resolve(option(argv, 'dir')), refusedLog }));
    return;
  }
  writeOrCheck([[EDGE_CONFIG_FILE, composeEdgeConfig(), 'http/edgeConfig.ts, the route table and the message catalogue']], argv.includes('--check'), "the edge's config is stale: run npm run gen:edge");
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`gen:edge: ${e instanceof Error ? e.message : e}\n`);
    process.exit(1);
  }
}
