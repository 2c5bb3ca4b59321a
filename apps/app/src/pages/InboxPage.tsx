import {
  Badge,
  Button,
  ErrorBlock,
  List,
  NavBar,
  PullToRefresh,
  Skeleton,
  Toast,
} from 'antd-mobile';
import { MessageFill, MessageOutline } from 'antd-mobile-icons';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage, useLoad } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import {
  inboxApi,
  updateUnread,
  useLiveEvents,
  useUnread,
  type InboxMessage,
} from '../inbox-api.ts';
import { messageTime } from '../inbox-format.ts';
import '../inbox.css';

/** 消息: the entry to the conversation with the advisor, then the inbox, newest first. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnread();
  const first = useLoad(() => inboxApi.list(), 'inbox');
  const [more, setMore] = useState<InboxMessage[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);

  const reload = useCallback(async () => {
    setMore([]);
    setCursor(undefined);
    await first.reload();
  }, [first]);

  // A new message arrives while the list is open: show it at once.
  useLiveEvents((e) => {
    if (e.type === 'inbox.message' || e.type === 'resync') void reload();
  });

  const items = [...(first.data?.items ?? []), ...more];
  const next = cursor === undefined ? (first.data?.nextCursor ?? null) : cursor;

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await inboxApi.list(next);
      setMore((m) => [...m, ...page.items]);
      setCursor(page.nextCursor);
    } catch (error) {
      Toast.show({ content: errorMessage(error) });
    } finally {
      setLoadingMore(false);
    }
  };

  const readAll = async () => {
    try {
      const res = await inboxApi.readAll();
      updateUnread(res.unread);
      Toast.show({ content: t('inbox.allRead') });
      await reload();
    } catch (error) {
      Toast.show({ content: errorMessage(error) });
    }
  };

  let body;
  if (!first.data) {
    body = first.error ? (
      <LoadError message={errorMessage(first.error)} onRetry={() => void first.reload()} />
    ) : (
      <div className="section" aria-busy="true">
        <Skeleton.Paragraph lineCount={5} animated />
      </div>
    );
  } else if (items.length === 0) {
    body = (
      <ErrorBlock
        className="empty-block"
        status="empty"
        title={t('inbox.empty')}
        description={t('inbox.emptyHint')}
      />
    );
  } else {
    body = (
      <>
        <List className="inbox-list" data-testid="inbox-list">
          {items.map((m) => (
            <List.Item
              key={m.id}
              data-testid="inbox-item"
              className={m.readAt ? 'inbox-item' : 'inbox-item inbox-item-unread'}
              onClick={() => navigate(`/inbox/${m.id}`)}
              prefix={
                <Badge content={m.readAt ? null : Badge.dot}>
                  <span className="inbox-icon">
                    <MessageOutline />
                  </span>
                </Badge>
              }
              description={<span className="inbox-preview">{m.body}</span>}
              extra={<span className="inbox-time">{messageTime(m.createdAt, i18n.language)}</span>}
              arrowIcon={false}
            >
              {m.title ?? t('inbox.title')}
            </List.Item>
          ))}
        </List>
        {next && (
          <div className="inbox-more">
            <Button size="small" fill="none" loading={loadingMore} onClick={() => void loadMore()}>
              {t('inbox.loadMore')}
            </Button>
          </div>
        )}
      </>
    );
  }

  return (
    <div className="page">
      <NavBar
        className="page-nav"
        backIcon={false}
        right={
          unread.inbox > 0 ? (
            <Button size="mini" fill="none" onClick={() => void readAll()} data-testid="read-all">
              {t('inbox.readAll')}
            </Button>
          ) : null
        }
      >
        {t('inbox.title')}
      </NavBar>
      <PullToRefresh
        onRefresh={reload}
        pullingText={t('common.pullToRefresh')}
        canReleaseText={t('common.releaseToRefresh')}
        refreshingText={t('common.refreshing')}
        completeText={t('common.refreshed')}
      >
        <Link to="/conversation" className="contact-entry" data-testid="contact-advisor">
          <span className="contact-entry-icon" aria-hidden>
            <MessageFill />
          </span>
          <span className="contact-entry-text">
            <strong>{t('conversations.entry')}</strong>
            <small>{t('conversations.entryHint')}</small>
          </span>
          {unread.conversation > 0 && (
            <Badge content={unread.conversation} data-testid="conversation-badge" />
          )}
        </Link>
        {body}
      </PullToRefresh>
    </div>
  );
}
