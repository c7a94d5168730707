// A phone number as the database knows it: HMAC-SHA256 under the operator's SMS_NUMBER_KEY. The
// number itself lives only in the request that carried it (and in the reply that goes back to
// it): never stored, never logged, never in an API answer or an export.
import { createHmac, timingSafeEqual, createHash } from 'node:crypto';

/**
 * One number, one hash, however the gateway wrote it: `+227 90 12 34 56`, `0022790123456` and
 * `22790123456` are the same phone. Local forms (without the country code) are kept as they are:
 * a gateway sends one form for one number.
 */
export function canonicalNumber(raw: string): string {
	const trimmed = raw.trim();
	const digits = trimmed.replace(/\D/g, '');
	if (trimmed.startsWith('+')) return digits;
	return digits.startsWith('00') ? digits.slice(2) : digits;
}

export function hashNumber(key: string, raw: string): string {
	return createHmac('sha256', key).update(canonicalNumber(raw)).digest('hex');
}

/** Compares a presented secret with the configured one without telling how much matched. */
export function secretMatches(presented: unknown, expected: string | undefined): boolean {
	if (!expected || typeof presented !== 'string' || presented === '') return false;
	const a = createHash('sha256').update(presented).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}
