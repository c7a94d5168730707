import { describe, expect, it } from 'vitest';
import {
	compareProtocol,
	MIN_CLIENT_PROTOCOL,
	parseClientProtocol,
	PROTOCOL_VERSION,
	UNVERSIONED_CLIENT
} from '../../src/lib/protocol/version';

describe('compareProtocol', () => {
	it('serves every version from the minimum to its own', () => {
		for (let v = MIN_CLIENT_PROTOCOL; v <= PROTOCOL_VERSION; v++)
			expect(compareProtocol(v), `v${v}`).toBe('ok');
	});

	it('tells a client older than the minimum to reload, one newer than the server to wait', () => {
		expect(compareProtocol(MIN_CLIENT_PROTOCOL - 1)).toBe('client_too_old');
		expect(compareProtocol(UNVERSIONED_CLIENT)).toBe('client_too_old');
		expect(compareProtocol(PROTOCOL_VERSION + 1)).toBe('server_too_old');
	});

	it('follows a minimum the operator raised', () => {
		const server = { version: 5, min: 4 };
		expect(compareProtocol(3, server)).toBe('client_too_old');
		expect(compareProtocol(4, server)).toBe('ok');
		expect(compareProtocol(5, server)).toBe('ok');
		expect(compareProtocol(6, server)).toBe('server_too_old');
	});

	it('starts above the unversioned clients, which count as 1', () => {
		expect(UNVERSIONED_CLIENT).toBe(1);
		expect(PROTOCOL_VERSION).toBeGreaterThanOrEqual(2);
		expect(MIN_CLIENT_PROTOCOL).toBeLessThanOrEqual(PROTOCOL_VERSION);
	});
});

describe('parseClientProtocol', () => {
	it('reads a number (socket.io auth) or a string of digits (URL)', () => {
		expect(parseClientProtocol(2)).toBe(2);
		expect(parseClientProtocol('3')).toBe(3);
	});

	it('counts a missing or unreadable claim as the oldest client', () => {
		for (const raw of [undefined, null, '', 'deux', '2.5', 2.5, -3, 0, '1e3', {}, [2], true])
			expect(parseClientProtocol(raw), JSON.stringify(raw)).toBe(UNVERSIONED_CLIENT);
	});
});
