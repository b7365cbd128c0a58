import { casesMessagesZh } from './casesMessagesZh';
import { escalationsMessagesZh } from './escalationsMessagesZh';
import { contentMessagesZh } from './contentMessagesZh';
import { customersMessagesZh } from './customersMessagesZh';
import { campaignsMessagesZh } from './campaignsMessagesZh';
import { importsMessagesZh } from './importsMessagesZh';
import { rulesMessagesZh } from './rulesMessagesZh';
import { dashboardMessagesZh } from './dashboardMessagesZh';
import { assessmentMessagesZh } from './assessmentMessagesZh';
import { casePoliciesMessagesZh } from './casePoliciesMessagesZh';
import { calendarMessagesZh } from './calendarMessagesZh';
import { presenceMessagesZh, presenceReviewsMessagesZh } from './presenceMessagesZh';

/** App strings in Simplified Chinese (the default locale). */
export const appMessagesZh = {
  app: {
    title: '智能稽查',
    auth: {
      redirecting: '正在跳转到统一身份认证…',
    },
    user: {
      orgUnit: '所属单位',
      roles: '角色',
      noOrgUnit: '未分配单位',
      noRoles: '无本系统角色',
    },
    dashboard: {
      title: '首页',
      welcome: '欢迎，%{name}',
      intro: '营销稽查闭环：监控分析 → 现场核查 → 督办整改 → 对标考核。',
      version: '版本 %{version}',
    },
    states: {
      loadError: '读取失败',
      retry: '重试',
    },
    inbox: {
      title: '消息',
      button: '消息（%{smart_count} 条未读）',
      empty: '暂无消息',
      kinds: {
        reminder: '到期提醒',
        escalation_tier1: '一级督办',
        escalation_tier2: '二级督办',
        escalation_tier3: '三级督办',
        recording_failed: '记录失败',
      },
    },
    /** Refusals by their problem code (data/refusal.ts); the server's own sentence follows in small print. */
    problems: {
      caseStep: {
        WrongStage: '工单当前所处环节不允许此操作（可能已由他人处理），请刷新后查看。',
        WrongActor: '此操作不属于您：须由工单当前的责任人或规定的角色办理。',
        IncompleteStep: '所填信息不完整。',
        InvalidStep: '所填内容与工单当前情况不符。',
        StepInProgress: '工单的另一项操作正在处理中，请稍后再试。',
        PresenceWeak: '现场取证可信度低，须填写说明后才能提交。',
        UnderReview: '现场取证正在核实中（疑似虚假工单），须待稽查专责核实后才能继续。',
        refused: '工单流程拒绝了此操作。',
      },
      caseEnded: '工单已结束，不能再办理。',
      caseNotVisible: '找不到该工单，或它不在您的权限范围内。',
      workflowUnavailable: '工单流程暂时没有响应，操作可能稍后生效；请刷新工单后再决定是否重试。',
      presenceReviewNone: '该工单的现场取证没有转入核实。',
    },
    roles: {
      inspector: '稽查员',
      station_lead: '供电所长 / 班组长',
      supervisor: '稽查专责',
      manager: '营销部管理人员',
      admin: '系统管理员',
    },
  },
  resources: {
    cases: casesMessagesZh,
    escalations: escalationsMessagesZh,
    ...contentMessagesZh,
    customers: customersMessagesZh,
    campaigns: campaignsMessagesZh,
    imports: importsMessagesZh,
    ...rulesMessagesZh,
    ...assessmentMessagesZh,
    ...casePoliciesMessagesZh,
    'presence-reviews': presenceReviewsMessagesZh,
    calendar: calendarMessagesZh,
  },
  dashboard: dashboardMessagesZh,
  presence: presenceMessagesZh,
};

export type AppMessages = typeof appMessagesZh;
