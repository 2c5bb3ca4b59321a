import { z } from 'zod';
import { Instant } from '../../kernel/calendar.ts';
import { CANCELLED_BY, EVENT_KINDS, EVENT_STATUSES, SIGNUP_STATUSES } from './events.tables.ts';

const Title = z.string().trim().min(1).max(60);
const eventFields = {
  kind: z
    .enum(EVENT_KINDS)
    .describe('trip 自驾游, workshop 保养课堂, test_drive 试驾, meetup 车友聚会'),
  title: Title,
  description: z.string().max(4000).default('').describe('Plain text; any markup is removed'),
  storeId: z.string().uuid().nullish(),
  place: z.string().trim().max(120).default(''),
  startsAt: Instant,
  endsAt: Instant,
  signupDeadline: Instant.describe('No later than the start'),
  capacity: z.number().int().min(1).max(10_000).describe('Places, in people'),
  maxPartySize: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(1)
    .describe('People one sign-up may bring, the owner included; each takes a place'),
  askVehicle: z.boolean().default(false).describe('Whether the sign-up asks which car comes'),
  attendancePoints: z
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(0)
    .describe('Points granted once per owner on check-in'),
  clubId: z.string().uuid().nullish().describe('The car club holding the event, if any'),
};

export const CreateEventBody = z.object(eventFields).meta({
  example: {
    kind: 'trip',
    title: '秋季自驾游·千岛湖',
    description: '一天往返，含午餐。',
    place: '一号店门口集合',
    startsAt: '2026-12-12T00:30:00Z',
    endsAt: '2026-12-12T10:00:00Z',
    signupDeadline: '2026-12-10T12:00:00Z',
    capacity: 30,
    maxPartySize: 3,
    askVehicle: true,
    attendancePoints: 200,
  },
});
export const UpdateEventBody = z
  .object({
    kind: eventFields.kind,
    title: Title,
    description: z.string().max(4000),
    storeId: z.string().uuid().nullable(),
    place: z.string().trim().max(120),
    startsAt: Instant,
    endsAt: Instant,
    signupDeadline: Instant,
    capacity: eventFields.capacity,
    maxPartySize: z.number().int().min(1).max(20),
    askVehicle: z.boolean(),
    attendancePoints: z.number().int().min(0).max(100_000),
    clubId: z.string().uuid().nullable(),
  })
  .partial()
  .meta({ example: { capacity: 40, place: '二号店门口集合' } });

export const EventListQuery = z.object({
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  clubId: z.string().uuid().optional(),
});

const Counts = z.object({
  placesTaken: z.number().int(),
  placesLeft: z.number().int(),
  signedUp: z.number().int().describe('Confirmed sign-ups'),
  waitlisted: z.number().int(),
  checkedIn: z.number().int(),
  noShow: z.number().int().describe('Confirmed, not checked in, event over'),
});

export const EventSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(EVENT_KINDS),
  title: z.string(),
  description: z.string(),
  storeId: z.string().uuid().nullable(),
  storeName: z.string().nullable(),
  place: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  signupDeadline: z.string(),
  capacity: z.number().int(),
  maxPartySize: z.number().int(),
  askVehicle: z.boolean(),
  attendancePoints: z.number().int(),
  status: z.enum(EVENT_STATUSES),
  clubId: z.string().uuid().nullable(),
  counts: Counts,
  createdAt: z.string(),
});
export type EventDto = z.infer<typeof EventSchema>;

export const SignupSchema = z.object({
  id: z.string().uuid(),
  eventId: z.string().uuid(),
  customerId: z.string().uuid(),
  customerName: z.string().nullable(),
  memberNo: z.string(),
  phone: z.string(),
  status: z.enum(SIGNUP_STATUSES),
  partySize: z.number().int(),
  vehiclePlate: z.string().nullable(),
  queueNo: z.number().int(),
  signedUpAt: z.string(),
  checkedInAt: z.string().nullable(),
  pointsGranted: z.number().int(),
  noShow: z.boolean(),
  cancelledAt: z.string().nullable(),
  cancelledBy: z.enum(CANCELLED_BY).nullable(),
});
export type SignupDto = z.infer<typeof SignupSchema>;

export const CheckInBody = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('A scanned ticket (LKEV:…) or member card (LKMC:…), or the bare code'),
    signupId: z.string().uuid().optional().describe('Manual check-in from the list'),
  })
  .refine((b) => !!b.code !== !!b.signupId, { message: 'Give either code or signupId' })
  .meta({ example: { code: 'LKEV:Q2hlY2staW4tZXhhbXBsZQ' } });

export const CheckInSchema = z.object({
  signup: SignupSchema,
  alreadyCheckedIn: z.boolean().describe('True when this sign-up had been checked in before'),
  pointsGranted: z.number().int(),
});

/** The owner's own sign-up, with the ticket while it is confirmed. */
export const MySignupSchema = z.object({
  id: z.string().uuid(),
  status: z.enum(SIGNUP_STATUSES),
  partySize: z.number().int(),
  vehicleId: z.string().uuid().nullable(),
  queueNo: z.number().int(),
  waitlistPosition: z.number().int().nullable().describe('1 = next in line'),
  checkedInAt: z.string().nullable(),
  pointsGranted: z.number().int(),
  ticketCode: z.string().nullable(),
  qrPayload: z.string().nullable(),
});

export const AppEventSchema = EventSchema.omit({ counts: true, status: true, clubId: true }).extend(
  {
    status: z.enum(EVENT_STATUSES),
    timeZone: z.string().describe('The business’s timezone, to show the times in'),
    placesLeft: z.number().int(),
    signupOpen: z.boolean(),
    mySignup: MySignupSchema.nullable(),
  },
);
export type AppEventDto = z.infer<typeof AppEventSchema>;

export const AppSignupBody = z
  .object({
    partySize: z.number().int().min(1).max(20).default(1),
    vehicleId: z.string().uuid().nullish(),
    joinWaitlist: z
      .boolean()
      .default(false)
      .describe('When the event is full, join the waitlist instead of answering EVENT_FULL'),
  })
  .meta({ example: { partySize: 2, joinWaitlist: false } });
