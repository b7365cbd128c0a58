import { z } from 'zod';
import type pg from 'pg';
import { CasePeople, PeopleQuery, PickablePerson } from '../../domain/people';
import { casePeople, listPeople } from '../../services/people/people';
import { defineRoute, type RouteDef } from '../../http/route';
import { sendList } from '../../http/raList';

const IdParams = z.strictObject({ id: z.uuid('must be a case id (UUID)') });

/** The person picker (assign, reassign, rectification owner) and the names a case page shows instead of user names. */
export function peopleRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/people',
      summary: 'People to pick inside the caller\'s org unit (?role=inspector&station=HB.XN.XA.WQ&q=李): display name, unit name and open cases, most idle first',
      tag: 'people',
      policy: { roles: ['station_lead', 'supervisor', 'manager'], scope: 'org' },
      query: PeopleQuery,
      response: { status: 200, schema: z.array(PickablePerson), description: 'People, at most `limit` (default 20)' },
      async handler({ res, principal, query }) {
        const rows = await listPeople(pool, principal, query);
        sendList(res, 'people', 0, rows, rows.length);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/cases/:id/people',
      summary: 'Display and unit names of everyone the case names (assignee, pending actor, log actors, note authors), keyed by user name',
      tag: 'cases',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager'], scope: 'org' },
      params: IdParams,
      response: { status: 200, schema: CasePeople, description: 'User name → display name and unit' },
      async handler({ res, principal, params }) {
        res.json(await casePeople(pool, principal, params.id));
      },
    }),
  ];
}
