// Twilio-compatible form posts (docs/sms.md): From, Body, MessageSid → TwiML.
import { receiveSms } from '$lib/server/sms/http';
import { twilioGateway } from '$lib/server/sms/adapters/twilio';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, request }) =>
	receiveSms(locals.app, twilioGateway, request);
