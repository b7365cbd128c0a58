import type pg from 'pg';
import type { Principal } from '../../domain/roles';
import type { MustCheckItem } from '../../domain/mustCheck';
import { listMustCheckItems, putMustCheckItems } from '../../db/mustCheckItems';

// 四必查 per problem type: read by every role, replaced whole per type by managers and admins (the route's policy).

export const mustCheckItems = (pool: pg.Pool) => listMustCheckItems(pool);

export const replaceMustCheckItems = (pool: pg.Pool, principal: Principal, problemType: string, items: MustCheckItem[]) =>
  putMustCheckItems(pool, problemType, items, principal.username);
