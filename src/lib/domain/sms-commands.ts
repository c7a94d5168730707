// What a feature phone can say to Palabre by SMS or USSD, and how the answer fits its screen: the
// commands (`CODE NOM` to join, `1` / `2 3` / `A C B` to vote, `AIDE` / `HELP` / `TAIMAKO`…), the ballot they
// make for the open poll, and replies kept within one GSM-7 SMS (160 characters, no Unicode
// switch that would cut it to 70). Pure: the server translates the words and passes them in.
import type { GuessRule } from './guess-limits';
import type { BallotMethod, Choice, OptionId } from './poll-types';
import { isJoinCode, normalizeJoinCode } from './workshop';
import { LOCALES, type Locale } from './locales';

/** The languages an SMS reply can be written in: every catalog language. */
export const SMS_LOCALES = LOCALES;
export type SmsLocale = Locale;

/**
 * Help keywords, each in its language: asking for help in a language switches the replies to it.
 * Plain GSM-7 letters, so that any phone can type them: TAIMAKO (Hausa « taimako »), NDIMBAL
 * (Wolof « ndimbal »), GAAKASINAY (Zarma « gaakasinay »).
 */
export const HELP_KEYWORDS: Record<string, SmsLocale | null> = {
	AIDE: 'fr',
	HELP: 'en',
	TAIMAKO: 'ha',
	NDIMBAL: 'wo',
	GAAKASINAY: 'dje',
	'?': null
};

export const SMS_MAX_LENGTH = 160;
export const MAX_SMS_NAME_LENGTH = 60;

export type SmsCommand =
	| { kind: 'help'; locale: SmsLocale | null }
	| { kind: 'join'; code: string; name: string }
	/** Positions as the listing shows them: 1 = first option (A = 1, B = 2…). */
	| { kind: 'ballot'; picks: number[] }
	| { kind: 'unknown' };

const PICK = /^(\d{1,2}|[a-z])$/i;

function pickOf(token: string): number {
	return /^\d+$/.test(token) ? Number(token) : token.toUpperCase().charCodeAt(0) - 64;
}

/** Reads one inbound text. Anything that is not a command is `unknown` (the reply is the help). */
export function parseSmsCommand(raw: string): SmsCommand {
	const text = raw.normalize('NFC').trim();
	const words = text.split(/\s+/).filter(Boolean);
	if (words.length === 0) return { kind: 'help', locale: null };
	const keyword = words[0].toUpperCase();
	if (words.length === 1 && keyword in HELP_KEYWORDS)
		return { kind: 'help', locale: HELP_KEYWORDS[keyword] };
	// A ballot: numbers or single letters, separated by spaces, commas, dashes or `>`.
	const picks = text.split(/[\s,;>.-]+/).filter(Boolean);
	if (picks.length > 0 && picks.every((p) => PICK.test(p)))
		return { kind: 'ballot', picks: picks.map(pickOf) };
	// A join: the code (as projected, "K7M-X4P" or "K7M X4P" too), then the name.
	for (const n of [1, 2]) {
		const code = normalizeJoinCode(words.slice(0, n).join(''));
		if (!isJoinCode(code)) continue;
		const name = words.slice(n).join(' ').slice(0, MAX_SMS_NAME_LENGTH).trim();
		return { kind: 'join', code, name };
	}
	return { kind: 'unknown' };
}

/** The ballot methods a text message can express; the others are voted on a screen. */
export const SMS_BALLOT_METHODS = ['single', 'consent', 'multiple', 'ranked'] as const;
export type SmsBallotMethod = (typeof SMS_BALLOT_METHODS)[number];

export function smsCanVote(method: BallotMethod | null): method is SmsBallotMethod {
	return (SMS_BALLOT_METHODS as readonly string[]).includes(method ?? '');
}

export type PicksResult =
	| { ok: true; choice: Choice }
	| { ok: false; code: 'unsupported_method' | 'pick_out_of_range' | 'one_pick_only' };

/**
 * The picks as the method's ballot, over the options in listing order. How many may be picked,
 * duplicates and the rest are the ballot service's rules, checked there as for the web.
 */
export function choiceFromPicks(
	method: BallotMethod | null,
	optionIds: OptionId[],
	picks: number[]
): PicksResult {
	if (!smsCanVote(method)) return { ok: false, code: 'unsupported_method' };
	if (picks.some((p) => !Number.isInteger(p) || p < 1 || p > optionIds.length))
		return { ok: false, code: 'pick_out_of_range' };
	const ids = picks.map((p) => optionIds[p - 1]);
	switch (method) {
		case 'single':
		case 'consent':
			return picks.length === 1
				? { ok: true, choice: { optionId: ids[0] } }
				: { ok: false, code: 'one_pick_only' };
		case 'multiple':
			return { ok: true, choice: { optionIds: ids } };
		case 'ranked':
			return { ok: true, choice: { ranking: ids } };
	}
}

// ---- GSM-7 ----

const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the extension table: each costs two of the 160. */
const GSM_EXTENDED = '^{}\\[~]|€';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

