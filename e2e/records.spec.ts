import { expect } from '@playwright/test';
import { DEMO, expectAccessible, loginDirectly, test } from './fixtures';

test('the administrator sees on the audit page that the registers were checked, with the date', async ({ page }) => {
  await loginDirectly(page, DEMO.admin);
  await page.goto('/admin/journal');
  await expect(page.getByRole('heading', { name: "Journal d'audit" })).toBeVisible();
  await expect(page.getByText(/^Intégrité des registres : vérifiée le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}:\d{2} — \d+ enregistrements?, aucune rupture\.$/)).toBeVisible();
  await page.getByRole('button', { name: 'Vérifier à nouveau' }).click();
  await expect(page.getByText(/aucune rupture\.$/)).toBeVisible();
  await expectAccessible(page);
});
