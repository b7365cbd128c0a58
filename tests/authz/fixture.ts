import { ORG_OF, type DemoRole, type World } from './world';

/** One request of a matrix cell. The method comes from the route; terminal routes get the role's device and an Idempotency-Key. */
export interface Req {
  /** The concrete path, e.g. `/api/cases/<uuid>`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Res {
  status: number;
  headers: Headers;
  body: any;
}

type Build = (w: World, role: DemoRole) => Req | Promise<Req>;

/** A documented answer other than 2xx. A 403 must name its problem type: a refusal for a reason other than data scope. */
export type Allowed = { status: Exclude<number, 403>; why: string } | { status: 403; type: string; why: string };

/**
 * How the matrix exercises one route (see README.md). Roles outside the route's policy get the in-scope request and
 * must be refused with 403.
 */
export interface RouteFixture {
  /** A request on data inside the caller's org scope (or the caller's own data). */
  inScope: Build;
  /** A request on data outside the caller's scope, or why the route has none (public, scope 'none', own data only). */
  outOfScope: Build | { none: string };
  /**
   * For the terminal's case routes: the same request on a case of `inspector`'s colleague at the same station
   * (world.colleagueCase). An inspector sees only their own cases, so it must be refused with 403/404.
   */
  colleague?: Build;
  /** Answers an in-scope request may get besides 2xx: state (409), validation of the step (422)… never a plain 403. */
  inScopeMay?: Allowed[];
  /** Answers an out-of-scope request may get besides 403/404 (e.g. a 422 naming the unit outside the caller's). */
  outOfScopeMay?: Allowed[];
  /** A list: its rows, and whether a row lies outside the caller's scope. Lists answer 2xx and never hold such a row. */
  list?: { rows(body: any): unknown[]; outside(row: any, w: World, role: DemoRole): boolean };
  /** Further checks of the out-of-scope answer (e.g. a batch endpoint that answers 200 with per-item refusals). */
  checkOutOfScope?(res: Res, w: World, role: DemoRole): void;
}

export type Fixtures = Record<string, RouteFixture>;

/** Lists whose rows carry the org unit they belong to. */
export const rowsOutsideBy = (field: string) => (row: any, _w: World, role: DemoRole) => {
  const unit = row[field] as string | null;
  const scope = ORG_OF[role];
  return unit !== null && unit !== scope && !unit.startsWith(`${scope}.`);
};
