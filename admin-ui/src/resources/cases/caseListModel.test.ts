import { describe, expect, it } from 'vitest';
import { i18nProvider } from '../../i18n/i18nProvider';
import { DEFAULT_CASE_FILTER, emptyKey, handlerText, totalText, viewOf, withView } from './caseListModel';

const zh = (key: string, options?: Record<string, unknown>) => i18nProvider.translate(key, options);

describe('case list model (supervision cockpit)', () => {
  it('names the handler as people say it: name and station, the user name alone, or the role waited on', () => {
    expect(handlerText({ stage: 'field_evidence', handler: 'inspector', handlerName: '李稽查', handlerStation: '温泉供电所' }, zh)).toBe('李稽查（温泉供电所）');
    expect(handlerText({ stage: 'field_evidence', handler: 'inspector9', handlerName: null, handlerStation: null }, zh)).toBe('inspector9');
    expect(handlerText({ stage: 'rectification', handler: null, pendingRole: 'station_lead' }, zh)).toBe('待供电所长 / 班组长处理');
    expect(handlerText({ stage: 'closed', handler: 'inspector', handlerName: '李稽查' }, zh)).toBeNull();
    expect(handlerText({ stage: 'assessment', handler: null, pendingRole: null }, zh)).toBeNull();
  });

  it('says 10000+ when the server capped the total', () => {
    expect(totalText(10_000, true, zh)).toBe('共 10000+ 条');
    expect(totalText(37, false, zh)).toBe('共 37 条');
    expect(totalText(undefined, false, zh)).toBeNull();
  });

  it('switches the saved view in filter.view and keeps the other filters', () => {
    const f = { ...DEFAULT_CASE_FILTER, stage: 'rectification' };
    expect(withView(f, 'overdue')).toEqual({ status: 'open', stage: 'rectification', view: 'overdue' });
    expect(withView({ ...f, view: 'overdue' }, undefined)).toEqual({ status: 'open', stage: 'rectification' });
    expect(viewOf({ view: 'suspected_fake' })).toBe('suspected_fake');
    expect(viewOf({ view: 'nonsense' })).toBe('all');
    expect(viewOf({})).toBe('all');
  });

  it('the empty list under the default filter says where the finished cases are', () => {
    expect(emptyKey({ ...DEFAULT_CASE_FILTER })).toBe('cockpit.empty.open');
    expect(emptyKey({ status: 'open', view: 'overdue' })).toBe('cockpit.empty.filtered');
    expect(emptyKey({})).toBe('cockpit.empty.filtered');
  });
});
