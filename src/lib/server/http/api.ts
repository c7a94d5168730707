// JSON API plumbing: parse the body, run the service, answer `{ error: { code, message, field } }`
// with the code's status. Never a stack trace, never a 500 for bad input.
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { isServiceError, ServiceError } from '../services/service-error';
import { wireError, type Locale } from '../i18n';
import { createLogger } from '../log';

const log = createLogger('api');

export function apiError(
	code: string,
	status: number,
	details: { field?: string; params?: Record<string, unknown> } = {}
) {
	const headers = new Headers();
	// A guessing limit says when to come back, in the header as in the message.
	const seconds = details.params?.seconds;
	if (status === 429 && typeof seconds === 'number') headers.set('retry-after', String(seconds));
	return json({ error: wireError(code, getLocale() as Locale, details) }, { status, headers });
}

/** The adapter refuses a body over BODY_SIZE_LIMIT with an error whose status is 413. */
export function isBodyTooLarge(error: unknown): boolean {
	return (error as { status?: unknown } | null)?.status === 413;
}

export async function readJson(request: Request): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.includes('application/json')) throw new ServiceError('validation', { field: 'body' });
	try {
		return await request.json();
	} catch (error) {
		if (isBodyTooLarge(error)) throw new ServiceError('payload_too_large', { field: 'body' });
		throw new ServiceError('validation', { field: 'body' });
	}
}

/**
 * For the endpoints whose body may be left out: no body at all is `{}`, whatever the headers say
 * (clients often send `content-type: application/json` with nothing after it); a body must be JSON.
 */
export async function readOptionalJson(request: Request): Promise<unknown> {
	let text: string;
	try {
		text = await request.text();
	} catch (error) {
		if (isBodyTooLarge(error)) throw new ServiceError('payload_too_large', { field: 'body' });
		throw new ServiceError('validation', { field: 'body' });
	}
	if (text.trim() === '') return {};
	return readJson(
		new Request(request.url, { method: 'POST', headers: request.headers, body: text })
	);
}

export function api<E extends RequestEvent>(
	handler: (event: E) => Promise<Response>
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			return await handler(event);
		} catch (error) {
			if (isServiceError(error)) return apiError(error.code, error.status, error.details);
			log.error({ err: error }, 'unexpected error');
			return apiError('internal', 500);
		}
	};
}

export type ApiHandler = RequestHandler;
