import { expect } from '@playwright/test';
import { DEMO, E2E_ORIGIN, expectAccessible, loginDirectly, settle, test } from './fixtures';

test('a learner asks for a meeting; the teacher accepts it; the learner sees the answer and the shared note, never the private one', async ({ page, browser }) => {
  await loginDirectly(page, DEMO.auditeur);
  await page.goto('/mon-suivi');
  await expect(page.getByRole('heading', { name: 'Mon suivi', level: 1 })).toBeVisible();
  await settle(page);
  // The demo's held meeting (src/seed/demo-followup.ts): its shared note, never its private one.
  await expect(page.getByText('Question resserrée sur la transformation en SCIC', { exact: false })).toBeVisible();
  await expect(page.getByText('Fatigue visible')).toHaveCount(0);
  await expectAccessible(page);

  const subject = `Annexes budgétaires ${Date.now()}`;
  const form = page.getByRole('form', { name: 'Demander un entretien' });
  await form.getByLabel('Objet').fill(subject);
  await form.getByLabel('Créneau proposé').fill('2026-03-24T14:30');
  await form.getByRole('button', { name: 'Demander l’entretien' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: subject })).toContainText('Demandé');

  const teacherContext = await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const teacher = await teacherContext.newPage();
  await loginDirectly(teacher, DEMO.enseignant);
  await teacher.goto('/suivi-individuel');
  await expect(teacher.getByRole('heading', { name: 'Suivi individuel', level: 1 })).toBeVisible();
  await settle(teacher);
  await expectAccessible(teacher);
  const request = teacher.getByRole('listitem').filter({ hasText: subject });
  await request.getByRole('button', { name: 'Accepter' }).click();
  const dialog = teacher.getByRole('dialog', { name: 'Accepter' });
  await dialog.getByRole('button', { name: 'Accepter' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(teacher.getByRole('listitem').filter({ hasText: subject })).toContainText('Accepté');
  await teacherContext.close();

  await page.reload();
  await expect(page.getByRole('listitem').filter({ hasText: subject })).toContainText('Prévu le 24/03/2026 à 14:30');
});

test('a learner writes a journal entry and shares it after a confirmation; the time log shows the monthly pace', async ({ page }) => {
  await loginDirectly(page, DEMO.auditeur);
  await page.goto('/mon-journal');
  await expect(page.getByRole('heading', { name: 'Mon journal', level: 1 })).toBeVisible();
  await settle(page);
  // Other journeys may have enrolled the demo learner in another promotion: the demo's time log is in the 33rd.
  const promotion = page.getByRole('combobox', { name: 'Promotion' });
  if (await promotion.count()) {
    await promotion.click();
    await page.getByRole('option', { name: /^33e promotion/ }).click();
  }
  await expectAccessible(page);
  const title = `Mon premier engagement ${Date.now()}`;
  const form = page.getByRole('form', { name: 'Nouvelle entrée' });
  await form.getByLabel('Titre').fill(title);
  await form.getByLabel('Texte').fill('Le club de quartier, à seize ans.');
  await form.getByRole('button', { name: 'Écrire l’entrée' }).click();
  const entry = page.getByRole('listitem').filter({ hasText: title });
  await expect(entry).toContainText('Privée');
  await entry.getByRole('switch', { name: 'Partagée avec mon enseignant·e' }).click();
  const confirm = page.getByRole('dialog', { name: 'Partager cette entrée ?' });
  await expect(confirm).toContainText('une fois lue, elle reste partagée');
  await confirm.getByRole('button', { name: 'Partager' }).click();
  await expect(entry.getByText('Partagée', { exact: true })).toBeVisible();
  // The demo's time log: months below, within or above 2–4 days of 7 h.
  await expect(page.getByText('Attendu : de 14 h à 28 h par mois', { exact: false })).toBeVisible();
  await expect(page.getByRole('table').last()).toContainText('Dans le rythme');
});
