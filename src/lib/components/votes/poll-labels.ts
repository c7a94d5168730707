// Catalog lookups for poll vocabulary, so components never spell a status or method themselves.
// Each label is a direct reference to its message (never `m[key]`): an indexed lookup keeps every
// message of every area in the bundle, which a phone then downloads (docs/performance.md).
import { m } from '$lib/paraglide/messages';
import type { PollMethod, RevealPolicy } from '$lib/domain/poll-types';

export { consentLabel, gradeLabel, statusLabel } from './ballot-labels';

const REVEAL = {
	live: m.vote_reveal_live,
	after_close: m.vote_reveal_after_close,
	manual: m.vote_reveal_manual
} satisfies Record<RevealPolicy, () => string>;

const METHOD = {
	single: m.vote_method_single,
	multiple: m.vote_method_multiple,
	ranked: m.vote_method_ranked,
	score: m.vote_method_score,
	majority_judgment: m.vote_method_majority_judgment,
	dots: m.vote_method_dots,
	consent: m.vote_method_consent,
	nomination: m.vote_method_nomination
} satisfies Record<PollMethod, () => string>;

export const revealLabel = (reveal: RevealPolicy) => REVEAL[reveal]();
export const methodLabel = (method: PollMethod) => METHOD[method]();
