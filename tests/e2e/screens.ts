// Screenshots for a person to look at: saved only when PALABRE_SCREENS names a folder
// (`PALABRE_SCREENS=/tmp/screens npx vitest run --config vitest.e2e.config.ts tests/e2e/…`).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** The whole page by default; `fullPage: false` keeps what the screen shows (a sticky bar, a sheet). */
export async function saveScreen(page: Page, name: string, fullPage = true): Promise<void> {
	const dir = process.env.PALABRE_SCREENS;
	if (!dir) return;
	fs.mkdirSync(dir, { recursive: true });
	await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage });
}
