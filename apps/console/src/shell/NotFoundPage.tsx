import { Link } from 'react-router-dom';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={<Link to="/customers">{t('notFound.back')}</Link>}
    />
  );
}
