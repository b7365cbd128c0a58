import { useTranslate } from 'react-admin';

/** Default page title (智能稽查 / jicha), translated with the current locale. */
export function AppTitle() {
  const translate = useTranslate();
  return <>{translate('app.title')}</>;
}
