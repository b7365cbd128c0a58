import { createPool } from '../../db/pool';
import { loadConfig } from '../../config/env';
import { api, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// DATABASE_READ_URL (#19): the dashboard's statistics read the replica's pool, everything else the primary's; a replica
// that is down degrades the dashboard only and shows as an advisory on /readyz, never taking the API out of service.
// Here the "replica" is a second real pool on the test database whose queries are recorded, and then a pool on a port
// where nothing listens.

describe('a read replica for the statistics', () => {
  const config = loadConfig();

  describe('reachable', () => {
    let h: Harness;
    const replica = createPool(config.DATABASE_URL, 2);
    const seen: string[] = [];
    const query = replica.query.bind(replica) as (...a: unknown[]) => unknown;
    (replica as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
      seen.push(typeof a[0] === 'string' ? a[0] : String((a[0] as { text?: string }).text));
      return query(...a);
    };

    beforeAll(async () => {
      h = await startHarness({ inProcessWorker: false, readPool: replica });
    });
    afterAll(async () => {
      await h.stop();
      await replica.end();
    });

    it('serves the dashboard from the replica and the case list from the primary', async () => {
      const token = await tokenFor('supervisor');
      const stats = await api(h.baseUrl, '/api/dashboard/stats', { token });
      expect(stats.status).toBe(200);
      expect(stats.body.unit.id).toBe('HB.XN');
      const dashboardQueries = seen.length;
      expect(seen.some((q) => /from cases/i.test(q))).toBe(true);

      const list = await api(h.baseUrl, '/api/cases?range=[0,4]', { token });
      expect(list.status).toBe(200);
      expect(seen.length).toBe(dashboardQueries);
    });

    it('reports the replica as an advisory on /readyz', async () => {
      const r = await api(h.baseUrl, '/readyz');
      expect(r.status).toBe(200);
      expect(r.body.advisories.postgresReplica).toBe('ok');
    });
  });

  describe('down', () => {
    let h: Harness;
    const url = new URL(config.DATABASE_URL);
    url.port = '1';
    const replica = createPool(url.toString(), 1);

    beforeAll(async () => {
      h = await startHarness({ inProcessWorker: false, readPool: replica });
    });
    afterAll(async () => {
      await h.stop();
      await replica.end();
    });

    it('keeps the API ready and the case list working; the dashboard answers 503 to retry, in Chinese', async () => {
      const ready = await api(h.baseUrl, '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body.advisories.postgresReplica).toBe('degraded');

      const token = await tokenFor('supervisor');
      const list = await api(h.baseUrl, '/api/cases?range=[0,4]', { token });
      expect(list.status).toBe(200);
      const stats = await api(h.baseUrl, '/api/dashboard/stats', { token });
      expect(stats.status).toBe(503);
      expect(stats.headers.get('content-type')).toMatch(/problem\+json/);
      expect(stats.headers.get('retry-after')).toBe('5');
      expect(stats.body).toMatchObject({ code: 'database.unavailable', detail: '数据库暂时无法连接，本次操作未生效，请稍后重试。' });
    });
  });
});
