import type { z } from 'zod';
import type { Queryable } from './pool';
import { containsPattern, orderBy, subtreeClause, withinSql, type SortOrder } from './orgScope';
import { seedDemoBackOfficeContent } from './seed/demoBackOfficeContent';
import type { AnnouncementRecord as AnnouncementSchema } from '../domain/contentSchemas';

// Public-query content for terminals: laws, regulations and notices; announcements (信息公告); usage feedback.

export const REGULATION_SORT = { effectiveOn: 'effective_on', title: 'title', kind: 'kind', issuer: 'issuer', updatedAt: 'updated_at', id: 'id' } as const;

/** Regulations and notices without their full text; newest effective date first unless sorted otherwise. */
export async function listRegulations(
  db: Queryable,
  f: { kind?: 'regulation' | 'notice'; q?: string; ids?: string[]; sort?: { field: keyof typeof REGULATION_SORT; order: SortOrder }; limit: number; offset: number },
) {
  const params: unknown[] = [f.kind ?? null];
  let where = '($1::text is null or kind = $1)';
  if (f.q) {
    params.push(containsPattern(f.q));
    where += ` and (title ilike $${params.length} or summary ilike $${params.length} or body ilike $${params.length} or doc_no ilike $${params.length})`;
  }
  if (f.ids) {
    params.push(f.ids);
    where += ` and id = any($${params.length}::text[])`;
  }
  const order = f.sort ? orderBy(REGULATION_SORT, f.sort, 'id') : 'effective_on desc nulls last, id';
  const r = await db.query<{ id: string; kind: string; title: string; issuer: string; doc_no: string | null; effective_on: string | null; summary: string; updated_at: Date; total: number }>(
    `select id, kind, title, issuer, doc_no, effective_on::text as effective_on, summary, updated_at, count(*) over () as total
       from regulations where ${where} order by ${order} limit ${f.limit} offset ${f.offset}`,
    params,
  );
  return {
    total: Number(r.rows[0]?.total ?? 0),
    items: r.rows.map((x) => ({ id: x.id, kind: x.kind, title: x.title, issuer: x.issuer, docNo: x.doc_no, effectiveOn: x.effective_on, summary: x.summary, updatedAt: x.updated_at.toISOString() })),
  };
}

export async function getRegulation(db: Queryable, id: string) {
  const r = await db.query<{ id: string; kind: string; title: string; issuer: string; doc_no: string | null; effective_on: string | null; summary: string; body: string; updated_at: Date; updated_by: string | null }>(
    'select id, kind, title, issuer, doc_no, effective_on::text as effective_on, summary, body, updated_at, updated_by from regulations where id = $1',
    [id],
  );
  const x = r.rows[0];
  return x ? { id: x.id, kind: x.kind, title: x.title, issuer: x.issuer, docNo: x.doc_no, effectiveOn: x.effective_on, summary: x.summary, body: x.body, updatedAt: x.updated_at.toISOString(), updatedBy: x.updated_by } : null;
}

export interface RegulationInput {
  kind: 'regulation' | 'notice';
  title: string;
  issuer: string;
  docNo: string | null;
  effectiveOn: string | null;
  summary: string;
  body: string;
}

/** Stores a new regulation or notice; false when the id is taken. */
export async function createRegulation(db: Queryable, id: string, r: RegulationInput, by: string): Promise<boolean> {
  const x = await db.query(
    `insert into regulations (id, kind, title, issuer, doc_no, effective_on, summary, body, updated_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (id) do nothing`,
    [id, r.kind, r.title, r.issuer, r.docNo, r.effectiveOn, r.summary, r.body, by],
  );
  return x.rowCount === 1;
}

export async function updateRegulation(db: Queryable, id: string, r: RegulationInput, by: string): Promise<boolean> {
  const x = await db.query(
    `update regulations set kind = $2, title = $3, issuer = $4, doc_no = $5, effective_on = $6, summary = $7, body = $8, updated_by = $9, updated_at = now()
      where id = $1`,
    [id, r.kind, r.title, r.issuer, r.docNo, r.effectiveOn, r.summary, r.body, by],
  );
  return x.rowCount === 1;
}

export async function deleteRegulation(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('delete from regulations where id = $1', [id])).rowCount === 1;
}

