import { useRecordContext, useTranslate } from 'react-admin';

/** To whom: the unit's name (and id), or everyone. */
export function AddresseeText() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  if (record.orgUnitId === null) return <>{translate('resources.announcements.everyone')}</>;
  return <>{record.orgUnitName ? `${record.orgUnitName}（${record.orgUnitId}）` : record.orgUnitId}</>;
}
