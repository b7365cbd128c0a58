import type { Queryable } from './pool';
import type { MustCheckConfig, MustCheckItem } from '../domain/mustCheck';

interface Row { problem_type: string; items: MustCheckItem[]; updated_by: string; updated_at: Date }
const toConfig = (r: Row) => ({ problemType: r.problem_type, items: r.items, updatedBy: r.updated_by, updatedAt: r.updated_at.toISOString() }) as MustCheckConfig;

export async function listMustCheckItems(db: Queryable): Promise<MustCheckConfig[]> {
  const r = await db.query<Row>('select problem_type, items, updated_by, updated_at from must_check_items order by problem_type');
  return r.rows.map(toConfig);
}

/** problem type → items, for the judgement. */
export async function mustCheckMap(db: Queryable): Promise<Map<string, MustCheckItem[]>> {
  return new Map((await listMustCheckItems(db)).map((c) => [c.problemType, c.items]));
}

export async function putMustCheckItems(db: Queryable, problemType: string, items: MustCheckItem[], by: string): Promise<MustCheckConfig> {
  const r = await db.query<Row>(
    `insert into must_check_items (problem_type, items, updated_by, updated_at) values ($1, $2, $3, now())
     on conflict (problem_type) do update set items = excluded.items, updated_by = excluded.updated_by, updated_at = excluded.updated_at
     returning problem_type, items, updated_by, updated_at`,
    [problemType, JSON.stringify(items), by],
  );
  return toConfig(r.rows[0]);
}
