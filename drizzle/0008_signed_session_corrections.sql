CREATE TABLE "session_time_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"before_starts_at" timestamp with time zone NOT NULL,
	"before_ends_at" timestamp with time zone NOT NULL,
	"after_starts_at" timestamp with time zone NOT NULL,
	"after_ends_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"corrected_by" text NOT NULL,
	"corrected_by_name" text NOT NULL,
	"corrected_at" timestamp with time zone NOT NULL,
	"txid" bigint DEFAULT txid_current() NOT NULL,
	CONSTRAINT "session_time_corrections_reason_check" CHECK (length(trim("session_time_corrections"."reason")) >= 10)
);
--> statement-breakpoint
ALTER TABLE "session_time_corrections" ADD CONSTRAINT "session_time_corrections_session_id_calendar_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."calendar_sessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_time_corrections_session_idx" ON "session_time_corrections" USING btree ("session_id","corrected_at");--> statement-breakpoint
-- Decision 012: the times of a session with attendance change only through a recorded correction (reason,
-- author, date): the update is let through when this transaction recorded a correction to exactly those times.
CREATE OR REPLACE FUNCTION movsc_session_times_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.starts_at IS DISTINCT FROM OLD.starts_at OR NEW.ends_at IS DISTINCT FROM OLD.ends_at)
     AND EXISTS (SELECT 1 FROM attendance_records WHERE session_id = OLD.id)
     AND NOT EXISTS (
       SELECT 1 FROM session_time_corrections c
       WHERE c.session_id = OLD.id AND c.txid = txid_current()
         AND c.before_starts_at = OLD.starts_at AND c.before_ends_at = OLD.ends_at
         AND c.after_starts_at = NEW.starts_at AND c.after_ends_at = NEW.ends_at
     ) THEN
    RAISE EXCEPTION USING
      ERRCODE = 'MVS01',
      MESSAGE = 'Des émargements existent pour cette séance : ses horaires ne peuvent plus changer (sauf par une correction motivée).';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- Whether a session has attendance, for the calendar (which does not read the attendance tables itself).
CREATE OR REPLACE FUNCTION movsc_session_has_attendance(sid uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM attendance_records WHERE session_id = sid)
$$;
--> statement-breakpoint
-- How many learners have attendance for a session (shown before a correction: their hours follow the session's times).
CREATE OR REPLACE FUNCTION movsc_session_attendance_learners(sid uuid) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT count(DISTINCT learner_id)::integer FROM attendance_records WHERE session_id = sid
$$;
--> statement-breakpoint
CREATE TRIGGER session_time_corrections_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON session_time_corrections FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();
