// Lucia-style session tokens: the cookie carries a random token, the database its SHA-256, so a
// leaked sessions table cannot be replayed as cookies.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

export const SESSION_COOKIE = 'palabre_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A session used in its last 15 days is extended to a fresh 30. */
export const SESSION_RENEW_MS = 15 * 24 * 60 * 60 * 1000;

export function generateToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Reads one cookie from a raw Cookie header (socket.io handshakes and /collab upgrades). */
export function readCookie(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq === -1) continue;
		if (part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}
