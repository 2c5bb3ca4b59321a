// UI language: zh-CN by default, English on request; the choice is kept in localStorage.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

// The texts of each language come in a chunk of their own (locales/bundle-*.ts), loaded before
// the first render and on a language switch: a phone downloads only the language it shows (and
// Chinese besides English, the fallback for a text not yet translated).
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
        i18n.addResourceBundle(l, 'translation', (await BUNDLES[l]()).default, true, true);
      }),
  );
}

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
  void ensureLoaded(lang).then(() => i18n.changeLanguage(lang));
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng === 'en' ? 'en' : 'zh-CN';
});

/** Loads the saved (or default) language's texts and starts i18next; render after it. */
export async function startI18n(): Promise<void> {
  const lng = storedLanguage();
  await i18n.use(initReactI18next).init({
    resources: {},
    partialBundledLanguages: true,
    lng,
    fallbackLng: 'zh-CN',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
  });
  await ensureLoaded(lng);
  document.documentElement.lang = lng;
}

export default i18n;
