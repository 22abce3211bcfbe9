import { expect } from '@playwright/test';
import { DEMO, expectAccessible, loginDirectly, test } from './fixtures';

// Issue 8, items 6 and 16: the creation form proposes the centre's next free number, offers open
// versions only, and warns (without refusing) when the start date is past — at the e2e instant, 10/03/2026.
test('the new-promotion form proposes the next free number and warns of a past start date', async ({ page }) => {
  await loginDirectly(page, DEMO.responsable);
  const centres = await (await page.request.get('/api/centres')).json();
  const paris = (centres.items as { id: string; code: string }[]).find((c) => c.code === 'PARIS')!;
  const existing = (await (await page.request.get(`/api/cohorts?centreId=${paris.id}&pageSize=100`)).json()).items.map((c: { number: number }) => c.number) as number[];
  expect(existing.length).toBeGreaterThan(0);

  await page.goto('/promotions');
  await page.getByRole('button', { name: 'Nouvelle promotion' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvelle promotion' });
  await dialog.getByLabel('Centre', { exact: true }).click();
  await page.getByRole('option', { name: 'Cnam Paris' }).click();
  await expect(dialog.getByLabel('Numéro de promotion')).toHaveValue(String(Math.max(...existing) + 1));

  await dialog.getByLabel('Version de la certification').click();
  await expect(page.getByRole('option', { name: /RNCP41336/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /RNCP35080/ })).toHaveCount(0);
  // Chosen by default; choosing it again keeps it (a required field is not deselected).
  await page.getByRole('option', { name: /RNCP41336/ }).click();
  await expect(dialog.getByLabel('Version de la certification')).toHaveValue(/RNCP41336/);

  await dialog.getByLabel('Début').fill('2026-01-05');
  await dialog.getByLabel('Fin').fill('2027-12-17');
  await expect(dialog.getByText('La date de début (05/01/2026) est déjà passée.')).toBeVisible();
  await expectAccessible(page);
});
