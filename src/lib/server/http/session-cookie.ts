// The session cookie: HttpOnly, SameSite=Lax, Secure whenever the request came over HTTPS.
import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from '../auth/session-token';

interface CookieEvent {
	cookies: Cookies;
	url: URL;
}

export function setSessionCookie(event: CookieEvent, token: string, expiresAt: Date) {
	event.cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		expires: expiresAt
	});
}

export function clearSessionCookie(event: CookieEvent) {
	event.cookies.delete(SESSION_COOKIE, { path: '/', secure: event.url.protocol === 'https:' });
}
