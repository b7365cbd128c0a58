import { describe, expect, it } from 'vitest';
import { appMessagesEn } from '../../i18n/appMessagesEn';
import { appMessagesZh } from '../../i18n/appMessagesZh';
import { CONTENT_ENUMS, contentLabel } from './contentEnums';
import { toAnnouncementInput } from '../announcements/announcementInput';
import { toRegulationInput } from '../regulations/regulationInput';
import { parsePublicKeyJwk, toTerminalInput } from '../terminals/TerminalEditors';
import { toConsultationInput } from '../consultations/ConsultationCreate';

const lookup = (messages: object, key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);

describe('back-office content messages and form payloads', () => {
  it('every content enum value has a label in both languages', () => {
    for (const messages of [appMessagesZh, appMessagesEn]) {
      for (const [resource, fields] of Object.entries(CONTENT_ENUMS)) {
        for (const [field, values] of Object.entries(fields)) {
          for (const v of values as readonly string[]) {
            const key = contentLabel(resource as keyof typeof CONTENT_ENUMS, field, v);
            expect(typeof lookup(messages, key), key).toBe('string');
          }
        }
      }
    }
  });

  it('announcement form: everyone is null, an empty unit means the caller\'s own, local times become ISO', () => {
    const base = { title: 't', body: 'b', pinned: true, id: '7', state: 'current', editable: true };
    expect(toAnnouncementInput({ ...base, toEveryone: true, orgUnitId: 'HB.XN' })).toMatchObject({ orgUnitId: null });
    const own = toAnnouncementInput({ ...base, orgUnitId: '  ' });
    expect('orgUnitId' in own).toBe(false);
    expect(Object.keys(toAnnouncementInput({ ...base, orgUnitId: 'HB.XN.JY', publishedAt: '2026-12-01T08:00', expiresAt: '' })).sort()).toEqual(
      ['body', 'expiresAt', 'orgUnitId', 'pinned', 'publishedAt', 'title'],
    );
    const dated = toAnnouncementInput({ ...base, publishedAt: '2026-12-01T08:00' });
    expect(dated.publishedAt).toBe(new Date('2026-12-01T08:00').toISOString());
    expect(dated.expiresAt).toBeNull();
  });

  it('regulation, terminal and consultation forms send only the fields their endpoints take', () => {
    const reg = { id: 'notice-x', kind: 'notice', title: ' T ', issuer: 'I', docNo: '', effectiveOn: '', summary: 's', body: 'b', updatedAt: 'x', updatedBy: 'y' };
    expect(toRegulationInput(reg, { withId: true })).toEqual({ id: 'notice-x', kind: 'notice', title: 'T', issuer: 'I', docNo: null, effectiveOn: null, summary: 's', body: 'b' });
    expect('id' in toRegulationInput(reg, { withId: false })).toBe(false);
    expect(toTerminalInput({ id: 'pda-1', label: 'L', platform: 'pda', model: '', history: [], boundUser: 'x' }, { withId: false })).toEqual({ label: 'L', platform: 'pda', model: null });
    const x = 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU';
    const y = 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0';
    const pasted = JSON.stringify({ kty: 'EC', crv: 'P-256', x, y, ext: true, key_ops: ['verify'] });
    expect(toTerminalInput({ id: ' pda-2 ', label: 'L', platform: 'pda', publicKeyJwk: ` ${pasted} ` }, { withId: true })).toEqual({ id: 'pda-2', label: 'L', platform: 'pda', model: null, publicKeyJwk: { kty: 'EC', crv: 'P-256', x, y } });
    expect(toTerminalInput({ id: 'pda-3', label: 'L', platform: 'pda', publicKeyJwk: '' }, { withId: true })).not.toHaveProperty('publicKeyJwk');
    for (const bad of ['not json', JSON.stringify({ kty: 'EC', crv: 'P-384', x, y }), JSON.stringify({ kty: 'EC', crv: 'P-256', x, y, d: x }), JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'short', y })]) {
      expect(parsePublicKeyJwk(bad)).toBeNull();
    }
    expect(toConsultationInput({ topic: 'tariff', subject: 's', question: 'q', caseId: ' ' })).toEqual({ topic: 'tariff', subject: 's', question: 'q' });
  });
});
