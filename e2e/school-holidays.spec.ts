import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { DEMO, expectAccessible, loginDirectly, test } from './fixtures';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), '../tests/fixtures/holidays-fr');

test('the administrator sees how far each zone’s school holidays go; a bad calendar file is refused with its line, nothing imported', async ({ page }) => {
  await loginDirectly(page, DEMO.admin);
  await page.goto('/admin/vacances-scolaires');
  await expect(page.getByRole('heading', { level: 1, name: 'Vacances scolaires' })).toBeVisible();
  const zoneC = page.getByRole('row', { name: /^Zone C / });
  await expect(zoneC).toContainText('30/08/2026');
  await expectAccessible(page);

  await page.locator('input[type=file]').setInputFiles({
    name: 'fr-en-calendrier-scolaire_erreur.csv',
    mimeType: 'text/csv',
    buffer: fs.readFileSync(path.join(FIXTURES, 'fr-en-calendrier-scolaire_erreur.csv')),
  });
  await page.getByRole('button', { name: 'Importer' }).click();
  await page.getByRole('dialog', { name: 'Importer ce calendrier ?' }).getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Fichier refusé' })).toContainText('Ligne 5, end_date');
  await expect(zoneC).toContainText('30/08/2026');
  await expectAccessible(page);

  // The centres page shows each centre's zone (data of the centre).
  await page.goto('/admin/centres');
  await expect(page.getByRole('row', { name: /Cnam Paris/ })).toContainText('Zone C');
  await expect(page.getByRole('row', { name: /Cnam Bourgogne/ })).toContainText('Zone A');
  await expectAccessible(page);
});
