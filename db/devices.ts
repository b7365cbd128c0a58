import type pg from 'pg';
import { withTransaction, type Queryable } from './pool';
import { subtreePattern } from './orgScope';
import type { z } from 'zod';
import type { Device as DeviceSchema, PublicKeyJwk } from '../domain/terminalSchemas';

// Terminal devices and their binding to users (终端人员维护).

/** A terminal as the APIs answer it (domain/terminalSchemas.ts). */
export type Device = z.infer<typeof DeviceSchema>;

const cols = (t: string) => `${t}.id, ${t}.label, ${t}.platform, ${t}.model, ${t}.registered_by as "registeredBy", ${t}.registered_at as "registeredAt",
  ${t}.bound_user as "boundUser", ${t}.bound_at as "boundAt", ${t}.bound_by as "boundBy", ${t}.last_seen_at as "lastSeenAt", ${t}.public_key_jwk as "publicKeyJwk",
  ${t}.public_key_jkt as "publicKeyThumbprint"`;

type Row = Omit<Device, 'registeredAt' | 'boundAt' | 'lastSeenAt'> & {
  registeredAt: Date; boundAt: Date | null; lastSeenAt: Date | null; publicKeyJwk: StoredKey | null;
};
const iso = (d: Date | null) => (d ? d.toISOString() : null);
// The thumbprint is the database's (migration 052 keeps public_key_jkt in step with the key).
const toDevice = ({ publicKeyJwk: _key, ...r }: Row): Device => ({
  ...r, registeredAt: r.registeredAt.toISOString(), boundAt: iso(r.boundAt), lastSeenAt: iso(r.lastSeenAt),
});

/** The members of a P-256 public key that identify it, as stored. */
export type StoredKey = Pick<PublicKeyJwk, 'kty' | 'crv' | 'x' | 'y'>;

export async function getDevice(db: Queryable, id: string): Promise<Device | null> {
  const r = await db.query<Row>(`select ${cols('d')} from devices d where d.id = $1`, [id]);
  return r.rows[0] ? toDevice(r.rows[0]) : null;
}

/** A device as every terminal request checks it: who holds it and its registered key's thumbprint (null: no key). */
export interface DeviceHolder {
  boundUser: string | null;
  keyJkt: string | null;
}

/** The one query on every terminal request: who the device is bound to and with which key (undefined: not registered). */
export async function deviceHolder(db: Queryable, id: string): Promise<DeviceHolder | undefined> {
  const r = await db.query<{ bound_user: string | null; public_key_jkt: string | null }>({
    name: 'mobile-device-holder-key', text: 'select bound_user, public_key_jkt from devices where id = $1', values: [id],
  });
  return r.rows[0] ? { boundUser: r.rows[0].bound_user, keyJkt: r.rows[0].public_key_jkt } : undefined;
}

