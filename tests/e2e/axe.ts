// axe-core, the accessibility engine, run inside a page driven by playwright-core. The engine's
// source is evaluated in the page (not added as a <script>, which a content security policy
// could refuse) and the result comes back as plain data.
import { appendFile } from 'node:fs/promises';
import axe from 'axe-core';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue, Result } from 'axe-core';

const BLOCKING: readonly ImpactValue[] = ['serious', 'critical'];

/**
 * Runs every axe rule on the page as it is now and returns the violations. With AXE_LOG=<file>,
 * every finding of every impact (and what axe could not decide, such as contrast over layered
 * backgrounds) is also appended to that file as one JSON line per page, for a person to read.
 */
export async function axeViolations(page: Page): Promise<Result[]> {
	const loaded = await page.evaluate(() => 'axe' in window);
	if (!loaded) await page.evaluate(axe.source);
	const results = await page.evaluate(
		() =>
			(window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe.run(
				document
			) as Promise<AxeResults>
	);
	const log = process.env.AXE_LOG;
	if (log) {
		const summary = (list: Result[]) =>
			list.map((r) => ({
				id: r.id,
				impact: r.impact,
				nodes: r.nodes.map((n) => n.target.join(' '))
			}));
		const line = {
			page: new URL(page.url()).pathname,
			viewport: page.viewportSize(),
			violations: summary(results.violations),
			incomplete: summary(results.incomplete)
		};
		await appendFile(log, JSON.stringify(line) + '\n');
	}
	return results.violations;
}

/** One line per failing element: what rule, how bad, where, and axe's summary of the fix. */
export function describeViolations(violations: Result[]): string[] {
	return violations.flatMap((v) =>
		v.nodes.map(
			(node) =>
				`${v.impact} ${v.id} (${v.help}) at ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`
		)
	);
}

/** The serious and critical findings, one readable line each. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
	const violations = await axeViolations(page);
	return describeViolations(violations.filter((v) => v.impact && BLOCKING.includes(v.impact)));
}

/** Fails with a readable list when axe finds a serious or critical violation on the page. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
	expect(await seriousAxeViolations(page), `axe on ${new URL(page.url()).pathname}`).toEqual([]);
}
