// An Android phone running an SMSSync-style gateway (docs/sms.md): replies in the answer's payload.
import { receiveSms } from '$lib/server/sms/http';
import { smssyncGateway, smssyncPoll } from '$lib/server/sms/adapters/smssync';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, request }) =>
	receiveSms(locals.app, smssyncGateway, request);

export const GET: RequestHandler = ({ locals, url }) =>
	Promise.resolve(smssyncPoll(url, locals.app.config.sms.smssyncSecret));
