/**
 * The heads file of `movsc verify-records --save-heads / --check-heads`: the last position and hash of
 * every chain at one instant. Kept outside the database (a ticket, a signed e-mail, the commission's
 * minutes), it reveals what the chain alone cannot: records cut from the end, or a chain rewritten whole.
 */
import { z } from 'zod';
import { AppError } from '../../http/errors.js';
import type { TChainHead } from './records.service.js';

const ZHeadsFileSchema = z.object({
  format: z.literal('movsc-heads-v1'),
  savedAt: z.string(),
  heads: z.array(z.object({ table: z.string(), file: z.string(), seq: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export function headsFileText(heads: TChainHead[], savedAt: Date): string {
  return `${JSON.stringify({ format: 'movsc-heads-v1', savedAt: savedAt.toISOString(), heads }, null, 1)}\n`;
}

export function parseHeadsFile(text: string, name: string): { savedAt: string; heads: TChainHead[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', `${name} : ce n'est pas un fichier JSON lisible.`);
  }
  const parsed = ZHeadsFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new AppError('VALIDATION', `${name} : ce n'est pas un relevé de têtes de chaînes (movsc-heads-v1).`, parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return parsed.data;
}
