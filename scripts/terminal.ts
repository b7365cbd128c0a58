// npm run terminal -- <command>: a field terminal simulator talking HTTP to the mobile API (JICHA_URL).
//
//   tasks                      my tasks (我的任务), by deadline
//   show <caseId>              one task: customer, location, check items, history
//   visit <caseId> [--not-confirmed] [--problem TYPE]
//                              a whole field visit: accept, GPS track approaching the customer, check-in,
//                              two photos (presigned PUT + confirm), findings → rectification (or assessment)
//   custom <accountNo> [note]  custom audit (自定义稽查): start a case for a customer at hand
//   search <text>              find customers by account number, name or address
//   customer <accountNo>       public query (公共查询): the customer 360
//   news                       announcements and regulations
//   bind                       register and bind this simulator's device (needs the admin login)
//
// Environment: JICHA_URL (http://localhost:3000), TERMINAL_USER (inspector), TERMINAL_PASSWORD (jicha-demo),
// TERMINAL_DEVICE (sim-<user>), ADMIN_USER / ADMIN_PASSWORD (admin / jicha-demo: binds the device on first use),
// KEYCLOAK_URL and KEYCLOAK_REALM as the API's, TERMINAL_KEY_DIR (.stack/terminal-sim: the devices' keys).
//
// Like the terminal app, the simulator holds a key per device (an ECDSA P-256 key in TERMINAL_KEY_DIR, mode 0600,
// made on first use), registers it with the device, logs in with a DPoP proof of it (the token is bound to the key)
// and signs a proof for every request.
import { loadConfig } from '../config/env';
import { ok } from '../client';
import { TerminalClient, deviceKeyOnDisk, ensureBoundDevice, getTask, login, loginWithDpop } from './terminal/client';
import { playVisit, type VisitOptions } from './terminal/visit';

const env = process.env;
const BASE = env.JICHA_URL ?? 'http://localhost:3000';
const USER = env.TERMINAL_USER ?? 'inspector';
const PASSWORD = env.TERMINAL_PASSWORD ?? 'jicha-demo';
const DEVICE = env.TERMINAL_DEVICE ?? `sim-${USER}`;
const out = (line = '') => process.stdout.write(`${line}\n`);

async function terminal(): Promise<TerminalClient> {
  const c = loadConfig({ ...env, NODE_ENV: 'development' });
  const key = await deviceKeyOnDisk(DEVICE);
  const token = await loginWithDpop(c.KEYCLOAK_URL, c.KEYCLOAK_REALM, USER, PASSWORD, key);
  const t = new TerminalClient(BASE, token, DEVICE, { key, boundToken: true });
  // /me with this device's id and a proof of its key: is it bound to me (with this key)?
  if (!ok(await t.api.GET('/mobile/v1/me')).deviceBound) {
    const adminToken = await login(c.KEYCLOAK_URL, c.KEYCLOAK_REALM, env.ADMIN_USER ?? 'admin', env.ADMIN_PASSWORD ?? 'jicha-demo');
    await ensureBoundDevice(new TerminalClient(BASE, adminToken, null), DEVICE, USER, `Simulator of ${USER}`, key.publicJwk);
    out(`device ${DEVICE} registered and bound to ${USER}`);
  }
  return t;
}