export async function listDevices(
  db: Queryable,
  f: { orgUnit: string; boundTo?: string; bound?: boolean; platform?: string[]; q?: string; ids?: string[]; limit: number; offset: number },
): Promise<{ rows: Device[]; total: number }> {
  // Devices bound inside the admin's org subtree, and unbound ones (which belong to nobody yet).
  const params: unknown[] = [f.orgUnit, subtreePattern(f.orgUnit)];
  const where = ['(d.bound_user is null or p.org_unit_id = $1 or p.org_unit_id like $2)'];
  if (f.boundTo) {
    params.push(f.boundTo);
    where.push(`d.bound_user = $${params.length}`);
  }
  if (f.bound !== undefined) where.push(f.bound ? 'd.bound_user is not null' : 'd.bound_user is null');
  if (f.platform?.length) {
    params.push(f.platform);
    where.push(`d.platform = any($${params.length}::text[])`);
  }
  if (f.ids) {
    params.push(f.ids);
    where.push(`d.id = any($${params.length}::text[])`);
  }
  if (f.q) {
    params.push(`%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where.push(`(d.id ilike $${params.length} or d.label ilike $${params.length} or d.model ilike $${params.length} or d.bound_user ilike $${params.length})`);
  }
  const sql = `from devices d left join personnel p on p.username = d.bound_user where ${where.join(' and ')}`;
  const total = await db.query<{ n: number }>(`select count(*)::int as n ${sql}`, params);
  const rows = await db.query<Row>(
    `select ${cols('d')} ${sql} order by d.registered_at desc, d.id limit ${f.limit} offset ${f.offset}`,
    params,
  );
  return { rows: rows.rows.map(toDevice), total: total.rows[0].n };
}

/** Registers a device (with its public key when given); false when the id is taken. */
export async function registerDevice(db: Queryable, d: { id: string; label: string; platform: string; model?: string; by: string; publicKey?: StoredKey | null }): Promise<boolean> {
  const r = await db.query(
    'insert into devices (id, label, platform, model, registered_by, public_key_jwk) values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing',
    [d.id, d.label, d.platform, d.model ?? null, d.by, d.publicKey ? JSON.stringify(d.publicKey) : null],
  );
  return r.rowCount === 1;
}

/**
 * Registers a device a terminal user registered for themselves, with its public key; when the id exists already,
 * nothing changes. Either way: the stored device, who registered it and its key (the caller compares them).
 */
export async function registerOwnDevice(
  db: Queryable,
  d: { id: string; label: string; platform: string; model?: string; by: string; publicKey: StoredKey | null },
): Promise<{ created: boolean; device: Device; publicKey: StoredKey | null }> {
  const ins = await db.query(
    'insert into devices (id, label, platform, model, registered_by, public_key_jwk) values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing',
    [d.id, d.label, d.platform, d.model ?? null, d.by, d.publicKey ? JSON.stringify(d.publicKey) : null],
  );
  const r = await db.query<Row>(`select ${cols('d')} from devices d where d.id = $1`, [d.id]);
  const row = r.rows[0]!; // just inserted, or there before (devices are never deleted)
  return { created: ins.rowCount === 1, device: toDevice(row), publicKey: row.publicKeyJwk };
}

/** The devices a user registered that nobody has bound yet, newest first. */
export async function devicesWaitingFor(db: Queryable, username: string): Promise<string[]> {
  const r = await db.query<{ id: string }>('select id from devices where registered_by = $1 and bound_user is null order by registered_at desc, id limit 20', [username]);
  return r.rows.map((d) => d.id);
}

/** Renames or re-describes a device (its id, the terminal's identity, never changes); false when unknown. */
export async function updateDevice(db: Queryable, id: string, d: { label: string; platform: string; model: string | null }): Promise<boolean> {
  const r = await db.query('update devices set label = $2, platform = $3, model = $4 where id = $1', [id, d.label, d.platform, d.model]);
  return r.rowCount === 1;
}

/**
 * Binds (or, with username null, unbinds) a device; returns who held it before, null for an unknown device, and
 * 'key-missing' (nothing changed) when `requireKey` asks to bind a device that has no registered public key.
 */
export async function setBinding(
  pool: pg.Pool, deviceId: string, username: string | null, by: string, o: { requireKey?: boolean } = {},
): Promise<{ previous: string | null } | 'key-missing' | null> {
  return withTransaction(pool, async (c) => {
    const cur = await c.query<{ bound_user: string | null; has_key: boolean }>('select bound_user, public_key_jwk is not null as has_key from devices where id = $1 for update', [deviceId]);
    if (!cur.rowCount) return null;
    const previous = cur.rows[0].bound_user;
    if (username !== null && o.requireKey && !cur.rows[0].has_key) return 'key-missing';
    if (previous === username) return { previous };
    await c.query(
      'update devices set bound_user = $2, bound_at = case when $2::text is null then null else now() end, bound_by = $3 where id = $1',
      [deviceId, username, by],
    );
    await c.query('insert into device_bindings (device_id, username, changed_by) values ($1, $2, $3)', [deviceId, username, by]);
    return { previous };
  });
}

export async function bindingHistory(db: Queryable, deviceId: string): Promise<{ username: string | null; changedBy: string; changedAt: string }[]> {
  const r = await db.query<{ username: string | null; changed_by: string; changed_at: Date }>(
    'select username, changed_by, changed_at from device_bindings where device_id = $1 order by changed_at desc, id desc limit 100',
    [deviceId],
  );
  return r.rows.map((x) => ({ username: x.username, changedBy: x.changed_by, changedAt: x.changed_at.toISOString() }));
}

export async function touchDevice(db: Queryable, id: string): Promise<void> {
  await db.query("update devices set last_seen_at = now() where id = $1 and (last_seen_at is null or last_seen_at < now() - interval '1 minute')", [id]);
}
