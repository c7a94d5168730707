// Fake gateways for the SMS and USSD tests: each speaks its gateway's wire format to a real
// server, the way the gateway itself would (no Origin header, form-encoded or JSON bodies).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const SMS_ENV = {
	SMS_NUMBER_KEY: 'cle-de-test-des-numeros-0123456789abcdef',
	SMS_WEBHOOK_SECRET: 'secret-twilio-de-test-0123',
	RAPIDPRO_SECRET: 'secret-rapidpro-de-test-0123',
	SMSSYNC_SECRET: 'secret-smssync-de-test-0123',
	USSD_SECRET: 'secret-ussd-de-test-0123'
};

const form = (fields: Record<string, string>) => ({
	method: 'POST',
	headers: { 'content-type': 'application/x-www-form-urlencoded' },
	body: new URLSearchParams(fields).toString()
});

async function answer(res: Response) {
	return {
		status: res.status,
		type: res.headers.get('content-type') ?? '',
		text: await res.text()
	};
}

/** A Twilio-compatible gateway: From, Body, MessageSid; the reply comes back as TwiML. */
export async function twilioSms(
	baseUrl: string,
	message: { from: string; body: string; sid: string },
	token: string | null = SMS_ENV.SMS_WEBHOOK_SECRET
) {
	const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
	const res = await fetch(
		`${baseUrl}/api/sms/inbound${query}`,
		form({ From: message.from, Body: message.body, MessageSid: message.sid })
	);
	const out = await answer(res);
	const match = /<Message>([\s\S]*?)<\/Message>/.exec(out.text);
	return { ...out, reply: match ? unescapeXml(match[1]) : null };
}

function unescapeXml(text: string) {
	return text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}

/** A RapidPro external channel's gateway: from, text, id as JSON. */
export async function rapidproSms(
	baseUrl: string,
	message: { from: string; text: string; id: string },
	token = SMS_ENV.RAPIDPRO_SECRET
) {
	const res = await fetch(`${baseUrl}/api/sms/rapidpro?token=${encodeURIComponent(token)}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(message)
	});
	return answer(res);
}

/** An Android phone running SMSSync: from, message, message_id, secret, form-encoded. */
export async function smssyncSms(
	baseUrl: string,
	message: { from: string; message: string; messageId: string },
	secret = SMS_ENV.SMSSYNC_SECRET
) {
	const res = await fetch(
		`${baseUrl}/api/sms/smssync`,
		form({
			from: message.from,
			message: message.message,
			message_id: message.messageId,
			secret,
			sent_to: '+22790000000',
			sent_timestamp: String(Date.now())
		})
	);
	const out = await answer(res);
	return {
		...out,
		payload: (out.type.includes('json') ? JSON.parse(out.text).payload : null) as {
			success: boolean;
			task?: string;
			messages?: { to: string; message: string; uuid: string }[];
		} | null
	};
}

/** A USSD aggregator (Africa's Talking-style callback): sessionId, phoneNumber, text. */
export async function ussd(
	baseUrl: string,
	step: { sessionId: string; phoneNumber: string; text: string },
	token = SMS_ENV.USSD_SECRET
) {
	const res = await fetch(
		`${baseUrl}/api/ussd?token=${encodeURIComponent(token)}`,
		form({ ...step, serviceCode: '*384*22#' })
	);
	return answer(res);
}

/** RapidPro's send URL: records what Palabre posts to it. */
export async function fakeSendUrl() {
	const received: Record<string, string>[] = [];
	let failNext = 0;
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			if (failNext > 0) {
				failNext--;
				res.statusCode = 503;
				return res.end();
			}
			received.push(JSON.parse(body));
			res.statusCode = 200;
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/send`,
		received,
		failNextSends(n: number) {
			failNext = n;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
