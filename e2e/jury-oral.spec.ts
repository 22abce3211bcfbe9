/**
 * The jury's space (issue 11, item 5; decision 026 « The oral's marking form »): a jury of the demo
 * promotion 33 is constituted through the API (the demo's own June jury misses a professional, on
 * purpose: src/seed/demo-juries.ts), then the demo jury member opens Aurélie Auditrice's case, sees her
 * marks per bloc — the released case study, the mémoire's readings awaiting a third (src/seed/demo-
 * evaluations.ts) — enters the soutenance's mark with a comment, sees it saved, and changes it with a
 * reason: the old mark stays in the history.
 */
import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO, E2E_ORIGIN, expectAccessible, loginDirectly, settle, test } from './fixtures';

const headers = { origin: E2E_ORIGIN };
const SOUTENANCE = 'Soutenance orale d\'analyse de pratiques';

/** A constituted jury of promotion 33 (2 Cnam teachers + 2 professionals, the fiche's composition) examining Aurélie's file. */
async function constitutedJury(responsable: APIRequestContext, label: string) {
  const ok = async (res: Awaited<ReturnType<APIRequestContext['get']>>, status = 200) => {
    expect(res.status(), await res.text()).toBe(status);
    return (await res.json()) as any;
  };
  const idOf = async (email: string) => ((await ok(await responsable.get('/api/jury-members'))).items as { userId: string; email: string }[]).find((m) => m.email === email)?.userId;
  const invited = await ok(await responsable.post('/api/jury-members/invitations', { headers, data: { name: 'Claire Martin', email: `claire.martin.${Date.now()}@exemple.fr`, kind: 'professional', organisation: 'SCOP Les Ateliers' } }), 201);
  const cohort = ((await ok(await responsable.get('/api/cohorts?pageSize=200'))).items as { id: string; number: number }[]).find((c) => c.number === 33)!;
  const jury = await ok(await responsable.post(`/api/cohorts/${cohort.id}/juries`, { headers, data: { label, route: 'training', supervisorRule: 'may_sit' } }), 201);
  // The demo's teacher, responsable and jury member are listed by the demo seed (src/seed/demo-juries.ts).
  const seats = [(await idOf(DEMO.responsable))!, (await idOf(DEMO.enseignant))!, (await idOf(DEMO.jury))!, invited.userId as string];
  for (const [i, userId] of seats.entries()) await ok(await responsable.post(`/api/juries/${jury.id}/seats`, { headers, data: { userId, president: i === 0 } }));
  const learners = (await ok(await responsable.get(`/api/cohorts/${cohort.id}/learners`))).items as { userId: string; email: string }[];
  await ok(await responsable.post(`/api/juries/${jury.id}/cases`, { headers, data: { learnerId: learners.find((l) => l.email === DEMO.auditeur)!.userId } }));
  await ok(await responsable.post(`/api/juries/${jury.id}/constitute`, { headers }));
}

test('a jury member opens a case, sees the marks per bloc, enters the soutenance’s mark and changes it with a reason', async ({ page, browser }) => {
  const label = `Soutenances orales ${Date.now()}`;
  const responsableContext = await browser.newContext({ baseURL: E2E_ORIGIN });
  const responsable = await responsableContext.newPage();
  await loginDirectly(responsable, DEMO.responsable);
  await constitutedJury(responsable.request, label);
  await responsableContext.close();

  await loginDirectly(page, DEMO.jury);
  await page.goto('/mes-jurys');
  await page.getByRole('region', { name: `Jury ${label}` }).getByRole('link', { name: 'Aurélie Auditrice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dossier de Aurélie Auditrice' })).toBeVisible();
  await settle(page);

  // The marks per bloc: the case study released and corrected to 15, the mémoire's two readings 4 points apart.
  const bloc1 = page.getByRole('table', { name: 'Notes du bloc CPN07B10' });
  await expect(bloc1.getByRole('row', { name: /Cas pratiques — gouvernance stratégique/ })).toContainText('15/20');
  await expect(bloc1.getByRole('row', { name: /Cas pratiques — gouvernance stratégique/ })).toContainText('Oui');
  await expect(bloc1.getByRole('row', { name: /Mémoire professionnel/ })).toContainText('Troisième lecture attendue : 4 points d’écart');
  await expect(bloc1.getByRole('row', { name: new RegExp(SOUTENANCE) })).toContainText('Pas encore notée');
  await expect(page.getByText('Voie : Parcours de formation')).toBeVisible();
  await expectAccessible(page);

  // The oral's marking form: the first reading of the soutenance.
  const form = page.getByRole('form', { name: `Fiche de notation — ${SOUTENANCE}` });
  await expect(form).toContainText('Vous saisissez la 1re lecture.');
  await form.getByLabel('Note sur 20').fill('25');
  await form.getByRole('button', { name: 'Enregistrer la note' }).click();
  await expect(form.getByText(/la note doit être comprise entre 0 et 20/)).toBeVisible();
  await form.getByLabel('Note sur 20').fill('13,5');
  await form.getByLabel('Commentaire').fill('Analyse de pratique claire ; la distance critique reste à approfondir.');
  await form.getByRole('button', { name: 'Enregistrer la note' }).click();
  await expect(page.getByText('Note enregistrée (1re lecture).')).toBeVisible();
  const readings = page.getByRole('table', { name: `Lectures en vigueur — ${SOUTENANCE}` });
  await expect(readings).toContainText('13,5/20');
  await expect(readings).toContainText('Analyse de pratique claire ; la distance critique reste à approfondir.');
  await expect(readings).toContainText('10/03/2026 à 10:00:00');
  await expect(page.getByRole('region', { name: `Notation — ${SOUTENANCE}` })).toContainText('Résultat : En attente des deux lectures');

  // A change asks for its reason; the old mark stays in the history.
  const again = page.getByRole('form', { name: `Fiche de notation — ${SOUTENANCE}` });
  await expect(again.getByLabel('Note sur 20')).toHaveValue('13,5');
  await again.getByLabel('Note sur 20').fill('14');
  await again.getByRole('button', { name: 'Enregistrer la nouvelle note' }).click();
  await expect(again.getByText(/une note déjà saisie ne change qu’avec un motif/)).toBeVisible();
  await again.getByLabel('Motif du changement').fill('Délibération du jury après la soutenance');
  await again.getByRole('button', { name: 'Enregistrer la nouvelle note' }).click();
  await expect(readings).toContainText('14/20');
  const history = page.getByRole('table', { name: `Historique des saisies — ${SOUTENANCE}` });
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history).toContainText('13,5/20');
  await expect(history).toContainText('Délibération du jury après la soutenance');
  await settle(page);
  await expectAccessible(page);

  // Reloaded, the saved mark is there.
  await page.reload();
  await expect(page.getByRole('table', { name: `Lectures en vigueur — ${SOUTENANCE}` })).toContainText('14/20');
});
