// One phone per table: what a facilitator sends to create a table, and what its relay sends to
// register someone on it. Shared by the JSON API and the hub's forms.
import { z } from 'zod';
import { singleLine } from './text-safety';
import { AGE_BRACKETS, GENDERS } from './profile';
import { newCardSchema } from './idea-wall';

const trimmed = (min: number, max: number) =>
	z.string().trim().min(min).max(max).refine(singleLine);
/** Optional at join, so optional here: an empty select is "not said". */
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
	z
		.enum(values)
		.optional()
		.or(z.literal('').transform(() => undefined));

export const TABLE_NAME_MAX = 40;

/** A table on the facilitator's own device, or with a participant as its relay. */
export const tableCreateSchema = z.object({
	name: trimmed(1, TABLE_NAME_MAX),
	relayMemberId: z.uuid().optional()
});

/** The facilitator hands the table's phone role to another member. */
export const tableRelaySchema = z.object({ relayMemberId: z.uuid() });

/**
 * Someone sitting at the table: a new guest from a name (with the join screen's optional profile,
 * so the inclusion panel counts them), or the relay themself (`self`).
 */
export const tableRegisterSchema = z.union([
	z.object({ self: z.literal(true) }).strict(),
	z
		.object({
			displayName: trimmed(1, 60),
			gender: optionalEnum(GENDERS),
			ageBracket: optionalEnum(AGE_BRACKETS)
		})
		.strict()
]);

/** A card posted on the idea wall for a member of the table (the relay types it). */
export const tableCardSchema = newCardSchema.extend({ forMember: z.uuid() });

/** A hand raised for a member of the table. */
export const tableHandSchema = z.object({ forMember: z.uuid() });

export type TableCreateInput = z.infer<typeof tableCreateSchema>;
export type TableRegisterInput = z.infer<typeof tableRegisterSchema>;
