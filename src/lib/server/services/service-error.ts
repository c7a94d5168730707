// The one error type services throw for expected failures. Edges (routes, socket handlers) turn
// it into `{ error: { code, message, field } }` with the code's status, translated.
import { ERROR_STATUS, type ErrorCode } from '../../protocol/errors';

// A brand instead of `instanceof`: SvelteKit's build and the server bundle each hold their own
// copy of this module, and an error crosses from one to the other.
const BRAND = Symbol.for('palabre.service-error');

export class ServiceError extends Error {
	override name = 'ServiceError';
	readonly [BRAND] = true;
	constructor(
		readonly code: ErrorCode,
		readonly details: { field?: string; params?: Record<string, string | number> } = {}
	) {
		super(code);
	}
	get status(): number {
		return ERROR_STATUS[this.code];
	}
}

export function isServiceError(error: unknown): error is ServiceError {
	return typeof error === 'object' && error !== null && BRAND in error;
}
