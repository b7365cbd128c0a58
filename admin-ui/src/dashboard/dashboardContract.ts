/**
 * GET /api/dashboard/stats, copied from the API (source of truth: db/dashboardStats.ts, api/routes/dashboard.ts).
 * Period figures count what happened in the period (Beijing-time months); overdue steps and open escalations are as of now.
 */
export interface DashboardFigures {
  suspected: number;
  checkedOnSite: number;
  confirmed: number;
  /** confirmed / checked on site (0–1); null when nothing was checked. */
  confirmationRate: number | null;
  recovered: { backBillingYuan: number; penaltyYuan: number; totalYuan: number };
  overdueSteps: number;
  openEscalations: { tier1: number; tier2: number; tier3: number; total: number };
}

export interface OrgUnitRef {
  id: string;
  nameZh: string;
  nameEn: string;
  level: string;
}

export interface TrendPoint {
  month: string;
  suspected: number;
  checkedOnSite: number;
  confirmed: number;
  recoveredYuan: number;
}

export type UnitFigures = DashboardFigures & OrgUnitRef;

export interface DashboardStats {
  unit: OrgUnitRef;
  /** From the caller's unit down to the selected one. */
  path: OrgUnitRef[];
  period: { from: string; to: string };
  asOf: string;
  figures: DashboardFigures;
  trend: TrendPoint[];
  units: UnitFigures[];
}

/** Query of the stats endpoint; every field optional (the server defaults to the caller's unit, last 6 months). */
export interface DashboardQuery {
  from?: string;
  to?: string;
  unit?: string;
}
