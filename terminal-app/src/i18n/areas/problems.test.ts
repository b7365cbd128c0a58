import { describe, expect, it } from 'vitest';
import { problems } from './problems';

// The server's money codes (#17, domain/penaltyTexts.ts), loaded at run time only (the app bundles no server code):
// a code added there and not here fails this test.
const DOMAIN = new URL('../../../../domain/penaltyTexts.ts', import.meta.url).pathname;
const { MONEY_MESSAGE_CODES } = (await import(/* @vite-ignore */ DOMAIN)) as { MONEY_MESSAGE_CODES: string[] };

describe('problem texts', () => {
  it('every money code of the server, in zh-CN and English', () => {
    for (const code of MONEY_MESSAGE_CODES) {
      expect(problems.zh[`problem.${code}`], code).toMatch(/[\u4e00-\u9fff]/);
      expect(problems.en[`problem.${code}`], code).toBeTruthy();
    }
  });
  it('the same keys in both languages', () => {
    expect(Object.keys(problems.en).sort()).toEqual(Object.keys(problems.zh).sort());
  });
});
