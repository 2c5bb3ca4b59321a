// The inbox and conversation calls of the app, and the live connection to the server
// (Server-Sent Events): one EventSource shared by every screen that listens, opened while at
// least one listens, with the unread badge kept up to date from its events.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import { client } from './api.ts';

type Json<Op> = Op extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

export type InboxPage = Json<paths['/api/v1/app/me/inbox']['get']>;
export type InboxMessage = InboxPage['items'][number];
export type UnreadCounts = Json<paths['/api/v1/app/me/inbox/unread-count']['get']>;
export type MyConversation = Json<paths['/api/v1/app/me/conversation']['get']>;
export type ConversationMessage = MyConversation['items'][number];
export type OwnerAssistant = Json<paths['/api/v1/app/me/assistant']['get']>;

export const inboxApi = {
  list: (cursor?: string): Promise<InboxPage> =>
    unwrap(
      client.GET('/api/v1/app/me/inbox', {
        params: { query: { limit: 30, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  unread: (): Promise<UnreadCounts> => unwrap(client.GET('/api/v1/app/me/inbox/unread-count')),
  one: (messageId: string): Promise<InboxMessage> =>
    unwrap(client.GET('/api/v1/app/me/inbox/{messageId}', { params: { path: { messageId } } })),
  read: (messageId: string) =>
    unwrap(
      client.POST('/api/v1/app/me/inbox/{messageId}/read', { params: { path: { messageId } } }),
    ),
  readAll: () => unwrap(client.POST('/api/v1/app/me/inbox/read-all')),
  conversation: (cursor?: string): Promise<MyConversation> =>
    unwrap(
      client.GET('/api/v1/app/me/conversation', {
        params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  write: (body: string): Promise<ConversationMessage> =>
    unwrap(client.POST('/api/v1/app/me/conversation/messages', { body: { body } })),
  readConversation: (): Promise<UnreadCounts> =>
    unwrap(client.POST('/api/v1/app/me/conversation/read')),
  /** The shop's assistant in the conversation: on or off, who answers, the quick replies. */
  assistant: (): Promise<OwnerAssistant> => unwrap(client.GET('/api/v1/app/me/assistant')),
};

// ---------------------------------------------------------------------------------------------
// Live events.

export interface LiveEvent {
  type: string;
  data: Record<string, unknown>;
}
type Handler = (event: LiveEvent) => void;

// SSE needs a listener per event name; other features add theirs with `addLiveEventTypes`.
const EVENT_TYPES = new Set([
  'ready',
  'resync',
  'inbox.message',
  'inbox.unread',
  'conversation.message',
  'signed-out',
  'wallet.changed',
]);

const handlers = new Set<Handler>();
let source: EventSource | null = null;
let unread: UnreadCounts = { inbox: 0, conversation: 0, total: 0 };
let unreadKnown = false;
const unreadListeners = new Set<() => void>();

function setUnread(next: UnreadCounts) {
  unread = next;
  unreadKnown = true;
  for (const l of unreadListeners) l();
}

function isCounts(v: unknown): v is UnreadCounts {
  return !!v && typeof v === 'object' && typeof (v as UnreadCounts).total === 'number';
}

function dispatch(event: LiveEvent) {
  if (isCounts(event.data.unread)) setUnread(event.data.unread);
  if (event.type === 'resync') void inboxApi.unread().then(setUnread, () => {});
  for (const h of [...handlers]) h(event);
  if (event.type === 'signed-out') close();
}

function listen(es: EventSource, type: string) {
  es.addEventListener(type, (e) => {
    let data: Record<string, unknown> = {};
    try {
      data = JSON.parse((e as MessageEvent<string>).data) as Record<string, unknown>;
    } catch {
      // a malformed event carries nothing
    }
    dispatch({ type, data });
  });
}

/** Makes live events of these names reach `useLiveEvents` handlers (e.g. 'wallet.changed'). */
export function addLiveEventTypes(...types: string[]) {
  for (const type of types) {
    if (EVENT_TYPES.has(type)) continue;
    EVENT_TYPES.add(type);
    if (source) listen(source, type);
  }
}

function open() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/v1/app/me/events');
  for (const type of EVENT_TYPES) listen(source, type);
}

function close() {
  source?.close();
  source = null;
}

let users = 0;
function retain() {
  users++;
  open();
}
function release() {
  users--;
  // A moment's grace: moving between two screens that both listen keeps the connection.
  setTimeout(() => {
    if (users === 0) {
      close();
      unreadKnown = false;
    }
  }, 1000);
}

/** Calls `handler` for every live event while the component is mounted. */
export function useLiveEvents(handler: Handler) {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    const h: Handler = (e) => ref.current(e);
    handlers.add(h);
    retain();
    return () => {
      handlers.delete(h);
      release();
    };
  }, []);
}

/** The unread badge, live. */
export function useUnread(): UnreadCounts {
  useLiveEvents(() => {});
  useEffect(() => {
    if (!unreadKnown) void inboxApi.unread().then(setUnread, () => {});
  }, []);
  return useSyncExternalStore(
    (l) => {
      unreadListeners.add(l);
      return () => unreadListeners.delete(l);
    },
    () => unread,
  );
}

/** Updates the badge after a call that answered new counts. */
export function updateUnread(counts: UnreadCounts) {
  setUnread(counts);
}
