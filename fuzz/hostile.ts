import fc from 'fast-check';

/** Strings an attacker or a broken client sends: injection, traversal, control and odd Unicode, sizes at the limits. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1' --",
  "1; DROP TABLE cases; --",
  "%' union select * from pg_user --",
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '..\\..\\windows\\win.ini',
  '\u0000',
  'nul\u0000byte',
  '\ud800', // a lone surrogate
  '𝕏💥\u202e\u200b',
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  '-1',
  '1e309',
  'NaN',
  '9'.repeat(400),
  '  ',
  '',
  '温泉供电所'.repeat(50),
  'A'.repeat(10_000),
];

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.nat({ max: 200_000 }).map((n) => 'x'.repeat(n)) },
);

/** Prototype-pollution shapes (JSON.parse makes `__proto__` an own key). */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];
export const pollution = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__": {"isAdmin": true, "roles": ["admin"]}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  JSON.parse('{"__proto__": null}'),
);

const deep = (n: number, leaf: unknown) => {
  let v = leaf;
  for (let i = 0; i < n; i += 1) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Any value of the wrong kind: other JSON types, huge numbers, deep nesting, pollution. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom<unknown>(null, true, false, 0, -1, -0, 1e308, -1e308, 2 ** 53, 0.1, [], {}, [null], deep(2000, 1)),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  pollution,
  fc.jsonValue({ maxDepth: 3 }),
);
