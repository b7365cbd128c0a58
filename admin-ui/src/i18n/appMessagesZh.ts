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
    roles: {
      inspector: '稽查员',
      station_lead: '供电所长 / 班组长',
      supervisor: '稽查专责',
      manager: '营销部管理人员',
      admin: '系统管理员',
    },
  },
  resources: {
    cases: {
      name: '稽查工单 |||| 稽查工单',
      fields: {
        id: 'ID',
        caseNo: '工单编号',
        customerAccountNo: '户号',
        customerName: '客户名称',
        origin: '稽查类型',
        stage: '当前环节',
        priority: '优先级',
        orgUnitName: '所属单位',
        createdAt: '创建时间',
        updatedAt: '更新时间',
        workflowId: '工作流 ID',
        note: '备注',
        q: '搜索',
      },
      enums: {
        origin: {
          routine: '常态稽查',
          special: '专项稽查',
          custom: '自定义稽查',
        },
        stage: {
          judgement: '系统初判',
          field_evidence: '现场取证',
          rectification: '督办整改',
          verification: '复核',
          assessment: '对标考核',
          closed: '已办结',
          dismissed: '已撤销',
          cancelled: '已取消',
        },
        priority: {
          low: '低',
          normal: '普通',
          high: '高',
          urgent: '紧急',
        },
      },
      actions: {
        openInTemporal: '在 Temporal 中查看',
      },
      helpers: {
        customerAccountNo: '10 位数字户号',
        note: '最多 500 字',
      },
      validation: {
        customerAccountNo: '户号须为 10 位数字',
      },
      notifications: {
        created: '稽查工单已创建',
      },
    },
  },
};

export type AppMessages = typeof appMessagesZh;
