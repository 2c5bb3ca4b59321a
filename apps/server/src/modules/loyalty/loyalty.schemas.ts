// Request and response schemas of the loyalty API (also its OpenAPI document).
import { z } from 'zod';
import { CursorQuery, LimitQuery } from '../../kernel/paging.ts';
import { PAYMENT_METHODS } from '../service/index.ts';

const Points = z.number().int().min(1).max(100_000_000);
const Fen = z.number().int().min(1).max(100_000_000);

export const LoyaltySummarySchema = z
  .object({
    points: z.object({
      available: z.number().int().describe('Spendable points (negative while points debt is owed)'),
      pending: z.number().int().describe('Earned on orders still inside the return window'),
      expiringSoon: z
        .object({ amount: z.number().int(), before: z.string() })
        .nullable()
        .describe('Points expiring within 30 days, and the last of their expiry instants'),
    }),
    storedValue: z.object({
      balanceFen: z.number().int(),
      principalFen: z.number().int(),
      bonusFen: z.number().int(),
    }),
    packages: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        remaining: z.number().int(),
        total: z.number().int(),
        expiresAt: z.string().nullable(),
      }),
    ),
    tier: z
      .object({
        code: z.string(),
        name: z.string(),
        nextTierName: z.string().nullable(),
        progress: z.object({
          metric: z.enum(['spend', 'points']),
          value: z.number().int(),
          nextThreshold: z.number().int().nullable(),
        }),
      })
      .nullable(),
  })
  .meta({ id: 'LoyaltySummary' });
export type LoyaltySummary = z.infer<typeof LoyaltySummarySchema>;

export const LedgerQuery = z.object({
  view: z
    .enum(['points', 'stored_value', 'packages', 'all'])
    .default('all')
    .describe(
      'Which accounts: points (available, pending, debt), stored_value (principal, bonus), packages, all',
    ),
  limit: LimitQuery,
  cursor: CursorQuery,
});

export const LedgerLineSchema = z
  .object({
    id: z.string(),
    transferId: z.string(),
    account: z
      .string()
      .describe(
        'points_available, points_pending, points_debt, stored_value_principal, stored_value_bonus, package:<id>',
      ),
    amount: z.number().int().describe('Signed: + credited to the account, − debited'),
    balanceAfter: z.number().int().describe('The account’s running balance after this line'),
    kind: z
      .string()
      .describe('earn, settle, expire, redeem, reverse, adjust, top_up, spend, refund…'),
    referenceType: z.string().nullable(),
    referenceId: z.string().nullable(),
    reversesTransferId: z.string().nullable(),
    memo: z.string().nullable(),
    actorType: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'LedgerLine' });

export const OwnerLedgerQuery = z.object({
  view: z
    .enum(['points', 'stored_value', 'packages'])
    .default('stored_value')
    .describe('points (available + pending − debt), stored_value (principal + bonus) or packages'),
  limit: LimitQuery,
  cursor: CursorQuery,
});

export const OwnerLedgerLineSchema = z
  .object({
    id: z.string().describe('The transfer'),
    kind: z
      .string()
      .describe(
        'earn, reward, expire, redeem, reverse, adjust, top_up, spend, refund, package_use…',
      ),
    amount: z
      .number()
      .int()
      .describe('Net for the owner: + received, − given (points, fen or uses)'),
    balanceAfter: z
      .number()
      .int()
      .describe(
        'The owner’s total after it: points available + pending − debt, stored value principal + bonus (fen), or the package’s uses left',
      ),
    packageName: z.string().nullable(),
    memo: z.string().nullable(),
    referenceType: z.string().nullable(),
    referenceId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'OwnerLedgerLine' });

export const AdjustmentBody = z
  .object({
    account: z.enum(['points', 'stored_value_principal', 'stored_value_bonus']),
    amount: z
      .number()
      .int()
      .min(-100_000_000)
      .max(100_000_000)
      .refine((n) => n !== 0, 'must not be 0')
      .describe('Points or fen; negative takes away'),
    reason: z.string().trim().min(2).max(200),
  })
  .meta({ example: { account: 'points', amount: 200, reason: '补录线下活动积分' } });

export const RedemptionBody = z
  .object({
    points: Points,
    note: z.string().trim().min(1).max(200).describe('What the points were exchanged for'),
    orderId: z.string().uuid().optional(),
  })
  .meta({ example: { points: 500, note: '兑换洗车一次' } });

