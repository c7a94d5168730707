// What the opinion map's API accepts (issue #16). The author, the member and the role always come
// from the session; these only shape the intent.
import { z } from 'zod';
import { singleLine } from './text-safety';
import { STATEMENT_MAX_LENGTH } from '../protocol/opinion';

export const OPINION_PROMPT_MAX = 300;
export const OPINION_SEEDS_MAX = 50;

/**
 * A statement's length as the phone's counter shows it: characters (code points), not UTF-16
 * units, so « é » or an emoji counts one. Measured after trimming.
 */
export function statementLength(text: string): number {
	return [...text.trim()].length;
}

const statementText = z
	.string()
	.trim()
	.min(1)
	.refine(singleLine)
	.refine((t) => statementLength(t) <= STATEMENT_MAX_LENGTH, {
		message: `max ${STATEMENT_MAX_LENGTH}`
	});

const prompt = z.string().trim().min(1).max(OPINION_PROMPT_MAX).refine(singleLine);
const moderation = z.enum(['pre', 'post']);
const id = z.string().uuid();

export const createOpinionMapSchema = z.object({
	prompt,
	seeds: z.array(statementText).max(OPINION_SEEDS_MAX).optional(),
	moderation: moderation.optional()
});

export const updateOpinionMapSchema = z
	.object({
		open: z.boolean().optional(),
		moderation: moderation.optional(),
		prompt: prompt.optional()
	})
	.refine((v) => v.open !== undefined || v.moderation !== undefined || v.prompt !== undefined, {
		path: ['open']
	});

export const statementSchema = z.object({ text: statementText });

export const moderateStatementSchema = z.object({ action: z.enum(['approve', 'hide', 'unhide']) });

export const opinionVoteSchema = z.object({
	statementId: id,
	vote: z.union([z.literal(1), z.literal(-1), z.literal(0)])
});

/** The target's id that each kind needs is checked by the service (it names the missing one). */
export const promoteStatementSchema = z.object({
	to: z.enum(['article', 'amendment', 'action']),
	documentId: id.optional(),
	articleId: z.string().min(1).max(64).optional(),
	planId: id.optional()
});
