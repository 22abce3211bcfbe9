/**
 * Issue 11's journey: the responsable enters a mark, constitutes a jury for the two demo learners whose
 * mémoire is deposited, opens a session of soutenances, has the exact optimiser plan it, retains the
 * plan, sends the convocations, and downloads a convocation whose text carries the names, the date, the
 * time and the room; the jury member finds it in « Mes soutenances ».
 */
import { expect } from '@playwright/test';
import { pdfText } from '../tests/helpers/pdf';
import { DEMO, E2E_ORIGIN, expectAccessible, loginDirectly, settle, test } from './fixtures';

const headers = { origin: E2E_ORIGIN };

test('enter a mark, constitute a jury, plan the soutenances, send and download a convocation', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  // The demo's people listed as jury members, and one more professional (through the API, as an administrator).
  const adminContext = await browser.newContext({ baseURL: E2E_ORIGIN });
  const admin = await adminContext.newPage();
  await loginDirectly(admin, DEMO.admin);
  const idOf = async (email: string) => ((await (await admin.request.get(`/api/users?q=${encodeURIComponent(email)}`)).json()).items as { id: string; email: string }[]).find((u) => u.email === email)!.id;
  for (const [email, kind, organisation] of [
    [DEMO.enseignant, 'cnam_teacher', 'Cnam'],
    [DEMO.responsable, 'cnam_teacher', 'Cnam'],
    [DEMO.jury, 'professional', 'Fédération des centres sociaux'],
  ] as const) {
    expect((await admin.request.put(`/api/jury-members/${await idOf(email)}`, { headers, data: { kind, organisation } })).status()).toBe(200);
  }
  const pro = await admin.request.post('/api/jury-members/invitations', { headers, data: { name: `Inès Mutualiste ${stamp}`, email: `ines.${stamp}@exemple.fr`, kind: 'professional', organisation: 'Mutuelle solidaire' } });
  expect(pro.status()).toBe(201);
  await adminContext.close();

  await loginDirectly(page, DEMO.responsable);
  const cohorts = (await (await page.request.get('/api/cohorts?pageSize=200')).json()) as { items: { id: string; number: number; name: string }[] };
  const cohort = cohorts.items.find((c) => c.number === 33)!;

  // 1. A mark: the responsable, a marker of the mémoire, enters Bastien's first reading in the grid.
  await page.goto(`/evaluations/${cohort.id}`);
  await expect(page.getByRole('heading', { name: /^Notes — / })).toBeVisible();
  await settle(page);
  const cell = page.getByRole('textbox', { name: 'Bastien Bénévole — Mémoire professionnel' });
  await cell.fill('14,5');
  await page.getByRole('button', { name: /^Enregistrer les notes/ }).click();
  await expect(page.getByText('1 note(s) enregistrée(s).')).toBeVisible();

  // 2. A jury for the two deposited mémoires, constituted.
  await page.goto(`/promotions/${cohort.id}/jurys`);
  const label = `Soutenances de juillet ${stamp}`;
  await page.getByRole('button', { name: 'Créer un jury' }).click();
  const create = page.getByRole('dialog', { name: 'Créer un jury' });
  await create.getByLabel('Intitulé').fill(label);
  await create.getByRole('button', { name: 'Créer le jury' }).click();
  const jury = page.getByRole('region', { name: `Jury ${label}` });
  const seat = async (name: string, president = false) => {
    await jury.getByRole('combobox', { name: 'Faire siéger' }).click();
    await page.getByRole('option', { name: new RegExp(`^${name} — `) }).click();
    if (president) await jury.getByLabel('À la présidence').check();
    await jury.getByRole('button', { name: 'Ajouter au jury' }).click();
    await expect(jury.getByRole('table', { name: `Membres du jury ${label}` })).toContainText(name);
  };
  const juryName = (await (await page.request.get('/api/jury-members')).json()).items.find((m: { email: string }) => m.email === DEMO.jury).name as string;
  await seat('Rémi Responsable', true);
  await seat('Estelle Enseignante');
  await seat(juryName);
  await seat(`Inès Mutualiste ${stamp}`);
  for (const learner of ['Bastien Bénévole', 'Chloé Coopérative']) {
    await jury.getByRole('combobox', { name: 'Confier un dossier' }).click();
    await page.getByRole('option', { name: learner }).click();
    await jury.getByRole('button', { name: 'Confier au jury' }).click();
    await expect(jury.getByRole('table', { name: `Dossiers du jury ${label}` })).toContainText(learner);
  }
  await jury.getByRole('button', { name: 'Constituer le jury' }).click();
  await expect(jury).toContainText('Constitué le');

  // 3. A session: one day, two slots, one room; only this jury.
  const sessions = page.getByRole('region', { name: 'Sessions de soutenances' });
  await sessions.getByRole('button', { name: 'Ouvrir une session' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ouvrir une session de soutenances' });
  await dialog.getByLabel('Intitulé').fill(`Session ${label}`);
  await dialog.getByLabel('Lieu (adresse donnée dans les convocations)').fill('2 rue Conté, 75003 Paris');
  await dialog.getByLabel('Jour 1', { exact: true }).fill('2027-07-05');
  await dialog.getByLabel('Créneaux du jour 1').fill('09:30-10:30, 10:30-11:30');
  await dialog.getByLabel('Salle 1', { exact: true }).fill('Amphi Abbé-Grégoire');
  // Only this jury: the juries other journeys constituted are unticked (each checkbox by its own label, the list being fixed).
  const juryBoxes = dialog.getByRole('group', { name: 'Jurys dont la session planifie les soutenances' }).getByRole('checkbox');
  for (let i = 0; i < (await juryBoxes.count()); i++) {
    const box = juryBoxes.nth(i);
    const name = await box.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '');
    if (!name.startsWith(label) && (await box.isChecked())) await box.uncheck();
  }
  await expect(dialog.getByRole('checkbox', { name: new RegExp(`^${label}`) })).toBeChecked();
  await settle(page);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Ouvrir la session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Session ${label}` })).toBeVisible();

  // 4. The plan, computed in the background, then retained.
  await page.getByRole('button', { name: 'Calculer le planning' }).click();
  const run = page.getByRole('region', { name: 'Calcul du planning' });
  await expect(run.getByText('Planning optimal')).toBeVisible({ timeout: 60_000 });
  await expect(run.getByRole('status')).toContainText('écart 0 %');
  await expect(run.getByRole('table', { name: 'Planning proposé' })).toContainText('Bastien Bénévole');
  await run.getByRole('button', { name: 'Retenir ce planning' }).click();
  const timetable = page.getByRole('table', { name: 'Soutenances planifiées' });
  await expect(timetable).toContainText('Chloé Coopérative');
  await expect(timetable).toContainText('Amphi Abbé-Grégoire');
  await settle(page);
  await expectAccessible(page);

  // 5. The convocations, after a confirmation.
  await page.getByRole('button', { name: 'Envoyer les convocations' }).click();
  const confirm = page.getByRole('dialog', { name: 'Envoyer les convocations ?' });
  await expect(confirm).toContainText('2 soutenances');
  await confirm.getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.getByText('2 soutenances convoquées (10 courriels).')).toBeVisible();
  await expect(timetable.getByText('Envoyée')).toHaveCount(2);

  // 6. The convocation PDF: names, date, time, room.
  const row = timetable.getByRole('row').filter({ hasText: 'Bastien Bénévole' });
  const time = (await row.getByRole('cell').nth(1).innerText()).trim();
  const link = page.getByRole('link', { name: 'Convocation de Bastien Bénévole (PDF)' });
  const file = await page.request.get((await link.getAttribute('href'))!);
  expect(file.status()).toBe(200);
  const text = (await pdfText(Buffer.from(await file.body()))).replace(/\s+/g, ' ');
  expect(text).toContain('Convocation à la soutenance');
  expect(text).toContain('Bastien Bénévole');
  expect(text).toContain('lundi 5 juillet 2027');
  expect(['09 h 30 – 10 h 30', '10 h 30 – 11 h 30']).toContain(time);
  expect(text).toContain(`de ${time.replace(' – ', ' à ')}`);
  expect(text).toContain('Amphi Abbé-Grégoire');
  for (const name of ['Rémi Responsable (présidence)', 'Estelle Enseignante', juryName, `Inès Mutualiste ${stamp}`]) expect(text).toContain(name);

  // 7. The jury member's « Mes soutenances ».
  const memberContext = await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const member = await memberContext.newPage();
  await loginDirectly(member, DEMO.jury);
  await member.goto('/mes-soutenances');
  const card = member.getByRole('region', { name: 'Soutenance de Bastien Bénévole le lundi 5 juillet 2027' });
  await expect(card).toContainText('Amphi Abbé-Grégoire');
  await expect(card.getByRole('link', { name: 'Ajouter à mon calendrier (.ics)' })).toBeVisible();
  await expectAccessible(member);
  await memberContext.close();
});
