import { DateField, type DateFieldProps } from 'react-admin';

const ZH_CN_DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
};

/** ISO timestamp shown as zh-CN date-time, e.g. 2026/01/05 14:03:02. */
export function CaseDateTimeField(props: DateFieldProps) {
  return <DateField showTime locales="zh-CN" options={ZH_CN_DATE_TIME} {...props} />;
}
