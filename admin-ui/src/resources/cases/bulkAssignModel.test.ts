import { describe, expect, it } from 'vitest';
import { assignEach, stationsOf } from './bulkAssignModel';

const cases = [
  { id: 'a', caseNo: 'JC-1', orgUnitId: 'HB.XN.XA.WQ' },
  { id: 'b', caseNo: 'JC-2', orgUnitId: 'HB.XN.XA.WQ' },
  { id: 'c', caseNo: 'JC-3', orgUnitId: 'HB.XN.JY.YY' },
];

describe('bulk 派单', () => {
  it('tells the stations of the selection apart', () => {
    expect(stationsOf(cases.slice(0, 2))).toEqual(['HB.XN.XA.WQ']);
    expect(stationsOf(cases)).toEqual(['HB.XN.XA.WQ', 'HB.XN.JY.YY']);
  });

  it('sends one request per case in order; a refusal is that case\'s result and the others go on', async () => {
    const sent: string[] = [];
    const seen: string[] = [];
    const refusal = new Error('refused');
    const results = await assignEach(
      cases,
      async (c) => {
        sent.push(c.id);
        if (c.id === 'b') throw refusal;
      },
      (r) => seen.push(`${r.caseNo}:${r.ok}`),
    );
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(seen).toEqual(['JC-1:true', 'JC-2:false', 'JC-3:true']);
    expect(results[1]).toEqual({ id: 'b', caseNo: 'JC-2', ok: false, error: refusal });
  });
});
