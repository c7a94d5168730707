// Workshop vocabulary: kinds, statuses, roles, join codes. What each role may do is the
// permission table (permissions.ts).
export const WORKSHOP_KINDS = [
	'collaborathon',
	'bootcamp',
	'hackathon',
	'concertation',
	'conference'
] as const;
export type WorkshopKind = (typeof WORKSHOP_KINDS)[number];

export const WORKSHOP_STATUSES = ['draft', 'live', 'closed'] as const;
export type WorkshopStatus = (typeof WORKSHOP_STATUSES)[number];

export const MEMBER_ROLES = ['facilitator', 'participant', 'observer', 'reviewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Languages the UI is translated into; a workshop may declare others (Hausa, Wolof…) as data. */
export const WORKSHOP_LANGUAGES = ['fr', 'en', 'ha', 'wo', 'dje', 'ff', 'bm'] as const;

/** A join code: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z). */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRTUVWXY346789';
export const JOIN_CODE_LENGTH = 6;

export function normalizeJoinCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isJoinCode(code: string): boolean {
	if (code.length !== JOIN_CODE_LENGTH) return false;
	for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return false;
	return true;
}

/** Maps random bytes to a code; rejection sampling keeps every character equally likely. */
export function joinCodeFromBytes(bytes: Uint8Array): string | null {
	const n = JOIN_CODE_ALPHABET.length;
	const limit = 256 - (256 % n);
	let code = '';
	for (const byte of bytes) {
		if (byte >= limit) continue;
		code += JOIN_CODE_ALPHABET[byte % n];
		if (code.length === JOIN_CODE_LENGTH) return code;
	}
	return null;
}
