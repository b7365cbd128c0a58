import crypto from 'node:crypto';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { PILOT_ASSESSMENT_RULE_SET as PILOT } from '../../domain/assessmentPilotRules';
import { addDays } from '../../domain/billingMonths';
import type { DraftInput } from '../../db/ruleSets';
import { RULE_SET_KINDS, type RuleSetDocument, type RuleSetKind } from '../../db/ruleSetKinds';
import { ruleSetLifecycle } from '../../services/ruleSets/lifecycle';
import { chinaDay } from '../../services/ruleSets/effectiveDate';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// One lifecycle script, run against every kind of rule set: first through the service with a clock moved to a far
// future "today" of this run's own (so publishing today changes nothing in force for other tests), then the same
// refusals through each kind's HTTP routes with the real clock and far-future days.
let h: Harness;
let manager: string;
const prefix = `it-life-${crypto.randomUUID().slice(0, 8)}`;
const farDay = (from: number) => `${from + crypto.randomInt(0, 1000)}-${String(crypto.randomInt(1, 13)).padStart(2, '0')}-${String(crypto.randomInt(1, 29)).padStart(2, '0')}`;
/** "Today" of the service script; the HTTP script publishes on days of another millennium. */
const D = farDay(6000);
const F = farDay(7000);
const now = () => new Date(`${D}T10:00:00+08:00`);

const penaltyRules = {
  wrongTariff: { penaltyMultiplier: 2, defaultPeriodMonths: 3 },
  theft: { penaltyMultiplier: 3, defaultDays: 180, hoursPerDay: { power: 12, lighting: 6 } },
  capacity: { mode: 'basic_fee_multiple' as const, penaltyMultiplier: 3, defaultMonths: 1 },
};

interface Kind<K extends RuleSetKind> {
  kind: K;
  path: string;
  /** A draft and an edit of it, for the service. */
  draft(version: string): DraftInput<RuleSetDocument<K>>;
  edit(version: string): DraftInput<RuleSetDocument<K>>;
  edited(doc: RuleSetDocument<K>): boolean;
  /** The same over HTTP. */
  createBody(version: string): unknown;
  editBody(version: string): unknown;
}

const judgement: Kind<'judgement'> = {
  kind: 'judgement', path: '/api/judgement-rule-sets',
  draft: (version) => ({ document: { ...DEFAULT_JUDGEMENT_RULE_SET, version } }),
  edit: (version) => ({ document: { ...DEFAULT_JUDGEMENT_RULE_SET, version, campaignMinScore: DEFAULT_JUDGEMENT_RULE_SET.campaignMinScore + 5 } }),
  edited: (d) => d.campaignMinScore === DEFAULT_JUDGEMENT_RULE_SET.campaignMinScore + 5,
  createBody: (version) => ({ ...DEFAULT_JUDGEMENT_RULE_SET, version }),
  editBody: (version) => ({ ...DEFAULT_JUDGEMENT_RULE_SET, version, campaignMinScore: DEFAULT_JUDGEMENT_RULE_SET.campaignMinScore + 5 }),
};
const penalty: Kind<'penalty'> = {
  kind: 'penalty', path: '/api/penalty-rule-sets',
  draft: () => ({ document: { source: 'it lifecycle', rules: penaltyRules }, proposedFrom: addDays(D, 3) }),
  edit: () => ({ document: { source: 'it lifecycle, edited', rules: penaltyRules }, proposedFrom: addDays(D, 3) }),
  edited: (d) => d.source === 'it lifecycle, edited',
  createBody: (version) => ({ version, source: 'it lifecycle', effectiveFrom: F, rules: penaltyRules }),
  editBody: () => ({ source: 'it lifecycle, edited', effectiveFrom: F, rules: penaltyRules }),
};
const assessment: Kind<'assessment'> = {
  kind: 'assessment', path: '/api/assessment-rule-sets',
  draft: (version) => ({ document: { ...PILOT, version, name: `it ${version}` } }),
  edit: (version) => ({ document: { ...PILOT, version, name: `it ${version} edited` } }),
  edited: (d) => d.name.endsWith(' edited'),
  createBody: (version) => ({ ...PILOT, version, name: `it ${version}` }),
  editBody: (version) => ({ ...PILOT, version, name: `it ${version} edited` }),
};
const KINDS = [judgement, penalty, assessment] as Kind<RuleSetKind>[];

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  manager = await tokenFor('manager');
}, 120_000);
afterAll(async () => {
  for (const k of Object.values(RULE_SET_KINDS)) await h?.pool.query(`delete from ${k.table} where version like $1`, [`${prefix}-%`]);
  await h?.stop();
});

