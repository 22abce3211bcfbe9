/**
 * The promotion's team opens a learner's mémoire record from the list (/memoires) when the learner has
 * not opened it themself, and lands on the record.
 */
import { expect } from '@playwright/test';
import { DEMO, expectAccessible, loginDirectly, test } from './fixtures';

test('the responsable opens the record of a learner who has none, from the list, and lands on it', async ({ page }) => {
  await loginDirectly(page, DEMO.responsable);
  const cohorts = (await (await page.request.get('/api/cohorts?pageSize=200')).json()) as { items: { id: string; number: number; name: string }[] };
  const cohort = cohorts.items.find((c) => c.number === 33)!;
  // The oracle: the API's own lists — a learner of the promotion without a record (never the demo learner, whom other journeys use).
  const learners = (await (await page.request.get(`/api/cohorts/${cohort.id}/learners`)).json()) as { items: { userId: string; name: string; email: string; status: string }[] };
  const theses = (await (await page.request.get(`/api/cohorts/${cohort.id}/theses`)).json()) as { items: { learner: { id: string } }[] };
  const withRecord = new Set(theses.items.map((t) => t.learner.id));
  const learner = learners.items.find((l) => !withRecord.has(l.userId) && l.status !== 'withdrawn' && l.email !== DEMO.auditeur);
  expect(learner, 'the demo promotion has a learner without a record').toBeDefined();

  await page.goto(`/memoires?promotion=${cohort.id}`);
  await expect(page.getByRole('heading', { name: 'Mémoires', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Ouvrir une fiche' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ouvrir une fiche mémoire' });
  await dialog.getByRole('combobox', { name: 'Auditeur·rice' }).click();
  // The option is dispatched a click: in the modal, the open list can pass under the modal's header.
  await dialog.getByRole('option', { name: learner!.name, exact: true }).dispatchEvent('click');
  await expect(dialog.getByRole('combobox', { name: 'Auditeur·rice' })).toHaveValue(learner!.name);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Ouvrir la fiche' }).click();
  await expect(page).toHaveURL(/\/memoires\/[0-9a-f-]{36}$/);
  await expect(page.getByText(`Fiche mémoire ouverte pour ${learner!.name}.`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(learner!.name);

  // Back on the list, the learner has their record, and is no longer offered.
  await page.goto(`/memoires?promotion=${cohort.id}`);
  await expect(page.getByRole('link', { name: learner!.name, exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Ouvrir une fiche' }).click();
  await page.getByRole('dialog', { name: 'Ouvrir une fiche mémoire' }).getByRole('combobox', { name: 'Auditeur·rice' }).click();
  await expect(page.getByRole('option', { name: learner!.name, exact: true })).toHaveCount(0);
});
