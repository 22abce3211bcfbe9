CREATE TABLE "file_blobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"content_type" text NOT NULL,
	"chunk_count" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_chunks" (
	"blob_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "file_chunks_pk" PRIMARY KEY("blob_id","seq")
);
--> statement-breakpoint
CREATE TABLE "thesis_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"feedback_id" uuid NOT NULL,
	"thesis_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" text
);
--> statement-breakpoint
CREATE TABLE "thesis_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thesis_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"author_id" text NOT NULL,
	"author_label" text NOT NULL,
	"comment" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "thesis_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thesis_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" integer,
	"version_id" uuid,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"page_count" integer,
	"blob_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "thesis_final_deposits" (
	"thesis_id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"page_count" integer NOT NULL,
	"page_warning" text,
	CONSTRAINT "thesis_final_deposits_version_uq" UNIQUE("version_id")
);
--> statement-breakpoint
ALTER TABLE "file_chunks" ADD CONSTRAINT "file_chunks_blob_id_file_blobs_id_fk" FOREIGN KEY ("blob_id") REFERENCES "public"."file_blobs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_change_requests" ADD CONSTRAINT "thesis_change_requests_feedback_id_thesis_feedback_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."thesis_feedback"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_change_requests" ADD CONSTRAINT "thesis_change_requests_thesis_id_theses_id_fk" FOREIGN KEY ("thesis_id") REFERENCES "public"."theses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_feedback" ADD CONSTRAINT "thesis_feedback_thesis_id_theses_id_fk" FOREIGN KEY ("thesis_id") REFERENCES "public"."theses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_feedback" ADD CONSTRAINT "thesis_feedback_version_id_thesis_files_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."thesis_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_files" ADD CONSTRAINT "thesis_files_thesis_id_theses_id_fk" FOREIGN KEY ("thesis_id") REFERENCES "public"."theses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_files" ADD CONSTRAINT "thesis_files_blob_id_file_blobs_id_fk" FOREIGN KEY ("blob_id") REFERENCES "public"."file_blobs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_files" ADD CONSTRAINT "thesis_files_version_fk" FOREIGN KEY ("version_id") REFERENCES "public"."thesis_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_final_deposits" ADD CONSTRAINT "thesis_final_deposits_thesis_id_theses_id_fk" FOREIGN KEY ("thesis_id") REFERENCES "public"."theses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thesis_final_deposits" ADD CONSTRAINT "thesis_final_deposits_version_id_thesis_files_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."thesis_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "thesis_change_requests_feedback_idx" ON "thesis_change_requests" USING btree ("feedback_id","position");--> statement-breakpoint
CREATE INDEX "thesis_feedback_version_idx" ON "thesis_feedback" USING btree ("version_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "thesis_files_number_uq" ON "thesis_files" USING btree ("thesis_id","number") WHERE "thesis_files"."kind" = 'version';--> statement-breakpoint
CREATE INDEX "thesis_files_thesis_idx" ON "thesis_files" USING btree ("thesis_id","created_at");--> statement-breakpoint
-- Hand-written (decision 021): a stored file never changes, so its SHA-256 stays true; the files of a
-- mémoire and its final deposit are never rewritten nor removed.
CREATE TRIGGER file_chunks_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON file_chunks FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();--> statement-breakpoint
CREATE TRIGGER thesis_files_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON thesis_files FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();--> statement-breakpoint
CREATE TRIGGER thesis_final_deposits_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON thesis_final_deposits FOR EACH STATEMENT EXECUTE FUNCTION movsc_refuse_change();
