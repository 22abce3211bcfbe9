import { expect } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expectAccessible, loginDirectly, test } from './fixtures';

test('a responsable pédagogique signs in, opens RNCP 41336 and sees its four blocs and 490 h', async ({ page }) => {
  await page.goto('/referentiel');
  await expect(page).toHaveURL(/\/connexion/);
  await expectAccessible(page);
  await page.getByLabel('E-mail').fill(DEMO.responsable);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();

  // Back to the page first asked for, signed in.
  await expect(page).toHaveURL(/\/referentiel$/);
  const row = page.getByRole('row').filter({ hasText: '41336' });
  await expect(row).toContainText('En vigueur');
  await expect(page.getByRole('row').filter({ hasText: '35080' })).toContainText('Fermée');
  await expect(page.getByRole('row').filter({ hasText: '5385' }).first()).toContainText('Fermée');
  await expectAccessible(page);

  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/referentiel\/RNCP41336$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText("Manager d'organismes à vocation sociale et culturelle");
  for (const code of ['CPN07B10', 'CPN07B20', 'CPN07B30', 'CPN07B40']) {
    await expect(page.getByText(code, { exact: true }).first()).toBeVisible();
  }
  await expectAccessible(page);
  await expect(page.getByTestId('total-hours')).toHaveText(/490\s?h/);
  await expect(page.getByText(/^420\s?h séminaires \+ 70\s?h ateliers mémoire = 490\s?h$/)).toBeVisible();
});

test('an auditeur is refused the administrator page', async ({ page }) => {
  await loginDirectly(page, DEMO.auditeur);
  await page.goto('/admin/utilisateurs');
  await expect(page.getByRole('heading', { name: 'Accès refusé' })).toBeVisible();
  await expect(page.getByRole('navigation').getByText('Utilisateurs')).toHaveCount(0);
  await expectAccessible(page);
});

// Creating a user (an invitation by e-mail, then the person's own password) is e2e/accounts.spec.ts.
