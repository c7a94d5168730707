// Input schemas for creating a poll and casting a ballot, shared by the JSON API and the socket
// handlers. Every issue message is a stable code from POLL_INPUT_ERROR_CODES, never prose: the
// edge translates it (VOTE_ERROR_MESSAGE_KEYS) into the member's language.
import { z } from 'zod';
import {
	BALLOT_METHODS,
	MJ_GRADES,
	POLL_INPUT_ERROR_CODES,
	POLL_METHODS,
	RANKED_METHODS,
	REQUIRED_MAJORITIES,
	REVEAL_POLICIES,
	type ConsentKey,
	type PollInputErrorCode,
	type PollMethod,
	type PollSettings,
	type Quorum
} from './poll-types';
import { MEMBER_ROLES } from './workshop';

export { POLL_INPUT_ERROR_CODES };
export type { PollInputErrorCode };

export const MAX_QUESTION_LENGTH = 500;
export const MAX_LABEL_LENGTH = 200;
export const MAX_OPTIONS = 50;
export const MAX_DOTS = 100;
/** A countdown longer than a day is a forgotten poll, not a countdown. */
export const MAX_CLOSES_IN_SECONDS = 24 * 60 * 60;

const code = (error: PollInputErrorCode) => ({ error });

const optionInputSchema = z.object(
	{
		label: z
			.string(code('poll.option_label_required'))
			.trim()
			.min(1, code('poll.option_label_required'))
			.max(MAX_LABEL_LENGTH, code('poll.option_label_too_long'))
	},
	code('poll.option_label_required')
);

const quorumSchema = z.union(
	[
		z
			.number()
			.int()
			.min(1)
			.transform((min): Quorum => ({ kind: 'ballots', min })),
		z
			.object({
				basis: z.enum(['present', 'registered']),
				ratio: z.number().gt(0).lte(1)
			})
			.transform((q): Quorum => ({ kind: 'share', ...q }))
	],
	code('poll.quorum_invalid')
);

const count = (min: number, max: number, error: PollInputErrorCode) =>
	z.number(code(error)).int(code(error)).min(min, code(error)).max(max, code(error));

export const pollCreateSchema = z
	.object(
		{
			question: z
				.string(code('poll.question_required'))
				.trim()
				.min(1, code('poll.question_required'))
				.max(MAX_QUESTION_LENGTH, code('poll.question_too_long')),
			method: z.enum(POLL_METHODS, code('poll.method_invalid')),
			options: z
				.array(optionInputSchema, code('poll.options_too_few'))
				.max(MAX_OPTIONS, code('poll.options_too_many'))
				.optional(),
			secret: z.boolean(code('poll.invalid_input')).optional(),
			reveal: z.enum(REVEAL_POLICIES, code('poll.reveal_invalid')).optional(),
			quorum: quorumSchema.nullable().optional(),
			maxChoices: count(1, MAX_OPTIONS, 'poll.max_choices_invalid').nullable().optional(),
			dots: count(1, MAX_DOTS, 'poll.dots_invalid').optional(),
			closesInSeconds: count(1, MAX_CLOSES_IN_SECONDS, 'poll.closes_in_invalid')
				.nullable()
				.optional(),
			allowChange: z.boolean(code('poll.invalid_input')).optional(),
			requiredMajority: z
				.enum(REQUIRED_MAJORITIES, code('poll.required_majority_invalid'))
				.optional(),
			rankedMethod: z.enum(RANKED_METHODS, code('poll.ranked_method_invalid')).optional(),
			/** nomination: the method of its vote phase */
			voteMethod: z
				.enum(
					BALLOT_METHODS.filter((m) => m !== 'consent') as [
						Exclude<(typeof BALLOT_METHODS)[number], 'consent'>,
						...Exclude<(typeof BALLOT_METHODS)[number], 'consent'>[]
					],
					code('poll.vote_method_invalid')
				)
				.optional(),
			/** nomination: one contest per quartier */
			scope: z.enum(['none', 'quartier'], code('poll.scope_invalid')).optional(),
			eligibleRoles: z
				.array(
					z.enum(MEMBER_ROLES, code('poll.eligible_roles_invalid')),
					code('poll.eligible_roles_invalid')
				)
				.min(1, code('poll.eligible_roles_invalid'))
				.optional()
		},
		code('poll.invalid_input')
	)
	.superRefine((input, ctx) => {
		const issue = (message: PollInputErrorCode, path: string) =>
			ctx.addIssue({ code: 'custom', message, path: [path] });
		const options = input.options ?? [];
		// Consent writes pour / contre / abstention itself; a nomination gets its options from
		// the shortlist of the proposal phase.
		const ownOptions = input.method === 'consent' || input.method === 'nomination';
		if (ownOptions && options.length > 0) issue('poll.options_not_allowed', 'options');
		if (!ownOptions && options.length < 2) issue('poll.options_too_few', 'options');
		const labels = options.map((o) => o.label.toLocaleLowerCase('fr'));
		if (new Set(labels).size !== labels.length) issue('poll.option_labels_duplicate', 'options');
		const voting = input.method === 'nomination' ? (input.voteMethod ?? 'single') : input.method;
		if (
			(voting === 'multiple' || voting === 'ranked') &&
			!ownOptions &&
			input.maxChoices != null &&
			input.maxChoices > options.length
		)
			issue('poll.too_many_choices', 'maxChoices');
		if (voting === 'dots' && input.dots === undefined) issue('poll.dots_required', 'dots');
	});

