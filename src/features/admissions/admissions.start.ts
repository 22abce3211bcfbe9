/**
 * The public application form (no account yet). It must not tell its caller whether an address has
 * an account, nor whether a named person (name and birth date) has applied: every accepted request
 * gets the same answer (`START_ANSWER`) and takes the same path — the password is hashed, the
 * promotion checked, the statements of a creation run (undone when nothing is to be created), one
 * e-mail queued —, and what happened is told by e-mail only, to the address that owns it:
 * - a new address and a new person: the account (role auditeur, the chosen password) and the draft
 *   are created, all or nothing, and the new address is told how to continue;
 * - an address that already has an account: nothing is written, that account is told someone used it;
 * - a person who already has an application for this diploma and intake: nothing is written, the
 *   address on that file is told (it wins over the previous case: one application per person).
 * Refusals that depend on the request alone (bad input, a closed promotion, the rate limit) are
 * still said at once. docs/decisions/017-public-form-answers-alike.md.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { findDatabaseError } from '../../db/errors.js';
import { AppError, validationError } from '../../http/errors.js';
import { todayInParis } from '../../lib/dates.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { users } from '../auth/auth.tables.js';
import { centres } from '../centres/centres.tables.js';
import { enqueueMail } from '../mail/mail.service.js';
import { createUser } from '../users/users.service.js';
import { startMails } from './admissions.mail.js';
import { identityKey, implausibleDates } from './admissions.rules.js';
import { assertCohortOpen, getCohortForApplication, insertDraft, intakeYearOf, type TIdentityInput } from './admissions.service.js';
import { applications } from './admissions.tables.js';

/** The one answer of the form, whatever happened: nothing in it depends on the address or the person. */
export const START_ANSWER = {
  message:
    "Votre demande est enregistrée. Nous vous avons écrit à l'adresse indiquée : le message vous dit comment continuer. " +
    "Si elle n'avait pas encore de compte, vous pouvez vous connecter dès maintenant avec le mot de passe choisi pour compléter votre candidature.",
} as const;

/** What happened: for the seed, the tests and the audit only, never for the form's caller. */
export type TStartOutcome = { outcome: 'created'; applicationId: string } | { outcome: 'account_exists' | 'already_applied' };

type TStartInput = TIdentityInput & { email: string; password: string; cohortId: string };

/** One « someone used your address / your name » e-mail per account or file per hour: anyone may send the form, over and over. */
const onceAnHour = (owner: string, now: Date) => `admissions-start-diverted:${owner}:${Math.floor(now.getTime() / 3600_000)}`;

/**
 * Another request wrote the same account or application meanwhile: its unique index refused our
 * row, or the checks of createUser / insertDraft saw it commit after ours (their 409s; the checks
 * before them here leave no other conflict). Running again takes the branch of what now exists.
 */
const lostARace = (error: unknown) => {
  if (error instanceof AppError) return error.code === 'CONFLICT';
  const constraint = findDatabaseError(error, '23505')?.constraint ?? '';
  return ['users_email_unique', 'applications_identity_family_intake_uq'].includes(constraint);
};

/** Runs the public form. The handler answers `START_ANSWER` whatever it returns. */
export async function startApplication(o: { db: TDb; requestId?: string; input: TStartInput; now: Date }): Promise<TStartOutcome> {
  const today = todayInParis(o.now);
  const implausible = implausibleDates(o.input, today);
  if (implausible.length) throw validationError(implausible);
  const email = o.input.email.trim().toLowerCase();
  // Before anything is known about the address or the person, so that every path pays for it.
  const passwordHash = await hashPassword(o.input.password);
  const run = () => o.db.transaction((tx) => startInTransaction(tx, { ...o, email, passwordHash, today }));
  try {
    return await run();
  } catch (error) {
    // Two forms at once for the same address or person: the loser finds the winner's rows and
    // answers like them (its e-mail goes to the owner), instead of a 409 that would tell.
    if (lostARace(error)) return run();
    throw error;
  }
}

async function startInTransaction(
  tx: TDbOrTx,
  o: { requestId?: string; input: TStartInput; email: string; passwordHash: string; today: string; now: Date },
): Promise<TStartOutcome> {
  const actor: TAuditActor = { userId: null, label: `candidature en ligne <${o.email}>`, requestId: o.requestId };
  // What depends on the request alone is refused first, alike for everyone.
  const { cohort, family } = await getCohortForApplication(tx, o.input.cohortId, o.today);
  assertCohortOpen(cohort, o.today);
  const intakeYear = intakeYearOf(cohort);
  const [centre] = await tx.select({ name: centres.name }).from(centres).where(eq(centres.id, cohort.centreId));
  const about = { cohortName: cohort.name, centreName: centre?.name ?? '', intakeYear };

  const [file] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.identityKey, identityKey(o.input)), eq(applications.family, family), eq(applications.intakeYear, intakeYear)));
  if (file) {
    await rehearseCreation(tx, o, cohort.id, actor);
    await enqueueMail(tx, startMails.alreadyApplied(file, about), { dedupeKey: onceAnHour(`file:${file.id}`, o.now) });
    await recordAudit(tx, actor, { action: 'application.start_diverted', entityType: 'application', entityId: file.id, after: { reason: 'already_applied', cohortId: cohort.id } });
    return { outcome: 'already_applied' };
  }
  const [account] = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.email, o.email));
  if (account) {
    await rehearseCreation(tx, o, cohort.id, actor);
    await enqueueMail(tx, startMails.accountExists(account, about), { dedupeKey: onceAnHour(`account:${account.id}`, o.now) });
    await recordAudit(tx, actor, { action: 'application.start_diverted', entityType: 'user', entityId: account.id, after: { reason: 'account_exists', cohortId: cohort.id } });
    return { outcome: 'account_exists' };
  }

  const row = await createAccountAndDraft(tx, { ...o, cohortId: cohort.id, actor });
  await enqueueMail(tx, startMails.created(row, about));
  return { outcome: 'created', applicationId: row.id };
}

type TCreation = { actor: TAuditActor; email: string; input: TIdentityInput; passwordHash: string; cohortId: string; today: string; now: Date };

async function createAccountAndDraft(tx: TDbOrTx, o: TCreation) {
  const user = await createUser({
    db: tx,
    actor: o.actor,
    input: { name: `${o.input.firstName.trim()} ${o.input.lastName.trim()}`, email: o.email, passwordHash: o.passwordHash, roles: ['auditeur'], centreIds: [] },
  });
  return insertDraft(tx, { actor: { ...o.actor, userId: user.id }, userId: user.id, email: o.email, cohortId: o.cohortId, identity: o.input, today: o.today, now: o.now });
}

class Rehearsal extends Error {}

/**
 * A diverted request runs the statements of a creation too — under a throwaway address and name,
 * inside a savepoint rolled back at once — so that how long it takes does not tell it from a
 * creation (measured in-process, medians of 30 interleaved requests: without it 87 ms against 29 on
 * PGlite and 98 against 46 on PostgreSQL; with it 41 against 41 and 68 against 73). Nothing of it remains.
 */
async function rehearseCreation(tx: TDbOrTx, o: Omit<TCreation, 'cohortId' | 'actor'>, cohortId: string, actor: TAuditActor) {
  const stand = randomUUID();
  const rehearsal: TCreation = { ...o, actor, cohortId, email: `repetition-${stand}@invalid`, input: { ...o.input, lastName: `Répétition ${stand}` } };
  await tx
    .transaction(async (savepoint) => {
      await createAccountAndDraft(savepoint, rehearsal);
      throw new Rehearsal();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rehearsal)) throw error;
    });
}
