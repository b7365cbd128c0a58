import { useEffect } from 'react';
import { useLocaleState } from 'react-admin';

/**
 * Keeps `<html lang>` on the chosen locale (zh-CN or en): screen readers, fonts and the browser's own controls (date
 * inputs, spell check) follow the page's language.
 */
export function DocumentLang() {
  const [locale] = useLocaleState();
  useEffect(() => {
    document.documentElement.lang = locale === 'en' ? 'en' : 'zh-CN';
  }, [locale]);
  return null;
}
