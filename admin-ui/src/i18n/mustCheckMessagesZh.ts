/** Strings of the must-check items (四必查项目), in Simplified Chinese. */
export const mustCheckMessagesZh = {
  name: '四必查项目 |||| 四必查项目',
  list: {
    title: '四必查项目',
    hint: '按问题类型配置现场必须检查的项目。系统初判时按疑似问题类型带出这些项目；已初判的工单保留原有项目。',
    notConfigured: '未配置：初判沿用判定规则集自带的检查项。',
    updated: '%{by} 于 %{at} 更新',
    edit: '编辑',
  },
  fields: {
    code: '代码',
    textZh: '中文内容',
    textEn: '英文内容',
  },
  editor: {
    title: '编辑“%{type}”的四必查项目',
    add: '新增项目',
    up: '上移',
    down: '下移',
    remove: '删除',
    save: '保存',
    cancel: '取消',
    saved: '已保存“%{type}”的四必查项目（%{smart_count} 项）',
    fixErrors: '请按提示修改后再保存。',
    codeHint: '大写字母开头，仅含大写字母、数字和下划线',
    count: '共 %{count} 项（%{min}–%{max} 项）',
  },
  errors: {
    'code-format': '代码须以大写字母开头，仅含大写字母、数字和下划线，长度 2–50。',
    'code-duplicate': '代码 %{code} 与第 %{row} 项重复，每个代码只能出现一次。',
    'text-length': '内容须为 %{min}–%{max} 个字。',
    'too-few': '至少需要 %{min} 个项目。',
    'too-many': '最多 %{max} 个项目。',
    server: '服务器拒绝了此项：%{message}',
  },
};
