/**
 * The hash-chained registers, as the verifier sees them. This list is written independently of the
 * trigger arguments in the migrations (drizzle/0003_record_chain.sql): if the two ever disagree, every
 * record of the table is reported, which is the point of recomputing in a second place.
 *
 * Adding a register (jury decisions, minutes…): in its migration, the two triggers
 *   CREATE TRIGGER t_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON t FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();
 *   CREATE TRIGGER t_chain BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION movsc_chain_record('<file column>', '<fields>');
 * `...recordChainColumns()` and a unique index on (file column, chain_seq) in its table, and one entry here.
 */

/** How a column is read to rebuild its canonical value. */
export type TFieldKind = 'text' | 'timestamp' | 'json';

export type TRecordChain = {
  table: string;
  /** French name of the register, for reports. */
  label: string;
  /** The column naming the file whose records form one chain; null: the whole table is one chain. */
  fileColumn: string | null;
  /** French name of a file, e.g. « candidature ». */
  fileLabel: string;
  /** Columns identifying a record in a report. */
  idColumns: string[];
  /** Hashed fields, in canonical order (the same order as the trigger's second argument). */
  fields: [name: string, kind: TFieldKind][];
};

export const RECORD_CHAINS: readonly TRecordChain[] = [
  {
    table: 'application_events',
    label: 'historique des candidatures',
    // A file is an application: its history is read, decided and contested as one.
    fileColumn: 'application_id',
    fileLabel: 'candidature',
    idColumns: ['id'],
    fields: [
      ['id', 'text'],
      ['application_id', 'text'],
      ['at', 'timestamp'],
      ['actor_id', 'text'],
      ['actor_label', 'text'],
      ['kind', 'text'],
      ['from_status', 'text'],
      ['to_status', 'text'],
      ['text', 'text'],
      ['private', 'text'],
    ],
  },
  {
    table: 'attendance_records',
    label: 'émargements',
    // Per learner rather than per (session, learner): removing every record of one half-day would
    // otherwise delete a whole chain and leave no trace; per learner, it breaks the learner's chain.
    fileColumn: 'learner_id',
    fileLabel: 'apprenant·e',
    idColumns: ['id'],
    fields: [
      ['id', 'text'],
      ['session_id', 'text'],
      ['learner_id', 'text'],
      ['status', 'text'],
      ['method', 'text'],
      ['recorded_by', 'text'],
      ['recorded_at', 'timestamp'],
      ['reason', 'text'],
      ['supersedes_id', 'text'],
      ['client_info', 'text'],
    ],
  },
  {
    table: 'attendance_teacher_signatures',
    label: 'signatures des feuilles de présence',
    fileColumn: 'session_id',
    fileLabel: 'séance',
    idColumns: ['session_id', 'user_id'],
    fields: [
      ['session_id', 'text'],
      ['user_id', 'text'],
      ['signed_at', 'timestamp'],
    ],
  },
  {
    table: 'audit_events',
    label: "journal d'audit",
    fileColumn: null,
    fileLabel: 'journal',
    idColumns: ['id'],
    fields: [
      ['id', 'text'],
      ['at', 'timestamp'],
      ['actor_id', 'text'],
      ['actor_label', 'text'],
      ['action', 'text'],
      ['entity_type', 'text'],
      ['entity_id', 'text'],
      ['before', 'json'],
      ['after', 'json'],
      ['request_id', 'text'],
    ],
  },
  {
    table: 'thesis_events',
    label: 'historique des mémoires',
    // A file is one learner's mémoire record: its states are read and contested as one.
    fileColumn: 'thesis_id',
    fileLabel: 'mémoire',
    idColumns: ['id'],
    fields: [
      ['id', 'text'],
      ['thesis_id', 'text'],
      ['at', 'timestamp'],
      ['actor_id', 'text'],
      ['actor_label', 'text'],
      ['from_state', 'text'],
      ['to_state', 'text'],
      ['note', 'text'],
    ],
  },
  {
    table: 'atelier_membership_events',
    label: 'changements de groupe d’atelier mémoire',
    // A file is a promotion: its groups are made and changed as one.
    fileColumn: 'cohort_id',
    fileLabel: 'promotion',
    idColumns: ['id'],
    fields: [
      ['id', 'text'],
      ['cohort_id', 'text'],
      ['learner_id', 'text'],
      ['from_group_id', 'text'],
      ['to_group_id', 'text'],
      ['kind', 'text'],
      ['proposal_id', 'text'],
      ['reason', 'text'],
      ['at', 'timestamp'],
      ['actor_id', 'text'],
      ['actor_label', 'text'],
    ],
  },
];
