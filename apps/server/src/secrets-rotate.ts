// `liuke secrets rotate [--retire-old]`: a new primary key for the secret box, every sealed
// column re-sealed under it, and later the old keys dropped. The database part (open, migrate,
// sweep) is passed in, so the steps and their order can be tested without a process.
import type { Config } from './config.ts';
import type { SweepReport } from './db/sealed.ts';
import {
  formatKeyring,
  loadKeyring,
  primaryOnly,
  withNewPrimary,
  writeKeyFile,
} from './kernel/secret-box.ts';

export interface RotateOptions {
  config: Config;
  retireOld: boolean;
  /** Opens the database with `config` (its keyring) and sweeps the sealed columns. */
  sweep: (config: Config) => Promise<SweepReport>;
  out: (text: string) => void;
}

function describe(r: SweepReport): string {
  let text = `Stored secrets: ${r.resealed} re-sealed under the primary key, ${r.sealed} plain values sealed.\n`;
  if (r.unreadable.length)
    text +=
      `Warning: ${r.unreadable.length} stored secret(s) do not open (tampered, or sealed under a key that is gone); enter them again:\n` +
      r.unreadable.map((u) => `  tenant ${u.tenantId}: ${u.field}\n`).join('');
  return text;
}

export async function rotateSecrets(opts: RotateOptions): Promise<void> {
  const { config, out } = opts;
  const ring = loadKeyring(config.secrets);
  if (ring.source === 'memory') throw new Error('an in-memory database keeps no secrets to rotate');
  const fromEnv = ring.source === 'env';
  const next = opts.retireOld ? ring : withNewPrimary(ring);
  if (fromEnv && !opts.retireOld) {
    // Processes read LIUKE_SECRET_KEY at start: a value sealed under a key they do not have yet
    // would not open in them. So the new value is set everywhere first; every start (and
    // `liuke migrate`) with it then re-seals what is still under the old key.
    out(
      `New primary key ${next.primary}. Set, for every process (the old key stays, so nothing is lost):\n\n` +
        `  LIUKE_SECRET_KEY=${formatKeyring(next)}\n\n` +
        'The next start (or `liuke migrate`) with that value re-seals every stored secret under it; ' +
        'then `liuke secrets rotate --retire-old` (with that value) drops the old key.\n',
    );
    return;
  }
  // The key file gets the new key before anything is sealed with it: a crash in between leaves a
  // key nobody used yet, never a value without its key.
  if (!fromEnv && !opts.retireOld) writeKeyFile(ring.source, next);
  const report = await opts.sweep({
    ...config,
    secrets: { ...config.secrets, envValue: fromEnv ? formatKeyring(next) : undefined },
  });
  out(describe(report));
  if (!opts.retireOld) {
    out(
      `New primary key ${next.primary} added to ${ring.source}. Once every process has restarted, run \`liuke secrets rotate --retire-old\`.\n`,
    );
    return;
  }
  const retired = [...next.keys.keys()].filter((id) => id !== next.primary);
  if (!retired.length) out('Only the primary key is configured; nothing to retire.\n');
  else if (fromEnv)
    out(
      `Every stored secret is sealed under ${next.primary}. Set, for every process:\n\n` +
        `  LIUKE_SECRET_KEY=${formatKeyring(primaryOnly(next))}\n\n`,
    );
  else {
    writeKeyFile(ring.source, primaryOnly(next));
    out(`Retired key(s) ${retired.join(', ')} from ${ring.source}.\n`);
  }
}
