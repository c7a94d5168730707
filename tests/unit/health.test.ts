import { describe, expect, it } from 'vitest';
import { createHealth, healthReport } from '../../src/lib/server/health';
import type { Database } from '../../src/lib/server/db/client';

const databaseThat = (execute: () => Promise<unknown>) => ({ execute }) as unknown as Database;

describe('the /healthz verdict', () => {
	it('is ok with the database up and Redis up or not configured', () => {
		expect(healthReport(true, true)).toEqual({ status: 'ok', database: 'up', redis: 'up' });
		expect(healthReport(true, null)).toEqual({ status: 'ok', database: 'up', redis: 'absent' });
	});

	it('is degraded, not down, when only Redis is away: the instance still serves its clients', () => {
		expect(healthReport(true, false)).toEqual({
			status: 'degraded',
			database: 'up',
			redis: 'down'
		});
	});

	it('is down whenever the database does not answer', () => {
		expect(healthReport(false, true).status).toBe('down');
		expect(healthReport(false, false)).toEqual({ status: 'down', database: 'down', redis: 'down' });
		expect(healthReport(false, null)).toEqual({
			status: 'down',
			database: 'down',
			redis: 'absent'
		});
	});

	it('asks the database and reports Redis absent without REDIS_URL', async () => {
		const up = createHealth({ db: databaseThat(async () => [{}]), redisUrl: undefined });
		expect(await up.check()).toEqual({ status: 'ok', database: 'up', redis: 'absent' });
		const down = createHealth({
			db: databaseThat(async () => {
				throw new Error('connection refused');
			}),
			redisUrl: undefined
		});
		expect(await down.check()).toEqual({ status: 'down', database: 'down', redis: 'absent' });
		await Promise.all([up.close(), down.close()]);
	});
});
