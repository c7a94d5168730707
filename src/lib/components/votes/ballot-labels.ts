// The labels a ballot and its results need: a consent choice, a majority-judgment grade, a poll's
// status. Apart from poll-labels.ts (methods, reveal policies: the facilitators' vocabulary), so
// that the light voting page does not download words it never shows. Direct references to each
// message, never `m[key]`: an indexed lookup keeps every message of every area in the bundle.
import { m } from '$lib/paraglide/messages';
import type { ConsentKey, MjGrade, PollStatus } from '$lib/domain/poll-types';

const STATUS = {
	draft: m.vote_status_draft,
	open: m.vote_status_open,
	closed: m.vote_status_closed,
	published: m.vote_status_published
} satisfies Record<PollStatus, () => string>;

const CONSENT = {
	for: m.vote_consent_for,
	against: m.vote_consent_against,
	abstain: m.vote_consent_abstain
} satisfies Record<ConsentKey, () => string>;

const GRADE = {
	excellent: m.vote_grade_excellent,
	very_good: m.vote_grade_very_good,
	good: m.vote_grade_good,
	fairly_good: m.vote_grade_fairly_good,
	passable: m.vote_grade_passable,
	reject: m.vote_grade_reject
} satisfies Record<MjGrade, () => string>;

export const statusLabel = (status: PollStatus) => STATUS[status]();
export const consentLabel = (key: ConsentKey) => CONSENT[key]();
export const gradeLabel = (grade: MjGrade) => GRADE[grade]();
