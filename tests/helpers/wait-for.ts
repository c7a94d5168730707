// Waits on a condition instead of sleeping: polls until `condition` returns a truthy value (which
// is returned) or the time is up, then fails with the last error or the description.

export interface WaitForOptions {
	intervalMs?: number;
	/** Named in the failure message, e.g. 'bob sees alice's text'. */
	description?: string;
}

export async function waitFor<T>(
	condition: () => T | Promise<T>,
	timeoutMs = 5_000,
	options: WaitForOptions = {}
): Promise<NonNullable<T>> {
	const interval = options.intervalMs ?? 10;
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await condition();
			if (value) return value as NonNullable<T>;
			lastError = null;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() >= deadline) {
			const what = options.description ?? 'condition';
			const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
			throw new Error(`waitFor timed out after ${timeoutMs} ms waiting for ${what}${cause}`, {
				cause: lastError ?? undefined
			});
		}
		await new Promise((resolve) => setTimeout(resolve, interval));
	}
}
