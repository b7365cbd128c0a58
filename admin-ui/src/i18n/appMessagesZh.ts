import { casesMessagesZh } from './casesMessagesZh';
import { cockpitMessagesZh } from './cockpitMessagesZh';
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
import { tariffsMessagesZh } from './tariffsMessagesZh';
import { mustCheckMessagesZh } from './mustCheckMessagesZh';
import { orgPickerMessagesZh } from './orgPickerMessagesZh';
import { flagsMessagesZh } from './flagsMessagesZh';
import { peopleMessagesZh } from './peopleMessagesZh';
import { caseStepsMessagesZh } from './caseStepsMessagesZh';
import { presenceMessagesZh, presenceReviewsMessagesZh } from './presenceMessagesZh';
import { caseMapMessagesZh, evidenceViewerMessagesZh } from './caseMapMessagesZh';

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
    changes: { added: '新增', removed: '删除' },
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
        evidence_integrity: '证据完整性告警',
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
      caseImported: '该工单为历史导入的归档工单，没有流程，不能办理。',
      caseNotVisible: '找不到该工单，或它不在您的权限范围内。',
      workflowUnavailable: '工单流程暂时没有响应，操作可能稍后生效；请刷新工单后再决定是否重试。',
      databaseUnavailable: '数据库暂时无法连接，本次操作未生效，请稍后重试。',
      presenceReviewNone: '该工单的现场取证没有转入核实。',
      // a list request (#19): a stale or damaged page cursor
      list: {
        'bad-cursor': '翻页位置无效，请回到第一页重新查询。',
        'cursor-with-range': '翻页位置与行范围不能同时使用。',
      },
      // money on a rectification order (#17): the problem's detail carries the figures
      money: {
        rectification: {
          'unknown-tariff': '电价类别不在本省电价目录中，请从电价目录中选择',
          'amount-typed': '追回金额不能手工填写：请填写实收金额及收据号',
          'no-money-actions': '该整改单没有追补电费或违约使用电费，不能填写收费金额',
          'collected-required': '请填写实收金额',
          'collected-above-computed': '实收金额超过应收金额',
          'receipt-required': '实收金额大于零时须填写收据号',
        },
        penalty: {
          'no-tariff-price': '所选电价类别在发现日没有执行中的电价',
          'prices-or-categories': '请填写执行电价与应执行电价，或选择执行与应执行的电价类别',
          'prices-missing': '缺少电价：请填写电价或选择电价类别',
          'multiplier-above-ceiling': '所选倍数（标准）超过规定上限',
          'justification-required': '所选倍数（标准）与默认值不同，请填写理由（2–200字）',
          'no-rule-set': '发现日没有生效的违约使用电费规则',
          rule: {
            'default-above-ceiling': '默认倍数不能高于上限',
          },
        },
        verification: {
          'collected-unconfirmed': '实收金额与应收金额不同，复核通过须确认实收金额',
        },
        tariff: {
          'unknown-category': '电价目录中没有该电价类别',
          'price-exists': '该日起的电价已存在（电价版本不能修改）',
        },
      },
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
    tariffs: tariffsMessagesZh,
    'must-check-items': mustCheckMessagesZh,
  },
  dashboard: dashboardMessagesZh,
  presence: presenceMessagesZh,
  caseMap: caseMapMessagesZh,
  evidenceViewer: evidenceViewerMessagesZh,
  orgPicker: orgPickerMessagesZh,
  flags: flagsMessagesZh,
  people: peopleMessagesZh,
  caseSteps: caseStepsMessagesZh,
  cockpit: cockpitMessagesZh,
};

export type AppMessages = typeof appMessagesZh;
