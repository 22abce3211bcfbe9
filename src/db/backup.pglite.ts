/**
 * The embedded database's backup. A dump is taken by this process with the data folder's lock held
 * (so no server writes meanwhile), after a CHECKPOINT, through PGlite's own `dumpDataDir` (which runs
 * between two queries). The file is a short header — what was dumped, when, the rows per table, the
 * SHA-256 of the rest — then PGlite's gzipped tarball. A restore checks all of that, opens the
 * tarball in a folder of its own beside the database, compares the rows per table, and only then
 * swaps the folders by renaming: a bad file never touches the database in place.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { z } from 'zod';
import { DatabaseLockedError, lockDataDir, openDatabase, type TDatabase } from './client.js';
import {
  BackupError,
  PGLITE_MAGIC,
  countRows,
  partialPathOf,
  type TDumpSummary,
  type TRestoreSummary,
  type TTableCounts,
} from './backup.shared.js';

const ZPgliteBackupHeaderSchema = z.object({
  format: z.literal('movsc-pglite'),
  createdAt: z.iso.datetime(),
  postgres: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
type TPgliteBackupHeader = z.infer<typeof ZPgliteBackupHeaderSchema>;

/** The header is one line of JSON after the magic line; a longer one is not ours. */
const MAX_HEADER_BYTES = 1_000_000;
const integer = new Intl.NumberFormat('fr-FR');

function databaseFolderOf(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'pglite');
}

function lockedByServer(error: DatabaseLockedError, dataDir: string, what: 'sauvegarde' | 'restauration'): BackupError {
  const command = what === 'sauvegarde' ? 'movsc db dump' : 'movsc db restore';
  return new BackupError(
    `Le serveur MOVSC (pid ${error.pid}) a ouvert la base embarquée de ${path.resolve(dataDir)} : arrêtez-le le temps de la ${what} ` +
      `(quelques secondes), puis relancez « ${command} ». Une copie du dossier pendant qu'il tourne ne serait pas fiable ; ` +
      `pour sauvegarder sans arrêter le service, utilisez PostgreSQL (DATABASE_URL).`,
  );
}

