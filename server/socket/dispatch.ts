// The one way a socket.io handler is registered: `on(socket, event, handler)` parses the payload
// with the event's schema (src/lib/protocol/client-events.ts) before the handler runs, so every
// handler receives a payload of its declared type and none re-checks it by hand. A payload that
// does not match is answered with the standard `validation` WireError naming the first offending
// field; an intent without an ack function is malformed and dropped unanswered; events nobody
// registered are ignored by socket.io itself.
import {
	clientEventSchemas,
	type AckRefusal,
	type ClientEventAcks,
	type ClientEventName,
	type ClientEventPayload
} from '../../src/lib/protocol/client-events';
import { controlCharacterPath } from '../../src/lib/domain/text-safety';
import { wireError, type Locale } from '../../src/lib/server/i18n';
import type { PalabreSocket } from './socket-types';
import { createLogger } from '../../src/lib/server/log';

const log = createLogger('socket');

/** Marks the listeners registered here (the contract test checks that no other kind exists). */
export const DISPATCHED = Symbol.for('palabre.socket.dispatched');

export type Handler<E extends ClientEventName> = (
	payload: ClientEventPayload<E>,
	ack: ClientEventAcks[E]
) => unknown;

export function on<E extends ClientEventName>(
	socket: PalabreSocket,
	event: E,
	handler: Handler<E>
): void {
	// The ack is the second argument or nothing: a function elsewhere (before the payload, after
	// an extra argument) is a malformed intent, not something to answer.
	const listener = (payload: unknown, ack: unknown) => {
		if (typeof ack !== 'function') return;
		const parsed = parsePayload(event, payload, socket.data.locale);
		if (!parsed.ok) return void (ack as (refusal: AckRefusal) => void)(parsed);
		try {
			void Promise.resolve(handler(parsed.data, ack as ClientEventAcks[E])).catch(failed);
		} catch (error) {
			failed(error);
		}
	};
	Object.defineProperty(listener, DISPATCHED, { value: event });
	socket.on(event, listener as never);
}

function failed(error: unknown) {
	log.error({ err: error }, 'handler failed');
}

/** The event's payload parsed, or the `validation` refusal to answer (exported for tests). */
export function parsePayload<E extends ClientEventName>(
	event: E,
	payload: unknown,
	locale: Locale
): { ok: true; data: ClientEventPayload<E> } | AckRefusal {
	// As on the JSON API (services/validate.ts): no control character in any string, whatever
	// the schema says.
	const control = controlCharacterPath(payload);
	if (control !== null) return refusal(control, undefined, locale);
	const result = clientEventSchemas[event].safeParse(payload);
	if (result.success) return { ok: true, data: result.data as ClientEventPayload<E> };
	const issue = result.error.issues[0];
	// Domain schemas carry their own codes as messages (`ballot.choice_invalid`,
	// `proposal_name_required`): wireError keeps one as `reason` only if the catalog has its text.
	return refusal(issue?.path.map(String).join('.') ?? '', issue?.message, locale);
}

function refusal(field: string, reason: string | undefined, locale: Locale): AckRefusal {
	const params = reason ? { reason } : undefined;
	return {
		ok: false,
		error: wireError('validation', locale, { field: field || 'payload', params })
	};
}
