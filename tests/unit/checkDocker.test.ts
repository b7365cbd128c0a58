import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

// `npm run check:docker` passes on the repo's docker/ and fails, naming the problem, on broken copies of it.
const ROOT = path.resolve(__dirname, '..', '..');
const copies: string[] = [];
afterAll(() => {
  for (const d of copies) fs.rmSync(d, { recursive: true, force: true });
});

function check(dockerDir?: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'check-docker.mjs'), ...(dockerDir ? ['--docker-dir', dockerDir] : [])], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function brokenCopy(edit: { compose?: (s: string) => string; env?: (s: string) => string; dockerfile?: (s: string) => string }): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jicha-check-docker-'));
  copies.push(tmp);
  const dir = path.join(tmp, 'docker');
  fs.cpSync(path.join(ROOT, 'docker'), dir, { recursive: true });
  // what the compose file mounts from outside docker/ (the db-roles service's script), so a copy can pass
  fs.mkdirSync(path.join(tmp, 'db'));
  fs.copyFileSync(path.join(ROOT, 'db', 'roles.sql'), path.join(tmp, 'db', 'roles.sql'));
  const apply = (file: string, f?: (s: string) => string) => {
    if (f) fs.writeFileSync(path.join(dir, file), f(fs.readFileSync(path.join(dir, file), 'utf8')));
  };
  apply('compose.yml', edit.compose);
  apply('.env.example', edit.env);
  apply('Dockerfile', edit.dockerfile);
  return dir;
}

test('the repository compose file, .env.example and Dockerfile pass', () => {
  const r = check();
  expect(r.out).toContain('is valid against the Compose Specification schema');
  expect(r.out).toMatch(/every variable the app reads \(\d+, config\/env\.ts\) has an entry/);
  expect(r.status).toBe(0);
}, 60_000);

test('a key the Compose Specification does not know, an unpinned image and a missing health check fail', () => {
  const dir = brokenCopy({
    compose: (s) => s.replace('  temporal-ui:\n    image: temporalio/ui:2.49.1\n', '  temporal-ui:\n    image: temporalio/ui:latest\n    restart_policy: always\n').replace(/    healthcheck:\n      test: \["CMD", "mc", "ready", "local"\]\n(?:      .*\n)+/, ''),
  });
  const r = check(dir);
  expect(r.status).toBe(1);
  expect(r.out).toMatch(/schema: \/services\/temporal-ui must NOT have additional properties \(restart_policy\)/);
  expect(r.out).toContain('image temporalio/ui:latest is not pinned');
  expect(r.out).toContain('service minio is long-running but has no health check');
  expect(r.out).toContain('waits for minio to be healthy, but minio has no health check');
}, 60_000);

test('an API replica with a host port of its own, an edge without the generated config or with a stale one fail', () => {
  const dir = brokenCopy({
    compose: (s) => s.replace('      replicas: ${API_REPLICAS:-2}\n', '      replicas: ${API_REPLICAS:-2}\n    ports:\n      - "127.0.0.1:3000-3001:3000"\n')
      .replace('      - ./edge/nginx.conf:/etc/nginx/nginx.conf:ro\n', '      - ./edge/nginx.conf:/etc/nginx/conf.d/default.conf:ro\n'),
  });
  fs.appendFileSync(path.join(dir, 'edge', 'nginx.conf'), '# edited by hand\n');
  const r = check(dir);
  expect(r.status).toBe(1);
  expect(r.out).toContain('requests to it would bypass the edge\'s limits');
  expect(r.out).toContain('service edge does not mount');
  expect(r.out).toMatch(/edge\/nginx\.conf is stale: run npm run gen:edge/);
}, 60_000);

test('a variable the app reads that .env.example or x-app-env lacks, an unused entry and a committed secret fail', () => {
  const dir = brokenCopy({
    env: (s) => s.replace('DATABASE_POOL_MAX=10\n', '').replace('S3_SECRET_KEY=\n', 'S3_SECRET_KEY=hunter2\nLEFTOVER=1\n'),
    compose: (s) => s.replace('  OIDC_TERMINAL_CLIENTS: ${OIDC_TERMINAL_CLIENTS:-jicha-terminal}\n', ''),
  });
  const r = check(dir);
  expect(r.status).toBe(1);
  expect(r.out).toContain('.env.example lacks variables the app reads: DATABASE_POOL_MAX');
  expect(r.out).toContain('does not pass OIDC_TERMINAL_CLIENTS to the app');
  expect(r.out).toContain('sets variables nothing uses: LEFTOVER');
  expect(r.out).toContain('commits secret values: S3_SECRET_KEY');
}, 60_000);

test("the schema owner's URL given to the API (or to every app service), or kept from the migrate service, fails", () => {
  const leaked = check(brokenCopy({ compose: (s) => s.replace('  DATABASE_POOL_MAX: ${DATABASE_POOL_MAX:-10}\n', '  DATABASE_POOL_MAX: ${DATABASE_POOL_MAX:-10}\n  DATABASE_OWNER_URL: ${DATABASE_OWNER_URL}\n') }));
  expect(leaked.status).toBe(1);
  expect(leaked.out).toContain('DATABASE_OWNER_URL (the schema owner\'s credentials) reaches api, worker: only the migrate service may get it');
  const kept = check(brokenCopy({ compose: (s) => s.replace(/      DATABASE_OWNER_URL: \$\{DATABASE_OWNER_URL:\?[^}]*\}\n/, '') }));
  expect(kept.status).toBe(1);
  expect(kept.out).toContain('service migrate does not get DATABASE_OWNER_URL');
}, 60_000);

test('an image that runs as root or leaves out a folder the entry points import fails', () => {
  const dir = brokenCopy({ dockerfile: (s) => s.replace('COPY ops ./ops\n', '').replace('USER node', 'USER root') });
  const r = check(dir);
  expect(r.status).toBe(1);
  expect(r.out).toContain('does not end as a non-root USER');
  expect(r.out).toMatch(/does not copy ops, imported by server\/main\.ts/);
}, 60_000);
