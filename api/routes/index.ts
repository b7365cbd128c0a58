import type { RouteDef } from '../../http/route';
import type { RouteDeps } from '../../http/routeDeps';
import { caseRoutes } from './cases';
import { caseActionRoutes } from './caseActions';
import { escalationRoutes } from './escalations';
import { publicConfigRoutes } from './publicConfig';
import { backchannelLogoutRoutes } from './backchannelLogout';
import { customerRoutes } from './customers';
import { campaignRoutes } from './campaigns';
import { importRoutes } from './imports';
import { judgementRuleSetRoutes } from './judgementRuleSets';
import { backOfficeContentRoutes } from './content';
import { dashboardRoutes } from './dashboard';
import { caseEvidenceRoutes } from './caseEvidence';
import { presenceReviewRoutes } from './presenceReviews';
import { penaltyRuleSetRoutes } from './penaltyRuleSets';
import { tariffRoutes } from './tariffs';
import { ruleUsageRoutes } from './ruleUsage';
import { assessmentRuleSetRoutes } from './assessmentRuleSets';
import { assessmentPeriodRoutes } from './assessmentPeriods';
import { casePolicyRoutes } from './casePolicies';
import { mustCheckItemRoutes } from './mustCheckItems';
import { calendarRoutes } from './calendar';
import { orgUnitRoutes } from './orgUnits';
import { judgementRunRoutes } from './judgementRuns';
import { peopleRoutes } from './people';

/** Every back-office route, mounted under /api. Each route carries its own access policy. */
export function backOfficeRoutes(d: RouteDeps): RouteDef[] {
  return [
    ...publicConfigRoutes(d.config, d.version),
    ...backchannelLogoutRoutes({ config: d.config, pool: d.pool }),
    ...caseRoutes({ pool: d.pool, temporal: d.temporal, taskQueue: d.config.TEMPORAL_TASK_QUEUE }),
    ...caseActionRoutes({ pool: d.pool, temporal: d.temporal }),
    ...caseEvidenceRoutes({ pool: d.pool, temporal: d.temporal, s3: d.s3, config: d.config }),
    ...presenceReviewRoutes({ pool: d.pool, temporal: d.temporal, s3: d.s3, config: d.config }),
    ...dashboardRoutes({ pool: d.readPool ?? d.pool }),
    ...escalationRoutes({ pool: d.pool }),
    ...customerRoutes({ pool: d.pool }),
    ...judgementRuleSetRoutes({ pool: d.pool }),
    ...penaltyRuleSetRoutes({ pool: d.pool }),
    ...mustCheckItemRoutes({ pool: d.pool }),
    ...tariffRoutes({ pool: d.pool }),
    ...ruleUsageRoutes({ pool: d.pool }),
    ...campaignRoutes({ pool: d.pool, temporal: d.temporal, taskQueue: d.config.TEMPORAL_TASK_QUEUE }),
    ...judgementRunRoutes({ pool: d.pool, temporal: d.temporal, taskQueue: d.config.TEMPORAL_TASK_QUEUE }),
    ...importRoutes({ pool: d.pool, temporal: d.temporal, taskQueue: d.config.TEMPORAL_TASK_QUEUE, reportFullRows: d.config.IMPORT_REPORT_FULL_ROWS }),
    ...backOfficeContentRoutes({ pool: d.pool }),
    ...assessmentRuleSetRoutes({ pool: d.pool }),
    ...assessmentPeriodRoutes({ pool: d.pool, temporal: d.temporal, taskQueue: d.config.TEMPORAL_TASK_QUEUE }),
    ...casePolicyRoutes({ pool: d.pool }),
    ...calendarRoutes({ pool: d.pool, temporal: d.temporal }),
    ...orgUnitRoutes({ pool: d.pool }),
    ...peopleRoutes({ pool: d.pool }),
  ];
}
