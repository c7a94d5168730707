// Inputs of the documents API, shared by the JSON routes and the forms.
import { z } from 'zod';
import { singleLine } from './text-safety';
import { DOCUMENT_KINDS, DOCUMENT_TEMPLATES, GRANTABLE_ROLES } from './documents';
import { DOCUMENT_SIZE_CAP_CEILING } from './document-size';

export const createDocumentSchema = z.object({
	kind: z.enum(DOCUMENT_KINDS),
	title: z.string().trim().min(1).max(200).refine(singleLine),
	template: z.enum(DOCUMENT_TEMPLATES).optional()
});

export const versionNameSchema = z.object({
	name: z.string().trim().min(1).max(120).refine(singleLine)
});

export const writeGrantsSchema = z.object({
	roles: z.array(z.enum(GRANTABLE_ROLES)).max(GRANTABLE_ROLES.length)
});

/** A document's size cap in bytes; null goes back to its kind's default. */
export const sizeCapSchema = z.object({
	bytes: z
		.number()
		.int()
		.min(64 * 1024)
		.max(DOCUMENT_SIZE_CAP_CEILING)
		.nullable()
});
