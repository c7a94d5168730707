// Rate-limit checks shared by the JSON API and the form actions (same rules on both doors).
import type { RequestEvent } from '@sveltejs/kit';
import { ServiceError } from '../services/service-error';
import { addressKey, deviceKey } from './client-key';

export function guardLogin(event: RequestEvent, email: unknown) {
	const { limits } = event.locals.app;
	const who = typeof email === 'string' ? email.trim().toLowerCase() : '';
	if (!limits.login.consume(`addr:${addressKey(event)}`)) throw new ServiceError('rate_limited');
	if (!limits.loginAccount.consume(`dev:${deviceKey(event)}:${who}`))
		throw new ServiceError('rate_limited');
}

export function guardJoin(event: RequestEvent, code: unknown) {
	const { limits } = event.locals.app;
	const normalized = typeof code === 'string' ? code.trim().toUpperCase() : '';
	if (!limits.joinDevice.consume(deviceKey(event))) throw new ServiceError('rate_limited');
	if (!limits.joinAddress.consume(addressKey(event))) throw new ServiceError('rate_limited');
	if (!limits.joinCode.consume(normalized)) throw new ServiceError('rate_limited');
}
