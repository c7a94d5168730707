// Rate-limit keys. A venue's participants share one public address (the hotspot), so limits are
// also kept per device: a long-lived random cookie, set the first time it is needed.
import type { RequestEvent } from '@sveltejs/kit';

const DEVICE_COOKIE = 'palabre_device';

export function deviceKey(event: Pick<RequestEvent, 'cookies' | 'url'>): string {
	let id = event.cookies.get(DEVICE_COOKIE);
	if (!id || !/^[a-z0-9-]{36}$/.test(id)) {
		id = crypto.randomUUID();
		event.cookies.set(DEVICE_COOKIE, id, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			maxAge: 365 * 24 * 60 * 60
		});
	}
	return id;
}

export function addressKey(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}
