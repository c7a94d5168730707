// Parses untrusted input with a shared schema; a failure is a `validation` ServiceError naming the
// first offending field, so every edge answers 400 the same way. Control characters are refused
// in every string first, whatever the schema (src/lib/domain/text-safety.ts).
import type { z } from 'zod';
import { controlCharacterPath } from '../../domain/text-safety';
import { ServiceError } from './service-error';

export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	rejectControlCharacters(input);
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	throw new ServiceError('validation', { field: issue?.path.join('.') || 'body' });
}

/** For the services that parse with their own error codes: the same refusal as `validate`. */
export function rejectControlCharacters(input: unknown): void {
	const field = controlCharacterPath(input);
	if (field !== null) throw new ServiceError('validation', { field });
}
