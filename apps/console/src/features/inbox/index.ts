// Conversations (会话) with customers: the inbox, the live connection, the unread badge.
// Other parts of the console use only what this file exports.

export { ConversationLink } from './ConversationLink.tsx';
export { ConversationsNavLabel } from './ConversationsNavLabel.tsx';
export { default as ConversationsPage } from './ConversationsPage.tsx';
export { canConverse, useStaffUnread } from './conversations.ts';
export { useStaffAlerts } from './StaffAlerts.tsx';
