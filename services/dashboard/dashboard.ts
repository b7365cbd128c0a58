// The supervisors' dashboard (监控分析): figures, trend and per-unit breakdown of a unit inside the caller's scope.
export { dashboardStats } from '../../db/dashboardStats';