/** Announcements addressed to the caller's unit or any unit above it (or to everyone), current ones, pinned first. */
export async function announcementsFor(db: Queryable, orgUnit: string, limit: number) {
  const r = await db.query<{ id: number; org_unit_id: string | null; title: string; body: string; pinned: boolean; published_at: Date; expires_at: Date | null; created_by: string }>(
    `select id, org_unit_id, title, body, pinned, published_at, expires_at, created_by from announcements
      where (org_unit_id is null or ${withinSql('$1', 'org_unit_id')})
        and published_at <= now() and (expires_at is null or expires_at > now())
      order by pinned desc, published_at desc, id desc limit $2`,
    [orgUnit, limit],
  );
  return r.rows.map((a) => ({ id: String(a.id), orgUnitId: a.org_unit_id, title: a.title, body: a.body, pinned: a.pinned, publishedAt: a.published_at.toISOString(), expiresAt: a.expires_at?.toISOString() ?? null, createdBy: a.created_by }));
}

export async function createAnnouncement(db: Queryable, a: { orgUnitId: string | null; title: string; body: string; pinned: boolean; publishedAt?: string; expiresAt?: string; createdBy: string }): Promise<string> {
  const r = await db.query<{ id: number }>(
    `insert into announcements (org_unit_id, title, body, pinned, published_at, expires_at, created_by)
     values ($1, $2, $3, $4, coalesce($5::timestamptz, now()), $6, $7) returning id`,
    [a.orgUnitId, a.title, a.body, a.pinned, a.publishedAt ?? null, a.expiresAt ?? null, a.createdBy],
  );
  return String(r.rows[0].id);
}

/** An announcement as the back office manages it (domain/contentSchemas.ts). */
export type AnnouncementRecord = z.infer<typeof AnnouncementSchema>;

export const ANNOUNCEMENT_SORT = { publishedAt: 'a.published_at', title: 'a.title', pinned: 'a.pinned', expiresAt: 'a.expires_at', updatedAt: 'a.updated_at', orgUnitId: 'a.org_unit_id' } as const;

const ANNOUNCEMENT_COLUMNS = `a.id::text as id, a.org_unit_id as "orgUnitId", o.name_zh as "orgUnitName", a.title, a.body, a.pinned,
  a.published_at as "publishedAt", a.expires_at as "expiresAt", a.created_by as "createdBy", a.updated_at as "updatedAt", a.updated_by as "updatedBy",
  case when a.published_at > now() then 'scheduled' when a.expires_at is not null and a.expires_at <= now() then 'expired' else 'current' end as state`;

type AnnouncementRow = Omit<AnnouncementRecord, 'publishedAt' | 'expiresAt' | 'updatedAt'> & { publishedAt: Date; expiresAt: Date | null; updatedAt: Date };
const toAnnouncement = (r: AnnouncementRow): AnnouncementRecord => ({
  ...r, publishedAt: r.publishedAt.toISOString(), expiresAt: r.expiresAt?.toISOString() ?? null, updatedAt: r.updatedAt.toISOString(),
});

/** What a back-office user sees: announcements to units inside their subtree, and those that reach their unit from above. */
function announcementScope(params: unknown[], orgUnit: string): string {
  const inside = subtreeClause(params, 'a.org_unit_id', orgUnit);
  return `(a.org_unit_id is null or ${inside} or ${withinSql(`$${params.length - 1}`, 'a.org_unit_id')})`;
}

export async function listAnnouncements(
  db: Queryable,
  f: { orgUnit: string; q?: string; state?: AnnouncementRecord['state']; ids?: string[]; sort: { field: keyof typeof ANNOUNCEMENT_SORT; order: SortOrder }; limit: number; offset: number },
): Promise<{ rows: AnnouncementRecord[]; total: number }> {
  const params: unknown[] = [];
  const where = [announcementScope(params, f.orgUnit)];
  if (f.q) {
    params.push(containsPattern(f.q));
    where.push(`(a.title ilike $${params.length} or a.body ilike $${params.length})`);
  }
  if (f.state === 'scheduled') where.push('a.published_at > now()');
  if (f.state === 'current') where.push('a.published_at <= now() and (a.expires_at is null or a.expires_at > now())');
  if (f.state === 'expired') where.push('a.expires_at <= now()');
  if (f.ids) {
    params.push(f.ids);
    where.push(`a.id = any($${params.length}::bigint[])`);
  }
  const sql = `from announcements a left join org_units o on o.id = a.org_unit_id where ${where.join(' and ')}`;
  const total = await db.query<{ n: number }>(`select count(*)::int as n ${sql}`, params);
  const rows = await db.query<AnnouncementRow>(
    `select ${ANNOUNCEMENT_COLUMNS} ${sql} order by ${orderBy(ANNOUNCEMENT_SORT, f.sort, 'a.id desc')} limit ${f.limit} offset ${f.offset}`,
    params,
  );
  return { rows: rows.rows.map(toAnnouncement), total: total.rows[0].n };
}