export type PollCreateInput = z.output<typeof pollCreateSchema>;

export interface PollDraft {
	question: string;
	method: PollMethod;
	settings: PollSettings;
	options: { label: string; consent?: ConsentKey }[];
	closesInSeconds: number | null;
}

/**
 * Stored labels of consent options, in the base locale (French). Screens show them through the
 * catalog by their `consent` key (CONSENT_MESSAGE_KEYS); the label is for exports and the API.
 */
export const CONSENT_OPTION_LABELS: Record<ConsentKey, string> = {
	for: 'Pour',
	against: 'Contre',
	abstain: 'Abstention'
};

/**
 * Defaults chosen for deliberation rather than for quizzes: results after close (nobody follows
 * the early crowd), ballots changeable until close (a slip of the thumb on a shared phone should
 * not cost a vote), participants and facilitators eligible.
 */
export function pollDraftFromInput(input: PollCreateInput): PollDraft {
	const isNomination = input.method === 'nomination';
	const settings: PollSettings = {
		secret: input.secret ?? false,
		reveal: input.reveal ?? 'after_close',
		quorum: input.quorum ?? null,
		maxChoices: input.maxChoices ?? null,
		dots: input.dots ?? null,
		allowChange: input.allowChange ?? true,
		requiredMajority: input.requiredMajority ?? 'simple',
		rankedMethod: input.rankedMethod ?? 'irv',
		eligibleRoles: input.eligibleRoles
			? [...new Set(input.eligibleRoles)]
			: ['participant', 'facilitator'],
		nomination: isNomination
			? {
					phase: 'proposal',
					voteMethod: input.voteMethod ?? 'single',
					scope: input.scope ?? 'none'
				}
			: null
	};
	const options =
		input.method === 'consent'
			? (Object.entries(CONSENT_OPTION_LABELS) as [ConsentKey, string][]).map(
					([consent, label]) => ({
						label,
						consent
					})
				)
			: isNomination
				? []
				: (input.options ?? []).map((o) => ({ label: o.label }));
	return {
		question: input.question,
		method: input.method,
		settings,
		options,
		closesInSeconds: input.closesInSeconds ?? null
	};
}

const optionIdSchema = z.string().min(1).max(100);
const boundedRecord = <T extends z.ZodType>(value: T) =>
	z
		.record(optionIdSchema, value)
		.refine((r) => Object.keys(r).length <= MAX_OPTIONS, code('ballot.choice_invalid'));

/** The JSON shape of a choice; `validateChoice` then checks it against the poll. */
export const choiceSchema = z.union(
	[
		z.strictObject({ optionId: optionIdSchema }),
		z.strictObject({ optionIds: z.array(optionIdSchema).max(MAX_OPTIONS) }),
		z.strictObject({ ranking: z.array(optionIdSchema).max(MAX_OPTIONS) }),
		z.strictObject({ scores: boundedRecord(z.union([z.number(), z.enum(MJ_GRADES)])) }),
		z.strictObject({ dots: boundedRecord(z.number()) })
	],
	code('ballot.choice_invalid')
);

export const ballotBodySchema = z.object(
	{
		ballotId: z.uuid(code('ballot.id_invalid')),
		choice: choiceSchema,
		/**
		 * One phone per table: the member of the caller's table this ballot is for (the server
		 * checks that the caller is that table's relay). Absent: the caller votes for themself.
		 */
		forMember: z.uuid(code('ballot.member_invalid')).optional()
	},
	code('ballot.choice_invalid')
);

export type BallotBody = z.output<typeof ballotBodySchema>;

const KNOWN_CODES: ReadonlySet<string> = new Set(POLL_INPUT_ERROR_CODES);

/**
 * The codes of a failed parse, with the field each one is about. Any issue zod raised without
 * one of our codes (an unexpected type deep inside) becomes `fallback`, so English
 * prose from zod never reaches a member.
 */
export function inputErrorCodes(
	error: z.ZodError,
	fallback: PollInputErrorCode = 'poll.invalid_input'
): { code: PollInputErrorCode; field: string }[] {
	return error.issues.map((issue) => ({
		code: KNOWN_CODES.has(issue.message) ? (issue.message as PollInputErrorCode) : fallback,
		field: issue.path.map(String).join('.')
	}));
}
