/**
 * The table of correspondences between the blocs of RNCP 5385, 35080 and 41336, as data
 * (`data/correspondences/blocs.json`): each row says that a bloc held under one version counts for a bloc
 * of the next, with both titles as the seeds word them and the seeds they come from. The sources do not
 * state such a table: the file says so (`assumed`), and a responsable pédagogique reviews it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../config/env.js';

export const ZCorrespondenceSchema = z.strictObject({
  from: z.string().min(1),
  to: z.string().min(1),
  fromTitle: z.string().min(1),
  toTitle: z.string().min(1),
  source: z.array(z.string().regex(/^\d{3}$/)).min(1),
});

export const ZCorrespondencesFileSchema = z
  .strictObject({ note: z.string().min(1), assumed: z.boolean(), correspondences: z.array(ZCorrespondenceSchema).min(1) })
  .refine((f) => f.correspondences.every((c) => c.from !== c.to), { message: 'Un bloc ne correspond pas à lui-même.' });

export type TCorrespondencesFile = z.infer<typeof ZCorrespondencesFileSchema>;

export function readCorrespondencesFile(file = path.join(projectRoot, 'data', 'correspondences', 'blocs.json')): TCorrespondencesFile {
  return ZCorrespondencesFileSchema.parse(JSON.parse(fs.readFileSync(path.resolve(file), 'utf8')));
}
