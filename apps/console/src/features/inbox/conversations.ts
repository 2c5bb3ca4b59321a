// Conversations (会话) in the console: typed calls, and the live connection (Server-Sent Events)
// shared by every component that listens — the menu badge and the conversations page.
import { useEffect, useRef, useState } from 'react';
import type { paths } from '@liuke/api-client';
import type { Json } from '../../types.ts';
import { api, unwrap } from '../../api.ts';

export type ConversationScope = 'unassigned' | 'mine' | 'all';
export type ConversationList = Json<paths['/api/v1/staff/conversations']['get']>;
export type ConversationItem = ConversationList['items'][number];
export type Thread = Json<paths['/api/v1/staff/conversations/{customerId}']['get']>;
export type ThreadItem = Thread['items'][number];
export type Conversation = NonNullable<Thread['conversation']>;
export type StaffUnread = Json<paths['/api/v1/staff/conversations/unread']['get']>;
export type Assignee = Json<paths['/api/v1/staff/conversations/assignees']['get']>['items'][number];

const path = (customerId: string) => ({ params: { path: { customerId } } });

export const conversationsApi = {
  list: (q: { scope: ConversationScope; status?: 'open' | 'closed'; cursor?: string }) =>
    unwrap(
      api.GET('/api/v1/staff/conversations', {
        params: {
          query: {
            scope: q.scope,
            limit: 50,
            ...(q.status ? { status: q.status } : {}),
            ...(q.cursor ? { cursor: q.cursor } : {}),
          },
        },
      }),
    ),
  unread: (): Promise<StaffUnread> => unwrap(api.GET('/api/v1/staff/conversations/unread')),
  assignees: () => unwrap(api.GET('/api/v1/staff/conversations/assignees')),
  thread: (customerId: string): Promise<Thread> =>
    unwrap(
      api.GET('/api/v1/staff/conversations/{customerId}', {
        params: { path: { customerId }, query: { limit: 200 } },
      }),
    ),
  reply: (customerId: string, body: string) =>
    unwrap(
      api.POST('/api/v1/staff/conversations/{customerId}/messages', {
        ...path(customerId),
        body: { body },
      }),
    ),
  assign: (customerId: string, staffId: string | null) =>
    unwrap(
      api.POST('/api/v1/staff/conversations/{customerId}/assign', {
        ...path(customerId),
        body: { staffId },
      }),
    ),
  close: (customerId: string) =>
    unwrap(api.POST('/api/v1/staff/conversations/{customerId}/close', path(customerId))),
  reopen: (customerId: string) =>
    unwrap(api.POST('/api/v1/staff/conversations/{customerId}/reopen', path(customerId))),
  read: (customerId: string) =>
    unwrap(api.POST('/api/v1/staff/conversations/{customerId}/read', path(customerId))),
};

// ---------------------------------------------------------------------------------------------
// Live events.

export interface LiveEvent {
  type: string;
  data: Record<string, unknown>;
}
type Handler = (e: LiveEvent) => void;

const TYPES = [
  'ready',
  'resync',
  'conversation.message',
  'conversation.updated',
  'conversation.delivered',
  'assistant.handover',
  'feedback.alert',
  'complaint.changed',
  'signed-out',
];
const handlers = new Set<Handler>();
let source: EventSource | null = null;
let users = 0;

function open() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/v1/staff/events');
  for (const type of TYPES)
    source.addEventListener(type, (e) => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse((e as MessageEvent<string>).data) as Record<string, unknown>;
      } catch {
        // nothing usable
      }
      for (const h of [...handlers]) h({ type, data });
      if (type === 'signed-out') {
        source?.close();
        source = null;
      }
    });
}

/** Calls `handler` for every live console event while mounted. */
export function useStaffEvents(handler: Handler, enabled = true) {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const h: Handler = (e) => ref.current(e);
    handlers.add(h);
    users++;
    open();
    return () => {
      handlers.delete(h);
      users--;
      setTimeout(() => {
        if (users === 0) {
          source?.close();
          source = null;
        }
      }, 1000);
    };
  }, [enabled]);
}

/** Unread conversations for the menu badge, kept live. */
export function useStaffUnread(enabled: boolean): StaffUnread | null {
  const [unread, setUnread] = useState<StaffUnread | null>(null);
  const refresh = useRef(() => {});
  refresh.current = () => {
    if (enabled) void conversationsApi.unread().then(setUnread, () => {});
  };
  useEffect(() => {
    refresh.current();
  }, [enabled]);
  useStaffEvents((e) => {
    if (e.type === 'ready' && e.data.unread) setUnread(e.data.unread as StaffUnread);
    else if (e.type === 'resync' || e.type.startsWith('conversation.')) refresh.current();
  }, enabled);
  return unread;
}

/** Who may answer customers (the server's rule). */
export const canConverse = (role: string) => ['owner', 'manager', 'advisor'].includes(role);
