import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/audit.service.js';
import { createTestContext, type TTestContext } from '../../../tests/helpers/context.js';
import { AppError } from '../../http/errors.js';
import { getDocument, storeDocument } from './documents.service.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');

describe('documents', () => {
  it('stores a PDF and gives back the same bytes', async () => {
    const user = await t.createTestUser();
    const stored = await storeDocument({ db: t.db, actor: SYSTEM_ACTOR, ownerUserId: user.id, kind: 'cv', upload: { fileName: 'cv.pdf', bytes: pdf }, field: 'cv' });
    expect(stored.contentType).toBe('application/pdf');
    const row = await getDocument({ db: t.db, id: stored.id });
    expect(Buffer.compare(row.content, pdf)).toBe(0);
  });

  it('refuses a file whose bytes are not PDF/PNG/JPEG, whatever its name, naming the field', async () => {
    const attempt = storeDocument({ db: t.db, actor: SYSTEM_ACTOR, ownerUserId: null, kind: 'cv', upload: { fileName: 'cv.pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf') }, field: 'documents[0]' });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'VALIDATION', issues: [{ path: 'documents[0]', message: 'Type de fichier refusé : seuls PDF, PNG et JPEG sont acceptés.' }] });
  });

  it('refuses an empty file and one over 10 MB', async () => {
    await expect(storeDocument({ db: t.db, actor: SYSTEM_ACTOR, ownerUserId: null, kind: 'cv', upload: { fileName: 'x.pdf', bytes: Buffer.alloc(0) }, field: 'cv' })).rejects.toMatchObject({ issues: [{ message: 'Le fichier est vide.' }] });
    const big = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]);
    await expect(storeDocument({ db: t.db, actor: SYSTEM_ACTOR, ownerUserId: null, kind: 'cv', upload: { fileName: 'x.pdf', bytes: big }, field: 'cv' })).rejects.toMatchObject({ issues: [{ path: 'cv' }] });
  });
});
