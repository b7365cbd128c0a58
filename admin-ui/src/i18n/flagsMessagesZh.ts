/** 初判结果（存储的每日初判）、预计查实率与台区线损原因。 */
export const flagsMessagesZh = {
  expectedRate: '预计查实率',
  expectedRateValue: '预计查实率 %{rate}',
  score: '嫌疑分',
  reasons: '原因',
  stored: {
    title: '每日初判',
    basis: '规则 %{version} · 数据月份 %{month} · %{at}',
    notFlagged: '最近一次每日初判（规则 %{version}，数据月份 %{month}）未命中该户。',
    noRun: '尚无已完成的每日初判。系统管理员可在“每日初判”中立即运行。',
  },
  family: {
    consumption_level: '用电水平',
    consumption_drop: '电量骤降',
    zero_consumption: '零电量',
    capacity_exceeded: '超容量',
    meter_events: '电能表事件',
    area_line_loss: '台区线损',
    zero_signals: '零电量且日冻结缺失或失压',
  },
  areaType: { urban: '城网', town: '镇区', rural: '农网' },
  lineLoss:
    '台区 %{area}（%{areaType}）%{month} 线损率 %{loss}，标准 %{norm}；该户当月 %{monthKwh} kWh，较前期月均 %{baselineKwh} kWh 下降 %{drop}',
  runs: {
    title: '每日初判',
    runNow: '立即运行',
    started: '每日初判已开始运行，完成后客户视图与专项预览读取新结果。',
    none: '尚未运行过每日初判（每天 05:00 自动运行）。',
    line: '%{at} · 规则 %{version} · 数据月份 %{month} · %{status} · 命中 %{flagged} / %{customers} 户',
    status: { running: '运行中', completed: '已完成', failed: '失败' },
  },
  calibration: {
    title: '预计查实率与实际查实率（按初判类别）',
    empty: '本期没有已办结且有现场结论的工单。',
    columns: { family: '初判类别', checked: '现场核查', confirmed: '查实', expected: '预计查实率', actual: '实际查实率' },
  },
  preview: {
    title: '将选中的客户',
    source: {
      stored: '读取每日初判结果（%{month}）',
      live: '按本专项规则即时计算（%{month}）',
    },
    empty: '没有客户达到本专项的分数线。',
    more: '加载更多',
    openCase: '已有在办工单',
    columns: { accountNo: '户号', name: '户名', station: '供电所', score: '嫌疑分', expectedRate: '预计查实率', reasons: '原因' },
  },
};
export type FlagsMessages = typeof flagsMessagesZh;
