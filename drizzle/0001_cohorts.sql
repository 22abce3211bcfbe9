CREATE TABLE "cohort_learners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"job_seeker" boolean DEFAULT false NOT NULL,
	"funder_label" text,
	"application_id" uuid,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_learners_cohort_user_uq" UNIQUE("cohort_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "cohort_staff" (
	"cohort_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "cohort_staff_cohort_id_user_id_role_pk" PRIMARY KEY("cohort_id","user_id","role")
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"centre_id" uuid NOT NULL,
	"certification_version_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"capacity" integer NOT NULL,
	"price_grid" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attendance_alert_threshold" integer DEFAULT 80 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohorts_centre_number_uq" UNIQUE("centre_id","number")
);
--> statement-breakpoint
ALTER TABLE "cohort_learners" ADD CONSTRAINT "cohort_learners_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_learners" ADD CONSTRAINT "cohort_learners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_staff" ADD CONSTRAINT "cohort_staff_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_staff" ADD CONSTRAINT "cohort_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_certification_version_id_certification_versions_id_fk" FOREIGN KEY ("certification_version_id") REFERENCES "public"."certification_versions"("id") ON DELETE restrict ON UPDATE no action;