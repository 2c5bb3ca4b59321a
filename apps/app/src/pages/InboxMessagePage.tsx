import { Button, NavBar, Skeleton } from 'antd-mobile';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import { inboxApi, updateUnread } from '../inbox-api.ts';
import { messageTime } from '../inbox-format.ts';
import '../inbox.css';

/** One inbox message; opening it marks it read. */
export function InboxMessagePage() {
  const { t, i18n } = useTranslation();
  const { messageId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, error, reload } = useLoad(() => inboxApi.one(messageId), messageId);

  useEffect(() => {
    if (!data || data.readAt) return;
    void inboxApi.read(messageId).then(
      (res) => updateUnread(res.unread),
      () => {},
    );
  }, [data, messageId]);

  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/inbox', { replace: true });
  };

  return (
    <div className="page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {t('inbox.detailTitle')}
      </NavBar>
      {!data ? (
        error ? (
          <LoadError message={errorMessage(error)} onRetry={() => void reload()} />
        ) : (
          <div className="section" aria-busy="true">
            <Skeleton.Paragraph lineCount={4} animated />
          </div>
        )
      ) : (
        <article className="section inbox-detail" data-testid="inbox-detail">
          <h2>{data.title ?? t('inbox.title')}</h2>
          <time dateTime={data.createdAt}>{messageTime(data.createdAt, i18n.language)}</time>
          <p>{data.body}</p>
          {data.url && data.url.startsWith('/') && (
            <Button block color="primary" shape="rounded" onClick={() => navigate(data.url!)}>
              {t('inbox.open')}
            </Button>
          )}
        </article>
      )}
    </div>
  );
}
