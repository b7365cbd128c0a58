/** Strings of the escalation board (升级督办) in Simplified Chinese. */
export const escalationsMessagesZh = {
  name: '升级督办 |||| 升级督办',
  fields: {
    tier: '督办级别',
    stage: '环节',
    raisedAt: '升级时间',
  },
  filter: {
    label: '状态',
    open: '未解除',
    resolved: '已解除',
  },
  total: '共 %{smart_count} 条',
  truncated: '只显示最早的 %{shown} 条（共 %{total} 条）。',
  emptyOpen: '没有未解除的升级',
  emptyResolved: '没有已解除的升级',
  card: {
    age: '已升级 %{duration}',
    overdue: '超期 %{duration}',
    pending: '待办：%{who}',
    raised: '%{time} 升级 · %{unit}',
    resolved: '%{time} 解除',
  },
};

export type EscalationsMessages = typeof escalationsMessagesZh;
