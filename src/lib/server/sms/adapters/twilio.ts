// Generic form-post gateway with Twilio's fields: `POST /api/sms/inbound?token=SMS_WEBHOOK_SECRET`
// with `From`, `Body`, `MessageSid` form-encoded; the reply goes back as TwiML.
import { secretMatches } from '../number-hash';
import { inboundFrom, plain, readFields, type SmsGateway } from '../gateway';

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;'
};

export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]);
}

export function twiml(reply: string | null): string {
	const message = reply ? `<Message>${escapeXml(reply)}</Message>` : '';
	return `<?xml version="1.0" encoding="UTF-8"?><Response>${message}</Response>`;
}

export const twilioGateway: SmsGateway = {
	name: 'twilio',
	async parseInbound(request, config) {
		if (!config.webhookSecret) return { ok: false, status: 404 };
		const token = new URL(request.url).searchParams.get('token');
		if (!secretMatches(token, config.webhookSecret)) return { ok: false, status: 401 };
		const fields = await readFields(request);
		if (!fields) return { ok: false, status: 400 };
		return inboundFrom('twilio', {
			messageId: fields.MessageSid ?? fields.SmsSid,
			from: fields.From,
			text: fields.Body
		});
	},
	async reply(_message, reply) {
		return new Response(twiml(reply), {
			status: 200,
			headers: { 'content-type': 'text/xml; charset=utf-8' }
		});
	},
	refuse: (status) => plain(status)
};
