// The language cookie the pages read (paraglide's cookie strategy): readable by the page's script
// (not HttpOnly), kept a year. Set by /langue and by joining with a language chosen.
import type { Cookies } from '@sveltejs/kit';
import { LOCALE_COOKIE } from '../i18n';
import type { Locale } from '../../domain/locales';

export function setLocaleCookie(event: { cookies: Cookies }, locale: Locale) {
	event.cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		maxAge: 365 * 24 * 60 * 60
	});
}
