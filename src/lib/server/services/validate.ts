// Parses untrusted input with a shared schema; a failure is a `validation` ServiceError naming the
// first offending field, so every edge answers 400 the same way.
import type { z } from 'zod';
import { ServiceError } from './service-error';

export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	throw new ServiceError('validation', { field: issue?.path.join('.') || 'body' });
}
