/**
 * `movsc` command line: référentiel files, users, migrations, backups. `runMovsc` runs one command in the
 * calling process (bin/movsc.mjs calls it with the real argv; tests call it directly, which is
 * what keeps the CLI tests fast); it returns the exit code instead of exiting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { readEnv, type TEnv } from '../config/env.js';
import { openConfiguredDatabase } from '../boot.js';
import { migrateDatabase } from '../db/migrate.js';
import type { TDatabase } from '../db/client.js';
import { backupTargetOf, describeCounts, dumpDatabase, formatMegabytes, restoreDatabase } from '../db/backup.js';
import { ROLES, type TRole } from '../features/auth/auth.tables.js';
import { ZNewPasswordSchema } from '../features/auth/password.policy.js';
import { findCentres } from '../features/centres/centres.service.js';
import { parseCertificationVersionText } from '../features/referentiel/referentiel.file.js';
import { findCertificationVersions, importCertificationVersion } from '../features/referentiel/referentiel.service.js';
import { createUser } from '../features/users/users.service.js';
import { AppError } from '../http/errors.js';
import { todayInParis } from '../lib/dates.js';
import { formatDateTimeFr } from '../lib/format.js';
import { systemClock } from '../lib/clock.js';
import type { TAuditActor } from '../features/audit/audit.service.js';
import { formatProblems } from './format.js';
import { formatRecordsReport, verifyRecords } from '../features/records/records.service.js';
import { headsFileText, parseHeadsFile } from '../features/records/records.heads.js';
import { loadReferenceCentres, loadReferenceCertifications } from '../seed/reference.js';

const CLI_ACTOR: TAuditActor = { userId: null, label: `ligne de commande (${process.env.USER ?? 'inconnu'})` };

/** Where a command writes, and how it reaches its database (the configured one unless a test gives its own). */
export type TCliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  openDatabase?: () => Promise<TDatabase>;
  /** The configuration (which database; `db dump` and `db restore` open their engine from it); the process's by default. */
  env?: TEnv;
};

const processIo: TCliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

function readVersionFile(file: string) {
  const text = fs.readFileSync(file, 'utf8');
  return parseCertificationVersionText(text, path.basename(file));
}

