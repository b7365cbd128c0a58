import type { Queryable } from '../pool';

// Demo usage feedback and consultations (咨询), so the back office's pages show the workflow on a fresh stack.
// Inserted once by fixed id: what people then do with them in the demo stays.

const FEEDBACK = [
  { id: '00000000-0000-4000-8000-0000000000f1', username: 'inspector', unit: 'HB.XN.XA.WQ', category: 'suggestion', text: '希望导航能显示表箱位置，现场找表箱耽误时间。', status: 'open', reply: null, by: null },
  { id: '00000000-0000-4000-8000-0000000000f2', username: 'inspector2', unit: 'HB.XN.JY.YY', category: 'bug', text: '弱信号区域上传照片经常失败，需要重试多次。', status: 'in_progress', reply: null, by: 'supervisor' },
  {
    id: '00000000-0000-4000-8000-0000000000f3', username: 'inspector', unit: 'HB.XN.XA.WQ', category: 'question', text: '公共查询里的日冻结电量为什么只显示 30 天？',
    status: 'answered', reply: '终端默认显示最近 30 天，可在查询条件中选择最多 90 天。', by: 'supervisor',
  },
] as const;

const CONSULTATIONS = [
  {
    id: '00000000-0000-4000-8000-0000000000c1', askedBy: 'inspector', unit: 'HB.XN.XA.WQ', topic: 'tariff', subject: '合作社经营餐馆的电价认定',
    question: '执行居民电价的农民专业合作社，现场实际经营餐馆，是否应改为一般工商业电价？追补从何时算起？', answer: null, regulationId: null, by: null,
  },
  {
    id: '00000000-0000-4000-8000-0000000000c2', askedBy: 'lead', unit: 'HB.XN.XA.WQ', topic: 'penalty', subject: '擅自改变用电类别的违约使用电费',
    question: '擅自改类且起始日期无法确定时，违约使用电费按多长时间计算？',
    answer: '按现行违约金规则集：起讫日期不明时按缺省期间（经典规则为三个月）计算差额电费，并按规定倍数收取违约使用电费；以工单所用规则集版本为准。',
    regulationId: 'reg-business-rules-1996', by: 'supervisor',
  },
] as const;

export async function seedDemoBackOfficeContent(db: Queryable): Promise<{ feedback: number; consultations: number }> {
  for (const f of FEEDBACK) {
    await db.query(
      `insert into feedback (id, username, org_unit_id, category, text, app_version, status, reply, replied_by, replied_at, handled_by)
       values ($1, $2, $3, $4, $5, '1.0.0', $6, $7, case when $7::text is null then null else $8 end, case when $7::text is null then null else now() end, $8)
       on conflict (id) do nothing`,
      [f.id, f.username, f.unit, f.category, f.text, f.status, f.reply, f.by],
    );
  }
  for (const k of CONSULTATIONS) {
    await db.query(
      `insert into consultations (id, org_unit_id, asked_by, topic, subject, question, status, answer, regulation_id, answered_by, answered_at)
       values ($1, $2, $3, $4, $5, $6, case when $7::text is null then 'open' else 'answered' end, $7, $8, $9, case when $7::text is null then null else now() end)
       on conflict (id) do nothing`,
      [k.id, k.unit, k.askedBy, k.topic, k.subject, k.question, k.answer, k.regulationId, k.by],
    );
  }
  return { feedback: FEEDBACK.length, consultations: CONSULTATIONS.length };
}
