-- Append-only registers with a chain of hashes (docs/decisions/006-record-chain.md).
-- 1. Generic trigger functions: movsc_refuse_change (UPDATE / DELETE / TRUNCATE refused, SQLSTATE MVR01)
--    and movsc_chain_record (BEFORE INSERT: position, previous hash and hash of the record, computed here).
-- 2. Chain columns (Drizzle: src/db/record-chain.ts), foreign key on attendance_records.supersedes_id.
-- 3. Backfill of the rows written before this migration, then unique (file, position) and the triggers.
--
-- Canonical content of a record (what is hashed, also recomputed by `movsc verify-records` in TypeScript):
-- lines joined by "\n", no trailing newline, UTF-8:
--   movsc-record-v1
--   table=<table name>
--   <field>=<byte length>:<value>   or   <field>=~   (SQL NULL, or JSON null)   for each field, in the
--                                   order given to the trigger, then chain_seq and prev_hash
-- values: timestamps in UTC as YYYY-MM-DDTHH:MM:SS.ffffffZ (microseconds); jsonb in PostgreSQL's
-- normal text form (keys sorted); booleans true/false; other types in their text form.
-- record_hash = lower-case hex SHA-256 of that text.
CREATE FUNCTION movsc_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING
    ERRCODE = 'MVR01',
    MESSAGE = format('Registre en ajout seul « %s » : %s refusée. Une correction s''écrit comme un nouvel enregistrement.',
      TG_TABLE_NAME,
      CASE TG_OP WHEN 'UPDATE' THEN 'modification' WHEN 'DELETE' THEN 'suppression' ELSE 'remise à zéro (TRUNCATE)' END),
    TABLE = TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION movsc_record_canonical(tbl regclass, rec jsonb, fields text[]) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  lines text[] := ARRAY['movsc-record-v1', 'table=' || (SELECT relname FROM pg_class WHERE oid = tbl)];
  f text;
  typ regtype;
  v text;
BEGIN
  FOREACH f IN ARRAY fields || ARRAY['chain_seq', 'prev_hash'] LOOP
    SELECT a.atttypid::regtype INTO typ FROM pg_attribute a WHERE a.attrelid = tbl AND a.attname = f AND NOT a.attisdropped;
    IF typ IS NULL THEN
      RAISE EXCEPTION 'movsc_record_canonical: colonne « % » absente de « % »', f, tbl;
    END IF;
    IF rec -> f IS NULL OR jsonb_typeof(rec -> f) = 'null' THEN
      v := NULL;
    ELSIF typ = 'timestamp with time zone'::regtype THEN
      v := to_char(((rec ->> f)::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    ELSIF typ = 'jsonb'::regtype THEN
      v := (rec -> f)::text;
    ELSE
      v := rec ->> f;
    END IF;
    lines := lines || (f || '=' || CASE WHEN v IS NULL THEN '~' ELSE octet_length(v)::text || ':' || v END);
  END LOOP;
  RETURN array_to_string(lines, E'\n');
END;
$$;
--> statement-breakpoint
CREATE FUNCTION movsc_record_hash(tbl regclass, rec jsonb, fields text[]) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(movsc_record_canonical(tbl, rec, fields), 'UTF8')), 'hex');
$$;
--> statement-breakpoint
-- Trigger arguments: the column naming the file ('' = the whole table is one chain), then the hashed
-- fields, comma-separated, in their canonical order. A transaction-scoped advisory lock per file makes
-- concurrent inserts on one file wait for each other, so the chain cannot fork; the unique index on
-- (file, chain_seq) refuses a fork even so.
CREATE FUNCTION movsc_chain_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  file_column text := nullif(TG_ARGV[0], '');
  fields text[] := string_to_array(TG_ARGV[1], ',');
  file_key text := '';
  last_seq integer;
  last_hash text;
BEGIN
  IF file_column IS NOT NULL THEN
    file_key := to_jsonb(NEW) ->> file_column;
    PERFORM pg_advisory_xact_lock(hashtext('movsc:' || TG_TABLE_NAME), hashtext(file_key));
    EXECUTE format('SELECT chain_seq, record_hash FROM %I.%I WHERE %I = ($1).%I ORDER BY chain_seq DESC LIMIT 1',
      TG_TABLE_SCHEMA, TG_TABLE_NAME, file_column, file_column)
      INTO last_seq, last_hash USING NEW;
  ELSE
    PERFORM pg_advisory_xact_lock(hashtext('movsc:' || TG_TABLE_NAME), 0);
    EXECUTE format('SELECT chain_seq, record_hash FROM %I.%I ORDER BY chain_seq DESC LIMIT 1', TG_TABLE_SCHEMA, TG_TABLE_NAME)
      INTO last_seq, last_hash;
  END IF;
  NEW.chain_seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := last_hash;
  NEW.record_hash := movsc_record_hash(TG_RELID, to_jsonb(NEW), fields);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Chains the rows of a table written before its triggers existed, file by file, in the given order.
