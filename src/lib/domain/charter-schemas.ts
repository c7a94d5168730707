// What the charter's API accepts: article statuses, amendments, votes and settings. The
// author, the member and the role always come from the session; these only shape the intent. A
// failure names its field (validate() answers 400 with it, translated at the edge).
import { z } from 'zod';
import { isPlainText, singleLine } from './text-safety';

export const CHARTER_AMENDMENT_KINDS = ['replace', 'add', 'delete', 'rewrite'] as const;
export const CHARTER_MAJORITIES = ['simple', 'two_thirds'] as const;
/** The statuses a facilitator may set by hand; `voting` only comes from a vote. */
export const MANUAL_ARTICLE_STATUSES = [
	'draft',
	'discussion',
	'withdrawn',
	'adopted',
	'rejected'
] as const;

/** A passage lies inside one block: one line, at most a long paragraph. */
export const MAX_PASSAGE_LENGTH = 2_000;
/** New text: a whole article when rewritten (one line per block). */
export const MAX_AMENDMENT_TEXT_LENGTH = 10_000;
export const MAX_JUSTIFICATION_LENGTH = 1_000;
/** A countdown longer than a day is a forgotten vote. */
export const MAX_VOTE_SECONDS = 24 * 60 * 60;
export const MAX_QUORUM = 100_000;

/** Article ids are uuids written by the editor or the server; anything else is not an article. */
export const articleIdSchema = z.string().min(1).max(64).refine(singleLine);

const passage = z
	.string()
	.max(MAX_PASSAGE_LENGTH)
	.refine(singleLine)
	.refine((s) => s.trim().length > 0);
const newText = z
	.string()
	.max(MAX_AMENDMENT_TEXT_LENGTH)
	.refine((s) => isPlainText(s, { multiline: true }))
	.refine((s) => s.trim().length > 0);
const justification = z
	.string()
	.trim()
	.max(MAX_JUSTIFICATION_LENGTH)
	.refine((s) => isPlainText(s, { multiline: true }));

export const articleStatusSchema = z.object({ status: z.enum(MANUAL_ARTICLE_STATUSES) });

/**
 * replace: passage + text · add: text, after `passage` or at the end · delete: passage ·
 * rewrite: text (the whole body). Fields a kind does not use are refused, not ignored: a client
 * sending them misunderstood the kind.
 */
export const proposeAmendmentSchema = z
	.object({
		kind: z.enum(CHARTER_AMENDMENT_KINDS),
		passage: passage.optional(),
		text: newText.optional(),
		justification: justification.optional(),
		anonymous: z.boolean().optional()
	})
	.superRefine((input, ctx) => {
		const needs = (field: 'passage' | 'text', wanted: boolean | 'optional') => {
			const present = input[field] !== undefined;
			if ((wanted === true && !present) || (wanted === false && present))
				ctx.addIssue({ code: 'custom', path: [field], message: field });
		};
		const rules = {
			replace: { passage: true, text: true },
			add: { passage: 'optional', text: true },
			delete: { passage: true, text: false },
			rewrite: { passage: false, text: true }
		} as const;
		needs('passage', rules[input.kind].passage);
		needs('text', rules[input.kind].text);
	});
export type ProposeAmendmentInput = z.output<typeof proposeAmendmentSchema>;

/** The author updates a stale amendment: a new passage (as it now reads) and/or new text. */
export const updateAmendmentSchema = z
	.object({
		passage: passage.optional(),
		text: newText.optional(),
		justification: justification.optional()
	})
	.refine((v) => v.passage !== undefined || v.text !== undefined || v.justification !== undefined, {
		path: ['passage']
	});
export type UpdateAmendmentInput = z.output<typeof updateAmendmentSchema>;

export const charterVoteSchema = z.object({
	amendmentId: z.string().uuid().optional(),
	majority: z.enum(CHARTER_MAJORITIES).optional(),
	secret: z.boolean().optional(),
	closesInSeconds: z.number().int().min(1).max(MAX_VOTE_SECONDS).optional(),
	/** An agenda round to link to the poll, so phones follow the vote. */
	roundId: z.string().min(1).max(64).refine(singleLine).optional()
});
export type CharterVoteInput = z.output<typeof charterVoteSchema>;

export const charterSettingsSchema = z
	.object({
		majority: z.enum(CHARTER_MAJORITIES).optional(),
		quorum: z.number().int().min(1).max(MAX_QUORUM).nullable().optional(),
		allowAnonymous: z.boolean().optional()
	})
	.refine(
		(v) => v.majority !== undefined || v.quorum !== undefined || v.allowAnonymous !== undefined,
		{ path: ['majority'] }
	);
export type CharterSettingsInput = z.output<typeof charterSettingsSchema>;

export const publishCharterSchema = z.object({ published: z.boolean() });
