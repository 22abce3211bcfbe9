CREATE TABLE "theses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"learner_id" text NOT NULL,
	"kind" text,
	"genre" text,
	"title" text,
	"question" text,
	"organisation" text,
	"supervisor_id" text,
	"state" text DEFAULT 'project' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "theses_cohort_learner_uq" UNIQUE("cohort_id","learner_id")
);
--> statement-breakpoint
CREATE TABLE "thesis_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thesis_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"actor_label" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text,
	"chain_seq" integer DEFAULT 0 NOT NULL,
	"prev_hash" text,
	"record_hash" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "theses" ADD CONSTRAINT "theses_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theses" ADD CONSTRAINT "theses_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theses" ADD CONSTRAINT "theses_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theses" ADD CONSTRAINT "theses_cohort_learner_fk" FOREIGN KEY ("cohort_id","learner_id") REFERENCES "public"."cohort_learners"("cohort_id","user_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_events" ADD CONSTRAINT "thesis_events_thesis_id_theses_id_fk" FOREIGN KEY ("thesis_id") REFERENCES "public"."theses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "theses_supervisor_idx" ON "theses" USING btree ("supervisor_id");--> statement-breakpoint
CREATE INDEX "thesis_events_thesis_idx" ON "thesis_events" USING btree ("thesis_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "thesis_events_chain_uq" ON "thesis_events" USING btree ("thesis_id","chain_seq");--> statement-breakpoint
-- The states of a mémoire record are a register (decision 006): the history refuses any change and each
-- event is chained within its record.
CREATE TRIGGER thesis_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON thesis_events FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();
--> statement-breakpoint
CREATE TRIGGER thesis_events_chain BEFORE INSERT ON thesis_events FOR EACH ROW EXECUTE FUNCTION movsc_chain_record('thesis_id', 'id,thesis_id,at,actor_id,actor_label,from_state,to_state,note');