/** Letters and signs of French, Hausa, Wolof and Zarma texts that GSM-7 lacks, and their stand-ins. */
const STAND_INS: Record<string, string> = {
	'\u00a0': ' ',
	'\u202f': ' ',
	'\u2009': ' ',
	'«': '"',
	'»': '"',
	'“': '"',
	'”': '"',
	'’': "'",
	'‘': "'",
	'…': '...',
	'–': '-',
	'—': '-',
	'·': '.',
	'•': '-',
	ç: 'c',
	œ: 'oe',
	Œ: 'OE',
	ɓ: 'b',
	Ɓ: 'B',
	ɗ: 'd',
	Ɗ: 'D',
	ƙ: 'k',
	Ƙ: 'K',
	ƴ: 'y',
	Ƴ: 'Y',
	ŋ: 'ng',
	Ŋ: 'NG',
	ɲ: 'ny',
	Ɲ: 'NY',
	'\t': ' '
};

export function isGsm7(text: string): boolean {
	for (const ch of text) if (!BASIC.has(ch) && !EXTENDED.has(ch)) return false;
	return true;
}

/** Length in GSM-7 septets: extension characters count twice. */
export function gsm7Length(text: string): number {
	let n = 0;
	for (const ch of text) n += EXTENDED.has(ch) ? 2 : 1;
	return n;
}

/**
 * The text in GSM-7: accents GSM-7 lacks are dropped (ê → e), typographic signs get their plain
 * stand-in (« » → "), and what has none becomes `?`. `replaced` lists what had no stand-in.
 */
export function toGsm7(text: string): { text: string; replaced: string[] } {
	let out = '';
	const replaced: string[] = [];
	for (const ch of text.normalize('NFC')) {
		if (BASIC.has(ch) || EXTENDED.has(ch)) {
			out += ch;
			continue;
		}
		const standIn = STAND_INS[ch];
		if (standIn !== undefined) {
			out += standIn;
			continue;
		}
		// A base letter with diacritics GSM-7 lacks: keep the letter (â → a, Ë → E).
		const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
		if (base && [...base].every((c) => BASIC.has(c))) {
			out += base;
			continue;
		}
		out += '?';
		replaced.push(ch);
	}
	return { text: out, replaced };
}

/** Cuts a GSM-7 text to `max` septets, ending with `...` when something was cut. */
export function truncateGsm7(text: string, max: number): string {
	if (gsm7Length(text) <= max) return text;
	let out = '';
	let n = 0;
	for (const ch of text) {
		const cost = EXTENDED.has(ch) ? 2 : 1;
		if (n + cost > max - 3) break;
		out += ch;
		n += cost;
	}
	return out.trimEnd() + '...';
}

/** Any reply, as one SMS: GSM-7, at most 160 septets. */
export function fitSms(text: string, max = SMS_MAX_LENGTH): string {
	return truncateGsm7(toGsm7(text.replace(/\s+/g, ' ').trim()).text, max);
}

/**
 * A poll as one SMS: the template (translated, with `{listing}` where the options go) keeps its
 * words; the question and the option labels share what is left, the labels cut first so that
 * every option keeps its number. Options are listed `1 Eau, 2 Santé` (letters are accepted too).
 */
export function pollListingSms(
	template: (parts: { question: string; listing: string }) => string,
	question: string,
	labels: string[],
	max = SMS_MAX_LENGTH
): string {
	const plain = (s: string) => toGsm7(s.replace(/\s+/g, ' ').trim()).text;
	const fixed = gsm7Length(plain(template({ question: '', listing: '' })));
	const budget = max - fixed;
	const listing = (labelMax: number) =>
		labels.map((l, i) => `${i + 1} ${truncateGsm7(plain(l), labelMax)}`).join(', ');
	let labelMax = 40;
	while (labelMax > 4 && gsm7Length(listing(labelMax)) > budget - 12) labelMax--;
	const options = listing(labelMax);
	const q = truncateGsm7(plain(question), Math.max(budget - gsm7Length(options) - 1, 4));
	return fitSms(template({ question: q, listing: options }), max);
}

// ---- USSD ----

/** The inputs of a USSD session so far: `1*2` → ["1", "2"]; empty at the first screen. */
export function ussdInputs(text: string): string[] {
	return text === '' ? [] : text.split('*').map((s) => s.trim());
}

/**
 * A USSD keypad has digits only: options 1–9 typed one after the other (`132`), or one number
 * for a single choice (`12` is option twelve there).
 */
export function ussdPicks(method: BallotMethod | null, input: string): number[] | null {
	if (!/^\d{1,9}$/.test(input)) return null;
	if (method === 'single' || method === 'consent') return [Number(input)];
	return [...input].map(Number);
}

// ---- limits ----

/**
 * Messages from one number (its hash): a member sends a handful per poll; a loop between two
 * gateways or a flood from one phone is slowed down after 20 quick ones, never locked out.
 */
export const SMS_NUMBER_RULE: GuessRule = {
	free: 20,
	drainPerMinute: 10,
	baseDelayMs: 2_000,
	maxDelayMs: 5 * 60_000
};
