// The SMS gateways behind one interface: each reads its own inbound format and checks its own
// shared secret, and answers the way it expects — the reply in the HTTP answer (TwiML, SMSSync's
// payload) or posted to the gateway's send URL (RapidPro / TextIt). The conversation itself is
// the same for all (sms-service.ts). docs/sms.md says how to connect each.
import type { SmsConfig } from '../config';

export const GATEWAY_NAMES = ['twilio', 'rapidpro', 'smssync'] as const;
export type GatewayName = (typeof GATEWAY_NAMES)[number];

/** One text message as a gateway delivered it. `from` is the number: never store or log it. */
export interface InboundSms {
	gateway: GatewayName;
	/** The gateway's id for the message: a retry carries the same one. */
	messageId: string;
	from: string;
	text: string;
}

/** Refused before anything is read or changed: 401 wrong secret, 404 gateway not configured. */
export type Inbound = { ok: true; message: InboundSms } | { ok: false; status: 400 | 401 | 404 };

export interface SmsGateway {
	readonly name: GatewayName;
	parseInbound(request: Request, config: SmsConfig): Promise<Inbound>;
	/** The gateway's answer, carrying `reply` (null: nothing to send back). */
	reply(message: InboundSms, reply: string | null, config: SmsConfig): Promise<Response>;
	/** The answer to a refused request, in the gateway's format. */
	refuse(status: number): Response;
}

/** Longest text and id read from a gateway: an SMS is short, a concatenated one a few times that. */
export const MAX_INBOUND_TEXT = 1_600;
const MAX_FIELD = 200;

/** The request's fields, form-encoded or JSON; null when the body is neither. */
export async function readFields(request: Request): Promise<Record<string, string> | null> {
	const type = request.headers.get('content-type') ?? '';
	try {
		if (type.includes('application/json')) {
			const body = (await request.json()) as unknown;
			if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
			return Object.fromEntries(
				Object.entries(body).flatMap(([k, v]) =>
					typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : []
				)
			);
		}
		if (
			type.includes('application/x-www-form-urlencoded') ||
			type.includes('multipart/form-data')
		) {
			const form = await request.formData();
			return Object.fromEntries(
				[...form.entries()].flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : []))
			);
		}
	} catch {
		return null;
	}
	return null;
}

/** The inbound message from its fields, or 400 when one is missing or oversized. */
export function inboundFrom(
	gateway: GatewayName,
	fields: { messageId?: string; from?: string; text?: string }
): Inbound {
	const { messageId, from, text } = fields;
	if (!messageId || !from || text === undefined) return { ok: false, status: 400 };
	if (messageId.length > MAX_FIELD || from.length > 40 || !/\d{3}/.test(from))
		return { ok: false, status: 400 };
	return {
		ok: true,
		message: { gateway, messageId, from, text: text.slice(0, MAX_INBOUND_TEXT) }
	};
}

export const plain = (status: number, body = '') =>
	new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * What may be logged about a failure: its kind, never its message (a driver's message may quote
 * the values it was given).
 */
export function errorKind(error: unknown): string {
	if (error instanceof Error) {
		const code = (error as { code?: unknown }).code;
		return typeof code === 'string' ? `${error.name} ${code}` : error.name;
	}
	return typeof error;
}
