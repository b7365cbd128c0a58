import type pg from 'pg';
import type { RouteDef } from '../../http/route';
import { announcementRoutes } from './announcements';
import { regulationRoutes } from './regulations';
import { feedbackRoutes } from './feedback';
import { consultationRoutes } from './consultations';
import { terminalRoutes } from './terminals';

/** Back-office content: announcements, regulations, feedback, consultations, terminals ↔ personnel. */
export function backOfficeContentRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  return [...announcementRoutes({ pool }), ...regulationRoutes({ pool }), ...feedbackRoutes({ pool }), ...consultationRoutes({ pool }), ...terminalRoutes({ pool })];
}
