import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId, updatedAt } from '../../db/columns.ts';
import { customers } from '../customers/index.ts';
import { stores } from '../tenancy/index.ts';

export const EVENT_KINDS = ['trip', 'workshop', 'test_drive', 'meetup'] as const;
export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export const CANCELLED_BY = ['owner', 'staff', 'event'] as const;

/**
 * 活动: a self-drive trip, workshop, test drive or meetup the shop holds. `placesTaken` is the sum
 * of the party sizes of confirmed sign-ups, kept under the event row's lock with every change, so
 * capacity holds however many owners sign up at once. Events are free: nothing is ever charged.
 */
export const communityEvents = pgTable(
  'community_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    storeId: uuid('store_id'),
    place: text('place').notNull().default(''),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    signupDeadline: instant('signup_deadline').notNull(),
    /** Places (people): a sign-up of a party of 3 takes 3. */
    capacity: integer('capacity').notNull(),
    /** The largest party one sign-up may bring (1: the owner alone). */
    maxPartySize: integer('max_party_size').notNull().default(1),
    /** Whether the sign-up asks which car comes. */
    askVehicle: boolean('ask_vehicle').notNull().default(false),
    attendancePoints: integer('attendance_points').notNull().default(0),
    status: text('status', { enum: EVENT_STATUSES }).notNull().default('draft'),
    /** The car club holding it (车友会); no foreign key: clubs keep their own tables. */
    clubId: uuid('club_id'),
    placesTaken: integer('places_taken').notNull().default(0),
    /** The last queue number given to a sign-up (first come, first served on the waitlist). */
    signupSeq: integer('signup_seq').notNull().default(0),
    cancelledAt: instant('cancelled_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    index('community_events_starts_idx').on(t.tenantId, t.startsAt, t.id),
    index('community_events_club_idx').on(t.tenantId, t.clubId),
    check('community_events_capacity', sql`${t.capacity} > 0`),
    check('community_events_party', sql`${t.maxPartySize} between 1 and 20`),
    check('community_events_points', sql`${t.attendancePoints} >= 0`),
    check('community_events_taken', sql`${t.placesTaken} between 0 and ${t.capacity}`),
    check('community_events_times', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * One owner's sign-up (报名) to an event: confirmed (with a ticket), on the waitlist (候补) or
 * cancelled. One row per owner and event; signing up again after cancelling reuses it with a new
 * queue number. Checked in (签到) once; a confirmed sign-up not checked in by the end is a no-show.
 */
export const eventSignups = pgTable(
  'event_signups',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    eventId: uuid('event_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    status: text('status', { enum: SIGNUP_STATUSES }).notNull(),
    partySize: integer('party_size').notNull().default(1),
    vehicleId: uuid('vehicle_id'),
    /** Queue number within the event (first come, first served). */
    seq: integer('seq').notNull(),
    /** Random (120 bits), unique in the tenant; the app shows it as a QR code. */
    ticketCode: text('ticket_code').notNull(),
    signedUpAt: instant('signed_up_at').notNull(),
    checkedInAt: instant('checked_in_at'),
    checkedInBy: uuid('checked_in_by'),
    pointsGranted: integer('points_granted').notNull().default(0),
    cancelledAt: instant('cancelled_at'),
    cancelledBy: text('cancelled_by', { enum: CANCELLED_BY }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('event_signups_customer_key').on(t.tenantId, t.eventId, t.customerId),
    unique('event_signups_ticket_key').on(t.tenantId, t.ticketCode),
    foreignKey({
      columns: [t.tenantId, t.eventId],
      foreignColumns: [communityEvents.tenantId, communityEvents.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index('event_signups_event_idx').on(t.tenantId, t.eventId, t.status, t.seq),
    index('event_signups_customer_idx').on(t.tenantId, t.customerId),
    check('event_signups_party', sql`${t.partySize} between 1 and 20`),
  ],
);
