import { describe, expect, it } from 'vitest';
import { caseListLink, introRole, taskSections } from './myTasksModel';

describe('我的待办 sections by role', () => {
  it('gives each role what it acts on', () => {
    const keys = (roles: string[]) => taskSections(roles).map((s) => s.key);
    expect(keys(['inspector'])).toEqual(['waiting']);
    expect(keys(['station_lead'])).toEqual(['waiting', 'tier3', 'overdue']);
    expect(keys(['supervisor'])).toEqual(['waiting', 'review', 'suspected', 'tier3', 'overdue']);
    expect(keys(['manager'])).toEqual(['waiting', 'suspected', 'tier3', 'overdue']);
    expect(keys(['admin'])).toEqual([]);
    // several roles: the union, in the page's order
    expect(keys(['inspector', 'station_lead'])).toEqual(['waiting', 'tier3', 'overdue']);
  });

  it('binds each section to a saved view of the case list', () => {
    expect(taskSections(['supervisor']).map((s) => s.view)).toEqual(['waiting_on_me', 'awaiting_my_review', 'suspected_fake', 'escalation_tier3', 'overdue']);
    expect(decodeURIComponent(caseListLink('overdue'))).toBe('/cases?filter={"status":"open","view":"overdue"}');
  });

  it('introduces the page for the widest business role', () => {
    expect(introRole(['inspector', 'supervisor'])).toBe('supervisor');
    expect(introRole(['station_lead'])).toBe('station_lead');
    expect(introRole(['admin'])).toBe('admin');
  });
});
