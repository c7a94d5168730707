// The webhook doors of the SMS gateways and the USSD callback: secret first (nothing is read or
// changed on a refusal), then the conversation, then the answer in the gateway's format.
import type { App } from '../app';
import { secretMatches } from './number-hash';
import { errorKind, plain, readFields, type SmsGateway } from './gateway';

export async function receiveSms(app: App, gateway: SmsGateway, request: Request) {
	const inbound = await gateway.parseInbound(request, app.config.sms);
	if (!inbound.ok) return gateway.refuse(inbound.status);
	let reply: string | null;
	try {
		reply = await app.sms.receive(inbound.message);
	} catch (error) {
		// The message was released: the gateway's retry is handled afresh.
		console.error('[sms] message not handled', gateway.name, errorKind(error));
		return gateway.refuse(500);
	}
	return gateway.reply(inbound.message, reply, app.config.sms);
}

/**
 * `POST /api/ussd?token=USSD_SECRET`, form-encoded `sessionId`, `phoneNumber`, `text` (the
 * inputs so far joined by `*`), as Africa's Talking and compatible aggregators send; the answer
 * is plain text starting with `CON ` (more to come) or `END `.
 */
export async function receiveUssd(app: App, request: Request) {
	const secret = app.config.sms.ussdSecret;
	if (!secret) return plain(404);
	if (!secretMatches(new URL(request.url).searchParams.get('token'), secret)) return plain(401);
	const fields = await readFields(request);
	const sessionId = fields?.sessionId;
	const phoneNumber = fields?.phoneNumber;
	if (!sessionId || sessionId.length > 200 || !phoneNumber || !/\d{3}/.test(phoneNumber))
		return plain(400);
	try {
		return plain(200, await app.sms.ussd({ sessionId, phoneNumber, text: fields.text ?? '' }));
	} catch (error) {
		console.error('[ussd] request not handled', errorKind(error));
		return plain(500);
	}
}
