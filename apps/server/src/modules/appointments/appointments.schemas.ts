import { z } from 'zod';
import { SERVICE_CATEGORIES } from '../service/index.ts';
import { APPOINTMENT_STATUSES } from './appointments.tables.ts';
import { CalendarDate, Instant as AnyInstant } from '../../kernel/calendar.ts';
import { parseTime } from './slots.ts';

const DateString = CalendarDate;
const TimeString = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (00:00–23:59)')
  .describe('Wall-clock time in the store’s timezone, HH:MM');
const Instant = AnyInstant.describe(
  'ISO 8601 instant, e.g. 2026-12-01T01:30:00Z (09:30 in Asia/Shanghai)',
);
const Id = z.string().uuid();

// ---- opening hours ----

export const OpeningDaySchema = z.object({
  weekday: z.number().int().min(0).max(6).describe('0 = Sunday … 6 = Saturday'),
  opensAt: TimeString,
  closesAt: TimeString,
  slotMinutes: z.number().int().min(10).max(480),
  capacity: z.number().int().min(0).max(500).describe('Cars the store takes in one slot'),
});

export const OpeningHoursSchema = z
  .object({
    storeId: z.string(),
    timeZone: z.string().describe('IANA timezone the hours are read in'),
    etag: z.string().describe('Send it back as If-Match when saving'),
    days: z.array(OpeningDaySchema).describe('Open weekdays; a weekday not listed is closed'),
  })
  .meta({ id: 'OpeningHours' });

export const OpeningHoursBody = z
  .object({
    days: z
      .array(OpeningDaySchema)
      .max(7)
      .describe('The whole week: each open weekday once; weekdays not listed are closed'),
  })
  .meta({
    example: {
      days: [1, 2, 3, 4, 5, 6].map((weekday) => ({
        weekday,
        opensAt: '08:30',
        closesAt: '18:00',
        slotMinutes: 60,
        capacity: 3,
      })),
    },
  });
export type OpeningHoursInput = z.infer<typeof OpeningHoursBody>;

/** Minutes of a validated HH:MM. */
export const minutesOf = (hhmm: string): number => parseTime(hhmm)!;

// ---- availability ----

export const AvailabilityQuery = z.object({
  storeId: Id,
  from: DateString.optional().describe('First day (YYYY-MM-DD, store timezone); default today'),
  days: z.coerce.number().int().min(1).max(31).default(7).describe('How many days (1–31)'),
});

export const AvailableSlotSchema = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  remaining: z.number().int().describe('Places left; 0 means full'),
});

export const AvailabilitySchema = z
  .object({
    storeId: z.string(),
    timeZone: z.string(),
    days: z
      .array(
        z.object({
          date: z.string(),
          weekday: z.number().int(),
          slots: z.array(AvailableSlotSchema),
        }),
      )
      .describe('Days with at least one future slot; closed days are left out'),
  })
  .meta({ id: 'Availability' });

export const AppStoresSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      address: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
  homeStoreId: z.string().nullable().describe('The customer’s home store, if they have one'),
});

// ---- appointments ----

const Category = z.enum(SERVICE_CATEGORIES);
const Notes = z.string().trim().max(500);

export const AppBookingBody = z
  .object({
    storeId: Id,
    startsAt: Instant,
    vehicleId: Id,
    serviceCategory: Category.nullish(),
    notes: Notes.nullish(),
  })
  .meta({
    example: {
      storeId: '01900000-0000-7000-8000-0000000000a1',
      startsAt: '2026-12-01T01:30:00Z',
      vehicleId: '01900000-0000-7000-8000-0000000000b2',
      serviceCategory: 'oil_change',
      notes: '顺便检查空调',
    },
  });

export const StaffBookingBody = z
  .object({
    customerId: Id,
    vehicleId: Id.nullish(),
    storeId: Id,
    startsAt: Instant,
    serviceCategory: Category.nullish(),
    notes: Notes.nullish(),
  })
  .meta({
    example: {
      customerId: '01900000-0000-7000-8000-0000000000c3',
      vehicleId: '01900000-0000-7000-8000-0000000000b2',
      storeId: '01900000-0000-7000-8000-0000000000a1',
      startsAt: '2026-12-01T01:30:00Z',
      serviceCategory: 'inspection',
    },
  });

export const RescheduleBody = z
  .object({ startsAt: Instant })
  .meta({ example: { startsAt: '2026-12-02T02:30:00Z' } });

export const CancelBody = z
  .object({ reason: z.string().trim().max(200).nullish() })
  .meta({ example: { reason: '客户临时有事' } });

const VehicleBrief = z.object({
  id: z.string(),
  plate: z.string().nullable(),
  make: z.string().nullable(),
  model: z.string().nullable(),
});

export const AppointmentSchema = z
  .object({
    id: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    timeZone: z.string().describe('The store’s timezone, to show the time as the store does'),
    customer: z.object({
      id: z.string(),
      name: z.string().nullable(),
      phone: z.string().describe('E.164, or masked (138****5678) for roles that do not need it'),
    }),
    vehicle: VehicleBrief.nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.enum(APPOINTMENT_STATUSES),
    serviceCategory: z.string().nullable(),
    notes: z.string().nullable(),
    createdByType: z.enum(['staff', 'customer', 'api_key', 'system']),
    cancelledAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Appointment' });
export type AppointmentDto = z.infer<typeof AppointmentSchema>;

export const BoardQuery = z.object({
  storeId: Id,
  date: DateString.describe('The day (YYYY-MM-DD) in the store’s timezone'),
});

export const BoardSchema = z
  .object({
    storeId: z.string(),
    date: z.string(),
    timeZone: z.string(),
    slots: z.array(
      z.object({
        startsAt: z.string(),
        endsAt: z.string(),
        capacity: z.number().int(),
        booked: z.number().int(),
        remaining: z.number().int(),
      }),
    ),
    items: z.array(AppointmentSchema).describe('Every appointment of the day, cancelled too'),
  })
  .meta({ id: 'AppointmentBoard' });

export const MyAppointmentSchema = z
  .object({
    id: z.string(),
    store: z.object({
      id: z.string(),
      name: z.string(),
      address: z.string().nullable(),
      phone: z.string().nullable(),
      timeZone: z.string().describe('The store’s timezone, to show the time as the store does'),
    }),
    vehicle: VehicleBrief.nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.enum(APPOINTMENT_STATUSES),
    serviceCategory: z.string().nullable(),
    notes: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    createdAt: z.string(),
    canCancel: z.boolean().describe('Still in the future and not cancelled'),
  })
  .meta({ id: 'MyAppointment' });
export type MyAppointmentDto = z.infer<typeof MyAppointmentSchema>;

export const IcsSchema = z.string().describe('An iCalendar file (text/calendar)');