describe.each(KINDS)('$kind rule sets', (k) => {
  test('draft → edit → publish today, not yesterday → one version per day → frozen; in force from its day on', async () => {
    const rs = ruleSetLifecycle(k.kind, { pool: h.pool, now });
    const [v1, v2] = [`${prefix}-${k.kind}-1`, `${prefix}-${k.kind}-2`];
    const refusal = (reason: string, extra: object = {}) => ({ ok: false, refusal: { reason, ...extra } });

    const created = await rs.createDraft(v1, k.draft(v1), 'it-author');
    expect(created).toMatchObject({ ok: true, value: { version: v1, status: 'draft', createdBy: 'it-author', publishedAt: null, inForce: false } });
    expect(created.ok && created.value.effectiveFrom).toBe(k.kind === 'penalty' ? addDays(D, 3) : null);
    expect(await rs.createDraft(v1, k.draft(v1), 'it-author')).toEqual(refusal('version_taken', { version: v1 }));
    const edited = await rs.updateDraft(v1, k.edit(v1), 'it-editor');
    expect(edited).toMatchObject({ ok: true, value: { status: 'draft', createdBy: 'it-author', updatedBy: 'it-editor' } });
    expect(edited.ok && k.edited(edited.value.document)).toBe(true);
    expect(await rs.updateDraft(`${v1}-none`, k.edit(`${v1}-none`), 'it-editor')).toEqual(refusal('missing', { version: `${v1}-none` }));

    expect(await rs.publish(v1, addDays(D, -1), 'it-publisher')).toEqual(refusal('date_not_allowed', { version: v1, effectiveFrom: addDays(D, -1), earliest: D }));
    const published = await rs.publish(v1, D, 'it-publisher');
    expect(published).toMatchObject({ ok: true, value: { version: v1, status: 'published', effectiveFrom: D, publishedBy: 'it-publisher', inForce: true } });
    expect(published.ok && k.edited(published.value.document)).toBe(true);

    expect((await rs.createDraft(v2, k.draft(v2), 'it-author')).ok).toBe(true);
    expect(await rs.publish(v2, D, 'it-publisher')).toEqual(refusal('date_taken', { version: v2, effectiveFrom: D, takenBy: v1 }));
    expect(await rs.publish(v2, addDays(D, 1), 'it-publisher')).toMatchObject({ ok: true, value: { effectiveFrom: addDays(D, 1), inForce: false } });

    // Frozen: the lifecycle refuses, and so does the table for any other writer.
    expect(await rs.updateDraft(v1, k.draft(v1), 'it-editor')).toEqual(refusal('published', { version: v1 }));
    expect(await rs.publish(v1, addDays(D, 2), 'it-publisher')).toEqual(refusal('published', { version: v1 }));
    await expect(h.pool.query(`update ${RULE_SET_KINDS[k.kind].table} set status = 'draft' where version = $1`, [v1])).rejects.toThrow(/published and cannot change/);

    // In force: on a day, and at an instant by its China-calendar day.
    const midnight = Date.parse(`${D}T00:00:00+08:00`);
    const versionAt = async (at: Date | string) => (await rs.inForceAt(at))?.version;
    expect([v1, v2]).not.toContain(await versionAt(addDays(D, -1)));
    expect([v1, v2]).not.toContain(await versionAt(new Date(midnight - 1)));
    expect(await versionAt(new Date(midnight))).toBe(v1);
    expect(await versionAt(D)).toBe(v1);
    expect(await versionAt(new Date(midnight + 86_400_000 - 1))).toBe(v1);
    expect(await versionAt(addDays(D, 1))).toBe(v2);
    expect(await versionAt(addDays(D, 400))).toBe(v2);

    const listed = (await rs.list()).filter((r) => r.version.startsWith(`${prefix}-${k.kind}-`));
    expect(listed.map((r) => [r.version, r.status, r.inForce])).toEqual([[v2, 'published', false], [v1, 'published', true]]);
  });

  test('over HTTP: the same refusals with the same statuses', async () => {
    const [v, w] = [`${prefix}-${k.kind}-http`, `${prefix}-${k.kind}-http2`];
    const publish = (version: string, body: object) => api(h.baseUrl, `${k.path}/${version}/publish`, { token: manager, body });
    const yesterday = addDays(chinaDay(new Date()), -1);

    const created = await api(h.baseUrl, k.path, { token: manager, body: k.createBody(v) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: v, version: v, status: 'draft', createdBy: 'manager', active: false, inForce: false, publishedAt: null });
    const again = await api(h.baseUrl, k.path, { token: manager, body: k.createBody(v) });
    expect([again.status, again.body.type, again.body.errors]).toEqual([409, 'urn:jicha:rule-set:version-taken', [{ path: 'version', message: 'already exists' }]]);
    const edited = await api(h.baseUrl, `${k.path}/${v}`, { token: manager, method: 'PUT', body: k.editBody(v) });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'draft', updatedBy: 'manager' });

    const past = await publish(v, { effectiveFrom: yesterday });
    expect([past.status, past.body.type, past.body.errors.map((e: { path: string }) => e.path)]).toEqual([422, 'urn:jicha:rule-set:date-not-allowed', ['effectiveFrom']]);
    const published = await publish(v, { effectiveFrom: F });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: v, status: 'published', effectiveFrom: F, publishedBy: 'manager', active: false, inForce: false });

    const frozen = await api(h.baseUrl, `${k.path}/${v}`, { token: manager, method: 'PUT', body: k.editBody(v) });
    expect([frozen.status, frozen.body.type]).toEqual([409, 'urn:jicha:rule-set:published']);
    expect((await publish(v, { effectiveFrom: addDays(F, 1) })).status).toBe(409);

    expect((await api(h.baseUrl, k.path, { token: manager, body: k.createBody(w) })).status).toBe(201);
    const taken = await publish(w, { effectiveFrom: F });
    expect([taken.status, taken.body.type, taken.body.errors]).toEqual([409, 'urn:jicha:rule-set:date-taken', [{ path: 'effectiveFrom', message: `${v} already takes effect on this date` }]]);

    expect((await api(h.baseUrl, `${k.path}/${prefix}-none`, { token: manager })).status).toBe(404);
    expect((await publish(`${prefix}-none`, { effectiveFrom: F })).status).toBe(404);
  });
});
