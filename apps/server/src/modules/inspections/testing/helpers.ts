// Test helpers for inspections: staff and owner calls, a car with an open order, a photo upload,
// and an inspection with recommended jobs sent to the owner.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Session, TestEnv, TestTenant } from '../../../testing/harness.ts';
import { demoPicture } from '../../media/index.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export function caller(env: TestEnv) {
  return (session: Session, method: Method, url: string, payload?: unknown) =>
    env.app.inject({
      method,
      url,
      headers: session.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  const body = res.json() as { error?: { code: string; field?: string; message: string } };
  expect({ status: res.statusCode, code: body.error?.code }, res.body).toEqual({ status, code });
  expect(body.error?.message).toBeTruthy();
  return body.error!;
}

let seq = 0;
const RUN = String(Date.now()).slice(-4);
/** A customer with a car (phone unique per call) and an open order with one line at 45,200 km. */
export async function carWithOrder(env: TestEnv, t: TestTenant, advisor: Session) {
  const call = caller(env);
  seq++;
  const phone = `139${RUN}${String(seq).padStart(4, '0')}`;
  const c = await call(advisor, 'POST', '/api/v1/staff/customers', { name: `车主${seq}`, phone });
  expect(c.statusCode, c.body).toBe(201);
  const v = await call(advisor, 'POST', `/api/v1/staff/customers/${c.json().id}/vehicles`, {
    plate: `沪B${String(20000 + seq)}`,
    make: '丰田',
    model: '卡罗拉',
  });
  expect(v.statusCode, v.body).toBe(201);
  const o = await call(advisor, 'POST', '/api/v1/staff/service-orders', {
    customerId: c.json().id,
    vehicleId: v.json().id,
    storeId: t.storeId,
    mileageKm: 45200,
    items: [
      {
        kind: 'labour',
        category: 'oil_change',
        description: '小保养工时',
        quantity: 1,
        unitPriceFen: 10000,
      },
    ],
  });
  expect(o.statusCode, o.body).toBe(201);
  return {
    customerId: c.json().id as string,
    vehicleId: v.json().id as string,
    orderId: o.json().id as string,
    phone,
  };
}

function multipart(file: Buffer, filename: string) {
  const boundary = `----liukeinspection${seq}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    file,
    Buffer.from(
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\ninspection\r\n--${boundary}--\r\n`,
    ),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads bytes as a staff member's photo; answers the response. */
export async function uploadPhoto(
  env: TestEnv,
  session: Session,
  bytes?: Buffer,
  name = 'pad.jpg',
) {
  const body = multipart(bytes ?? (await demoPicture(7, 320, 200)), name);
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/media/images',
    payload: body.payload,
    headers: { ...session.headers, ...body.headers },
  });
}

export interface ItemDto {
  id: string;
  key: string;
  status: string | null;
  suggestedStatus: string | null;
  value: number | null;
  photos: { id: string; url: string }[];
  job: { description: string; labourFen: number; partsFen: number; totalFen: number } | null;
  decision: string | null;
  dueItemId: string | null;
  recoveredAt: string | null;
}

export const itemByKey = (inspection: { items: ItemDto[] }, key: string) =>
  inspection.items.find((i) => i.key === key)!;

/**
 * Opens an inspection on the order, finds front pads at 3 mm (amber) and the front-left tyre at
 * 1.5 mm (red, photographed), each with a job, the battery at 90 % (green), and sends it.
 */
export async function sentInspection(env: TestEnv, technician: Session, orderId: string) {
  const call = caller(env);
  const opened = await call(
    technician,
    'POST',
    `/api/v1/staff/service-orders/${orderId}/inspections`,
    {},
  );
  expect(opened.statusCode, opened.body).toBe(201);
  const id = opened.json().id as string;
  const url = (item: ItemDto, rest = '') =>
    `/api/v1/staff/inspections/${id}/items/${item.id}${rest}`;
  const pads = itemByKey(opened.json(), 'pads_front');
  const tyre = itemByKey(opened.json(), 'tyre_fl');
  const battery = itemByKey(opened.json(), 'battery');
  for (const [item, value] of [
    [pads, 3],
    [tyre, 1.5],
    [battery, 90],
  ] as const) {
    const r = await call(technician, 'PATCH', url(item), { value });
    expect(r.statusCode, r.body).toBe(200);
  }
  // The worn tyre is photographed.
  const photo = await uploadPhoto(env, technician, undefined, 'tyre.jpg');
  expect(photo.statusCode, photo.body).toBe(201);
  const shot = await call(technician, 'PATCH', url(tyre), { photoIds: [photo.json().id] });
  expect(shot.statusCode, shot.body).toBe(200);
  const j1 = await call(technician, 'PUT', url(pads, '/job'), {
    description: '更换前刹车片',
    labourFen: 12000,
    partsFen: 38000,
  });
  expect(j1.statusCode, j1.body).toBe(200);
  const j2 = await call(technician, 'PUT', url(tyre, '/job'), {
    description: '更换左前轮胎',
    labourFen: 5000,
    partsFen: 60000,
  });
  expect(j2.statusCode, j2.body).toBe(200);
  const sent = await call(technician, 'POST', `/api/v1/staff/inspections/${id}/send`);
  expect(sent.statusCode, sent.body).toBe(200);
  return { id, pads: pads.id, tyre: tyre.id, battery: battery.id };
}
