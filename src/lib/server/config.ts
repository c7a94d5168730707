// Reads the environment once, at start, into a typed object. A bad value stops the start with one
// clear line (ConfigError) instead of a stack trace deep inside a driver.
import path from 'node:path';
import { MIN_CLIENT_PROTOCOL } from '../protocol/version';
import { SMS_LOCALES, type SmsLocale } from '../domain/sms-commands';

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
	/** Feature phones by SMS and USSD (docs/sms.md); every gateway is off until its secret is set. */
	sms: SmsConfig;
}

export interface SmsConfig {
	/** Key of the HMAC that stands for a phone number in the database (SMS_NUMBER_KEY). */
	numberKey: string | undefined;
	/** Twilio-compatible form posts: `?token=` (SMS_WEBHOOK_SECRET). */
	webhookSecret: string | undefined;
	/** RapidPro / TextIt external channel: `?token=` (RAPIDPRO_SECRET), replies POSTed to its send URL. */
	rapidproSecret: string | undefined;
	rapidproSendUrl: string | undefined;
	/** SMSSync-style Android gateway: its `secret` field (SMSSYNC_SECRET). */
	smssyncSecret: string | undefined;
	/** USSD callback: `?token=` (USSD_SECRET). */
	ussdSecret: string | undefined;
	/** Language of replies to a number that has not chosen one (SMS_DEFAULT_LOCALE, fr). */
	defaultLocale: SmsLocale;
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
	| 'config_error_address'
	| 'config_error_sms_number_key'
	| 'config_error_sms_locale';

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
		metricsAddress: parseAddress('METRICS_ADDRESS', env.METRICS_ADDRESS),
		sms: parseSms(env)
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

/**
 * A gateway without SMS_NUMBER_KEY would have nothing to hash numbers with; a key generated and
 * kept in the database would let a copy of the database find the numbers again (there are only
 * so many), so the key is the operator's, kept outside it, and required.
 */
function parseSms(env: Env): SmsConfig {
	const secret = (name: string) => env[name]?.trim() || undefined;
	const sms = {
		numberKey: secret('SMS_NUMBER_KEY'),
		webhookSecret: secret('SMS_WEBHOOK_SECRET'),
		rapidproSecret: secret('RAPIDPRO_SECRET'),
		rapidproSendUrl: parseUrl('RAPIDPRO_SEND_URL', env.RAPIDPRO_SEND_URL, ['http:', 'https:']),
		smssyncSecret: secret('SMSSYNC_SECRET'),
		ussdSecret: secret('USSD_SECRET'),
		defaultLocale: (secret('SMS_DEFAULT_LOCALE') ?? 'fr') as SmsLocale
	};
	if (!(SMS_LOCALES as readonly string[]).includes(sms.defaultLocale))
		throw new ConfigError('config_error_sms_locale', {
			value: sms.defaultLocale,
			locales: SMS_LOCALES.join(' | ')
		});
	const anyGateway = sms.webhookSecret || sms.rapidproSecret || sms.smssyncSecret || sms.ussdSecret;
	if (anyGateway && (sms.numberKey?.length ?? 0) < 32)
		throw new ConfigError('config_error_sms_number_key', {});
	return sms;
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
