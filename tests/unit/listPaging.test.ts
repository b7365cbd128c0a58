import { decodeCursor, encodeCursor, nextCursor, pageOf } from '../../services/lists/cursor';
import { substringClause } from '../../db/textSearch';
import { Problem } from '../../http/problem';

const anyKey = () => true;

describe('list cursors (#19)', () => {
  it('round-trips a Chinese sort key and refuses it under another sort', () => {
    const c = nextCursor({ key: '咸宁市某某餐馆', id: '4210000002' }, { field: 'name', order: 'ASC' })!;
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, 'name', 'ASC', anyKey, 'en')).toEqual({ key: '咸宁市某某餐馆', id: '4210000002' });
    for (const [field, order] of [['name', 'DESC'], ['accountNo', 'ASC']] as const) {
      expect(() => decodeCursor(c, field, order, anyKey, 'en')).toThrow(expect.objectContaining({ status: 400, code: 'list.bad-cursor' }));
    }
  });

  it('refuses what is not a cursor, and a key the column type would refuse', () => {
    const bad = ['%%%', 'e30', encodeCursor({ f: 'name', o: 'ASC', k: 'x', id: 'y' }).slice(0, -3), Buffer.from('[1,2]').toString('base64url')];
    for (const c of bad) expect(() => decodeCursor(c, 'name', 'ASC', anyKey, 'zh-CN')).toThrow(Problem);
    const c = encodeCursor({ f: 'createdAt', o: 'DESC', k: 'yesterday', id: 'y' });
    expect(() => decodeCursor(c, 'createdAt', 'DESC', (k) => /^\d{4}-/.test(k), 'en')).toThrow(expect.objectContaining({ code: 'list.bad-cursor' }));
  });

  it('an empty cursor is the first page; a cursor with a range is refused', () => {
    expect(pageOf({ cursor: '', limit: 10 }, { field: 'name', order: 'ASC' }, anyKey, 'en')).toEqual({ kind: 'cursor', after: null, limit: 10 });
    expect(pageOf({ range: [25, 49] }, { field: 'name', order: 'ASC' }, anyKey, 'en')).toEqual({ kind: 'offset', range: [25, 49] });
    expect(() => pageOf({ cursor: '', range: [0, 9] }, { field: 'name', order: 'ASC' }, anyKey, 'en')).toThrow(expect.objectContaining({ code: 'list.cursor-with-range' }));
  });
});

describe('Chinese substring search by query length (#19)', () => {
  const target = { bigramSource: 'c.name', columns: ['c.name', 'c.address'], prefixColumn: 'c.name' };
  it('1 character: a name prefix, wildcards escaped', () => {
    const params: unknown[] = [];
    expect(substringClause(params, '张', target)).toBe('c.name like $1');
    expect(params).toEqual(['张%']);
    const p2: unknown[] = [];
    substringClause(p2, '%', target);
    expect(p2).toEqual(['\\%%']);
  });
  it('2 characters: the bigram index, rechecked by ilike', () => {
    const params: unknown[] = [];
    expect(substringClause(params, '温泉', target)).toBe('(jicha_bigrams(c.name) @> jicha_bigrams($2::text) and (c.name ilike $1 or c.address ilike $1))');
    expect(params).toEqual(['%温泉%', '温泉']);
  });
  it('3 characters and more (code points, not UTF-16 units): ilike for the trigram indexes', () => {
    const params: unknown[] = [];
    expect(substringClause(params, '温泉路', target)).toBe('(c.name ilike $1 or c.address ilike $1)');
    expect(substringClause([], '𠀀𠀁', target)).toContain('jicha_bigrams');
  });
});
