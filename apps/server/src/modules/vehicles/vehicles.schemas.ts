import { z } from 'zod';
import { FUEL_TYPES, ODOMETER_SOURCES } from './vehicles.tables.ts';
import { CalendarDate } from '../../kernel/calendar.ts';

export const VehicleSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    plate: z.string().nullable(),
    vin: z.string().nullable(),
    make: z.string().nullable(),
    model: z.string().nullable(),
    year: z.number().int().nullable(),
    fuelType: z.enum(FUEL_TYPES),
    registrationDate: z.string().nullable(),
    insuranceExpiry: z.string().nullable(),
    nextInspectionDate: z.string().nullable(),
    externalId: z.string().nullable(),
    lastMileageKm: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Vehicle' });
export type VehicleDto = z.infer<typeof VehicleSchema>;

export const VehicleBody = z
  .object({
    plate: z
      .string()
      .trim()
      .max(16)
      .nullish()
      .describe('Chinese plate; 8 characters for new-energy cars'),
    vin: z
      .string()
      .trim()
      .max(32)
      .nullish()
      .describe('17 characters; the check digit (position 9) is verified'),
    make: z.string().trim().max(60).nullish(),
    model: z.string().trim().max(60).nullish(),
    year: z.number().int().min(1950).max(2100).nullish(),
    fuelType: z.enum(FUEL_TYPES).optional(),
    registrationDate: CalendarDate.nullish(),
    insuranceExpiry: CalendarDate.nullish().describe('交强险/商业险 expiry'),
    nextInspectionDate: CalendarDate.nullish().describe('Next 年检 date'),
    externalId: z.string().trim().min(1).max(100).nullish(),
  })
  .meta({
    example: {
      plate: '粤A12345',
      vin: 'LSVAU218XN2183294',
      make: '上汽大众',
      model: '朗逸',
      year: 2022,
      fuelType: 'petrol',
    },
  });
export type VehicleInput = z.infer<typeof VehicleBody>;

export const MileageBody = z
  .object({
    mileageKm: z.number().int().min(0).max(2_000_000),
    confirmRollback: z
      .boolean()
      .optional()
      .describe('Accept a reading below the last one (e.g. a replaced odometer)'),
  })
  .meta({ example: { mileageKm: 56800 } });

export const OdometerReadingSchema = z
  .object({
    id: z.string(),
    readAt: z.string(),
    mileageKm: z.number().int(),
    source: z.enum(ODOMETER_SOURCES),
    serviceOrderId: z.string().nullable(),
  })
  .meta({ id: 'OdometerReading' });

export const TransferBody = z
  .object({ toCustomerId: z.string().uuid(), reason: z.string().trim().max(200).nullish() })
  .meta({
    example: { toCustomerId: '01900000-0000-7000-8000-000000000002', reason: '二手车过户' },
  });

export const OwnershipSchema = z.object({
  customerId: z.string(),
  customerName: z.string().nullable(),
  fromAt: z.string(),
  toAt: z.string().nullable(),
  reason: z.string().nullable(),
});

/** A reading from paper records, with the day it was taken. */
export const PastReadingBody = z
  .strictObject({
    date: CalendarDate.describe('The day the reading was taken (the business’s time zone); not after today'), // prettier-ignore
    mileageKm: z.number().int().min(0).max(2_000_000),
  })
  .meta({ example: { date: '2024-03-05', mileageKm: 45200 } });
