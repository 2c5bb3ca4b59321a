// UI language: zh-CN by default, English on request; the choice is kept in localStorage.
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

const STORAGE_KEY = 'liuke.app.language';

function storedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // Storage can be unavailable (private mode); fall through to the default.
  }
  return 'zh-CN';
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted; the choice still applies to this visit.
  }
  void i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng === 'en' ? 'en' : 'zh-CN';
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  initAsync: false,
});

export default i18n;
