import fc from 'fast-check';
import { hostileString, hostileValue, POLLUTION_KEYS } from './hostile';

/** The subset of JSON Schema that z.toJSONSchema emits for our routes. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  default?: unknown;
}

const MAX_ITEMS = 5;

function regexOf(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    try {
      return new RegExp(pattern);
    } catch {
      return null;
    }
  }
}

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  if (s.pattern) {
    const re = regexOf(s.pattern);
    if (re) {
      const m = fc.stringMatching(re);
      return s.maxLength !== undefined ? m.filter((x) => x.length <= s.maxLength! && x.length >= (s.minLength ?? 0)) : m;
    }
  }
  if (s.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'uuid') return fc.uuid();
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? min + 30, min + 200);
  return fc.string({ unit: 'grapheme', minLength: min, maxLength: max });
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : -1e6);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : 1e6);
  if (integer) return fc.integer({ min: Math.max(Math.ceil(lo), Number.MIN_SAFE_INTEGER), max: Math.min(Math.floor(hi), Number.MAX_SAFE_INTEGER) });
  return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/**
 * Values that fit the schema, now and then bent: a hostile value instead of a field, an extra or polluting key,
 * a required key missing. `hostility` is the chance (0–1) of bending at each level.
 */
export function arbFor(s: JsonSchema | undefined | boolean, hostility = 0.15, depth = 0): fc.Arbitrary<unknown> {
  const valid = validArb(s, hostility, depth);
  if (hostility <= 0) return valid;
  const w = Math.max(1, Math.round(hostility * 100));
  return fc.oneof({ weight: 100 - w, arbitrary: valid }, { weight: w, arbitrary: hostileValue });
}

function validArb(s: JsonSchema | undefined | boolean, hostility: number, depth: number): fc.Arbitrary<unknown> {
  if (s === undefined || s === true || (typeof s === 'object' && Object.keys(s).length === 0)) return fc.jsonValue({ maxDepth: 2 });
  if (s === false) return fc.constant(undefined);
  if (depth > 8) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => arbFor(a, hostility, depth + 1)));
  if (s.allOf?.length) return arbFor(s.allOf[0], hostility, depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (s.prefixItems) return fc.tuple(...s.prefixItems.map((p) => arbFor(p, hostility, depth + 1)));
      const item = s.items === false ? fc.constant(null) : arbFor(s.items, hostility, depth + 1);
      const minLength = s.minItems ?? 0;
      return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? MAX_ITEMS, MAX_ITEMS)) });
    }
    case 'object':
    default: {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, p] of Object.entries(props)) record[k] = arbFor(p, hostility, depth + 1);
      const base = fc.record(record, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
      if (hostility <= 0) return base;
      const extraKey = fc.oneof(fc.constantFrom(...POLLUTION_KEYS), hostileString.filter((x) => x.length < 50));
      return fc.tuple(base, fc.option(fc.tuple(extraKey, hostileValue), { freq: 8 }), fc.option(fc.constantFrom(...Object.keys(props), '_'), { freq: 10 })).map(([obj, extra, drop]) => {
        const o: Record<string, unknown> = { ...(obj as object) };
        if (drop) delete o[drop];
        if (extra) Object.defineProperty(o, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
        return o;
      });
    }
  }
}
