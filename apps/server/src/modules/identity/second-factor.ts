// Two-step sign-in (TOTP) for staff: checking a code or a recovery code. A code is accepted
// once (the step is recorded with a conditional update, so two requests racing with one code
// cannot both pass); a recovery code is used up the same way.
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { randomInt } from 'node:crypto';
import { sha256Hex } from '../../kernel/crypto.ts';
import { openField } from '../../kernel/secret-box.ts';
import { totpSecretField } from './identity.tables.ts';
import { recordAudit } from '../audit/index.ts';
import { staffRecoveryCodes, staffUsers } from './identity.tables.ts';
import { verifyTotp } from './totp.ts';

export const RECOVERY_CODE_COUNT = 10;

/** `abcde-fghjk`: ten characters of an alphabet without look-alikes (about 49 bits). */
export function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const out = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

export const recoveryCodeHash = (tenantId: string, staffId: string, code: string) =>
  sha256Hex(`${tenantId}:${staffId}:${code.toLowerCase().replace(/[\s-]/g, '')}`);

type StaffRow = typeof staffUsers.$inferSelect;

/** Accepts a TOTP code for `user` once; false for a wrong, stale or already used code. */
export async function useTotpCode(ctx: Ctx, user: StaffRow, code: string): Promise<boolean> {
  if (!user.totpSecret) return false;
  const step = verifyTotp(
    openField(user.tenantId, totpSecretField(user.id), user.totpSecret),
    code,
    ctx.clock.now().getTime(),
    user.totpLastStep,
  );
  if (step === null) return false;
  const claimed = await ctx.tx
    .update(staffUsers)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(staffUsers.id, user.id),
        or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step)),
      ),
    )
    .returning({ id: staffUsers.id });
  return claimed.length === 1;
}

/** Uses up one recovery code of `staffId`; false when it is unknown or used. */
export async function useRecoveryCode(ctx: Ctx, staffId: string, code: string): Promise<boolean> {
  const used = await ctx.tx
    .update(staffRecoveryCodes)
    .set({ usedAt: ctx.clock.now() })
    .where(
      and(
        eq(staffRecoveryCodes.staffId, staffId),
        eq(staffRecoveryCodes.codeHash, recoveryCodeHash(ctx.tenantId, staffId, code)),
        isNull(staffRecoveryCodes.usedAt),
      ),
    )
    .returning({ staffId: staffRecoveryCodes.staffId });
  return used.length === 1;
}

/** The second step of a sign-in whose password was right. */
export async function checkSecondFactor(
  ctx: Ctx,
  user: StaffRow,
  input: { totpCode?: string | undefined; recoveryCode?: string | undefined },
): Promise<'ok' | 'missing' | 'wrong'> {
  if (input.totpCode) return (await useTotpCode(ctx, user, input.totpCode)) ? 'ok' : 'wrong';
  if (input.recoveryCode) {
    if (!(await useRecoveryCode(ctx, user.id, input.recoveryCode))) return 'wrong';
    await recordAudit(
      { ...ctx, actor: { type: 'staff', id: user.id, role: user.role, sessionId: null } },
      { action: 'staff.recoveryCodeUsed', entityType: 'staff', entityId: user.id },
    );
    return 'ok';
  }
  return 'missing';
}
