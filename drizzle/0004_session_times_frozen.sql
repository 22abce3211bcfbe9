-- A session that has attendance records keeps its times: moving it would make signed attendance lie.
-- Stated in the database (not in the calendar's code, which must not know the attendance tables), so
-- no code path can move such a session. Deleting one is already refused by the foreign key of
-- attendance_records.session_id (ON DELETE RESTRICT, SQLSTATE 23503).
CREATE OR REPLACE FUNCTION movsc_session_times_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.starts_at IS DISTINCT FROM OLD.starts_at OR NEW.ends_at IS DISTINCT FROM OLD.ends_at)
     AND EXISTS (SELECT 1 FROM attendance_records WHERE session_id = OLD.id) THEN
    RAISE EXCEPTION USING
      ERRCODE = 'MVS01',
      MESSAGE = 'Des émargements existent pour cette séance : ses horaires ne peuvent plus changer.';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER calendar_sessions_times_frozen
  BEFORE UPDATE OF starts_at, ends_at ON calendar_sessions
  FOR EACH ROW EXECUTE FUNCTION movsc_session_times_frozen();
