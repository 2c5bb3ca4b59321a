// Each tenant's payment providers and their credentials, in the channel-settings style: secrets
// are write-only through the API (GET says only whether each is set) and sealed at rest.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { openField, sealField, SecretBoxError } from '../../kernel/secret-box.ts';
import { recordAudit } from '../audit/index.ts';
import type { DevBookLine, DevBooks, ProviderCredentials } from './port.ts';
import {
  devProviderTransactions,
  paymentSecretField,
  paymentSettings,
  type PaymentProviderName,
} from './payments.tables.ts';
import { PROVIDERS } from './provider-registry.ts';

/** Secrets each provider needs before it may be turned on. */
export const REQUIRED_SECRETS: Record<PaymentProviderName, readonly string[]> = {
  dev: [],
  wechat: ['privateKey', 'apiV3Key'],
  alipay: ['privateKey'],
  stripe: ['secretKey', 'webhookSecret'],
};
export const SECRET_NAMES: Record<PaymentProviderName, readonly string[]> = {
  ...REQUIRED_SECRETS,
};
/** Settings each provider needs (shown, not secret). */
export const REQUIRED_CONFIG: Record<PaymentProviderName, readonly string[]> = {
  dev: [],
  wechat: ['mchid', 'appid', 'merchantSerialNo'],
  alipay: ['appId', 'alipayPublicKeyPem'],
  stripe: ['publishableKey'],
};

export interface SavePaymentSettingsInput {
  provider: PaymentProviderName;
  enabled: boolean;
  config: Record<string, string>;
  /** Given: replaced; left out: kept; empty string: removed. */
  secrets?: Record<string, string> | undefined;
}

export interface PaymentSettingDto {
  provider: PaymentProviderName;
  enabled: boolean;
  channels: string[];
  config: Record<string, string>;
  secretsSet: Record<string, boolean>;
  updatedAt: string;
}

export async function listPaymentSettings(ctx: Ctx): Promise<{ items: PaymentSettingDto[] }> {
  const rows = await ctx.tx.select().from(paymentSettings).orderBy(paymentSettings.provider);
  return {
    items: rows.map((r) => ({
      provider: r.provider,
      enabled: r.enabled,
      channels: [...PROVIDERS[r.provider].channels],
      config: r.config,
      secretsSet: Object.fromEntries(
        SECRET_NAMES[r.provider].map((n) => [n, Boolean(r.secrets[n])]),
      ),
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

export async function savePaymentSettings(ctx: Ctx, input: SavePaymentSettingsInput) {
  const [existing] = await ctx.tx
    .select()
    .from(paymentSettings)
    .where(eq(paymentSettings.provider, input.provider))
    .for('update');
  const secrets: Record<string, string> = { ...(existing?.secrets ?? {}) };
  for (const [name, value] of Object.entries(input.secrets ?? {})) {
    if (!SECRET_NAMES[input.provider].includes(name))
      throw new AppError('VALIDATION_FAILED', { field: `secrets.${name}` });
    if (value === '') delete secrets[name];
    else secrets[name] = sealField(ctx.tenantId, paymentSecretField(input.provider, name), value);
  }
  if (input.enabled) {
    for (const name of REQUIRED_SECRETS[input.provider])
      if (!secrets[name])
        throw new AppError('PAYMENT_SETTING_REQUIRED', { field: `secrets.${name}` });
    for (const name of REQUIRED_CONFIG[input.provider])
      if (!input.config[name])
        throw new AppError('PAYMENT_SETTING_REQUIRED', { field: `config.${name}` });
  }
  const now = ctx.clock.now();
  const values = {
    enabled: input.enabled,
    config: input.config,
    secrets,
    updatedBy: ctx.actor.id,
    updatedAt: now,
  };
  await ctx.tx
    .insert(paymentSettings)
    .values({ tenantId: ctx.tenantId, provider: input.provider, ...values })
    .onConflictDoUpdate({
      target: [paymentSettings.tenantId, paymentSettings.provider],
      set: values,
    });
  await recordAudit(ctx, {
    action: 'payments.settingsSaved',
    entityType: 'payment_settings',
    entityId: null,
    changes: {
      provider: input.provider,
      enabled: input.enabled,
      config: input.config,
      secretsChanged: Object.keys(input.secrets ?? {}),
    },
  });
  return (await listPaymentSettings(ctx)).items.find((s) => s.provider === input.provider)!;
}

/** The development provider's books in the tenant's scope. */
export function devBooks(ctx: Ctx): DevBooks {
  const toLine = (r: typeof devProviderTransactions.$inferSelect): DevBookLine => ({
    number: r.number,
    kind: r.kind,
    paymentNumber: r.paymentNumber,
    txnId: r.txnId,
    amountFen: r.amountFen,
    status: r.status,
    at: r.at,
  });
  return {
    async get(number) {
      const [r] = await ctx.tx
        .select()
        .from(devProviderTransactions)
        .where(eq(devProviderTransactions.number, number));
      return r ? toLine(r) : null;
    },
    async put(line) {
      const at = ctx.clock.now();
      await ctx.tx
        .insert(devProviderTransactions)
        .values({ tenantId: ctx.tenantId, ...line, at })
        .onConflictDoUpdate({
          target: [devProviderTransactions.tenantId, devProviderTransactions.number],
          set: { status: line.status, at },
        });
    },
    async between(from, to) {
      const rows = await queryRows<{ number: string }>(
        ctx.tx,
        sql`select d.number from dev_provider_transactions d
            where d.at >= ${from.toISOString()}::timestamptz and d.at < ${to.toISOString()}::timestamptz`,
      );
      const out: DevBookLine[] = [];
      for (const r of rows) {
        const line = await this.get(r.number);
        if (line) out.push(line);
      }
      return out;
    },
  };
}

/** The opened credentials of an enabled provider (never for the API). */
export async function providerCredentials(
  ctx: Ctx,
  provider: PaymentProviderName,
  opts: { enabledOnly: boolean } = { enabledOnly: true },
): Promise<ProviderCredentials> {
  const [row] = await ctx.tx
    .select()
    .from(paymentSettings)
    .where(and(eq(paymentSettings.provider, provider)));
  if (!row || (opts.enabledOnly && !row.enabled))
    throw new AppError('PAYMENT_PROVIDER_OFF', { field: 'provider', details: { provider } });
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(row.secrets)) {
    try {
      secrets[name] = openField(ctx.tenantId, paymentSecretField(provider, name), value);
    } catch (err) {
      if (err instanceof SecretBoxError)
        throw new AppError('SECRET_UNREADABLE', { details: { field: name, reason: err.message } });
      throw err;
    }
  }
  return {
    tenantId: ctx.tenantId,
    config: row.config,
    secrets,
    ...(provider === 'dev' ? { books: devBooks(ctx) } : {}),
  };
}

/** The providers the tenant has turned on, with their channels (the app's choice of how to pay). */
export async function enabledProviders(ctx: Ctx) {
  const rows = await ctx.tx
    .select({ provider: paymentSettings.provider, config: paymentSettings.config })
    .from(paymentSettings)
    .where(eq(paymentSettings.enabled, true));
  return rows.map((r) => ({
    provider: r.provider,
    channels: [...PROVIDERS[r.provider].channels],
    currency: r.provider === 'stripe' ? (r.config.currency ?? 'USD').toUpperCase() : 'CNY',
  }));
}
