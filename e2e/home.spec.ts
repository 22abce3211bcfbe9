/** Each role lands on its work (issue 8, item 11), and the global search finds a file from the header. */
import { expect } from '@playwright/test';
import { E2E_NOW } from './clock';
import { DEMO, expectAccessible, loginDirectly, test } from './fixtures';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date(E2E_NOW));
});

test('the gestionnaire’s home lists the files to review; the header search finds a file and opens it', async ({ page }) => {
  await loginDirectly(page, DEMO.gestionnaire);
  await page.goto('/');
  const review = page.getByRole('region', { name: 'Dossiers à instruire' });
  await expect(review).toBeVisible();
  // The demo's filed application (Karim Haddad) waits for instruction; the draft (Inès Moreau) is the applicant's business.
  await expect(review.getByRole('link', { name: 'Karim Haddad' })).toBeVisible();
  await expect(page.getByText('Inès Moreau')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Dossiers revenus de correction' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Auditeur·rices sous le seuil d’assiduité' })).toBeVisible();
  await expectAccessible(page);

  const search = page.getByRole('searchbox', { name: 'Rechercher une personne, un dossier ou une promotion' });
  await search.fill('haddad');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/recherche\?q=haddad/);
  const files = page.getByRole('region', { name: 'Dossiers de candidature' });
  await expect(files.getByRole('link', { name: /Karim Haddad/ })).toBeVisible();
  await expectAccessible(page);
  await files.getByRole('link', { name: /Karim Haddad/ }).click();
  await expect(page).toHaveURL(/\/candidatures\/[0-9a-f-]{36}$/);
});

test('the learner’s home shows their promotion’s next sessions and hours; a phone reaches the search from the header', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginDirectly(page, DEMO.auditeur);
  await page.goto('/');
  await expect(page.getByRole('region', { name: /^Ma formation — / }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Dossiers à instruire' })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Rechercher' }).click();
  await expect(page.getByRole('heading', { name: 'Recherche', level: 1 })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Rechercher' }).fill('haddad');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  // A learner never finds someone else's application.
  await expect(page.getByText('Aucun résultat pour « haddad »')).toBeVisible();
});

test('the teacher’s home has today’s sessions and the sheets to sign', async ({ page }) => {
  await loginDirectly(page, DEMO.enseignant);
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Mes séances du jour' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Feuilles d’émargement à signer' })).toBeVisible();
  await expectAccessible(page);
});
