// Messaging (消息): sent messages, message templates, the development outbox.
// Other parts of the console use only what this file exports.

export { default as DevOutboxPage } from './DevOutboxPage.tsx';
export { default as MessageListPage } from './MessageListPage.tsx';
export { default as TemplateListPage } from './TemplateListPage.tsx';