function flag(args: string[], name: string): string | true | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = args[i + 1];
  return v && !v.startsWith('--') ? v : true;
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case 'tasks': {
      const t = await terminal();
      const page = ok(await t.api.GET('/mobile/v1/tasks', { params: { query: { pageSize: 50 } } }));
      out(`${page.total} task(s) for ${USER}`);
      for (const x of page.items) {
        out(`${x.caseId}  ${x.caseNo}  ${x.stage.padEnd(14)} ${(x.assignment ?? '-').padEnd(8)} due ${x.deadlineAt?.slice(0, 16) ?? '-'}  tier ${x.escalationTier}  ${x.customer.accountNo} ${x.customer.name}`);
      }
      return;
    }
    case 'show': {
      if (!args[0]) throw new Error('usage: show <caseId>');
      const d = await getTask(await terminal(), args[0]);
      out(`${d.caseNo}  ${d.stage}  ${d.priority}  assignee ${d.assignee ?? '-'} (${d.assignment})  due ${d.deadlineAt ?? '-'}`);
      out(`customer ${d.customer?.accountNo} ${d.customer?.name}, ${d.customer?.address}, ${d.customer?.tariffCategory}; avg ${d.customer?.summary?.avgMonthlyKwh} kWh/month`);
      if (d.location) out(`location ${decodeURIComponent(d.location.geoUri)}`);
      for (const c of d.checkItems) out(`  check: ${c.code} ${c.textZh}`);
      for (const e of d.history) out(`  ${String(e.seq).padStart(3)} ${e.at}  ${e.type} ${e.actor ?? ''}`);
      return;
    }
    case 'visit': {
      if (!args[0]) throw new Error('usage: visit <caseId> [--not-confirmed] [--problem TYPE]');
      const problem = flag(args, 'problem');
      const r = await playVisit(await terminal(), args[0], {
        result: flag(args, 'not-confirmed') ? 'not_confirmed' : 'confirmed',
        problemType: typeof problem === 'string' ? (problem as VisitOptions['problemType']) : undefined, // the API refuses an unknown one
        log: out,
      });
      out(`visit done: ${r.caseNo} at ${r.stage}`);
      if (!['rectification', 'assessment', 'closed'].includes(r.stage)) process.exitCode = 1;
      return;
    }
    case 'custom': {
      if (!args[0]) throw new Error('usage: custom <accountNo> [note]');
      const body = { customerAccountNo: args[0], ...(args[1] ? { note: args.slice(1).join(' ') } : {}) };
      const c = ok(await (await terminal()).api.POST('/mobile/v1/custom-cases', { body }));
      // 202: the workflow has not recorded the case yet (it will); the id is already final
      out('caseNo' in c ? `custom case ${c.caseNo} ${c.id} opened (${c.stage})` : `custom case ${c.id} started; its workflow is still recording it`);
      return;
    }
    case 'search': {
      const found = ok(await (await terminal()).api.GET('/mobile/v1/customers', { params: { query: { q: args.join(' ') } } }));
      for (const c of found) out(`${c.accountNo}  ${c.name}  ${c.address}  ${c.tariffCategory}  open cases ${c.openCases}`);
      return;
    }
    case 'customer': {
      if (!args[0]) throw new Error('usage: customer <accountNo>');
      const view = ok(await (await terminal()).api.GET('/mobile/v1/customers/{accountNo}', { params: { path: { accountNo: args[0] } } }));
      const c = view;
      out(`${c.archive.accountNo} ${c.archive.name} ${c.archive.address} ${c.archive.tariffCategory} ${c.archive.contractCapacityKva} kVA`);
      out(`monthly kWh: ${c.consumption.monthly.map((m) => `${m.month}=${m.kwh}`).join(' ')}`);
      out(`daily frozen readings: ${c.consumption.daily.length}; payments ${c.billing.payments.length}; arrears ${c.billing.arrears.length}; work orders ${c.workOrders.length}; meter events ${c.meterEvents.length}`);
      return;
    }
    case 'news': {
      const t = await terminal();
      const announcements = ok(await t.api.GET('/mobile/v1/announcements'));
      const regulations = ok(await t.api.GET('/mobile/v1/regulations'));
      for (const a of announcements) out(`${a.pinned ? '📌 ' : ''}${a.publishedAt.slice(0, 10)} ${a.title}`);
      for (const r of regulations.items) out(`[${r.kind}] ${r.title} ${r.docNo ?? ''}`);
      return;
    }
    case 'bind': {
      await terminal();
      out(`device ${DEVICE} is bound to ${USER}`);
      return;
    }
    default:
      out('usage: npm run terminal -- tasks | show <caseId> | visit <caseId> [--not-confirmed] [--problem TYPE] | custom <accountNo> [note] | search <text> | customer <accountNo> | news | bind');
      process.exitCode = cmd ? 2 : 0;
  }
}

main(process.argv.slice(2)).catch((e: Error) => {
  process.stderr.write(`terminal: ${e.message}\n`);
  process.exit(1);
});
