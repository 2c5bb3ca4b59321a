import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n.ts';

/** Toggles between 中文 and English; the button names the language it switches to. */
export default function LanguageSwitch() {
  const { i18n } = useTranslation();
  const isEnglish = i18n.language === 'en';
  return (
    <Button
      data-testid="lang-switch"
      type="text"
      icon={<GlobalOutlined />}
      lang={isEnglish ? 'zh-CN' : 'en'}
      onClick={() => setLanguage(isEnglish ? 'zh-CN' : 'en')}
    >
      {isEnglish ? '中文' : 'English'}
    </Button>
  );
}
