import { expect } from '@playwright/test';
import { DEMO, expectAccessible, loginDirectly, test } from './fixtures';

test('the administrator reads the audit journal in French: every action and entity has a label, not a code', async ({ page }) => {
  await loginDirectly(page, DEMO.admin);
  await page.goto('/admin/journal');
  await expect(page.getByRole('heading', { name: "Journal d'audit" })).toBeVisible();
  const rows = page.locator('tbody > tr');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(5);
  const seen = new Set<string>();
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  for (let i = 0; i < count; i++) {
    const cells = rows.nth(i).locator('td');
    // Words, not codes: the action's label, the entity's kind, the subject named (issue 8, item 16).
    const label = (await cells.nth(3).innerText()).trim();
    expect(label, `ligne ${i + 1}`).not.toBe('');
    expect(label, `ligne ${i + 1}`).not.toMatch(/^[a-z_]+\.[a-z_]+$/);
    const entity = (await cells.nth(4).innerText()).trim();
    expect(entity, `type d’entité, ligne ${i + 1}`).not.toMatch(/^[a-z_]+$/);
    const subject = (await cells.nth(5).innerText()).trim();
    expect(subject, `objet, ligne ${i + 1}`).not.toMatch(UUID);
    seen.add(label);
  }
  // The demo's own writes are in the first page: the journal has more than the sign-in kinds.
  expect(seen.size).toBeGreaterThan(1);
  // The code and the identifiers are still there, in the details of an event.
  await rows.first().getByRole('button', { name: /^Afficher le détail/ }).click();
  await expect(page.getByText(/^Action :/).first()).toBeVisible();
  await expect(page.locator('code').first()).toHaveText(/^[a-z_]+\.[a-z_]+$/);
  await expectAccessible(page);
});
