import { describe, expect, it } from 'vitest';
import { probeDatabase } from '../../src/lib/server/db/health-probe';
import type { Database } from '../../src/lib/server/db/client';

const databaseThat = (execute: () => Promise<unknown>) => ({ execute }) as unknown as Database;

describe('the /healthz database probe', () => {
	it('says ok when the database answers', async () => {
		expect(await probeDatabase(databaseThat(async () => [{ '?column?': 1 }]))).toBe('ok');
	});

	it('says degraded when the query fails', async () => {
		const failing = databaseThat(async () => {
			throw new Error('terminating connection due to administrator command');
		});
		expect(await probeDatabase(failing)).toBe('degraded');
	});

	it('says degraded within its bound when the database never answers', async () => {
		const startedAt = performance.now();
		const hanging = databaseThat(() => new Promise(() => {}));
		expect(await probeDatabase(hanging, 200)).toBe('degraded');
		const elapsed = performance.now() - startedAt;
		expect(elapsed).toBeGreaterThanOrEqual(190);
		expect(elapsed).toBeLessThan(1_000);
	});
});
