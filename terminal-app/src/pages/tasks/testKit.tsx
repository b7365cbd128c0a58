// Test support for the task and visit pages (imported by *.test.tsx only, never by the app): an in-memory stand-in for
// the outbox interface that records what the pages enqueue, the app context with a scripted API, and a task fixture.
import { useSyncExternalStore, type ReactNode } from 'react';
import { render } from '@testing-library/react';
import { AppContext, type AppServices } from '../../AppContext';
import type { EvidenceInput, OutboxItem, StepAction } from '../../outbox';
import type { TaskDetail } from './types';

let items: OutboxItem[] = [];
const subs = new Set<() => void>();
const emit = () => subs.forEach((f) => f());

export const fakeOutbox = {
  steps: [] as { caseId: string; action: StepAction; payload: unknown }[],
  evidence: [] as { caseId: string; input: EvidenceInput }[],
  failNext: null as Error | null,
  /** What the "server" does with a step as it is queued (e.g. refuse it): the item may be changed in place. */
  onStep: null as ((item: OutboxItem) => Partial<OutboxItem> | void) | null,
  reset() {
    items = [];
    this.steps = [];
    this.evidence = [];
    this.failNext = null;
    this.onStep = null;
    emit();
  },
  set(next: OutboxItem[]) {
    items = next;
    emit();
  },
  update(id: string, patch: Partial<OutboxItem>) {
    items = items.map((i) => (i.id === id ? { ...i, ...patch } : i));
    emit();
  },
  all: () => items,
};

function push(p: Omit<OutboxItem, 'id' | 'key' | 'seq' | 'status' | 'attempts' | 'createdAt'>): OutboxItem {
  const item: OutboxItem = { id: `key-${items.length + 1}`, key: `key-${items.length + 1}`, seq: items.length + 1, status: 'queued', attempts: 0, createdAt: new Date().toISOString(), ...p };
  items = [...items, item];
  emit();
  return item;
}

const useItems = () => useSyncExternalStore((f) => { subs.add(f); return () => subs.delete(f); }, () => items);

/** The outbox module as the pages import it (vi.mock('../../outbox', () => outboxModule)). */
export const outboxModule = {
  async enqueueStep(caseId: string, action: StepAction, payload: unknown) {
    if (fakeOutbox.failNext) {
      const e = fakeOutbox.failNext;
      fakeOutbox.failNext = null;
      throw e;
    }
    fakeOutbox.steps.push({ caseId, action, payload });
    const item = push({ caseId, type: 'step', action, payload });
    const outcome = fakeOutbox.onStep?.(item);
    if (outcome) fakeOutbox.update(item.id, outcome);
    return item;
  },
  /** The item as it stands (the fake sends nothing: its outcome is whatever onStep made it). */
  async whenSettled(id: string) {
    return items.find((i) => i.id === id);
  },
  async enqueueEvidence(caseId: string, input: EvidenceInput) {
    fakeOutbox.evidence.push({ caseId, input });
    return push({ caseId, type: 'evidence', evidenceKind: input.kind, contentType: input.contentType, sizeBytes: input.blob.size });
  },
  async drainNow() {},
  async retryItem() {},
  async discardItem(id: string) {
    items = items.filter((i) => i.id !== id);
    emit();
  },
  useOutboxItems: () => useItems(),
  useCaseOutbox: (caseId: string) => useItems().filter((i) => i.caseId === caseId),
  usePendingCount: () => useItems().filter((i) => i.status !== 'done').length,
  startTrack() {},
  stopTrack() {},
  useTrackState: () => ({ caseId: null, recording: false, points: 0, unsent: 0, lastFix: null, error: null }),
};

export type Route = (path: string, init: { params?: { path?: Record<string, string>; query?: Record<string, unknown> } }) => unknown;

/** Renders `ui` with the app's services; `get` answers api.GET (throw to fail the call). */
export function renderWithApp(ui: ReactNode, get: Route, user = 'inspector') {
  const calls: { path: string; init: unknown }[] = [];
  const api = {
    GET: async (path: string, init: Parameters<Route>[1]) => {
      calls.push({ path, init });
      return { data: await get(path, init ?? {}), response: new Response() };
    },
  };
  const services = {
    api,
    session: { identity: { username: user, name: '张三', roles: ['inspector'], orgUnit: 'HB.XN.XA.S01' }, token: async () => 't', offline: false, logout: async () => undefined },
    config: { keycloak: { url: 'http://kc', realm: 'jicha', clientId: 'jicha-terminal' }, map: { tiles: null, geofenceM: 200 } },
    deviceId: 'T-TEST0-00001',
  } as unknown as AppServices;
  const r = render(<AppContext.Provider value={services}>{ui}</AppContext.Provider>);
  return { ...r, calls };
}

export const CASE_ID = '11111111-2222-4333-8444-555555555555';

export function taskDetail(p: Partial<TaskDetail> = {}): TaskDetail {
  return {
    caseId: CASE_ID,
    caseNo: 'JC-2026-000123',
    stage: 'field_evidence',
    priority: 'high',
    origin: 'special',
    note: null,
    assignee: 'inspector',
    assignment: 'offered',
    pendingActor: { role: 'inspector', username: 'inspector', orgUnit: 'HB.XN.XA.S01' },
    deadlineAt: '2026-03-13T09:00:00Z',
    escalationTier: 0,
    createdAt: '2026-03-01T02:00:00Z',
    updatedAt: '2026-03-01T02:00:00Z',
    customer: {
      accountNo: '4200000001', name: '咸宁市某专业合作社', address: '咸安区温泉路 1 号', lat: 29.84, lon: 114.32, tariffCategory: 'residential',
      contractCapacityKva: 50, meterNo: 'M-001', whitelist: true, stationId: 'HB.XN.XA.S01', gridId: null, status: 'active',
      summary: { months: 12, lastMonth: { month: '2026-02', kwh: 5200, amountYuan: 2912.5, tariffCategory: 'residential' }, avgMonthlyKwh: 4800, maxMonthlyKwh: 6100, arrearsYuan: 0, lastPayment: null },
    },
    location: { lat: 29.84, lon: 114.32, geoUri: 'geo:29.84,114.32' },
    judgement: { score: 82, priority: 'high', ruleSetVersion: 'builtin-0', reasons: [{ code: 'residential_large', weight: 0.6, textZh: '居民户月用电量远高于同类', textEn: 'Residential consumption far above peers' }] },
    checkItems: [
      { code: 'tariff', textZh: '核对实际用电性质与电价类别', textEn: 'Check actual use against the tariff category' },
      { code: 'meter', textZh: '检查计量装置封印', textEn: 'Check the meter seals' },
    ],
    checkIns: [],
    evidence: [],
    findings: null,
    rectification: null,
    history: [{ seq: 1, type: 'opened', stage: 'judgement', actor: 'system', at: '2026-03-01T02:00:00Z' }],
    ...p,
  } as TaskDetail;
}
