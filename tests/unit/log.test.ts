// The logger writes what LOG_LEVEL lets through, as JSON lines carrying the module and context.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseLogLevel } from '../../src/lib/server/config';
import { createLogger, createRootLogger } from '../../src/lib/server/log';
import type { LogLevel } from '../../src/lib/server/config';

/** A pino destination that keeps the parsed lines. */
function capture(level: LogLevel) {
	const lines: Array<Record<string, unknown>> = [];
	const root = createRootLogger({
		level,
		destination: { write: (line: string) => void lines.push(JSON.parse(line)) }
	});
	return { root, lines };
}

describe('createLogger', () => {
	it('writes a JSON line with the level, the module, the context fields and the message', () => {
		const { root, lines } = capture('info');
		const log = createLogger('polls', { instance: 'a' }, root);
		log.child({ pollId: 'p1' }).warn({ attempt: 2 }, 'could not broadcast');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({
			level: 40,
			module: 'polls',
			instance: 'a',
			pollId: 'p1',
			attempt: 2,
			msg: 'could not broadcast'
		});
		expect(typeof lines[0].time).toBe('number');
	});

	it('honours the level: below it nothing is written, `silent` writes nothing at all', () => {
		const warn = capture('warn');
		const log = createLogger('collab', {}, warn.root);
		log.debug('noise');
		log.info('noise');
		log.error('kept');
		expect(warn.lines.map((line) => line.msg)).toEqual(['kept']);

		const silent = capture('silent');
		createLogger('collab', {}, silent.root).fatal('never');
		expect(silent.lines).toEqual([]);

		const debug = capture('debug');
		createLogger('collab', {}, debug.root).debug('kept');
		expect(debug.lines.map((line) => line.msg)).toEqual(['kept']);
	});

	it('serialises an error under `err` with its message and stack', () => {
		const { root, lines } = capture('info');
		createLogger('api', {}, root).error({ err: new Error('boom') }, 'unexpected error');
		expect(lines[0].err).toMatchObject({ type: 'Error', message: 'boom' });
		expect(String((lines[0].err as { stack: string }).stack)).toContain('log.test.ts');
	});
});

describe('LOG_LEVEL', () => {
	it('is `info` when unset and accepts every pino level, in any case', () => {
		expect(parseConfig({}).logLevel).toBe('info');
		expect(parseLogLevel(undefined)).toBe('info');
		expect(parseLogLevel(' Debug ')).toBe('debug');
		expect(parseConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
	});

	it('refuses anything else with a translated configuration error', () => {
		expect(() => parseConfig({ LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
		try {
			parseLogLevel('verbose');
		} catch (error) {
			expect((error as ConfigError).key).toBe('config_error_log_level');
			expect((error as ConfigError).params.value).toBe('verbose');
		}
	});
});
