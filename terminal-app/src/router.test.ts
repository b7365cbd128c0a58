import { describe, expect, it } from 'vitest';
import { match } from './router';
import { makeDeviceId } from './device/identity';
import { translate } from './i18n';

describe('route matching', () => {
  it('reads path parameters and refuses other shapes', () => {
    expect(match('/tasks/:id/visit', '/tasks/abc-1/visit')).toEqual({ id: 'abc-1' });
    expect(match('/tasks/:id', '/tasks/abc/visit')).toBeNull();
    expect(match('/customers/:accountNo', '/customers/42%2F1')).toEqual({ accountNo: '42/1' });
  });
});

describe('device id', () => {
  it('is T-XXXXX-XXXXX in Crockford base32 without look-alike letters', () => {
    const id = makeDeviceId(new Uint8Array([0, 1, 2, 31, 32, 33, 255, 8, 18, 24]));
    expect(id).toBe('T-012Z0-1Z8JR');
    for (let i = 0; i < 50; i += 1) expect(makeDeviceId()).toMatch(/^T-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });
});

describe('texts', () => {
  it('are Chinese first, English on request, and interpolate parameters', () => {
    expect(translate('zh-CN', 'nav.tasks')).toBe('我的任务');
    expect(translate('en', 'nav.tasks')).toBe('My tasks');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
