CREATE TABLE "soutenance_plan_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"job_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"input" jsonb NOT NULL,
	"based_on_revision" integer NOT NULL,
	"time_limit_seconds" integer NOT NULL,
	"result" jsonb,
	"objective" real,
	"bound" real,
	"gap" real,
	"solve_ms" integer,
	"error" text,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"accepted_by" text,
	"accepted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "soutenance_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"label" text NOT NULL,
	"place" text NOT NULL,
	"days" jsonb NOT NULL,
	"rooms" jsonb NOT NULL,
	"unavailability" jsonb NOT NULL,
	"jury_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "soutenances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"jury_id" uuid NOT NULL,
	"jury_case_id" uuid NOT NULL,
	"learner_id" text NOT NULL,
	"date" text NOT NULL,
	"slot_index" integer NOT NULL,
	"start" text NOT NULL,
	"end" text NOT NULL,
	"room_id" text NOT NULL,
	"member_ids" jsonb NOT NULL,
	"observer_ids" jsonb NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"convoked_sequence" integer,
	"convoked_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "soutenances_case_uq" UNIQUE("jury_case_id")
);
--> statement-breakpoint
ALTER TABLE "soutenance_plan_runs" ADD CONSTRAINT "soutenance_plan_runs_session_id_soutenance_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."soutenance_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soutenance_plan_runs" ADD CONSTRAINT "soutenance_plan_runs_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soutenance_sessions" ADD CONSTRAINT "soutenance_sessions_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soutenances" ADD CONSTRAINT "soutenances_session_id_soutenance_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."soutenance_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soutenances" ADD CONSTRAINT "soutenances_jury_id_juries_id_fk" FOREIGN KEY ("jury_id") REFERENCES "public"."juries"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soutenances" ADD CONSTRAINT "soutenances_jury_case_id_jury_cases_id_fk" FOREIGN KEY ("jury_case_id") REFERENCES "public"."jury_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "soutenance_plan_runs_session_idx" ON "soutenance_plan_runs" USING btree ("session_id","requested_at");--> statement-breakpoint
CREATE INDEX "soutenance_sessions_cohort_idx" ON "soutenance_sessions" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "soutenances_session_idx" ON "soutenances" USING btree ("session_id","date","start");