// Inspection templates against a real database: a new tenant reads the standard check; the owner
// copies it, reorders, adds a point and changes a threshold, and the next inspection opened with it
// follows (one opened before keeps its points); thresholds that make no sense are refused under
// the point's field and change nothing; technicians and advisors read but do not edit; a template
// is deleted, but never the last.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock.ts';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import type { TemplatePoint } from './inspections.tables.ts';
import { caller, carWithOrder, expectError } from './testing/helpers.ts';

const clock = fixedClock(new Date('2026-11-22T02:00:00.000Z'));
let env: TestEnv;
let t: TestTenant;
let owner: Session;
let advisor: Session;
let technician: Session;
let call: ReturnType<typeof caller>;

interface Template {
  id: string;
  name: string;
  points: TemplatePoint[];
}

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
  call = caller(env);
});
afterAll(() => env.close());

const URL = '/api/v1/staff/inspection-templates';
const list = async (s: Session = owner) =>
  ((await call(s, 'GET', URL)).json() as { items: Template[] }).items;
const body = (tpl: Template) => ({ name: tpl.name, points: tpl.points });
const keys = (tpl: { points: { key: string }[] }) => tpl.points.map((p) => p.key);

describe('inspection templates', () => {
  it('the owner edits a copy of the standard check; the next inspection follows it', async () => {
    const [standard] = await list(technician);
    expect(standard!.name).toBe('标准多项检查');

    const created = await call(owner, 'POST', URL, { ...body(standard!), name: '夏季检查' });
    expect(created.statusCode, created.body).toBe(201);
    const copy = created.json() as Template;
    expect(keys(copy)).toEqual(keys(standard!));

    // Brake fluid up one place, the front pads' amber at 5 mm, a pass / fail point at the end
    // (the thresholds a form left on it are dropped).
    const points = [...copy.points];
    const fluidAt = points.findIndex((p) => p.key === 'brake_fluid');
    [points[fluidAt - 1], points[fluidAt]] = [points[fluidAt]!, points[fluidAt - 1]!];
    const pads = points.findIndex((p) => p.key === 'pads_front');
    points[pads] = { ...points[pads]!, amberAt: 5 };
    points.push({
      key: 'wiper_blades',
      section: '雨刮',
      label: '后雨刮片',
      measurement: 'none',
      amberAt: 3,
      category: 'other',
      why: '后窗看不清，倒车危险。',
    });
    const put = await call(owner, 'PUT', `${URL}/${copy.id}`, { name: '夏季检查', points });
    expect(put.statusCode, put.body).toBe(200);
    const saved = put.json() as Template;
    expect(keys(saved).slice(fluidAt - 1, fluidAt + 1)).toEqual(['brake_fluid', 'pads_rear']);
    expect(saved.points.find((p) => p.key === 'pads_front')).toMatchObject({ amberAt: 5 });
    expect(saved.points.at(-1)).toEqual({
      key: 'wiper_blades',
      section: '雨刮',
      label: '后雨刮片',
      measurement: 'none',
      category: 'other',
      why: '后窗看不清，倒车危险。',
    });
    expect((await list(advisor)).map((x) => x.name)).toEqual(['标准多项检查', '夏季检查']);

    const car = await carWithOrder(env, t, advisor);
    const opened = await call(
      technician,
      'POST',
      `/api/v1/staff/service-orders/${car.orderId}/inspections`,
      {
        templateId: copy.id,
      },
    );
    expect(opened.statusCode, opened.body).toBe(201);
    const insp = opened.json() as { id: string; items: { key: string; id: string }[] };
    expect(keys({ points: insp.items })).toEqual(keys(saved));
    // A reading of 4.5 mm on the front pads is amber by the new threshold.
    const padsItem = insp.items.find((i) => i.key === 'pads_front')!;
    const read = await call(
      technician,
      'PATCH',
      `/api/v1/staff/inspections/${insp.id}/items/${padsItem.id}`,
      {
        value: 4.5,
      },
    );
    expect(
      (read.json() as { items: { key: string; status: string }[] }).items.find(
        (i) => i.key === 'pads_front',
      )?.status,
    ).toBe('amber');

    // Changing the template later leaves the opened inspection as it was.
    const shorter = await call(owner, 'PUT', `${URL}/${copy.id}`, {
      name: '夏季检查',
      points: saved.points.slice(0, 3),
    });
    expect(shorter.statusCode, shorter.body).toBe(200);
    const again = await call(technician, 'GET', `/api/v1/staff/inspections/${insp.id}`);
    expect((again.json() as { items: unknown[] }).items).toHaveLength(saved.points.length);
  });

  it('refuses thresholds that make no sense, under the point’s field, and saves nothing', async () => {
    const [standard] = await list();
    const at = (i: number, patch: Partial<TemplatePoint>) =>
      standard!.points.map((p, j) => (j === i ? { ...p, ...patch } : p));
    const pads = standard!.points.findIndex((p) => p.key === 'pads_front');
    const fluid = standard!.points.findIndex((p) => p.key === 'brake_fluid');
    const cases: [Partial<TemplatePoint>, number, string, string][] = [
      [{ redAt: 6 }, pads, 'INSPECTION_THRESHOLDS_INCONSISTENT', 'redAt'],
      [{ redAt: 1 }, fluid, 'INSPECTION_THRESHOLDS_INCONSISTENT', 'redAt'],
      [{ amberAt: 20 }, pads, 'INSPECTION_RANGE_INVALID', 'amberAt'],
      [{ min: 15, max: 0 }, pads, 'INSPECTION_RANGE_INVALID', 'max'],
    ];
    for (const [patch, i, code, field] of cases) {
      const res = await call(owner, 'PUT', `${URL}/${standard!.id}`, {
        name: standard!.name,
        points: at(i, patch),
      });
      expect(expectError(res, 422, code).field).toBe(`points.${i}.${field}`);
    }
    const created = await call(owner, 'POST', URL, {
      name: '坏模板',
      points: at(pads, { redAt: 6 }),
    });
    expect(expectError(created, 422, 'INSPECTION_THRESHOLDS_INCONSISTENT').field).toBe(
      `points.${pads}.redAt`,
    );
    const dup = await call(owner, 'PUT', `${URL}/${standard!.id}`, {
      name: standard!.name,
      points: [...standard!.points, standard!.points[0]],
    });
    expectError(dup, 400, 'VALIDATION_FAILED');
    expect(await list()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: standard!.id, points: standard!.points }),
      ]),
    );
    expect((await list()).map((x) => x.name)).not.toContain('坏模板');
  });

  it('technicians and advisors read but do not edit', async () => {
    const [standard] = await list(technician);
    for (const s of [technician, advisor]) {
      expectError(
        await call(s, 'PUT', `${URL}/${standard!.id}`, body(standard!)),
        403,
        'FORBIDDEN',
      );
      expectError(await call(s, 'POST', URL, body(standard!)), 403, 'FORBIDDEN');
      expectError(await call(s, 'DELETE', `${URL}/${standard!.id}`), 403, 'FORBIDDEN');
    }
  });

  it('deletes a template, but never the last one', async () => {
    const before = await list();
    for (const tpl of before.slice(1)) {
      const res = await call(owner, 'DELETE', `${URL}/${tpl.id}`);
      expect(res.statusCode, res.body).toBe(204);
    }
    const [last] = await list();
    expect(await list()).toHaveLength(1);
    expectError(await call(owner, 'DELETE', `${URL}/${last!.id}`), 409, 'INSPECTION_TEMPLATE_LAST');
    expectError(await call(owner, 'DELETE', `${URL}/${before[1]!.id}`), 404, 'NOT_FOUND');
    expect(await list()).toHaveLength(1);
  });
});
