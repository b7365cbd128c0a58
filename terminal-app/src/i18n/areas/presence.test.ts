import { describe, expect, it } from 'vitest';
import { translate } from '../index';
import { presence } from './presence';

// The app's copy of the presence reasons says what the server's says, word for word, in both languages, for every
// code (a code added on the server and not here fails this test).

// The reference: the server's domain module, loaded at run time only — the app's type check (stricter settings) does
// not cover server code, and the app bundles none of it.
const DOMAIN = new URL('../../../../domain/presenceReasons.ts', import.meta.url).pathname;
const { PRESENCE_REASON_CODES, presenceReasonText } = (await import(/* @vite-ignore */ DOMAIN)) as {
  PRESENCE_REASON_CODES: string[];
  presenceReasonText: (r: { code: string; params: Record<string, string | number> }, lang: 'zh-CN' | 'en') => string;
};

/** A value for every parameter any text names. */
const P = {
  detected: 'text/plain', declared: 'image/jpeg', exifAt: '09:00', declaredAt: '10:15', minutes: 75, capturedAt: '2025-03-10 10:00', hours: 8760,
  distanceM: 35000, limitM: 300, otherCaseNo: 'JC-2026-000007', distance: 4, verified: 1, required: 2, radiusM: 200, accuracyM: 3000,
  skewS: 900, toleranceS: 120, points: 2, closestM: 4200, startM: 5100, seconds: 10, speedKmh: 1260,
};

describe('presence reason texts', () => {
  it('every code of domain/presenceReasons.ts, same words, zh-CN and en', () => {
    for (const code of PRESENCE_REASON_CODES) {
      expect(presence.zh[`presence.${code}`], code).toBeDefined();
      expect(translate('zh-CN', `presence.${code}`, P)).toBe(presenceReasonText({ code, params: P }, 'zh-CN'));
      expect(translate('en', `presence.${code}`, P)).toBe(presenceReasonText({ code, params: P }, 'en'));
    }
  });

  it('the same keys in both languages', () => {
    expect(Object.keys(presence.en).sort()).toEqual(Object.keys(presence.zh).sort());
  });
});
