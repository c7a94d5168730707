// Reads the environment once, at start, into a typed object. A bad value stops the start with one
// clear line (ConfigError) instead of a stack trace deep inside a driver.
import path from 'node:path';
import { MIN_CLIENT_PROTOCOL } from '../protocol/version';

export interface Config {
	port: number;
	host: string;
	/** Where PGlite keeps its files when no DATABASE_URL is set (venue mode). */
	dataDir: string;
	databaseUrl: string | undefined;
	redisUrl: string | undefined;
	/** Public origin, e.g. https://palabre.example.org; used for join links and QR codes. */
	origin: string | undefined;
	/**
	 * Other origins whose pages may open the realtime channels (ALLOWED_ORIGINS, comma-separated),
	 * besides ORIGIN — or, when ORIGIN is unset, besides the request's own host.
	 */
	allowedOrigins: string[];
	/** Folder holding the generated SQL migrations. */
	migrationsDir: string;
	/** Largest single Yjs update accepted on /collab, in bytes. */
	collabMaxUpdateBytes: number;
	/** Trust X-Forwarded-For for the client address (only behind a proxy you run). */
	trustProxy: boolean;
	version: string;
	/** SMTP server for e-mail notifications (`smtp://user:pass@host:587`); none: in-app only. */
	smtpUrl: string | undefined;
	/** Sender of those e-mails. */
	mailFrom: string;
	/**
	 * Oldest protocol version served (PALABRE_MIN_CLIENT_PROTOCOL, never below the build's own
	 * minimum): raising it tells every connected phone to reload, e.g. after a client-side fix.
	 */
	minClientProtocol: number;
	/**
	 * Least severe log line written (LOG_LEVEL). The loggers read it themselves when they are
	 * imported (src/lib/server/log.ts); it is parsed here too so that a typo stops the start.
	 */
	logLevel: LogLevel;
	/** Bearer token that opens GET /metrics on the main port (METRICS_TOKEN); none: no /metrics there. */
	metricsToken: string | undefined;
	/** A separate listener serving only /metrics (METRICS_ADDRESS=host:port, an admin interface). */
	metricsAddress: { host: string; port: number } | undefined;
}

/** pino's levels, from the most verbose; `silent` writes nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The message is a catalog key (see src/messages/core) so the one-line error is translated. */
export class ConfigError extends Error {
	override name = 'ConfigError';
	constructor(
		readonly key: ConfigErrorKey,
		readonly params: Record<string, string>
	) {
		super(`${key} ${JSON.stringify(params)}`);
	}
}

export type ConfigErrorKey =
	| 'config_error_port'
	| 'config_error_positive_int'
	| 'config_error_boolean'
	| 'config_error_url'
	| 'config_error_url_protocol'
	| 'config_error_log_level'
	| 'config_error_address';

type Env = Record<string, string | undefined>;

export function parseConfig(env: Env = process.env, cwd = process.cwd()): Config {
	return {
		port: parsePort(env.PORT),
		host: env.HOST?.trim() || '0.0.0.0',
		dataDir: path.resolve(cwd, env.DATA_DIR?.trim() || 'data'),
		databaseUrl: parseUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
		redisUrl: parseUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
		origin: parseOrigin(env.ORIGIN),
		allowedOrigins: parseOriginList(env.ALLOWED_ORIGINS),
		migrationsDir: path.resolve(cwd, env.MIGRATIONS_DIR?.trim() || 'drizzle'),
		collabMaxUpdateBytes: parsePositiveInt(
			'COLLAB_MAX_UPDATE_BYTES',
			env.COLLAB_MAX_UPDATE_BYTES,
			1024 * 1024
		),
		trustProxy: parseBoolean('TRUST_PROXY', env.TRUST_PROXY),
		version: env.npm_package_version || env.PALABRE_VERSION || '0.1.0',
		smtpUrl: parseUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']),
		mailFrom: env.MAIL_FROM?.trim() || 'Palabre <palabre@localhost>',
		minClientProtocol: Math.max(
			MIN_CLIENT_PROTOCOL,
			parsePositiveInt(
				'PALABRE_MIN_CLIENT_PROTOCOL',
				env.PALABRE_MIN_CLIENT_PROTOCOL,
				MIN_CLIENT_PROTOCOL
			)
		),
		logLevel: parseLogLevel(env.LOG_LEVEL),
		metricsToken: env.METRICS_TOKEN?.trim() || undefined,
		metricsAddress: parseAddress('METRICS_ADDRESS', env.METRICS_ADDRESS)
	};
}

/** LOG_LEVEL, `info` when unset. */
export function parseLogLevel(raw: string | undefined): LogLevel {
	const value = raw?.trim().toLowerCase() ?? '';
	if (value === '') return 'info';
	if ((LOG_LEVELS as readonly string[]).includes(value)) return value as LogLevel;
	throw new ConfigError('config_error_log_level', {
		value: raw ?? '',
		levels: LOG_LEVELS.join(', ')
	});
}

function parsePort(raw: string | undefined): number {
	if (raw === undefined || raw.trim() === '') return 3000;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new ConfigError('config_error_port', { value: raw });
	}
	return port;
}

/** `host:port` (`[::1]:9464` for IPv6); the port may be 0 (tests). */
function parseAddress(name: string, raw: string | undefined) {
	if (raw === undefined || raw.trim() === '') return undefined;
	const match = /^\[?([^\]]*?)\]?:(\d{1,5})$/.exec(raw.trim());
	const port = match ? Number(match[2]) : NaN;
	if (!match || !match[1] || port > 65535) {
		throw new ConfigError('config_error_address', { name, value: raw });
	}
	return { host: match[1], port };
}

function parsePositiveInt(name: string, raw: string | undefined, fallback: number): number {
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value <= 0) {
		throw new ConfigError('config_error_positive_int', { name, value: raw });
	}
	return value;
}

function parseBoolean(name: string, raw: string | undefined): boolean {
	if (raw === undefined || raw.trim() === '') return false;
	if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
	if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
	throw new ConfigError('config_error_boolean', { name, value: raw });
}

function parseUrl(name: string, raw: string | undefined, protocols: string[]): string | undefined {
	if (raw === undefined || raw.trim() === '') return undefined;
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		throw new ConfigError('config_error_url', { name });
	}
	if (!protocols.includes(url.protocol)) {
		throw new ConfigError('config_error_url_protocol', { name, protocols: protocols.join(' | ') });
	}
	return raw.trim();
}

function parseOrigin(raw: string | undefined, name = 'ORIGIN'): string | undefined {
	const url = parseUrl(name, raw, ['http:', 'https:']);
	return url ? new URL(url).origin : undefined;
}

function parseOriginList(raw: string | undefined): string[] {
	const origins = (raw ?? '')
		.split(',')
		.map((part) => parseOrigin(part, 'ALLOWED_ORIGINS'))
		.filter((origin): origin is string => origin !== undefined);
	return [...new Set(origins)];
}
