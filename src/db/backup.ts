/**
 * Backups and restores of either engine (`movsc db dump|restore`, issue 9 item 7; decision 015):
 * PostgreSQL through pg_dump -Fc / pg_restore (backup.postgres.ts), PGlite through its own consistent
 * dump taken under the data folder's lock (backup.pglite.ts).
 */
import type { TEnv } from '../config/env.js';
import { dumpPglite, restorePglite } from './backup.pglite.js';
import { dumpPostgres, restorePostgres } from './backup.postgres.js';
import { BackupError, assertReadableBackup, assertWritableBackup, sniffBackupKind, type TBackupTarget, type TDumpSummary, type TRestoreSummary } from './backup.shared.js';

export { BackupError, describeCounts, formatMegabytes, type TBackupTarget, type TDumpSummary, type TRestoreSummary, type TTableCounts } from './backup.shared.js';

export function backupTargetOf(env: TEnv): TBackupTarget {
  return env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL, pgBinDir: env.PG_BIN_DIR } : { kind: 'pglite', dataDir: env.DATA_DIR };
}

/** `now` dates the backup and names the folder a restore keeps aside. */
type TBackupOptions = { target: TBackupTarget; file: string; replace: boolean; now: Date };

export async function dumpDatabase(options: TBackupOptions): Promise<TDumpSummary> {
  assertWritableBackup(options.file, options.replace);
  if (options.target.kind === 'pglite') {
    return dumpPglite({ dataDir: options.target.dataDir, file: options.file, now: options.now });
  }
  return dumpPostgres({ url: options.target.url, pgBinDir: options.target.pgBinDir, file: options.file });
}

export async function restoreDatabase(options: TBackupOptions): Promise<TRestoreSummary> {
  assertReadableBackup(options.file);
  const kind = sniffBackupKind(options.file);
  if (options.target.kind === 'pglite') {
    if (kind === 'postgres') {
      throw new BackupError(
        `${options.file} est une sauvegarde PostgreSQL (pg_dump) : restaurez-la sur PostgreSQL, avec DATABASE_URL défini. Rien n'a été changé.`,
      );
    }
    return restorePglite({ dataDir: options.target.dataDir, file: options.file, replace: options.replace, now: options.now });
  }
  if (kind === 'pglite') {
    throw new BackupError(
      `${options.file} est une sauvegarde de la base embarquée (PGlite) : restaurez-la sans DATABASE_URL, dans le dossier de données (DATA_DIR). Rien n'a été changé.`,
    );
  }
  return restorePostgres({ url: options.target.url, pgBinDir: options.target.pgBinDir, file: options.file, replace: options.replace });
}
