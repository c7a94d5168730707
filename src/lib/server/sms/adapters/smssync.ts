// An Android phone as the gateway, speaking SMSSync's sync protocol: it POSTs each inbound SMS
// (`from`, `message`, `message_id`, `secret`, form-encoded) to `/api/sms/smssync`, and sends the
// messages of the answer's payload (`task: "send"`). Its periodic `GET ?task=send` poll finds
// nothing queued: every reply left in the answer to the message it replies to, so no number
// waits on the server to be sent to.
import { secretMatches } from '../number-hash';
import { inboundFrom, readFields, type SmsGateway } from '../gateway';

const payload = (status: number, body: Record<string, unknown>) =>
	new Response(JSON.stringify({ payload: body }), {
		status,
		headers: { 'content-type': 'application/json' }
	});

export const smssyncGateway: SmsGateway = {
	name: 'smssync',
	async parseInbound(request, config) {
		if (!config.smssyncSecret) return { ok: false, status: 404 };
		const fields = await readFields(request);
		if (!fields) return { ok: false, status: 400 };
		if (!secretMatches(fields.secret, config.smssyncSecret)) return { ok: false, status: 401 };
		return inboundFrom('smssync', {
			messageId: fields.message_id,
			from: fields.from,
			text: fields.message
		});
	},
	async reply(message, reply) {
		if (!reply) return payload(200, { success: true, error: null });
		return payload(200, {
			success: true,
			error: null,
			task: 'send',
			messages: [{ to: message.from, message: reply, uuid: crypto.randomUUID() }]
		});
	},
	refuse: (status) => payload(status, { success: false, error: String(status) })
};

/** `GET ?task=send&secret=…`: the phone asks for queued messages; there never are any. */
export function smssyncPoll(url: URL, secret: string | undefined): Response {
	if (!secret) return payload(404, { success: false, error: '404' });
	if (!secretMatches(url.searchParams.get('secret'), secret))
		return payload(401, { success: false, error: '401' });
	return payload(200, { success: true, error: null, task: 'send', messages: [] });
}
