// The in-app channel: the message becomes a row in the customer's inbox and, on commit, an event
// to their open app (SSE). `to` is the customer id. Delivered means it is in the inbox; "opened"
// is reported when the customer reads it.
import type { AddressBook, Channel } from '../../channels/port.ts';
import { unsafeDeliverToInbox, unsafeIsInboxReachable } from './inbox.service.ts';

export const inappChannel: Channel & AddressBook = {
  name: 'inapp',
  provider: 'liuke-inbox',
  async send(message, deps) {
    const customerId = message.customerId ?? message.to;
    if (!customerId)
      return { outcome: 'failed', permanent: true, error: 'an in-app message needs a customer' };
    try {
      const { id } = await unsafeDeliverToInbox(
        deps.adminDb,
        message.tenantId,
        {
          customerId,
          intentId: message.intentId,
          deliveryId: message.deliveryId,
          title: message.subject ?? null,
          body: message.text,
          url: message.url ?? null,
          purpose: message.purpose,
        },
        deps.now(),
      );
      return { outcome: 'delivered', providerMessageId: id };
    } catch (err) {
      // 23503: the customer is gone (foreign key) — retrying cannot help.
      const code =
        (err as { code?: string; cause?: { code?: string } }).code ??
        (err as { cause?: { code?: string } }).cause?.code;
      if (code === '23503')
        return { outcome: 'failed', permanent: true, error: 'no such customer', addressGone: true };
      return { outcome: 'failed', permanent: false, error: String((err as Error).message ?? err) };
    }
  },
  /**
   * Reachable once the customer has opened the signed-in app (recorded by the inbox): someone who
   * never used the app would not see the message, so the pipeline should pick another channel.
   */
  reachable: (tenantId, customerId, deps) =>
    unsafeIsInboxReachable(deps.adminDb, tenantId, customerId),
};
