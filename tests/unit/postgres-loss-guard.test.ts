import { describe, expect, it } from 'vitest';
import { isPostgresConnectionLoss } from '../../server/postgres-loss-guard';

/** An error whose stack reads as if thrown at `frame`, as V8 prints it. */
function thrownAt<E extends Error>(error: E, frame: string): E {
	error.stack = `${error.name}: ${error.message}\n    at ${frame}\n    at process.processImmediate (node:internal/timers:483:21)`;
	return error;
}

describe('the postgres.js connection-loss guard', () => {
	it('recognises the connection errors postgres.js leaks when PostgreSQL drops a connection', () => {
		const closed = Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), {
			code: 'CONNECTION_CLOSED'
		});
		expect(isPostgresConnectionLoss(closed)).toBe(true);
		const nullSocket = thrownAt(
			new TypeError("Cannot read properties of null (reading 'write')"),
			'Immediate.nextWrite (file:///srv/palabre/node_modules/postgres/src/connection.js:255:22)'
		);
		expect(isPostgresConnectionLoss(nullSocket)).toBe(true);
	});

	it('lets every other error end the process, even a null write elsewhere', () => {
		const elsewhere = thrownAt(
			new TypeError("Cannot read properties of null (reading 'write')"),
			'nextWrite (file:///srv/palabre/dist/server.js:12:3)'
		);
		expect(isPostgresConnectionLoss(elsewhere)).toBe(false);
		expect(isPostgresConnectionLoss(new Error('boom'))).toBe(false);
		expect(isPostgresConnectionLoss(Object.assign(new Error('x'), { code: '23505' }))).toBe(false);
		expect(isPostgresConnectionLoss('CONNECTION_CLOSED')).toBe(false);
		expect(isPostgresConnectionLoss(undefined)).toBe(false);
	});
});