/** One announcement the caller can see (null: none, or out of their sight). */
export async function getAnnouncement(db: Queryable, id: string, orgUnit: string): Promise<AnnouncementRecord | null> {
  const params: unknown[] = [id];
  const r = await db.query<AnnouncementRow>(
    `select ${ANNOUNCEMENT_COLUMNS} from announcements a left join org_units o on o.id = a.org_unit_id where a.id = $1::bigint and ${announcementScope(params, orgUnit)}`,
    params,
  );
  return r.rows[0] ? toAnnouncement(r.rows[0]) : null;
}

export async function updateAnnouncement(
  db: Queryable,
  id: string,
  a: { orgUnitId: string | null; title: string; body: string; pinned: boolean; publishedAt: string; expiresAt: string | null; updatedBy: string },
): Promise<boolean> {
  const r = await db.query(
    `update announcements set org_unit_id = $2, title = $3, body = $4, pinned = $5, published_at = $6, expires_at = $7, updated_by = $8, updated_at = now()
      where id = $1::bigint`,
    [id, a.orgUnitId, a.title, a.body, a.pinned, a.publishedAt, a.expiresAt, a.updatedBy],
  );
  return r.rowCount === 1;
}

export async function deleteAnnouncement(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('delete from announcements where id = $1::bigint', [id])).rowCount === 1;
}

export async function insertFeedback(db: Queryable, f: { id: string; username: string; orgUnitId: string; deviceId: string | null; category: string; text: string; caseId?: string; appVersion?: string }): Promise<string> {
  const r = await db.query<{ created_at: Date }>(
    `insert into feedback (id, username, org_unit_id, device_id, category, text, case_id, app_version) values ($1, $2, $3, $4, $5, $6, $7, $8) returning created_at`,
    [f.id, f.username, f.orgUnitId, f.deviceId, f.category, f.text, f.caseId ?? null, f.appVersion ?? null],
  );
  return r.rows[0].created_at.toISOString();
}

// ---------------------------------------------------------------- demo content

