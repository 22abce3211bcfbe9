/**
 * What a user reads when the database itself refuses a write that the services could not foresee:
 * two requests racing for the same row. Each unique constraint a race can reach has its sentence;
 * any other one gets a general sentence, never a 500.
 */
const DUPLICATE_MESSAGES: Record<string, string> = {
  users_email_unique: 'Un compte existe déjà avec cette adresse e-mail.',
  cohorts_centre_number_uq: 'Ce centre a déjà une promotion portant ce numéro.',
  cohort_learners_cohort_user_uq: 'Cette personne est déjà inscrite dans cette promotion.',
  attendance_first_record_uq: 'La présence de cette personne à cette séance est déjà enregistrée : corrigez-la si besoin.',
  attendance_supersedes_uq: 'Cet enregistrement de présence a déjà été corrigé : rechargez la feuille.',
  attendance_teacher_signatures_pkey: 'Vous avez déjà signé la feuille de cette séance.',
  applications_identity_family_intake_uq:
    'Une candidature existe déjà pour cette personne, pour ce diplôme et pour cette rentrée : une seule candidature par personne, par diplôme et par rentrée.',
  conflict_declarations_pair_uq: 'Vous avez déjà déclaré un conflit d’intérêts avec cette personne.',
  skill_blocks_version_code_uq: 'Cette version a déjà un bloc portant ce code.',
};

export function duplicateMessage(constraint: string | null): string {
  if (constraint && DUPLICATE_MESSAGES[constraint]) return DUPLICATE_MESSAGES[constraint];
  if (constraint?.endsWith('_chain_uq')) return 'Un autre enregistrement vient d’être écrit au même moment : réessayez.';
  return 'Cet enregistrement existe déjà (une autre demande identique vient d’aboutir) : rechargez la page.';
}

/** The SQLSTATE or system error code of a database failure, for the log (never its parameters). */
export function databaseCodeOf(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : null;
  }
  return null;
}
