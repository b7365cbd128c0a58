/**
 * Human-readable text for whatever stopped the boot: an Error, or the
 * `{ error, error_description }` object keycloak-js throws for an OAuth error callback.
 */
export function describeBootError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null) {
    const { error: code, error_description: description } = error as Record<string, unknown>;
    if (typeof code === 'string') {
      return typeof description === 'string' && description !== ''
        ? `${code}: ${description}`
        : code;
    }
    try {
      return JSON.stringify(error);
    } catch {
      return String(error);
    }
  }
  return String(error);
}