export async function runMovsc(argv: readonly string[], io: TCliIo = processIo): Promise<number> {
  let exitCode = 0;
  const open = io.openDatabase ?? (() => openConfiguredDatabase(io.env ?? readEnv()));
  async function withDatabase<T>(fn: (db: TDatabase) => Promise<T>): Promise<T> {
    const database = await open();
    try {
      await migrateDatabase(database);
      return await fn(database);
    } finally {
      await database.close();
    }
  }

  const program = new Command('movsc')
    .description("MOVSC — outils d'administration")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) });

  const referentiel = program.command('referentiel').description('Versions des certifications');

  referentiel
    .command('validate')
    .argument('<fichier>', 'fichier JSON de version')
    .description('Vérifie un fichier de version et explique chaque problème avec le chemin du champ')
    .action((file: string) => {
      const result = readVersionFile(file);
      io.out(formatProblems(file, result.problems));
      if (result.ok) io.out(`${file} : version ${result.version.code} valide.`);
      exitCode = result.ok ? 0 : 1;
    });

  referentiel
    .command('import')
    .argument('<fichier>', 'fichier JSON de version')
    .description("Vérifie puis importe (ou met à jour) une version ; rien n'est écrit si le fichier a une erreur")
    .action(async (file: string) => {
      const result = readVersionFile(file);
      if (!result.ok) {
        io.err(formatProblems(file, result.problems));
        io.err(`${file} : import refusé, rien n'a été écrit.`);
        exitCode = 1;
        return;
      }
      if (result.problems.length) io.out(formatProblems(file, result.problems));
      const outcome = await withDatabase(({ db }) =>
        importCertificationVersion({ db, actor: CLI_ACTOR, version: result.version, sourceFile: path.basename(file) }),
      );
      const words = { created: 'importée', updated: 'mise à jour', unchanged: 'inchangée' } as const;
      io.out(`Version ${outcome.code} ${words[outcome.outcome]}.`);
    });

  referentiel
    .command('list')
    .description('Liste les versions chargées')
    .action(async () => {
      const items = await withDatabase(({ db }) => findCertificationVersions({ db, today: todayInParis(systemClock.now()) }));
      const status = { active: 'en vigueur', closed: 'fermée', upcoming: 'à venir' } as const;
      if (items.length === 0) io.out('Aucune version chargée.');
      for (const v of items) {
        io.out(`${v.code.padEnd(22)} ${status[v.status].padEnd(11)} ${v.registeredOn} → ${v.expiresOn}  ${v.blocCount} blocs  ${v.title}`);
      }
    });

  program
    .command('user')
    .description('Comptes')
    .command('create')
    .description('Crée un compte avec ses rôles et ses centres')
    .requiredOption('--email <email>', 'adresse e-mail (identifiant)')
    .requiredOption('--name <nom>', 'nom affiché')
    .requiredOption('--password <mot-de-passe>', 'mot de passe (8 caractères au moins, pas un des plus courants)')
    .addOption(new Option('--role <rôle...>', 'rôle(s)').choices([...ROLES]).makeOptionMandatory())
    .option('--centre <code...>', 'code(s) de centre (PARIS, LILLE…)', [])
    .action(async (opts: { email: string; name: string; password: string; role: TRole[]; centre: string[] }) => {
      const { ZUserCreateSchema } = await import('../features/users/users.routes.js');
      await withDatabase(async ({ db }) => {
        const centres = await findCentres({ db });
        const unknown = opts.centre.filter((code) => !centres.some((c) => c.code === code.toUpperCase()));
        if (unknown.length) throw new AppError('VALIDATION', `Centre(s) inconnu(s) : ${unknown.join(', ')} (connus : ${centres.map((c) => c.code).join(', ')})`);
        const parsed = ZUserCreateSchema.extend({ password: ZNewPasswordSchema }).safeParse({
          name: opts.name,
          email: opts.email,
          password: opts.password,
          roles: opts.role,
          centreIds: centres.filter((c) => opts.centre.some((code) => code.toUpperCase() === c.code)).map((c) => c.id),
        });
        if (!parsed.success) {
          throw new AppError('VALIDATION', parsed.error.issues.map((i) => `${i.path.join('.')} : ${i.message}`).join('\n'));
        }
        const user = await createUser({ db, actor: CLI_ACTOR, input: parsed.data });
        io.out(`Compte créé : ${user.name} <${user.email}> (${user.roles.join(', ')})`);
      });
    });

  const dbGroup = program.command('db').description('Base de données : migrations, sauvegarde et restauration');

  dbGroup
    .command('migrate')
    .description('Applique les migrations et charge les données de référence (centres, versions du référentiel)')
    .action(async () => {
      await withDatabase(async (database) => {
        io.out(`Migrations appliquées (${database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}).`);
        const centres = await loadReferenceCentres(database.db, CLI_ACTOR);
        const versions = await loadReferenceCertifications(database.db, CLI_ACTOR);
        const changed = versions.filter((v) => v.outcome !== 'unchanged').length;
        io.out(`Données de référence : ${centres} centre(s) ajouté(s), ${changed} version(s) du référentiel importée(s) ou mise(s) à jour.`);
      });
    });

  const engineLabel = { pglite: 'PGlite', postgres: 'PostgreSQL' } as const;

  dbGroup
    .command('dump')
    .argument('<fichier>', 'fichier de sauvegarde à écrire')
    .description(
      "Sauvegarde la base configurée : PostgreSQL par pg_dump (format personnalisé), la base embarquée (PGlite, serveur arrêté) par sa copie cohérente",
    )
    .option('--remplacer', 'écrase le fichier s\'il existe déjà')
    .action(async (file: string, opts: { remplacer?: boolean }) => {
      const summary = await dumpDatabase({ target: backupTargetOf(io.env ?? readEnv()), file, replace: opts.remplacer === true, now: systemClock.now() });
      const counts = summary.counts ? ` : ${describeCounts(summary.counts)}` : '';
      io.out(`Sauvegarde ${engineLabel[summary.engine]} écrite dans ${file} (${formatMegabytes(summary.bytes)})${counts}.`);
      io.out(`Pour la restaurer : movsc db restore ${file}`);
    });

  dbGroup
    .command('restore')
    .argument('<fichier>', 'fichier écrit par « movsc db dump »')
    .description(
      "Restaure une sauvegarde dans la base configurée ; refuse une base qui contient déjà des données sans --remplacer, et ne change rien si le fichier est abîmé",
    )
    .option('--remplacer', 'remplace la base existante (PGlite : gardée à côté ; PostgreSQL : ses tables sont supprimées puis recréées, en une transaction)')
    .action(async (file: string, opts: { remplacer?: boolean }) => {
      const summary = await restoreDatabase({ target: backupTargetOf(io.env ?? readEnv()), file, replace: opts.remplacer === true, now: systemClock.now() });
      const taken = summary.takenAt ? ` (sauvegarde du ${formatDateTimeFr(summary.takenAt)})` : '';
      io.out(`Base ${engineLabel[summary.engine]} restaurée depuis ${file}${taken} dans ${summary.target} : ${describeCounts(summary.counts)}.`);
      if (summary.previousKeptIn) io.out(`L'ancienne base est gardée dans ${summary.previousKeptIn} : supprimez ce dossier une fois la restauration vérifiée.`);
      io.out('Vérifiez les registres (movsc verify-records), puis démarrez le serveur : il applique les migrations qui manqueraient.');
    });

  program
    .command('verify-records')
    .description("Vérifie les chaînes d'empreintes des registres en ajout seul (candidatures, émargements, signatures, audit) ; code 1 si une rupture est trouvée")
    .option('--check-heads <fichier>', 'compare aussi avec un relevé des têtes de chaînes fait plus tôt (fin de chaîne coupée, chaîne réécrite)')
    .option('--save-heads <fichier>', 'écrit le relevé des têtes de chaînes, à garder hors de la base')
    .action(async (opts: { checkHeads?: string; saveHeads?: string }) => {
      const anchored = opts.checkHeads ? parseHeadsFile(fs.readFileSync(opts.checkHeads, 'utf8'), opts.checkHeads) : null;
      const report = await withDatabase(({ db }) => verifyRecords({ db, anchors: anchored?.heads }));
      io.out(formatRecordsReport(report));
      if (anchored) io.out(`Comparé au relevé du ${anchored.savedAt} (${anchored.heads.length} tête(s) de chaîne).`);
      if (opts.saveHeads) {
        fs.writeFileSync(opts.saveHeads, headsFileText(report.heads, systemClock.now()));
        io.out(`Relevé de ${report.heads.length} tête(s) de chaîne écrit dans ${opts.saveHeads} : gardez-le hors de la base.`);
      }
      exitCode = report.breaks.length === 0 ? 0 : 1;
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    // Commander has already printed its own usage errors (exitOverride); ours are printed here.
    if (error instanceof CommanderError) return error.exitCode;
    const message = error instanceof AppError ? [error.message, ...(error.issues ?? []).map((i) => `  ${i.path} : ${i.message}`)].join('\n') : (error as Error).message;
    io.err(`Erreur : ${message}`);
    return 1;
  }
  return exitCode;
}
