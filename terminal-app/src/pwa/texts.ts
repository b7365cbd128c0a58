import type { Area } from '../i18n/areas/area';

// The update prompt's texts. Kept here because the prompt renders outside the app's React tree (register.ts mounts
// it), so it looks them up itself by the page's language; same shape as i18n/areas/*.
export const pwaTexts: Area = {
  zh: {
    'pwa.updateReady': '有新版本，点击更新',
    'pwa.updating': '正在更新…',
    'pwa.waitUploads': '正在上传，上传完成后自动更新',
  },
  en: {
    'pwa.updateReady': 'A new version is ready — tap to update',
    'pwa.updating': 'Updating…',
    'pwa.waitUploads': 'Uploading; the update follows when it is done',
  },
};

export function pwaText(lang: string, key: keyof typeof pwaTexts.zh & string): string {
  return (lang === 'en' ? pwaTexts.en[key] : undefined) ?? pwaTexts.zh[key] ?? key;
}
