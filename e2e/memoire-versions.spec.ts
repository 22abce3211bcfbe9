import { expect, type APIRequestContext } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DEMO, E2E_ORIGIN, expectAccessible, loginDirectly, test } from './fixtures';

const headers = { origin: E2E_ORIGIN };

async function mini(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) doc.addPage([595, 842]).drawText(`Mémoire — page ${i}`, { x: 50, y: 780, size: 14, font });
  return Buffer.from(await doc.save());
}

/** The demo learner's record in the demo promotion, opened if needed, with the demo teacher as supervisor. */
async function learnerRecord(learner: APIRequestContext, staff: APIRequestContext): Promise<string> {
  const mine = (await (await learner.get('/api/me/theses')).json()) as { items: { id: string; cohortId: string }[] };
  let id = mine.items[0]?.id;
  const cohorts = (await (await staff.get('/api/cohorts?pageSize=200')).json()) as { items: { id: string; number: number }[] };
  const cohortId = mine.items[0]?.cohortId ?? cohorts.items.find((c) => c.number === 33)!.id;
  if (!id) {
    const created = await learner.post(`/api/cohorts/${cohortId}/theses`, { headers, data: { title: 'Une coopérative en transition' } });
    expect(created.status()).toBe(201);
    id = ((await created.json()) as { id: string }).id;
  }
  const cohort = (await (await staff.get(`/api/cohorts/${cohortId}`)).json()) as { staff: { userId: string; role: string }[] };
  const teacher = cohort.staff.find((s) => s.role === 'enseignant')!;
  const named = await staff.patch(`/api/theses/${id}`, { headers, data: { supervisorId: teacher.userId } });
  expect(named.status()).toBe(200);
  return id;
}

test('a learner deposits a version; the supervisor comments and requests a change; the learner sees it and marks it done', async ({ page, browser }) => {
  const started = Date.now();
  await loginDirectly(page, DEMO.auditeur);
  const staffContext = await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const staffPage = await staffContext.newPage();
  await loginDirectly(staffPage, DEMO.responsable);
  const thesisId = await learnerRecord(page.request, staffContext.request);
  await staffContext.close();

  // The learner deposits a PDF: its number, size, type and pages are listed.
  await page.goto(`/memoires/${thesisId}`);
  const panel = page.getByTestId('versions-panel');
  await expect(panel.getByRole('heading', { name: 'Versions et retours' })).toBeVisible();
  // The demo's two versions (src/seed/demo-versions.ts), its feedback with one change done.
  await expect(panel.getByTestId('version-2')).toBeVisible();
  const before = await panel.locator('[data-testid^="version-"]').count();
  const next = before + 1;
  await panel.locator('input[type="file"]').first().setInputFiles({ name: `mémoire-v${next}.pdf`, mimeType: 'application/pdf', buffer: await mini(3) });
  const item = panel.getByTestId(`version-${next}`);
  await expect(item).toContainText(`mémoire-v${next}.pdf`);
  await expect(item).toContainText('PDF');
  // A renamed program is refused in French, nothing added.
  await panel.locator('input[type="file"]').first().setInputFiles({ name: 'memoire.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]) });
  await expect(panel.getByRole('alert')).toContainText('c’est un programme Windows (exécutable), pas un document');
  await expect(panel.locator('[data-testid^="version-"]')).toHaveCount(next);

  // The supervisor answers with a comment and a requested change.
  const teacherContext = await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const teacher = await teacherContext.newPage();
  await loginDirectly(teacher, DEMO.enseignant);
  await teacher.goto(`/memoires/${thesisId}`);
  const theirItem = teacher.getByTestId(`version-${next}`);
  const form = theirItem.getByRole('form', { name: `Répondre à la version ${next}` });
  await expect(form).toBeVisible();
  await form.getByLabel('Commentaire').fill('La problématique est claire ; la partie diagnostic manque de sources.');
  await form.getByLabel('Modification demandée 1').fill('Ajouter une bibliographie');
  await form.getByRole('button', { name: 'Envoyer le retour' }).click();
  await expect(theirItem.getByText('La problématique est claire ; la partie diagnostic manque de sources.')).toBeVisible();
  await expect(theirItem.getByRole('checkbox', { name: 'Ajouter une bibliographie' })).toBeDisabled();
  await expectAccessible(teacher);
  await teacherContext.close();

  // The learner sees the thread and ticks the change done; it stays done.
  await page.reload();
  const mine = page.getByTestId(`version-${next}`);
  await expect(mine.getByText('La problématique est claire ; la partie diagnostic manque de sources.')).toBeVisible();
  await expect(mine).toContainText('1 modification à faire');
  const change = mine.getByRole('checkbox', { name: 'Ajouter une bibliographie' });
  await expect(change).not.toBeChecked();
  await change.click();
  await expect(change).toBeChecked();
  await expect(mine.getByText(/^Faite le /)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId(`version-${next}`).getByRole('checkbox', { name: 'Ajouter une bibliographie' })).toBeChecked();
  await expectAccessible(page);
  expect(Date.now() - started).toBeLessThan(60_000);
});