function diskError(error: unknown, file: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new BackupError(`Le disque de ${file} est plein : libérez de la place ou écrivez la sauvegarde ailleurs. Aucune sauvegarde n'a été écrite.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT') {
    return new BackupError(`Impossible d'écrire ${file} (${code}) : vérifiez que le dossier existe et qu'il est accessible en écriture. Aucune sauvegarde n'a été écrite.`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

export async function dumpPglite(options: { dataDir: string; file: string; now: Date }): Promise<TDumpSummary> {
  const folder = databaseFolderOf(options.dataDir);
  if (!fs.existsSync(path.join(folder, 'PG_VERSION'))) {
    throw new BackupError(`Aucune base embarquée dans ${folder} : rien à sauvegarder (vérifiez DATA_DIR).`);
  }
  let database: TDatabase;
  try {
    database = await openDatabase({ dataDir: options.dataDir });
  } catch (error) {
    if (error instanceof DatabaseLockedError) throw lockedByServer(error, options.dataDir, 'sauvegarde');
    throw error;
  }
  const partial = partialPathOf(options.file);
  try {
    const engine = database.pglite!;
    // The pages changed since the last checkpoint go to the data files: the tarball needs no WAL replay.
    await engine.exec('checkpoint');
    const counts = await countRows(async (text) => (await engine.query<Record<string, unknown>>(text)).rows);
    const [version] = (await engine.query<{ server_version: string }>('show server_version')).rows;
    const payload = Buffer.from(await (await engine.dumpDataDir('gzip')).arrayBuffer());
    const header: TPgliteBackupHeader = {
      format: 'movsc-pglite',
      createdAt: options.now.toISOString(),
      postgres: version?.server_version ?? 'inconnue',
      bytes: payload.length,
      sha256: createHash('sha256').update(payload).digest('hex'),
      counts,
    };
    const bytes = writeDurably(partial, [Buffer.from(PGLITE_MAGIC, 'latin1'), Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), payload]);
    fs.renameSync(partial, options.file);
    return { engine: 'pglite', file: options.file, bytes, tables: Object.keys(counts).length, counts };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw diskError(error, options.file);
  } finally {
    await database.close();
  }
}

/** Written and flushed to the disk before it is renamed into place. */
function writeDurably(file: string, parts: Buffer[]): number {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  try {
    for (const part of parts) {
      fs.writeSync(fd, part);
      bytes += part.length;
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

/** Reads and checks the whole file before anything is touched: magic, header, size, SHA-256, archive. */
export function readPgliteBackup(file: string): { header: TPgliteBackupHeader; tarball: Buffer } {
  const content = fs.readFileSync(file);
  const refused = (why: string) => new BackupError(`${file} n'est pas une sauvegarde MOVSC utilisable : ${why}. Rien n'a été changé.`);
  if (content.subarray(0, PGLITE_MAGIC.length).toString('latin1') !== PGLITE_MAGIC) {
    throw refused("il ne commence pas comme une sauvegarde de la base embarquée (« movsc db dump »)");
  }
  const end = content.indexOf(0x0a, PGLITE_MAGIC.length);
  if (end < 0 || end - PGLITE_MAGIC.length > MAX_HEADER_BYTES) throw refused("son en-tête est coupé");
  let header: TPgliteBackupHeader;
  try {
    header = ZPgliteBackupHeaderSchema.parse(JSON.parse(content.subarray(PGLITE_MAGIC.length, end).toString('utf8')));
  } catch {
    throw refused('son en-tête est illisible');
  }
  const payload = content.subarray(end + 1);
  if (payload.length !== header.bytes) {
    throw refused(`il fait ${integer.format(payload.length)} octets de données au lieu des ${integer.format(header.bytes)} écrits (fichier tronqué ou complété)`);
  }
  if (createHash('sha256').update(payload).digest('hex') !== header.sha256) {
    throw refused("son empreinte SHA-256 ne correspond plus : le fichier a été abîmé ou modifié après la sauvegarde");
  }
  // Unpacked here, where a bad stream is a plain exception (inside PGlite it escapes as an unhandled rejection).
  let tarball: Buffer;
  try {
    tarball = zlib.gunzipSync(payload);
  } catch {
    throw refused("ses données ne sont pas une archive compressée lisible");
  }
  if (tarball.length < 512 || tarball.subarray(257, 262).toString('latin1') !== 'ustar') throw refused("ses données ne sont pas une copie de base PGlite");
  return { header, tarball };
}

function hasContent(folder: string): boolean {
  try {
    return fs.readdirSync(folder).length > 0;
  } catch {
    return false;
  }
}

export async function restorePglite(options: { dataDir: string; file: string; replace: boolean; now: Date }): Promise<TRestoreSummary> {
  const { header, tarball } = readPgliteBackup(options.file);
  const dir = path.resolve(options.dataDir);
  let release: () => void;
  try {
    release = lockDataDir(dir);
  } catch (error) {
    if (error instanceof DatabaseLockedError) throw lockedByServer(error, dir, 'restauration');
    throw error;
  }
  const target = databaseFolderOf(dir);
  const staging = path.join(dir, `pglite.restauration-${process.pid}`);
  try {
    if (hasContent(target) && !options.replace) {
      throw new BackupError(
        `Le dossier ${target} contient déjà une base : rien n'a été changé. Ajoutez --remplacer pour la remplacer ` +
          `(elle sera gardée à côté), ou choisissez un autre dossier de données (DATA_DIR).`,
      );
    }
    fs.rmSync(staging, { recursive: true, force: true });
    const counts = await openAside(staging, tarball, header, options.file);
    const differing = Object.keys({ ...header.counts, ...counts }).filter((t) => header.counts[t] !== counts[t]);
    if (differing.length) {
      throw new BackupError(
        `${options.file} s'ouvre, mais ses tables ne contiennent pas les lignes relevées à la sauvegarde (${differing.slice(0, 5).join(', ')}) : ` +
          `elle n'a pas été restaurée. Rien n'a été changé.`,
      );
    }
    let previous: string | null = null;
    if (hasContent(target)) {
      previous = path.join(dir, `pglite.avant-restauration-${options.now.toISOString().replace(/[:.]/g, '-')}`);
      fs.renameSync(target, previous);
    } else {
      fs.rmSync(target, { recursive: true, force: true });
    }
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      if (previous) fs.renameSync(previous, target);
      throw error;
    }
    return { engine: 'pglite', file: options.file, target, counts, takenAt: new Date(header.createdAt), previousKeptIn: previous };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    release();
  }
}

/** The backup opened in its own folder: it must start, and it is counted there. */
async function openAside(staging: string, tarball: Buffer, header: TPgliteBackupHeader, file: string): Promise<TTableCounts> {
  let engine: PGlite | null = null;
  try {
    engine = await PGlite.create(staging, { loadDataDir: new Blob([new Uint8Array(tarball.buffer as ArrayBuffer, tarball.byteOffset, tarball.length)]) });
    const opened = engine;
    return await countRows(async (text) => (await opened.query<Record<string, unknown>>(text)).rows);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new BackupError(`Le disque du dossier de données est plein : la sauvegarde n'a pas pu être dépliée. Rien n'a été changé.`);
    throw new BackupError(
      `${file} (base PostgreSQL ${header.postgres} embarquée, sauvegardée le ${header.createdAt}) ne s'ouvre pas : ${(error as Error).message}. ` +
        `Si elle vient d'une autre version de MOVSC, restaurez-la avec cette version-là. Rien n'a été changé.`,
    );
  } finally {
    await engine?.close();
  }
}
