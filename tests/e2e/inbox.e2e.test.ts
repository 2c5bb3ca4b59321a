import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const OWNER_PHONE = '13900000001';
const { product, browser, shot } = useProduct();

describe('conversation between the car owner and the advisor', () => {
  it('the owner writes from the app, the advisor answers in the console, the app shows it live', async () => {
    const staff = await staffApi(product().url, 'owner@demo.liuke.dev');
    const found = await staff.get<{ items: { id: string; name: string }[] }>(
      `/api/v1/staff/customers?q=${OWNER_PHONE}`,
    );
    const customer = found.items[0]!;
    const question = `请问保养大概需要多久？(${Date.now() % 100000})`;
    const answer = '大约一个小时，欢迎随时过来。';

    // ---- the car owner, on a phone: 消息 → 联系顾问 → write ----
    const context = await phoneContext(browser());
    const app = await context.newPage();
    await signInOwner(app, product().url, staff, OWNER_PHONE);
    await app.getByTestId('tab-inbox').click();
    await app.getByTestId('contact-advisor').click();
    await app.getByRole('textbox', { name: '输入消息…' }).fill(question);
    await app.getByTestId('chat-send').click();
    await expect
      .poll(() => app.getByTestId('chat-mine').allTextContents(), WAIT)
      .toEqual(expect.arrayContaining([expect.stringContaining(question)]));

    // ---- the advisor, in the console ----
    const consolePage = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await signInConsole(consolePage, product().url, '13800000002');
    const nav = consolePage.getByTestId('nav-conversations');
    await nav.waitFor({ timeout: 30_000 });
    // The unread badge in the menu counts the owner's message.
    await expect
      .poll(() => consolePage.getByTestId('nav-conversations-unread').textContent(), {
        timeout: 30_000,
      })
      .toMatch(/[1-9]/);
    await nav.click();
    const item = consolePage.getByTestId('conversation-item').filter({ hasText: customer.name });
    await item.first().waitFor(WAIT);
    expect(await item.first().getByTestId('conversation-unread').textContent()).toMatch(/[1-9]/);
    await item.first().click();
    await expect
      .poll(() => consolePage.getByTestId('thread-customer').allTextContents(), {
        timeout: 30_000,
      })
      .toEqual(expect.arrayContaining([expect.stringContaining(question)]));
    await consolePage.getByTestId('reply-input').fill(answer);
    await consolePage.getByTestId('reply-send').click();
    await expect
      .poll(() => consolePage.getByTestId('thread-staff').allTextContents(), WAIT)
      .toEqual(expect.arrayContaining([expect.stringContaining(answer)]));
    // Read on answering: the menu badge goes back to zero for this conversation.
    await expect
      .poll(() => item.first().getByTestId('conversation-unread').textContent(), {
        timeout: 30_000,
      })
      .toBe('');

    // ---- back on the phone: the answer arrives without a reload ----
    await expect
      .poll(() => app.getByTestId('chat-theirs').allTextContents(), WAIT)
      .toEqual(expect.arrayContaining([expect.stringContaining(answer)]));
    await app.screenshot({ path: shot('inbox-app-conversation') });

    // The worker carries the answer to the inbox too; the console shows how it was delivered.
    await expect
      .poll(() => consolePage.getByTestId('delivery-tag').allTextContents(), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/站内信/)]));
    await consolePage.screenshot({ path: shot('inbox-console-thread') });

    await app.getByTestId('chat-messages').waitFor();
    await app.goBack();
    await app.getByTestId('inbox-list').waitFor(WAIT);
    await expect
      .poll(() => app.getByTestId('inbox-item').allTextContents(), WAIT)
      .toEqual(expect.arrayContaining([expect.stringContaining(answer)]));
    await app.screenshot({ path: shot('inbox-app-list') });
    await context.close();
    await consolePage.close();
  });
});
