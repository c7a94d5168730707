// RapidPro / TextIt external channel (docs/sms.md): from, text, id; replies to RAPIDPRO_SEND_URL.
import { receiveSms } from '$lib/server/sms/http';
import { rapidproGateway } from '$lib/server/sms/adapters/rapidpro';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, request }) =>
	receiveSms(locals.app, rapidproGateway, request);
