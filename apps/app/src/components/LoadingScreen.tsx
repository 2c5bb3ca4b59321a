import { SpinLoading } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** Full-page loading spinner. */
export function LoadingScreen() {
  const { t } = useTranslation();
  return (
    <div className="status-screen" role="status" aria-live="polite">
      <SpinLoading color="primary" />
      <span className="muted">{t('common.loading')}</span>
    </div>
  );
}
