import { describe, expect, it } from 'vitest';
import { LIMITS } from './casePolicyModel';

// The API's bounds (domain/casePolicyRules.ts), loaded at run time: the admin-ui build cannot import ../domain (its
// Docker stage copies admin-ui/ and client/ only, and the generated client carries types, not the schema's min/max),
// so the copy here is held to the original by this test.
const DOMAIN = new URL('../../../../domain/casePolicyRules.ts', import.meta.url).pathname;
const { CASE_POLICY_LIMITS } = (await import(/* @vite-ignore */ DOMAIN)) as { CASE_POLICY_LIMITS: unknown };

describe('case-policy bounds', () => {
  it('are the ones the API checks', () => {
    expect(LIMITS).toEqual(CASE_POLICY_LIMITS);
  });
});