export const AwardBody = z
  .object({
    action: z.enum(['review', 'referral', 'event']),
    referenceId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe('The review/referral/event id: one award per reference'),
  })
  .meta({ example: { action: 'review', referenceId: 'review-20261122-01' } });

export const TopUpBody = z
  .object({
    packageId: z.string().uuid().optional().describe('A top-up package (e.g. 充 500 送 50)'),
    payFen: Fen.optional().describe('Without a package: the amount paid'),
    bonusFen: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .optional()
      .describe('Without a package: bonus added'),
    method: z.enum(PAYMENT_METHODS).exclude(['stored_value']),
    storeId: z.string().uuid().optional(),
    note: z.string().trim().max(200).optional(),
  })
  .refine((b) => !!b.packageId !== (b.payFen !== undefined), {
    message: 'give either packageId or payFen',
    path: ['payFen'],
  })
  .meta({ example: { payFen: 50000, bonusFen: 5000, method: 'wechat_pay' } });

export const WalletRefundBody = z
  .object({
    principalFen: Fen.optional().describe('Principal to pay back; default all of it'),
    reason: z.string().trim().min(2).max(200),
    method: z.enum(PAYMENT_METHODS).exclude(['stored_value']),
  })
  .meta({ example: { reason: '客户退卡', method: 'cash' } });

export const WalletSchema = z.object({
  principalFen: z.number().int(),
  bonusFen: z.number().int(),
  balanceFen: z.number().int(),
});

export const WalletRefundSchema = z
  .object({
    rule: z.enum(['forfeit_bonus', 'deduct_spent_bonus']),
    cashFen: z.number().int().describe('Paid back to the customer'),
    principalOut: z.number().int(),
    bonusForfeit: z.number().int(),
    clawbackFen: z.number().int().describe('Bonus already spent, deducted from the cash'),
    wallet: WalletSchema,
  })
  .meta({ id: 'WalletRefund' });

export const PackageProductSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    uses: z.number().int(),
    validityDays: z.number().int(),
    priceFen: z.number().int(),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'PackageProduct' });

export const PackageProductBody = z
  .object({
    name: z.string().trim().min(1).max(60),
    uses: z.number().int().min(1).max(1000),
    validityDays: z.number().int().min(1).max(3650),
    priceFen: z.number().int().min(0).max(100_000_000),
  })
  .meta({ example: { name: '洗车 5 次卡', uses: 5, validityDays: 365, priceFen: 15000 } });

export const PackageProductPatch = PackageProductBody.partial()
  .extend({ active: z.boolean().optional() })
  .meta({ example: { active: false } });

export const CustomerPackageSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    productId: z.string(),
    name: z.string(),
    total: z.number().int(),
    remaining: z.number().int(),
    status: z.enum(['active', 'used_up', 'expired']),
    priceFen: z.number().int(),
    soldAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'CustomerPackage' });

export const SellPackageBody = z
  .object({
    productId: z.string().uuid(),
    method: z.enum(PAYMENT_METHODS),
    storeId: z.string().uuid().optional(),
  })
  .meta({ example: { productId: '0190d7a0-0000-7000-8000-000000000001', method: 'wechat_pay' } });

export const UsePackageBody = z
  .object({
    orderId: z.string().uuid().optional().describe('The visit’s service order, if any'),
    note: z.string().trim().max(200).optional(),
  })
  .meta({ example: { note: '精洗' } });

export const LiabilitySchema = z
  .object({
    asOf: z.string(),
    stores: z.array(
      z.object({
        storeId: z.string().nullable().describe('The customers’ home store; null: none set'),
        storeName: z.string().nullable(),
        principalFen: z.number().int(),
        bonusFen: z.number().int(),
        totalFen: z.number().int(),
        customers: z.number().int().describe('Customers with a stored-value balance'),
        pointsAvailable: z.number().int().describe('Points customers can redeem now'),
        pointsPending: z.number().int().describe('Points earned, waiting for the return window'),
      }),
    ),
    total: z.object({
      principalFen: z.number().int(),
      bonusFen: z.number().int(),
      totalFen: z.number().int(),
      customers: z.number().int(),
      pointsAvailable: z.number().int(),
      pointsPending: z.number().int(),
    }),
  })
  .meta({ id: 'StoredValueLiability' });
