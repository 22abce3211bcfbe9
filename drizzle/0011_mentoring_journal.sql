CREATE TABLE "mentoring_meeting_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"actor_label" text NOT NULL,
	"action" text,
	"from_state" text,
	"to_state" text NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "mentoring_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"learner_id" text NOT NULL,
	"teacher_id" text NOT NULL,
	"subject" text NOT NULL,
	"mode" text NOT NULL,
	"proposed_times" jsonb NOT NULL,
	"state" text NOT NULL,
	"counter_at" timestamp with time zone,
	"scheduled_at" timestamp with time zone,
	"decline_reason" text,
	"held_at" timestamp with time zone,
	"duration_minutes" integer,
	"held_mode" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mentoring_meetings_held_ck" CHECK ("mentoring_meetings"."state" <> 'held' OR ("mentoring_meetings"."held_at" IS NOT NULL AND "mentoring_meetings"."duration_minutes" > 0 AND "mentoring_meetings"."held_mode" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "mentoring_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"author_id" text NOT NULL,
	"visibility" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"learner_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"shared_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journal_entries_read_shared_ck" CHECK ("journal_entries"."read_at" IS NULL OR "journal_entries"."shared_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "thesis_time_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"learner_id" text NOT NULL,
	"worked_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"activity" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "thesis_time_logs_minutes_ck" CHECK ("thesis_time_logs"."minutes" > 0 AND "thesis_time_logs"."minutes" <= 1440)
);
--> statement-breakpoint
ALTER TABLE "mentoring_meeting_events" ADD CONSTRAINT "mentoring_meeting_events_meeting_id_mentoring_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mentoring_meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_meetings" ADD CONSTRAINT "mentoring_meetings_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_meetings" ADD CONSTRAINT "mentoring_meetings_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_meetings" ADD CONSTRAINT "mentoring_meetings_teacher_id_users_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_meetings" ADD CONSTRAINT "mentoring_meetings_cohort_learner_fk" FOREIGN KEY ("cohort_id","learner_id") REFERENCES "public"."cohort_learners"("cohort_id","user_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_notes" ADD CONSTRAINT "mentoring_notes_meeting_id_mentoring_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."mentoring_meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentoring_notes" ADD CONSTRAINT "mentoring_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_cohort_learner_fk" FOREIGN KEY ("cohort_id","learner_id") REFERENCES "public"."cohort_learners"("cohort_id","user_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_time_logs" ADD CONSTRAINT "thesis_time_logs_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_time_logs" ADD CONSTRAINT "thesis_time_logs_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_time_logs" ADD CONSTRAINT "thesis_time_logs_cohort_learner_fk" FOREIGN KEY ("cohort_id","learner_id") REFERENCES "public"."cohort_learners"("cohort_id","user_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mentoring_meeting_events_meeting_idx" ON "mentoring_meeting_events" USING btree ("meeting_id","at");--> statement-breakpoint
CREATE INDEX "mentoring_meetings_teacher_idx" ON "mentoring_meetings" USING btree ("teacher_id","state");--> statement-breakpoint
CREATE INDEX "mentoring_meetings_learner_idx" ON "mentoring_meetings" USING btree ("learner_id","cohort_id");--> statement-breakpoint
CREATE INDEX "mentoring_notes_meeting_idx" ON "mentoring_notes" USING btree ("meeting_id","created_at");--> statement-breakpoint
CREATE INDEX "journal_entries_learner_idx" ON "journal_entries" USING btree ("learner_id","cohort_id","created_at");--> statement-breakpoint
CREATE INDEX "thesis_time_logs_learner_idx" ON "thesis_time_logs" USING btree ("learner_id","cohort_id","worked_on");--> statement-breakpoint
-- The history of a follow-up meeting's states is append-only (decision 023), like the other registers' (decision 006).
CREATE TRIGGER mentoring_meeting_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON mentoring_meeting_events FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();
