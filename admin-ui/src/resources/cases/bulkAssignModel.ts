/** A case of the list page, as far as bulk 派单 needs it. */
export interface BulkCase {
  id: string;
  caseNo: string;
  orgUnitId: string;
}

/** The stations of the selected cases (one station: its inspectors are the ones to pick from). */
export function stationsOf(cases: readonly BulkCase[]): string[] {
  return [...new Set(cases.map((c) => c.orgUnitId))];
}

export type BulkResult = { id: string; caseNo: string } & ({ ok: true } | { ok: false; error: unknown });

/**
 * One request per case, one after the other (each is a workflow Update the validator may refuse on its own): every
 * case gets its result, a refusal does not stop the others.
 */
export async function assignEach(cases: readonly BulkCase[], send: (c: BulkCase) => Promise<unknown>, onResult?: (r: BulkResult) => void): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const c of cases) {
    let r: BulkResult;
    try {
      await send(c);
      r = { id: c.id, caseNo: c.caseNo, ok: true };
    } catch (error) {
      r = { id: c.id, caseNo: c.caseNo, ok: false, error };
    }
    results.push(r);
    onResult?.(r);
  }
  return results;
}
