import { useJichaIdentity } from './useJichaIdentity';

/**
 * Whether the user sees the workflow engine's details (the Temporal link, workflow ids, rule version codes): admins,
 * who operate the engine. Business roles see business words instead (#16).
 */
export function useEngineDetails(): boolean {
  return showsEngineDetails(useJichaIdentity()?.roles);
}

export const showsEngineDetails = (roles: readonly string[] | undefined): boolean => (roles ?? []).includes('admin');
