import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/lib/server/config';

describe('METRICS_TOKEN and METRICS_ADDRESS', () => {
	it('leave /metrics closed when unset or blank', () => {
		const config = parseConfig({ METRICS_TOKEN: '  ', METRICS_ADDRESS: '' });
		expect(config.metricsToken).toBeUndefined();
		expect(config.metricsAddress).toBeUndefined();
	});

	it('read a token and a host:port, IPv6 in brackets', () => {
		expect(parseConfig({ METRICS_TOKEN: ' abc ' }).metricsToken).toBe('abc');
		expect(parseConfig({ METRICS_ADDRESS: '127.0.0.1:9464' }).metricsAddress).toEqual({
			host: '127.0.0.1',
			port: 9464
		});
		expect(parseConfig({ METRICS_ADDRESS: '[::1]:0' }).metricsAddress).toEqual({
			host: '::1',
			port: 0
		});
	});

	it('refuse an address without a host or a valid port, naming the variable', () => {
		for (const value of ['9464', ':9464', 'localhost', '10.0.0.1:70000', '10.0.0.1:port']) {
			let error: unknown;
			try {
				parseConfig({ METRICS_ADDRESS: value });
			} catch (e) {
				error = e;
			}
			expect(error, value).toBeInstanceOf(ConfigError);
			expect((error as ConfigError).key).toBe('config_error_address');
			expect((error as ConfigError).params).toEqual({ name: 'METRICS_ADDRESS', value });
		}
	});
});
