// Start-up failures of the database, as catalog keys so the one line an operator reads is translated.
export class DatabaseUnavailableError extends Error {
	override name = 'DatabaseUnavailableError';
	constructor(
		readonly key: 'db_error_unreachable' | 'db_error_locked',
		readonly params: Record<string, string>
	) {
		super(`${key} ${JSON.stringify(params)}`);
	}
}
