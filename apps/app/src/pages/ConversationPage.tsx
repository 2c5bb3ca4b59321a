import { Button, NavBar, Skeleton, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';
import {
  inboxApi,
  updateUnread,
  useLiveEvents,
  type ConversationMessage,
  type MyConversation,
  type OwnerAssistant,
} from '../inbox-api.ts';
import { messageTime } from '../inbox-format.ts';
import '../inbox.css';

const MAX = 2000;

function merge(a: ConversationMessage[], b: ConversationMessage[]): ConversationMessage[] {
  const byId = new Map<string, ConversationMessage>();
  for (const m of [...a, ...b]) byId.set(m.id, m);
  return [...byId.values()].sort((x, y) =>
    x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : x.id < y.id ? -1 : 1,
  );
}

function authorLabel(m: ConversationMessage, t: (k: string) => string): string {
  if (m.authorType === 'customer') return t('conversations.me');
  if (m.authorType === 'assistant') return t('conversations.assistant');
  return `${t('conversations.advisor')} ${m.staff?.name ?? ''}`.trim();
}

const ROW_CLASS: Record<ConversationMessage['authorType'], string> = {
  customer: 'chat-row chat-row-me',
  staff: 'chat-row',
  assistant: 'chat-row chat-row-assistant',
};
const ROW_TEST_ID: Record<ConversationMessage['authorType'], string> = {
  customer: 'chat-mine',
  staff: 'chat-theirs',
  assistant: 'chat-assistant',
};

/**
 * 联系顾问: the chat with the business; advisor replies appear as they are sent. When the shop
 * has its assistant on (智能助手), it answers here too, marked apart, with one-tap quick replies.
 */
export function ConversationPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [messages, setMessages] = useState<ConversationMessage[]>([]);
  const [conversation, setConversation] = useState<MyConversation['conversation']>(null);
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A page may open the conversation with a question begun (an inspection item: "关于…").
  const [text, setText] = useState(
    () => (location.state as { draft?: string } | null)?.draft ?? '',
  );
  const [sending, setSending] = useState(false);
  const [assistant, setAssistant] = useState<OwnerAssistant | null>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  const markRead = useCallback(() => {
    void inboxApi.readConversation().then(updateUnread, () => {});
  }, []);

  const loadLatest = useCallback(async () => {
    try {
      const page = await inboxApi.conversation();
      setMessages((m) => merge(m, page.items));
      setConversation(page.conversation);
      setOlderCursor((c) => c ?? page.nextCursor);
      setLoaded(true);
      setError(null);
      stickToBottom.current = true;
      if (page.conversation && page.conversation.customerUnread > 0) markRead();
    } catch (e) {
      setError(e);
    }
  }, [markRead]);

  const loadAssistant = useCallback(() => {
    inboxApi.assistant().then(setAssistant, () => setAssistant(null));
  }, []);

  useEffect(() => {
    void loadLatest();
    loadAssistant();
  }, [loadLatest, loadAssistant]);

  useLiveEvents((e) => {
    if (e.type === 'conversation.message' || e.type === 'resync') {
      void loadLatest();
      if (e.data.authorType !== 'customer') loadAssistant();
    }
    // The inbox notification of a reply read here is read too.
    else if (e.type === 'inbox.message' && e.data.url === '/conversation') markRead();
  });

  useEffect(() => {
    if (stickToBottom.current) bottom.current?.scrollIntoView({ block: 'end' });
    stickToBottom.current = false;
  }, [messages]);

  const loadOlder = async () => {
    if (!olderCursor) return;
    try {
      const page = await inboxApi.conversation(olderCursor);
      setMessages((m) => merge(page.items, m));
      setOlderCursor(page.nextCursor);
    } catch (e) {
      Toast.show({ content: errorMessage(e) });
    }
  };

  const send = async (quick?: string) => {
    const body = (quick ?? text).trim();
    if (!body || sending) return;
    if (body.length > MAX) {
      Toast.show({ content: t('conversations.tooLong') });
      return;
    }
    setSending(true);
    try {
      const message = await inboxApi.write(body);
      stickToBottom.current = true;
      setMessages((m) => merge(m, [message]));
      setConversation((c) => (c ? { ...c, status: 'open' } : c));
      if (quick === undefined) setText('');
      // The assistant answers in the same request: its reply and chips are there already.
      if (assistant?.enabled) {
        void loadLatest();
        loadAssistant();
      }
    } catch (e) {
      Toast.show({ content: errorMessage(e) || t('conversations.sendFailed') });
    } finally {
      setSending(false);
    }
  };

  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/inbox', { replace: true });
  };

  return (
    <div className="chat-page">
      <NavBar className="page-nav" onBack={back} backIcon>
        {t('conversations.title')}
      </NavBar>
      <div className="chat-scroll" data-testid="chat-messages">
        {!loaded ? (
          error ? (
            <LoadError message={errorMessage(error)} onRetry={() => void loadLatest()} />
          ) : (
            <div className="section" aria-busy="true">
              <Skeleton.Paragraph lineCount={4} animated />
            </div>
          )
        ) : (
          <>
            {olderCursor && (
              <div className="chat-older">
                <Button size="mini" fill="none" onClick={() => void loadOlder()}>
                  {t('conversations.earlier')}
                </Button>
              </div>
            )}
            {messages.length === 0 && <p className="chat-empty">{t('conversations.empty')}</p>}
            {messages.map((m) => (
              <div
                key={m.id}
                className={ROW_CLASS[m.authorType]}
                data-testid={ROW_TEST_ID[m.authorType]}
              >
                <div className="chat-bubble">
                  <div className="chat-meta">
                    {authorLabel(m, t)}
                    <time dateTime={m.createdAt}>{messageTime(m.createdAt, i18n.language)}</time>
                  </div>
                  <div className="chat-text">{m.body}</div>
                </div>
              </div>
            ))}
            {conversation?.status === 'closed' && (
              <p className="chat-empty">{t('conversations.closedHint')}</p>
            )}
          </>
        )}
        <div ref={bottom} />
      </div>
      {assistant?.mode === 'staff' && (
        <p className="chat-handover" data-testid="chat-handover">
          {t('conversations.handedOver')}
        </p>
      )}
      {assistant?.enabled && assistant.quickReplies.length > 0 && (
        <div className="chat-chips" data-testid="chat-chips">
          {assistant.quickReplies.map((q) => (
            <Button
              key={q}
              size="small"
              shape="rounded"
              disabled={sending}
              onClick={() => void send(q)}
              data-testid="chat-chip"
            >
              {q}
            </Button>
          ))}
        </div>
      )}
      <form
        className="chat-composer"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <TextArea
          value={text}
          onChange={setText}
          placeholder={t('conversations.placeholder')}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={MAX}
          aria-label={t('conversations.placeholder')}
          data-testid="chat-input"
        />
        <Button
          type="submit"
          color="primary"
          shape="rounded"
          loading={sending}
          disabled={!text.trim()}
          data-testid="chat-send"
        >
          {t('conversations.send')}
        </Button>
      </form>
    </div>
  );
}
