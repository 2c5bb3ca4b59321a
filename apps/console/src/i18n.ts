import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCNBase from './locales/zh-CN.json';
import enBase from './locales/en.json';

// Each feature may keep its strings in `locales/<feature>/<lang>.json` under its own top-level
// key; they are merged over the base files so features never edit one shared file at once.
const featureFiles = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', {
  eager: true,
});
function withFeatures(base: Record<string, unknown>, lang: string): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [path, mod] of Object.entries(featureFiles))
    if (path.endsWith(`/${lang}.json`)) Object.assign(merged, mod.default);
  return merged;
}
const zhCN = withFeatures(zhCNBase, 'zh-CN');
const en = withFeatures(enBase, 'en');

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'liuke.console.language';

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  } catch {
    // localStorage unavailable (private mode): use the default.
  }
  return 'zh-CN';
}

function applyToDocument(lng: string): void {
  document.documentElement.lang = lng;
  document.title = i18n.t('app.documentTitle');
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});

applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
  void i18n.changeLanguage(lng);
}

export default i18n;
