/** `movsc` command line: référentiel files, users, migrations. */
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { readEnv } from '../config/env.js';
import { openConfiguredDatabase } from '../boot.js';
import { migrateDatabase } from '../db/migrate.js';
import { ROLES, type TRole } from '../features/auth/auth.tables.js';
import { findCentres } from '../features/centres/centres.service.js';
import { parseCertificationVersionText } from '../features/referentiel/referentiel.file.js';
import { findCertificationVersions, importCertificationVersion } from '../features/referentiel/referentiel.service.js';
import { createUser } from '../features/users/users.service.js';
import { AppError } from '../http/errors.js';
import { todayInParis } from '../lib/dates.js';
import { systemClock } from '../lib/clock.js';
import type { TAuditActor } from '../features/audit/audit.service.js';
import { formatProblems } from './format.js';
import { formatRecordsReport, verifyRecords } from '../features/records/records.service.js';
import { loadReferenceCentres, loadReferenceCertifications } from '../seed/reference.js';

const CLI_ACTOR: TAuditActor = { userId: null, label: `ligne de commande (${process.env.USER ?? 'inconnu'})` };

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(readEnv());
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

function readVersionFile(file: string) {
  const text = fs.readFileSync(file, 'utf8');
  return parseCertificationVersionText(text, path.basename(file));
}

const program = new Command('movsc').description("MOVSC — outils d'administration").showHelpAfterError();

const referentiel = program.command('referentiel').description('Versions des certifications');

referentiel
  .command('validate')
  .argument('<fichier>', 'fichier JSON de version')
  .description('Vérifie un fichier de version et explique chaque problème avec le chemin du champ')
  .action((file: string) => {
    const result = readVersionFile(file);
    console.log(formatProblems(file, result.problems));
    if (result.ok) console.log(`${file} : version ${result.version.code} valide.`);
    process.exitCode = result.ok ? 0 : 1;
  });

referentiel
  .command('import')
  .argument('<fichier>', 'fichier JSON de version')
  .description("Vérifie puis importe (ou met à jour) une version ; rien n'est écrit si le fichier a une erreur")
  .action(async (file: string) => {
    const result = readVersionFile(file);
    if (!result.ok) {
      console.error(formatProblems(file, result.problems));
      console.error(`${file} : import refusé, rien n'a été écrit.`);
      process.exitCode = 1;
      return;
    }
    if (result.problems.length) console.log(formatProblems(file, result.problems));
    const outcome = await withDatabase(({ db }) =>
      importCertificationVersion({ db, actor: CLI_ACTOR, version: result.version, sourceFile: path.basename(file) }),
    );
    const words = { created: 'importée', updated: 'mise à jour', unchanged: 'inchangée' } as const;
    console.log(`Version ${outcome.code} ${words[outcome.outcome]}.`);
  });

referentiel
  .command('list')
  .description('Liste les versions chargées')
  .action(async () => {
    const items = await withDatabase(({ db }) => findCertificationVersions({ db, today: todayInParis(systemClock.now()) }));
    const status = { active: 'en vigueur', closed: 'fermée', upcoming: 'à venir' } as const;
    if (items.length === 0) console.log('Aucune version chargée.');
    for (const v of items) {
      console.log(`${v.code.padEnd(22)} ${status[v.status].padEnd(11)} ${v.registeredOn} → ${v.expiresOn}  ${v.blocCount} blocs  ${v.title}`);
    }
  });

program
  .command('user')
  .description('Comptes')
  .command('create')
  .description('Crée un compte avec ses rôles et ses centres')
  .requiredOption('--email <email>', 'adresse e-mail (identifiant)')
  .requiredOption('--name <nom>', 'nom affiché')
  .requiredOption('--password <mot-de-passe>', 'mot de passe (10 caractères au moins)')
  .addOption(new Option('--role <rôle...>', 'rôle(s)').choices(ROLES as unknown as string[]).makeOptionMandatory())
  .option('--centre <code...>', 'code(s) de centre (PARIS, LILLE…)', [])
  .action(async (opts: { email: string; name: string; password: string; role: TRole[]; centre: string[] }) => {
    const { ZUserCreateSchema } = await import('../features/users/users.routes.js');
    await withDatabase(async ({ db }) => {
      const centres = await findCentres({ db });
      const unknown = opts.centre.filter((code) => !centres.some((c) => c.code === code.toUpperCase()));
      if (unknown.length) throw new AppError('VALIDATION', `Centre(s) inconnu(s) : ${unknown.join(', ')} (connus : ${centres.map((c) => c.code).join(', ')})`);
      const parsed = ZUserCreateSchema.safeParse({
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
      console.log(`Compte créé : ${user.name} <${user.email}> (${user.roles.join(', ')})`);
    });
  });

program
  .command('db')
  .description('Base de données')
  .command('migrate')
  .description('Applique les migrations et charge les données de référence (centres, versions du référentiel)')
  .action(async () => {
    await withDatabase(async (database) => {
      console.log(`Migrations appliquées (${database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}).`);
      const centres = await loadReferenceCentres(database.db, CLI_ACTOR);
      const versions = await loadReferenceCertifications(database.db, CLI_ACTOR);
      const changed = versions.filter((v) => v.outcome !== 'unchanged').length;
      console.log(`Données de référence : ${centres} centre(s) ajouté(s), ${changed} version(s) du référentiel importée(s) ou mise(s) à jour.`);
    });
  });

program
  .command('verify-records')
  .description("Vérifie les chaînes d'empreintes des registres en ajout seul (candidatures, émargements, signatures, audit) ; code 1 si une rupture est trouvée")
  .action(async () => {
    const report = await withDatabase(({ db }) => verifyRecords({ db }));
    console.log(formatRecordsReport(report));
    process.exitCode = report.breaks.length === 0 ? 0 : 1;
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const message = error instanceof AppError ? [error.message, ...(error.issues ?? []).map((i) => `  ${i.path} : ${i.message}`)].join('\n') : (error as Error).message;
  console.error(`Erreur : ${message}`);
  process.exitCode = 1;
}
