// The one error type services throw for expected failures. Edges (routes, socket handlers) turn
// it into `{ error: { code, message, field } }` with the code's status, translated.
import { ERROR_STATUS, type ErrorCode } from '../../protocol/errors';

export class ServiceError extends Error {
	override name = 'ServiceError';
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
	return error instanceof ServiceError;
}
