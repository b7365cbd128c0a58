import { z } from 'zod';
import { findHostileText, hostileChar, hostileCharMessage, hostileFieldCode, safeText } from '../../domain/text';

// The predicate every request's text passes (domain/text.ts): NUL, lone surrogates and C0 controls other than tab,
// LF and CR are hostile; everything people type, in any script, is not.

test.each([
  ['NUL', '\u0000', { kind: 'nul', index: 0, codePoint: 0 }],
  ['NUL inside text', '现场\u0000核查', { kind: 'nul', index: 2, codePoint: 0 }],
  ['a lone high surrogate at the end', '电表\ud800', { kind: 'lone-surrogate', index: 2, codePoint: 0xd800 }],
  ['a high surrogate followed by a non-surrogate', '\udbffx', { kind: 'lone-surrogate', index: 0, codePoint: 0xdbff }],
  ['two high surrogates', '\ud83d\ud83d\ude00', { kind: 'lone-surrogate', index: 0, codePoint: 0xd83d }],
  ['a lone low surrogate', 'a\udc00b', { kind: 'lone-surrogate', index: 1, codePoint: 0xdc00 }],
  ['a low surrogate after a complete pair', '😀\ude00', { kind: 'lone-surrogate', index: 2, codePoint: 0xde00 }],
  ['BEL', 'ding\u0007', { kind: 'control', index: 4, codePoint: 7 }],
  ['ESC (terminal escape sequences)', '\u001b[31mred', { kind: 'control', index: 0, codePoint: 0x1b }],
  ['U+0001', '\u0001', { kind: 'control', index: 0, codePoint: 1 }],
  ['U+001F', '\u001f', { kind: 'control', index: 0, codePoint: 0x1f }],
  ['vertical tab', 'a\u000bb', { kind: 'control', index: 1, codePoint: 0x0b }],
  ['form feed', '\u000c', { kind: 'control', index: 0, codePoint: 0x0c }],
])('%s is hostile', (_name, text, expected) => {
  expect(hostileChar(text)).toEqual(expected);
});

test.each([
  ['empty', ''],
  ['CJK', '咸安区温泉供电所：用电性质与档案不符，已拍照取证'],
  ['a CJK Extension B character (a surrogate pair)', '𠀀𪚥'],
  ['emoji (surrogate pairs, ZWJ sequence, flag)', '👍🏽👨‍👩‍👧🇨🇳'],
  ['tab', 'a\tb'],
  ['LF', '第一行\n第二行'],
  ['CRLF from Windows terminals', '第一行\r\n第二行\r\n'],
  ['a lone CR', 'a\rb'],
  ['space, DEL and C1 controls (stored fine)', ' \u007f\u0085\u009f'],
  ['bidi and zero-width characters', '\u202e\u200b\ufeff'],
  ['U+FFFF', '\uffff'],
])('%s is fine', (_name, text) => {
  expect(hostileChar(text)).toBeNull();
});

test('every field holding hostile text is named by its path, keys included, in document order', () => {
  const body = {
    summary: 'ok',
    checklist: [{ code: 'A', note: 'x\u0000' }, { code: 'B\u0007' }],
    'bad\u0000key': 'value',
    nested: { deep: [['\ud800']] },
    n: 1,
    b: true,
    nil: null,
  };
  expect(findHostileText(body).map((f) => [f.path, f.kind])).toEqual([
    ['checklist.0.note', 'nul'],
    ['checklist.1.code', 'control'],
    ['bad\\u0000key', 'nul'],
    ['nested.deep.0.0', 'lone-surrogate'],
  ]);
  expect(findHostileText({ q: '\u001b' }, { prefix: 'query' })[0].path).toBe('query.q');
  expect(findHostileText('\u0000')[0].path).toBe('(body)');
  expect(findHostileText({ a: '好', b: ['😀'] })).toEqual([]);
});

test('a path shows hostile key characters escaped, so it can be sent and stored', () => {
  const [f] = findHostileText({ 'a\ud800b\u0001': 1 });
  expect(f.path).toBe('a\\ud800b\\u0001');
  expect(hostileChar(f.path)).toBeNull();
});

test('skipped subtrees are left to a later check, their keys are not', () => {
  const body = { items: [{ clientId: 'k\u0000', payload: { note: '\u0000' } }], 'pay\u0007': 1 };
  expect(findHostileText(body, { skip: ['items.*.payload'] }).map((f) => f.path)).toEqual(['items.0.clientId', 'pay\\u0007']);
});

test('the answer names at most `limit` fields; a deeply nested value does not exhaust the stack', () => {
  expect(findHostileText(Array.from({ length: 500 }, () => '\u0000'))).toHaveLength(50);
  let deep: unknown = '\u0000';
  for (let i = 0; i < 100_000; i += 1) deep = { a: [deep] };
  expect(findHostileText(deep)).toHaveLength(1);
});

test('messages in zh-CN and English name the character; field codes name the kind', () => {
  const c = hostileChar('\u001b')!;
  expect(hostileCharMessage(c, 'zh-CN')).toBe('含有控制字符（U+001B）');
  expect(hostileCharMessage(c, 'en')).toBe('contains a control character (U+001B)');
  expect(hostileCharMessage(hostileChar('\udc00')!, 'en')).toBe('contains a lone surrogate (U+DC00)');
  expect(hostileFieldCode('nul')).toBe('text.hostile.nul');
});

test('safeText states the rule in a schema and keeps the schema\'s other checks', () => {
  const Note = safeText(z.string().trim().max(8));
  expect(Note.safeParse('现场\r\n核查').success).toBe(true);
  const r = Note.safeParse('a\u0000');
  expect(r.success).toBe(false);
  expect(r.error?.issues[0]).toMatchObject({ code: 'custom', message: 'contains a NUL character (U+0000)', params: { code: 'text.hostile.nul' } });
  expect(Note.safeParse('much too long').success).toBe(false);
});
