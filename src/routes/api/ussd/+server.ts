// USSD callback (docs/sms.md): sessionId, phoneNumber, text → `CON …` / `END …`.
import { receiveUssd } from '$lib/server/sms/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, request }) => receiveUssd(locals.app, request);
