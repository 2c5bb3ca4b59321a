import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n.ts';

/**
 * Toggles between 中文 and English; the button names the language it switches to (`compact`: the
 * icon only, the name as its label, for a phone-width header).
 */
export default function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { i18n } = useTranslation();
  const isEnglish = i18n.language === 'en';
  const other = isEnglish ? '中文' : 'English';
  return (
    <Button
      data-testid="lang-switch"
      type="text"
      icon={<GlobalOutlined />}
      lang={isEnglish ? 'zh-CN' : 'en'}
      aria-label={compact ? other : undefined}
      title={compact ? other : undefined}
      onClick={() => setLanguage(isEnglish ? 'zh-CN' : 'en')}
    >
      {compact ? null : other}
    </Button>
  );
}