const REGULATIONS = [
  {
    id: 'reg-electric-power-law', kind: 'regulation', title: '中华人民共和国电力法', issuer: '全国人民代表大会常务委员会', docNo: null, effectiveOn: '1996-04-01',
    summary: '电力建设、生产、供应与使用的基本法律；规定供电企业与用户的权利义务，禁止窃电行为。',
    body: '（演示摘要）第三十二条：用户用电不得危害供电、用电安全和扰乱供电、用电秩序。第七十一条：盗窃电能的，由电力管理部门责令停止违法行为，追缴电费并处应交电费五倍以下的罚款；构成犯罪的，依法追究刑事责任。全文以正式公布文本为准。',
  },
  {
    id: 'reg-supply-use-ordinance', kind: 'regulation', title: '电力供应与使用条例', issuer: '国务院', docNo: '国务院令第196号', effectiveOn: '1996-09-01',
    summary: '供电营业区、供电设施、电力供应、电力使用、供用电合同与违章用电、窃电的处理。',
    body: '（演示摘要）规定危害供电、用电安全，扰乱正常供电、用电秩序的行为（擅自改变用电类别、擅自超过合同约定容量用电等）以及窃电行为的认定与处理原则。全文以正式公布文本为准。',
  },
  {
    id: 'reg-business-rules-1996', kind: 'regulation', title: '供电营业规则（1996）', issuer: '电力工业部', docNo: null, effectiveOn: '1996-10-08',
    summary: '违约用电与窃电的经典处理标准：擅自改类按差额补交并承担二倍差额违约使用电费（起讫日期不明按三个月计）；窃电补交电费并承担三倍违约使用电费。',
    body: '（演示摘要）第一百条：危害供电、用电安全，扰乱正常供电、用电秩序的行为属于违约用电行为，包括在电价低的供电线路上擅自接用电价高的用电设备或私自改变用电类别等。第一百零二条、第一百零三条：窃电行为的认定与窃电量的确定。系统的违约金计算以“违约金规则集”数据为准，不在代码中写死。',
  },
  {
    id: 'reg-business-rules-2024', kind: 'regulation', title: '供电营业规则（2024 年修订）', issuer: '国家发展和改革委员会', docNo: null, effectiveOn: null,
    summary: '2024 年修订的供电营业规则，替代 1996 年版本；违约使用电费等标准以修订后文本为准，规则集需登记其来源与生效日期。',
    body: '（演示摘要）修订后的规则调整了违约用电、窃电的处理条款。稽查系统中每一个违约金公式都是带版本、来源和生效日期的数据；新规则生效后由管理员发布新的规则集版本。',
  },
  {
    id: 'notice-whitelist-campaign', kind: 'notice', title: '关于开展白名单居民大电量专项检查的通知', issuer: '国网咸宁供电公司营销部', docNo: '咸供营销〔演示〕1号', effectiveOn: '2016-04-01',
    summary: '对执行居民电价但月用电量明显偏大的白名单用户开展现场核查，重点核实用电性质是否为经营性用电。',
    body: '（演示通知）各供电所：请对系统筛选出的白名单居民大电量用户逐户现场核查，拍照取证，核实用电性质；发现执行电价错误的，按规定改类并追补电费、收取违约使用电费。现场核查须在终端签到并上传不少于两张照片。',
  },
  {
    id: 'notice-four-must-check', kind: 'notice', title: '关于“四必查”现场核查要求的通知', issuer: '国网湖北省电力公司营销部', docNo: '鄂电营销〔演示〕2号', effectiveOn: '2016-01-01',
    summary: '四类异常工单必须现场核查，不得仅凭系统数据办结；具体类别以省公司配置为准。',
    body: '（演示通知）对省公司配置的必查类别异常工单，必须到现场核查并在终端签到、拍照；虚假现场工单一经发现严肃考核。',
  },
] as const;

const ANNOUNCEMENTS = [
  { seedKey: 'ann-terminal-launch', orgUnitId: 'HB.XN', title: '移动作业终端正式启用', body: '即日起稽查现场工作通过移动作业终端开展：我的任务、自定义稽查、公共查询、信息公告。请使用本人绑定的终端登录。', pinned: true },
  { seedKey: 'ann-monthly-theme', orgUnitId: 'HB.XN.XA', title: '本月稽查主题：居民电价执行情况', body: '本月一月一主题为居民电价执行情况核查，请各供电所结合白名单大电量清单开展现场工作。', pinned: false },
  { seedKey: 'ann-feedback', orgUnitId: null, title: '欢迎反馈终端使用问题', body: '使用中发现的问题和建议请通过“意见反馈”提交，我们每周汇总处理。', pinned: false },
] as const;

/** Demo regulations, notices and announcements, and demo feedback and consultations; running it twice changes nothing. */
export async function seedMobileContent(db: Queryable): Promise<{ regulations: number; announcements: number; feedback: number; consultations: number }> {
  for (const r of REGULATIONS) {
    await db.query(
      `insert into regulations (id, kind, title, issuer, doc_no, effective_on, summary, body) values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (id) do update set kind = excluded.kind, title = excluded.title, issuer = excluded.issuer, doc_no = excluded.doc_no,
         effective_on = excluded.effective_on, summary = excluded.summary, body = excluded.body, updated_at = now()`,
      [r.id, r.kind, r.title, r.issuer, r.docNo, r.effectiveOn, r.summary, r.body],
    );
  }
  for (const a of ANNOUNCEMENTS) {
    await db.query(
      `insert into announcements (seed_key, org_unit_id, title, body, pinned, created_by) values ($1, $2, $3, $4, $5, 'admin')
       on conflict (seed_key) do update set org_unit_id = excluded.org_unit_id, title = excluded.title, body = excluded.body, pinned = excluded.pinned`,
      [a.seedKey, a.orgUnitId, a.title, a.body, a.pinned],
    );
  }
  const demo = await seedDemoBackOfficeContent(db); // after the regulations: a demo answer cites one
  return { regulations: REGULATIONS.length, announcements: ANNOUNCEMENTS.length, ...demo };
}
