/** The form's values as POST/PUT /api/regulations takes them; the id only on create (the API refuses unknown fields). */
export function toRegulationInput(v: Record<string, unknown>, { withId }: { withId: boolean }) {
  const text = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '');
  return {
    ...(withId && text('id') ? { id: text('id') } : {}),
    kind: text('kind'),
    title: text('title'),
    issuer: text('issuer'),
    docNo: text('docNo') || null,
    effectiveOn: text('effectiveOn') || null,
    summary: text('summary'),
    body: text('body'),
  };
}
