import { z } from 'zod';

/**
 * Text no request may carry. NUL: Postgres text and jsonb cannot hold it. A lone UTF-16 surrogate (a high one not
 * followed by a low one, a low one not preceded by a high one) has no UTF-8 form, so Postgres refuses it too. Either
 * one, once inside a case workflow, is a value the worker cannot record: the case freezes. C0 controls (U+0001–U+001F)
 * would be stored, but no keyboard types them; they come from broken clients or attacks and break what reads the text
 * later (CSV and XML exports, terminals, log lines). Tab, LF and CR are ordinary text: CR stays allowed because the
 * Windows terminals send multi-line notes with CRLF line endings. DEL and C1 controls are left alone: they store fine.
 */
export type HostileKind = 'nul' | 'lone-surrogate' | 'control';

export interface HostileChar {
  kind: HostileKind;
  /** UTF-16 index of the first offending code unit. */
  index: number;
  codePoint: number;
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** The first character of `s` no request may carry, or null when the text is fine. */
export function hostileChar(s: string): HostileChar | null {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c === 0) return { kind: 'nul', index: i, codePoint: c };
    if (c < 0x20) {
      if (c === TAB || c === LF || c === CR) continue;
      return { kind: 'control', index: i, codePoint: c };
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1); // NaN past the end
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1; // a surrogate pair: one astral character (emoji, rare CJK)
        continue;
      }
      return { kind: 'lone-surrogate', index: i, codePoint: c };
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { kind: 'lone-surrogate', index: i, codePoint: c };
  }
  return null;
}

// ---------------------------------------------------------------- message codes and catalogue

/** The problem's code; each field's code names the kind (`text.hostile.nul`…). */
export const HOSTILE_TEXT_CODE = 'text.hostile';
export const hostileFieldCode = (kind: HostileKind) => `${HOSTILE_TEXT_CODE}.${kind}`;

export type Lang = 'zh-CN' | 'en';
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

const CATALOGUE: Record<Lang, { detail: string } & Record<HostileKind, (cp: string) => string>> = {
  'zh-CN': {
    detail: '文本含有不允许的字符（空字符、孤立代理项或控制字符）。',
    nul: () => '含有空字符（U+0000）',
    'lone-surrogate': (cp) => `含有孤立代理项（${cp}）`,
    control: (cp) => `含有控制字符（${cp}）`,
  },
  en: {
    detail: 'The text contains characters that are not allowed (NUL, a lone surrogate or a control character).',
    nul: () => 'contains a NUL character (U+0000)',
    'lone-surrogate': (cp) => `contains a lone surrogate (${cp})`,
    control: (cp) => `contains a control character (${cp})`,
  },
};

export const hostileTextDetail = (lang: Lang) => CATALOGUE[lang].detail;
export const hostileCharMessage = (c: HostileChar, lang: Lang) => CATALOGUE[lang][c.kind](hex(c.codePoint));

// ---------------------------------------------------------------- finding it anywhere in a value

export interface HostileField extends HostileChar {
  /** Dotted path as in field errors (`findings.note`, `query.q`); a key that is itself hostile is shown escaped. */
  path: string;
}

/** Shows hostile characters of a key as \uXXXX, so a path is safe to send, log and store. */
function pathSegment(key: string): string {
  let out = '';
  let rest = key;
  for (let c = hostileChar(rest); c; c = hostileChar(rest)) {
    out += `${rest.slice(0, c.index)}\\u${c.codePoint.toString(16).padStart(4, '0')}`;
    rest = rest.slice(c.index + 1);
  }
  return out + rest;
}

export interface FindOptions {
  /** First path segment (`query`, `path`); none for the body, as in field errors. */
  prefix?: string;
  /**
   * Subtrees a later check handles item by item: dotted paths, `*` for any key or index (`items.*.payload`). The key
   * naming such a subtree is still checked.
   */
  skip?: readonly string[];
  /** Stop after this many fields (default 50): the answer names enough to fix, not every one of thousands. */
  limit?: number;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** A value met on the walk; its path is kept as a link to its parent, so a deep value costs no path copies. */
interface Node {
  v: unknown;
  key: string | null;
  parent: Node | null;
  depth: number;
}

const pathOf = (n: Node): string[] => {
  const out: string[] = [];
  for (let at: Node | null = n; at && at.key !== null; at = at.parent) out.push(at.key);
  return out.reverse();
};

const matches = (pattern: string[], n: Node): boolean => {
  if (pattern.length !== n.depth) return false;
  let at: Node | null = n;
  for (let i = pattern.length - 1; i >= 0; i -= 1, at = at!.parent) if (pattern[i] !== '*' && pattern[i] !== at!.key) return false;
  return true;
};

/** Every string and object key inside `value` (JSON-shaped: strings, arrays, plain objects) holding hostile text. */
export function findHostileText(value: unknown, o: FindOptions = {}): HostileField[] {
  const limit = o.limit ?? 50;
  const skip = (o.skip ?? []).map((p) => p.split('.'));
  const found: HostileField[] = [];
  const report = (c: HostileChar, n: Node) => found.push({ ...c, path: [o.prefix, ...pathOf(n).map(pathSegment)].filter(Boolean).join('.') || '(body)' });
  // Iterative, in document order: a deeply nested body must not exhaust the stack.
  const stack: Node[] = [{ v: value, key: null, parent: null, depth: 0 }];
  while (stack.length && found.length < limit) {
    const n = stack.pop()!;
    const inKey = n.key === null ? null : hostileChar(n.key);
    if (inKey) {
      report(inKey, n); // the field is named by its key; its value goes with it
      continue;
    }
    if (skip.some((p) => matches(p, n))) continue;
    const { v } = n;
    if (typeof v === 'string') {
      const c = hostileChar(v);
      if (c) report(c, n);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) stack.push({ v: v[i], key: String(i), parent: n, depth: n.depth + 1 });
    } else if (isPlainObject(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i -= 1) stack.push({ v: v[keys[i]], key: keys[i], parent: n, depth: n.depth + 1 });
    }
  }
  return found;
}

// ---------------------------------------------------------------- for schemas that want to state it

/** A zod check: refuses hostile text with the field code as the issue's parameter (the message is English). */
export function safeText<T extends z.ZodType<string>>(schema: T): T {
  return schema.superRefine((v, ctx) => {
    const c = hostileChar(v);
    if (c) ctx.addIssue({ code: 'custom', message: hostileCharMessage(c, 'en'), params: { code: hostileFieldCode(c.kind), codePoint: c.codePoint, index: c.index } });
  }) as T;
}
