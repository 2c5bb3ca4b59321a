// What inspection tells the car owner: the report is ready, with a link to it (service purpose:
// it is about their car in the shop now). Variables are added to messaging's catalogue here.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { defineBuiltInTemplate, defineVariables, sendToCustomer } from '../messaging/index.ts';
import { tenants } from '../tenancy/index.ts';
import { vehicles } from '../vehicles/index.ts';

defineVariables({
  'inspection.id': {
    type: 'string',
    sample: '00000000-0000-4000-8000-000000000000',
    description: { 'zh-CN': '检查报告编号', en: 'Inspection id' },
  },
  'inspection.link': {
    type: 'url',
    sample: 'https://liuke.example/app/inspections/00000000-0000-4000-8000-000000000000?t=demo',
    description: { 'zh-CN': '检查报告链接', en: 'Link to the inspection report' },
  },
});

export const INSPECTION_READY = defineBuiltInTemplate({
  key: 'inspection.ready',
  name: { 'zh-CN': '车辆检查报告', en: 'Vehicle inspection report' },
  purpose: 'service',
  variables: ['inspection.id', 'inspection.link', 'vehicle.plate'],
  url: '/app/inspections/{{inspection.id}}',
  channels: {
    inapp: {
      'zh-CN': {
        subject: '您的爱车检查报告已出',
        body: '技师已完成 {{vehicle.plate}} 的检查，报告里有照片和建议项目，请查看并逐项确认。',
      },
      en: {
        subject: 'Your car’s inspection report is ready',
        body: 'The technician has inspected {{vehicle.plate}}: see the photos and approve or decline each recommended job.',
      },
    },
    webpush: {
      'zh-CN': { subject: '{{tenant.name}}', body: '{{vehicle.plate}} 的检查报告已出，请查看' },
      en: {
        subject: '{{tenant.name}}',
        body: 'The inspection report of {{vehicle.plate}} is ready',
      },
    },
    sms: {
      'zh-CN': {
        body: '【{{tenant.name}}】{{vehicle.plate}} 的检查报告已出，请查看并确认：{{inspection.link}}',
      },
      en: {
        body: '[{{tenant.name}}] The inspection report of {{vehicle.plate}} is ready: {{inspection.link}}',
      },
    },
  },
});

export async function sendInspectionMessage(
  ctx: Ctx,
  s: { inspectionId: string; customerId: string; vehicleId: string; publicUrl: string },
) {
  const [t] = await ctx.tx
    .select({ slug: tenants.slug })
    .from(tenants)
    .where(eq(tenants.tenantId, ctx.tenantId));
  const [v] = await ctx.tx
    .select({ plate: vehicles.plate })
    .from(vehicles)
    .where(eq(vehicles.id, s.vehicleId));
  const base = s.publicUrl.replace(/\/$/, '');
  return sendToCustomer(ctx, {
    customerId: s.customerId,
    templateKey: INSPECTION_READY.key,
    data: {
      inspection: {
        id: s.inspectionId,
        link: `${base}/app/inspections/${s.inspectionId}?t=${encodeURIComponent(t?.slug ?? '')}`,
      },
      vehicle: { plate: v?.plate ?? '' },
    },
    dedupeKey: `inspection.ready:${s.inspectionId}`,
    priority: 'transactional',
    purpose: 'service',
  });
}
