// Inputs of the review and follow-up API, shared by the JSON routes and the page forms.
import { z } from 'zod';
import { ACTION_STATUSES, isIsoDate } from './action-plan';
import { REVIEW_LIMITS as L } from './plan-review';

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.optional()
		.nullable()
		.transform((value) => (value ? value : undefined));

const sha256Hex = z
	.string()
	.trim()
	.regex(/^[0-9a-f]{64}$/i)
	.transform((value) => value.toLowerCase());

/** Requirements that depend on the decision (name and title, or a comment) are the service's. */
export const reviewSchema = z.object({
	decision: z.enum(['approve', 'request_changes']),
	comment: optionalText(L.comment),
	signatoryName: optionalText(L.signatoryName),
	signatoryTitle: optionalText(L.signatoryTitle),
	statement: optionalText(L.statement),
	/** The hash the reviewer read: refused when a newer version was submitted meanwhile. */
	hash: sha256Hex.optional().nullable()
});
export type ReviewInput = z.output<typeof reviewSchema>;

export const commentSchema = z.object({
	actionId: optionalText(100),
	body: z.string().trim().min(1).max(L.comment)
});

export const followupSchema = z.object({
	actionId: z.string().trim().min(1).max(100),
	status: z.enum(ACTION_STATUSES),
	progress: z.coerce.number().int().min(0).max(100),
	indicatorValue: optionalText(L.indicatorValue),
	note: optionalText(L.note),
	date: z
		.string()
		.trim()
		.optional()
		.nullable()
		.transform((value) => value || undefined)
		.refine((value) => value === undefined || isIsoDate(value))
});
