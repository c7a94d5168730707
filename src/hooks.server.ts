// Every request: pick the language, find the running app, read the session, add security headers.
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getLocale } from '$lib/paraglide/runtime';
import { currentApp } from '$lib/server/app-context';
import { SESSION_COOKIE } from '$lib/server/auth/session-token';
import { setSessionCookie } from '$lib/server/http/session-cookie';
import { translate } from '$lib/server/i18n';
import { createLogger } from '$lib/server/log';

const log = createLogger('http');

const language: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale),
			// Stylesheets are linked in the page's head already; a `link` preload header for each
			// repeats them uncompressed (docs/performance.md « Page weight »). Modules keep theirs.
			preload: ({ type }) => type === 'js'
		});
	});

const application: Handle = ({ event, resolve }) => {
	const app = currentApp();
	if (!app) {
		return new Response(translate('error_starting', getLocale()), {
			status: 503,
			headers: { 'retry-after': '2', 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	event.locals.app = app;
	return resolve(event);
};

const session: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	const result = token ? await event.locals.app.sessions.validate(token) : null;
	event.locals.user = result?.user ?? null;
	event.locals.session = result?.session ?? null;
	if (result?.session.renewed && token) setSessionCookie(event, token, result.session.expiresAt);
	if (token && !result) event.cookies.delete(SESSION_COOKIE, { path: '/' });
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	// Responses from fetch() can be immutable; only decorate what we may.
	try {
		headers.set('x-content-type-options', 'nosniff');
		headers.set('referrer-policy', 'strict-origin-when-cross-origin');
		headers.set('x-frame-options', 'DENY');
		headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
		if (event.url.protocol === 'https:') {
			headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
		}
		if (!headers.has('content-security-policy') && event.url.pathname.startsWith('/api/')) {
			headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
		}
	} catch {
		/* immutable headers */
	}
	return response;
};

/** Below this, gzip's header and the lost content-length are not worth it. */
const COMPRESS_MIN_BYTES = 1024;

/**
 * Phones pay for every byte: pages, their `__data.json` and JSON answers rendered here leave
 * gzipped (built assets are precompressed at build time and served by adapter-node as they
 * are). A page's HTML and its hydration data shrink ~3× (docs/performance.md « Page weight »).
 */
const compress: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const type = response.headers.get('content-type') ?? '';
	const length = Number(response.headers.get('content-length') ?? Infinity);
	if (
		!response.body ||
		response.headers.has('content-encoding') ||
		!/^(text\/html|application\/json)/.test(type) ||
		length < COMPRESS_MIN_BYTES ||
		!/\bgzip\b/.test(event.request.headers.get('accept-encoding') ?? '')
	)
		return response;
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'accept-encoding');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
};

export const handle = sequence(compress, language, application, session, securityHeaders);

export const handleError: HandleServerError = ({ error, status }) => {
	// A form post over BODY_SIZE_LIMIT: the adapter's 413, said in the reader's language.
	if (status === 413) {
		return {
			code: 'payload_too_large',
			message: translate('error_payload_too_large', getLocale())
		};
	}
	if (status !== 404) log.error({ err: error, status }, 'unexpected error');
	const code = status === 404 ? 'not_found' : 'internal';
	return { code, message: translate(`error_${code}`, getLocale()) };
};
