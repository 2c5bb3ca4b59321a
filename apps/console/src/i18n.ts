import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

// The texts of each language come in a chunk of their own (locales/bundle-*.ts), loaded before
// the first render and on a language switch: a browser downloads only the language it shows
// (and Chinese besides English, the fallback for a text not yet translated).
const BUNDLES = {
  'zh-CN': () => import('./locales/bundle-zh-CN.ts'),
  en: () => import('./locales/bundle-en.ts'),
} as const;

async function ensureLoaded(lng: Language): Promise<void> {
  const needed: Language[] = lng === 'en' ? ['en', 'zh-CN'] : ['zh-CN'];
  await Promise.all(
    needed
      .filter((l) => !i18n.hasResourceBundle(l, 'translation'))
      .map(async (l) => {
        const texts = (await BUNDLES[l]()).default;
        i18n.addResourceBundle(l, 'translation', texts, true, true);
      }),
  );
}

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

/** Loads the saved (or default) language's texts and starts i18next; render after it. */
export async function startI18n(): Promise<void> {
  const lng = initialLanguage();
  await i18n.use(initReactI18next).init({
    resources: {},
    partialBundledLanguages: true,
    lng,
    fallbackLng: 'zh-CN',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  await ensureLoaded(lng);
  applyToDocument(lng);
  i18n.on('languageChanged', applyToDocument);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
  void ensureLoaded(lng).then(() => i18n.changeLanguage(lng));
}

export default i18n;
