import { DateField, type DateFieldProps } from 'react-admin';
import { CHINA_TIME_ZONE } from '../../format/dateTime';

const ZH_CN_DATE_TIME: Intl.DateTimeFormatOptions = {
  timeZone: CHINA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
};

/** ISO timestamp shown as zh-CN date-time in Beijing time, e.g. 2026/01/05 14:03:02. */
export function CaseDateTimeField(props: DateFieldProps) {
  return <DateField showTime locales="zh-CN" options={ZH_CN_DATE_TIME} {...props} />;
}
