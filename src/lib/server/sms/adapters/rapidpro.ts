// RapidPro / TextIt external channel: the channel's gateway POSTs each inbound SMS (`from`,
// `text`, `id`, form-encoded or JSON) to `/api/sms/rapidpro?token=RAPIDPRO_SECRET`; the reply is
// POSTed to RAPIDPRO_SEND_URL with the external channel's send fields (`id`, `text`, `to`,
// `to_no_plus`). A failed send answers 502, so the gateway retries: the retry is not counted
// again (same `id`), it only sends the stored reply once more.
import { secretMatches } from '../number-hash';
import { errorKind, inboundFrom, plain, readFields, type SmsGateway } from '../gateway';

const SEND_TIMEOUT_MS = 10_000;

export const rapidproGateway: SmsGateway = {
	name: 'rapidpro',
	async parseInbound(request, config) {
		if (!config.rapidproSecret) return { ok: false, status: 404 };
		const token = new URL(request.url).searchParams.get('token');
		if (!secretMatches(token, config.rapidproSecret)) return { ok: false, status: 401 };
		const fields = await readFields(request);
		if (!fields) return { ok: false, status: 400 };
		return inboundFrom('rapidpro', { messageId: fields.id, from: fields.from, text: fields.text });
	},
	async reply(message, reply, config) {
		if (reply && config.rapidproSendUrl) {
			const to = message.from.trim();
			try {
				const res = await fetch(config.rapidproSendUrl, {
					method: 'POST',
					// Credentials, if the send URL needs any, are part of it (docs/sms.md).
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						id: crypto.randomUUID(),
						text: reply,
						to,
						to_no_plus: to.replace(/^\+/, '')
					}),
					signal: AbortSignal.timeout(SEND_TIMEOUT_MS)
				});
				if (!res.ok) throw new Error(`send URL answered ${res.status}`);
			} catch (error) {
				console.error('[sms] rapidpro reply not sent; the gateway will retry', errorKind(error));
				return plain(502);
			}
		}
		return new Response(JSON.stringify({ ok: true }), {
			status: 200,
			headers: { 'content-type': 'application/json' }
		});
	},
	refuse: (status) => plain(status)
};
