/** Temporal namespace the API starts case workflows in. */
export const TEMPORAL_NAMESPACE = 'default';

/** `${temporalUiUrl}/namespaces/default/workflows/${workflowId}`, or undefined if either is missing. */
export function temporalWorkflowUrl(
  temporalUiUrl: string | undefined,
  workflowId: string | null | undefined,
): string | undefined {
  if (!temporalUiUrl || !workflowId) return undefined;
  const base = temporalUiUrl.replace(/\/+$/, '');
  return `${base}/namespaces/${TEMPORAL_NAMESPACE}/workflows/${encodeURIComponent(workflowId)}`;
}
