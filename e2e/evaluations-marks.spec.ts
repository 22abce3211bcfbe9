import { expect } from '@playwright/test';
import { DEMO, E2E_ORIGIN, expectAccessible, loginDirectly, settle, test } from './fixtures';

const COLUMN = 'Cas pratiques — finances et partenariats';

test('a teacher enters a promotion’s marks in the bulk grid (a bad cell refused, nothing written), the responsable releases them, the learner sees hers', async ({ page, browser }) => {
  // The demo teacher marks this case study in promotion 33, still unmarked (src/seed/demo-evaluations.ts).
  await loginDirectly(page, DEMO.enseignant);
  await page.goto('/evaluations');
  await expect(page.getByRole('heading', { name: 'Évaluations', level: 1 })).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  await page.getByRole('link', { name: /33/ }).first().click();
  await expect(page.getByRole('heading', { name: /^Notes — / })).toBeVisible();
  await settle(page);
  await expectAccessible(page);
  const cells = page.getByRole('textbox', { name: new RegExp(`— ${COLUMN}$`) });
  const count = await cells.count();
  expect(count).toBeGreaterThan(1);

  // Keyboard only: type a mark, Entrée goes down the column. The second learner gets 25/20.
  await cells.first().click();
  for (let i = 0; i < count; i++) {
    await page.keyboard.type(i === 1 ? '25' : `${10 + i},5`);
    await page.keyboard.press('Enter');
  }
  await page.getByRole('button', { name: /^Enregistrer les notes/ }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Rien n’a été enregistré' });
  await expect(refused).toContainText('la note doit être comprise entre 0 et 20 (reçu 25)');
  await page.reload();
  await expect(cells.nth(1)).toHaveValue('');
  await expect(cells.first()).toHaveValue('');

  await cells.first().click();
  for (let i = 0; i < count; i++) {
    await page.keyboard.type(`${10 + i},5`);
    await page.keyboard.press('Enter');
  }
  await page.getByRole('button', { name: /^Enregistrer les notes/ }).click();
  await expect(page.getByText(`${count} note(s) enregistrée(s).`)).toBeVisible();
  const aurelie = page.getByRole('textbox', { name: `Aurélie Auditrice — ${COLUMN}` });
  const expected = await aurelie.inputValue();
  expect(expected).toMatch(/^\d+,5$/);

  const responsableContext = await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const responsable = await responsableContext.newPage();
  await loginDirectly(responsable, DEMO.responsable);
  await responsable.goto(page.url().replace(E2E_ORIGIN, ''));
  await expect(responsable.getByRole('heading', { name: /^Notes — / })).toBeVisible();
  await responsable.getByRole('button', { name: `Publier les notes de « ${COLUMN} »` }).click();
  await expect(responsable.getByText('Notes publiées aux auditeur·rices.')).toBeVisible();
  await responsableContext.close();

  const learnerContext = await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const learner = await learnerContext.newPage();
  await loginDirectly(learner, DEMO.auditeur);
  await learner.goto('/mes-evaluations');
  await expect(learner.getByRole('heading', { name: 'Mes évaluations', level: 1 })).toBeVisible();
  await settle(learner);
  await expectAccessible(learner);
  // Other journeys may enrol the demo learner in another promotion: the marks are those of the 33rd.
  const promotion = learner.getByRole('region', { name: /^33e promotion/ });
  await expect(promotion.getByRole('row', { name: new RegExp(COLUMN) })).toContainText(`${expected}/20`);
  // The demo's released first case study, corrected to 15 with its reason; the mémoire is not released.
  await expect(promotion.getByRole('row', { name: /Cas pratiques — gouvernance stratégique/ })).toContainText('15/20');
  await expect(promotion.getByRole('row', { name: /Mémoire professionnel/ }).first()).toContainText('Pas encore publiée');
  await learnerContext.close();
});

test('the responsable reads the evaluation plan on the version page and changes a bloc’s rule, with its reason', async ({ page }) => {
  await loginDirectly(page, DEMO.responsable);
  await page.goto('/referentiel/RNCP35080');
  const section = page.getByRole('region', { name: 'Plan d’évaluation' });
  await expect(section).toContainText('Rédaction d’un mémoire professionnel');
  await expect(section).toContainText('Grille : Qualités du mémoire');
  await settle(page);
  await expectAccessible(page);
  await section.getByRole('button', { name: 'Changer la règle du bloc RNCP35080-F2' }).click();
  await section.getByLabel('Règle', { exact: true }).selectOption('all_passed');
  await section.getByLabel('Motif').fill('Décision du conseil de perfectionnement');
  await section.getByRole('button', { name: 'Enregistrer la règle' }).click();
  await expect(section).toContainText('Chaque épreuve réussie — Décision du conseil de perfectionnement');
  await expect(section).toContainText('fixée par le·la responsable');
});
