import type { ApiResponse } from '../../data/api';

/** A unit as GET /api/org-units lists it (code, parent, level, names). */
export type OrgUnit = ApiResponse<'/api/org-units'>[number];
export type OrgLevel = OrgUnit['level'];

/** A unit placed in the tree: its depth below the top unit listed, and its ancestors' names (for search results). */
export interface OrgTreeNode extends OrgUnit {
  depth: number;
  ancestors: OrgUnit[];
}

/**
 * Depth-first order (a parent, then its children by code), whatever order the units come in. A unit whose parent is
 * not listed (the caller's own unit) is a root.
 */
export function orderTree(units: readonly OrgUnit[]): OrgTreeNode[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, OrgUnit[]>();
  for (const u of units) {
    const parent = u.parentId !== null && byId.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: OrgTreeNode[] = [];
  const walk = (parent: string | null, ancestors: OrgUnit[]) => {
    for (const u of [...(children.get(parent) ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      out.push({ ...u, depth: ancestors.length, ancestors });
      walk(u.id, [...ancestors, u]);
    }
  };
  walk(null, []);
  return out;
}

export const unitName = (u: Pick<OrgUnit, 'nameZh' | 'nameEn'>, locale: string) => (locale.startsWith('zh') ? u.nameZh : u.nameEn);

/** "咸安区供电公司 (HB.XN.XA)": the name first, the code the API keeps beside it. */
export const unitLabel = (u: Pick<OrgUnit, 'id' | 'nameZh' | 'nameEn'>, locale: string) => `${unitName(u, locale)} (${u.id})`;

/**
 * Whether a unit answers the search: every word of the query found in its Chinese or English name or its code
 * (case-insensitive), so "咸安 XA" and "hb.xn.xa" both find 咸安区供电公司.
 */
export function matchesUnit(u: Pick<OrgUnit, 'id' | 'nameZh' | 'nameEn'>, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const hay = `${u.nameZh} ${u.nameEn} ${u.id}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}
