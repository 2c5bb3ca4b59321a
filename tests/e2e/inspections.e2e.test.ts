// Digital vehicle inspection: a technician inspects a car on a tablet (768 wide) — a reading that
// turns amber, a photo from the camera input, a recommended job on each of two findings — and
// sends the report; the owner, on a 390×844 phone, approves one job and declines the other; the
// order's total grows by the approved job and the declined one is on the car's due-list, with
// its photo.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { phoneContext, signInConsole, signInOwner, useProduct, WAIT } from './fixture.ts';
import { staffApi } from './server.ts';

const { product, browser, shot } = useProduct();
/** 罗永强, the demo's technician at GZ01. */
const TECHNICIAN_LOGIN = '13800000008';

interface Order {
  id: string;
  totalFen: number;
}

describe('inspections', () => {
  it('technician on a tablet, owner on a phone: one job approved, one declined', async () => {
    const url = product().url;
    const advisor = await staffApi(url, '13800000002');
    const stores = await advisor.get<{ items: { id: string; code: string }[] }>(
      '/api/v1/staff/stores',
    );
    const store = stores.items.find((s) => s.code === 'GZ01') ?? stores.items[0]!;
    const suffix = String(Date.now()).slice(-4);
    const phone = `1375678${suffix}`;
    const customer = await advisor.post<{ id: string }>('/api/v1/staff/customers', {
      name: '检查车主',
      phone,
    });
    const car = await advisor.post<{ id: string }>(
      `/api/v1/staff/customers/${customer.id}/vehicles`,
      {
        plate: `粤AJ${suffix}`,
        make: '本田',
        model: '思域',
      },
    );
    const order = await advisor.post<Order>('/api/v1/staff/service-orders', {
      customerId: customer.id,
      vehicleId: car.id,
      storeId: store.id,
      mileageKm: 45200,
      items: [
        { kind: 'labour', category: 'oil_change', description: '小保养工时', unitPriceFen: 10000 },
      ],
    });

    // ---- the technician, on a tablet ----
    const tablet = await browser().newPage({ viewport: { width: 768, height: 1024 } });
    await signInConsole(tablet, url, TECHNICIAN_LOGIN);
    await tablet.goto(`${url}/console/service-orders/${order.id}`);
    await tablet.getByTestId('inspection-open').click();
    await tablet.waitForURL(/\/console\/inspections\/[0-9a-f-]{36}$/, WAIT);
    const inspectionId = tablet.url().split('/').pop()!;

    const pads = tablet.getByTestId('inspection-item-pads_front');
    await pads.getByTestId('inspection-value').fill('3');
    await pads.getByTestId('inspection-value').press('Tab');
    await expect.poll(() => pads.getAttribute('data-status'), WAIT).toBe('amber');
    const photo = await sharp({
      create: { width: 640, height: 480, channels: 3, background: { r: 120, g: 90, b: 60 } },
    })
      .jpeg()
      .toBuffer();
    await pads
      .getByTestId('inspection-photo-input')
      .setInputFiles({ name: 'pads.jpg', mimeType: 'image/jpeg', buffer: photo });
    await pads.getByTestId('inspection-photo').first().waitFor(WAIT);
    await pads.getByTestId('inspection-job-description').fill('更换前刹车片');
    await pads.getByTestId('inspection-job-labour').fill('120');
    await pads.getByTestId('inspection-job-parts').fill('380');
    await pads.getByTestId('inspection-job-save').click();
    await tablet.locator('.ant-message-success').first().waitFor(WAIT);

    const tyre = tablet.getByTestId('inspection-item-tyre_fl');
    await tyre.getByTestId('inspection-value').fill('1.5');
    await tyre.getByTestId('inspection-value').press('Tab');
    await expect.poll(() => tyre.getAttribute('data-status'), WAIT).toBe('red');
    await tyre
      .getByTestId('inspection-photo-input')
      .setInputFiles({ name: 'tyre.jpg', mimeType: 'image/jpeg', buffer: photo });
    await tyre.getByTestId('inspection-photo').first().waitFor(WAIT);
    await tyre.getByTestId('inspection-job-description').fill('更换左前轮胎');
    await tyre.getByTestId('inspection-job-labour').fill('50');
    await tyre.getByTestId('inspection-job-parts').fill('600');
    await tyre.getByTestId('inspection-job-save').click();
    await expect
      .poll(() => tyre.getByTestId('inspection-job-description').inputValue(), WAIT)
      .toBe('更换左前轮胎');
    await tablet.screenshot({ path: shot('inspection-tablet'), fullPage: false });
    const width = await tablet.locator('html').evaluate((el) => el.scrollWidth);
    expect(width).toBeLessThanOrEqual(768);
    await tablet.getByTestId('inspection-send').click();
    await tablet.getByTestId('inspection-sent-at').waitFor(WAIT);
    await tablet.close();

    // ---- the owner, on a phone ----
    const context = await phoneContext(browser());
    const page = await context.newPage();
    // The development outbox (the sign-in code) is the owner's to read.
    await signInOwner(page, url, await staffApi(url, 'owner@demo.liuke.dev'), phone);
    await page.goto(`${url}/app/inspections/${inspectionId}`);
    const padsReport = page.getByTestId('report-item-pads_front');
    await padsReport.getByTestId('report-photo').first().waitFor(WAIT);
    await padsReport.getByTestId('report-approve').click();
    await padsReport.getByTestId('report-decision').waitFor(WAIT);
    const tyreReport = page.getByTestId('report-item-tyre_fl');
    await tyreReport.getByTestId('report-decline').click();
    await tyreReport.getByTestId('report-decision').waitFor(WAIT);
    await expect
      .poll(() => page.getByTestId('report-order-total').textContent(), WAIT)
      .toContain('¥600');
    await page.screenshot({ path: shot('inspection-owner') });

    const after = await advisor.get<Order>(`/api/v1/staff/service-orders/${order.id}`);
    expect(after.totalFen).toBe(order.totalFen + 50000);

    // The declined tyre is on the car's due-list in the app.
    await page.goto(`${url}/app/vehicles/${car.id}`);
    await expect
      .poll(() => page.getByTestId('due-section').textContent(), WAIT)
      .toContain('左前轮胎花纹 1.5 mm');
    // With the technician's photo of the tyre, full screen at a tap.
    const declined = page.locator('[data-testid^="due-item-custom:"]', {
      hasText: '左前轮胎花纹 1.5 mm',
    });
    await declined.getByTestId('due-photo').first().waitFor(WAIT);
    await declined.getByTestId('due-photo').first().click();
    await page.locator('.adm-image-viewer-content').first().waitFor(WAIT);
    await page.screenshot({ path: shot('inspection-due-photo') });
    await page.keyboard.press('Escape');
    await page.goto(`${url}/app/vehicles/${car.id}`);
    await page.getByTestId('vehicle-inspection').first().waitFor(WAIT);
    await page.screenshot({ path: shot('inspection-due') });
    await context.close();
  });
});
