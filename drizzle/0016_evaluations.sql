CREATE TABLE "bloc_rule_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"bloc_code" text NOT NULL,
	"seq" integer NOT NULL,
	"rule" jsonb NOT NULL,
	"reason" text NOT NULL,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bloc_rule_settings_seq_uq" UNIQUE("version_id","bloc_code","seq")
);
--> statement-breakpoint
CREATE TABLE "evaluation_markers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"assessment_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"assigned_by" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_markers_uq" UNIQUE("cohort_id","assessment_id","user_id","role")
);
--> statement-breakpoint
CREATE TABLE "evaluation_marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"learner_id" text NOT NULL,
	"assessment_id" text NOT NULL,
	"reading" integer NOT NULL,
	"seq" integer NOT NULL,
	"mark_centi" integer,
	"passed" boolean,
	"levels" jsonb,
	"reason" text,
	"supersedes_id" uuid,
	"entered_by" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_marks_seq_uq" UNIQUE("cohort_id","learner_id","assessment_id","reading","seq")
);
--> statement-breakpoint
CREATE TABLE "evaluation_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"assessment_id" text NOT NULL,
	"released_by" text NOT NULL,
	"released_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_releases_uq" UNIQUE("cohort_id","assessment_id")
);
--> statement-breakpoint
ALTER TABLE "bloc_rule_settings" ADD CONSTRAINT "bloc_rule_settings_version_id_certification_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."certification_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_markers" ADD CONSTRAINT "evaluation_markers_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_markers" ADD CONSTRAINT "evaluation_markers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_marks" ADD CONSTRAINT "evaluation_marks_cohort_learner_fk" FOREIGN KEY ("cohort_id","learner_id") REFERENCES "public"."cohort_learners"("cohort_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_releases" ADD CONSTRAINT "evaluation_releases_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_marks_cohort_idx" ON "evaluation_marks" USING btree ("cohort_id","assessment_id");--> statement-breakpoint
CREATE TRIGGER evaluation_marks_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON evaluation_marks FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();--> statement-breakpoint
CREATE TRIGGER evaluation_releases_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON evaluation_releases FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();--> statement-breakpoint
CREATE TRIGGER bloc_rule_settings_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON bloc_rule_settings FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();
