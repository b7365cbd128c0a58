/** Strings of the org-unit picker (单位选择) in Simplified Chinese. */
export const orgPickerMessagesZh = {
  placeholder: '输入单位名称或编码搜索',
  noOptions: '没有匹配的单位',
  loading: '正在读取单位…',
  loadError: '单位列表读取失败：%{message}',
  unknown: '未知单位 %{code}',
  levels: {
    province: '省公司',
    city: '市公司',
    county: '县公司',
    station: '供电所',
    grid: '网格',
  },
};
