import { expect } from '@playwright/test';
import { DEMO, expectAccessible, loginDirectly, settle, test } from './fixtures';

/** The demo promotion whose ateliers have accepted groups (src/seed/demo-ateliers.ts). */
async function ateliersCohort(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const cohorts = (await (await request.get('/api/cohorts?pageSize=200')).json()) as { items: { id: string; number: number }[] };
  for (const c of [...cohorts.items].sort((a, b) => b.number - a.number)) {
    const res = await request.get(`/api/cohorts/${c.id}/ateliers`);
    if (res.ok() && ((await res.json()) as { groups: unknown[] }).groups.length > 0) return c.id;
  }
  throw new Error('no demo promotion with atelier groups');
}

test('the responsable proposes the ateliers’ groups of a demo promotion, follows the computation and accepts them', async ({ page }) => {
  const started = Date.now();
  await loginDirectly(page, DEMO.responsable);
  const cohortId = await ateliersCohort(page.request);
  await page.goto(`/promotions/${cohortId}`);
  await page.getByRole('link', { name: 'Ateliers mémoire' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Ateliers mémoire — / })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Groupe 1' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Groupe 2' })).toBeVisible();
  await settle(page);
  await expectAccessible(page);

  await page.getByRole('tab', { name: 'Propositions' }).click();
  await page.getByRole('button', { name: 'Proposer des groupes' }).click();
  // The job runs in the server's runner: the page polls it until the grouping is there.
  await expect(page.getByRole('button', { name: 'Accepter ces groupes' })).toBeVisible({ timeout: 25_000 });
  await expect(page.getByText('Écart', { exact: true })).toBeVisible();
  await expect(page.getByText('Personne ne change de groupe.')).toBeVisible();
  await settle(page);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Accepter ces groupes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Accepter ces groupes ?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Confirmer l’acceptation' }).click();
  await expect(page.getByText('Les groupes de la promotion sont ceux de la proposition.')).toBeVisible();
  await expect(page.getByText('Acceptée', { exact: true }).first()).toBeVisible();
  expect(Date.now() - started).toBeLessThan(40_000);
});