-- Run it before attaching movsc_refuse_change (it updates the rows).
CREATE FUNCTION movsc_chain_backfill(tbl regclass, file_column text, fields text, order_by text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
  rec jsonb;
  cur_file text := NULL;
  seq integer := 0;
  last_hash text := NULL;
  h text;
  fc text := nullif(file_column, '');
BEGIN
  FOR r IN EXECUTE format('SELECT ctid AS row_ctid, to_jsonb(t) AS rec FROM %s t ORDER BY %s%s', tbl,
      CASE WHEN fc IS NULL THEN '' ELSE format('%I, ', fc) END, order_by) LOOP
    rec := r.rec;
    IF fc IS NOT NULL AND (cur_file IS NULL OR cur_file <> rec ->> fc) THEN
      cur_file := rec ->> fc;
      seq := 0;
      last_hash := NULL;
    END IF;
    seq := seq + 1;
    rec := rec || jsonb_build_object('chain_seq', seq, 'prev_hash', last_hash);
    h := movsc_record_hash(tbl, rec, string_to_array(fields, ','));
    EXECUTE format('UPDATE %s SET chain_seq = $1, prev_hash = $2, record_hash = $3 WHERE ctid = $4', tbl)
      USING seq, last_hash, h, r.row_ctid;
    last_hash := h;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "record_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance_records" ADD COLUMN "chain_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance_records" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "attendance_records" ADD COLUMN "record_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance_teacher_signatures" ADD COLUMN "chain_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance_teacher_signatures" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "attendance_teacher_signatures" ADD COLUMN "record_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "application_events" ADD COLUMN "chain_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "application_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "application_events" ADD COLUMN "record_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_supersedes_id_attendance_records_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."attendance_records"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
SELECT movsc_chain_backfill('application_events', 'application_id', 'id,application_id,at,actor_id,actor_label,kind,from_status,to_status,text,private', 'at, id');
--> statement-breakpoint
SELECT movsc_chain_backfill('attendance_records', 'learner_id', 'id,session_id,learner_id,status,method,recorded_by,recorded_at,reason,supersedes_id,client_info', 'recorded_at, id');
--> statement-breakpoint
SELECT movsc_chain_backfill('attendance_teacher_signatures', 'session_id', 'session_id,user_id,signed_at', 'signed_at, user_id');
--> statement-breakpoint
SELECT movsc_chain_backfill('audit_events', '', 'id,at,actor_id,actor_label,action,entity_type,entity_id,before,after,request_id', 'id');
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_uq" ON "audit_events" USING btree ("chain_seq");
--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_records_chain_uq" ON "attendance_records" USING btree ("learner_id","chain_seq");
--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_teacher_signatures_chain_uq" ON "attendance_teacher_signatures" USING btree ("session_id","chain_seq");
--> statement-breakpoint
CREATE UNIQUE INDEX "application_events_chain_uq" ON "application_events" USING btree ("application_id","chain_seq");
--> statement-breakpoint
CREATE TRIGGER application_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON application_events FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();
--> statement-breakpoint
CREATE TRIGGER application_events_chain BEFORE INSERT ON application_events FOR EACH ROW EXECUTE FUNCTION movsc_chain_record('application_id', 'id,application_id,at,actor_id,actor_label,kind,from_status,to_status,text,private');
--> statement-breakpoint
CREATE TRIGGER attendance_records_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON attendance_records FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();
--> statement-breakpoint
CREATE TRIGGER attendance_records_chain BEFORE INSERT ON attendance_records FOR EACH ROW EXECUTE FUNCTION movsc_chain_record('learner_id', 'id,session_id,learner_id,status,method,recorded_by,recorded_at,reason,supersedes_id,client_info');
--> statement-breakpoint
CREATE TRIGGER attendance_teacher_signatures_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON attendance_teacher_signatures FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();
--> statement-breakpoint
CREATE TRIGGER attendance_teacher_signatures_chain BEFORE INSERT ON attendance_teacher_signatures FOR EACH ROW EXECUTE FUNCTION movsc_chain_record('session_id', 'session_id,user_id,signed_at');
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION movsc_chain_record('', 'id,at,actor_id,actor_label,action,entity_type,entity_id,before,after,request_id');
