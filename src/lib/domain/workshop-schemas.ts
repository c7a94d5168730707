// Input schemas shared by forms, the JSON API and socket handlers. Messages are catalog-free:
// the edge reports the offending field and a translated generic message.
import { z } from 'zod';
import { LOCALES } from './locales';
import { singleLine } from './text-safety';
import { AGE_BRACKETS, GENDERS } from './profile';
import { JOIN_CODE_LENGTH, MEMBER_ROLES, WORKSHOP_KINDS, WORKSHOP_LANGUAGES } from './workshop';

const trimmed = (min: number, max: number) =>
	z.string().trim().min(min).max(max).refine(singleLine);
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.refine(singleLine)
		.optional()
		.transform((v) => (v ? v : undefined));

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const credentialsSchema = z.object({
	email: emailSchema,
	password: z.string().min(1).max(200)
});

export const signUpSchema = z.object({
	email: emailSchema,
	name: trimmed(1, 100),
	password: z.string().min(8).max(200)
});

export const createWorkshopSchema = z.object({
	title: trimmed(1, 200),
	kind: z.enum(WORKSHOP_KINDS),
	commune: optionalText(120),
	quartier: optionalText(120),
	startsAt: z.iso
		.datetime({ offset: true, local: true })
		.or(z.iso.date())
		.optional()
		.or(z.literal('').transform(() => undefined)),
	language: z.enum(WORKSHOP_LANGUAGES).optional()
});

export const joinSchema = z.object({
	code: z
		.string()
		.trim()
		.toUpperCase()
		.transform((v) => v.replace(/[\s-]/g, ''))
		.pipe(z.string().length(JOIN_CODE_LENGTH)),
	displayName: trimmed(1, 60),
	gender: z
		.enum(GENDERS)
		.optional()
		.or(z.literal('').transform(() => undefined)),
	ageBracket: z
		.enum(AGE_BRACKETS)
		.optional()
		.or(z.literal('').transform(() => undefined)),
	quartier: optionalText(120),
	/** The language the member reads; absent keeps the one they had (French for a newcomer). */
	locale: z
		.enum(LOCALES)
		.optional()
		.or(z.literal('').transform(() => undefined))
});

/** The facilitator opens or closes joining by code. */
export const joiningSchema = z.object({ open: z.boolean() });

export const changeRoleSchema = z.object({ role: z.enum(MEMBER_ROLES) });

export const createInviteSchema = z.object({ role: z.enum(['facilitator', 'reviewer']) });

export type CreateWorkshopInput = z.infer<typeof createWorkshopSchema>;
export type JoinInput = z.infer<typeof joinSchema>;
