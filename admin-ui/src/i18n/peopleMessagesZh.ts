/** Strings of the person picker (选择人员) in Simplified Chinese. */
export const peopleMessagesZh = {
  placeholder: '输入姓名搜索，如 李稽查',
  noOptions: '没有匹配的人员',
  loading: '正在读取人员…',
  loadError: '人员列表读取失败，请稍后重试',
  openCases: '%{smart_count} 件在办',
};
