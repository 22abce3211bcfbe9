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
  for (let i = 0; i < count; i++) {
    const action = rows.nth(i).locator('td').nth(3).locator('p');
    const [label, code] = [await action.nth(0).innerText(), await action.nth(1).innerText()];
    expect(code, `ligne ${i + 1}`).toMatch(/^[a-z_]+\.[a-z_]+$/);
    expect(label.trim(), `libellé de ${code}`).not.toBe('');
    expect(label, `libellé de ${code}`).not.toBe(code);
    const entity = (await rows.nth(i).locator('td').nth(4).innerText()).trim();
    expect(entity, `type d’entité de ${code}`).not.toMatch(/^[a-z_]+$/);
    seen.add(code);
  }
  // The demo's own writes are in the first page: the journal has more than the sign-in kinds.
  expect(seen.size).toBeGreaterThan(1);
  await expectAccessible(page);
});
