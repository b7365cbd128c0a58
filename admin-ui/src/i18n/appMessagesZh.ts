import { casesMessagesZh } from './casesMessagesZh';
import { escalationsMessagesZh } from './escalationsMessagesZh';
import { contentMessagesZh } from './contentMessagesZh';
import { customersMessagesZh } from './customersMessagesZh';
import { campaignsMessagesZh } from './campaignsMessagesZh';
import { importsMessagesZh } from './importsMessagesZh';
import { rulesMessagesZh } from './rulesMessagesZh';
import { dashboardMessagesZh } from './dashboardMessagesZh';
import { assessmentMessagesZh } from './assessmentMessagesZh';

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
  },
  dashboard: dashboardMessagesZh,
};

export type AppMessages = typeof appMessagesZh;
