// Group commit: items submitted within a few milliseconds (or while the previous batch is still
// committing) go to the database in one transaction, and each caller is answered only after that
// transaction committed. A burst of 5,000 ballots costs tens of transactions, not 5,000.

export interface GroupCommit<I, O> {
	submit(item: I): Promise<O>;
	/** Commits what is queued, then refuses new items. */
	close(): Promise<void>;
}

export function createGroupCommit<I, O>(options: {
	/** How long the first item of a batch waits for company. */
	windowMs: number;
	maxBatch: number;
	/** Commits the batch; returns, per item, its result or the Error to reject it with. */
	run(items: I[]): Promise<Array<O | Error>>;
	closedError: () => Error;
}): GroupCommit<I, O> {
	type Pending = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };
	let queue: Pending[] = [];
	let timer: NodeJS.Timeout | null = null;
	let running: Promise<void> | null = null;
	let closed = false;

	function schedule() {
		if (running || timer || queue.length === 0) return;
		if (queue.length >= options.maxBatch) {
			void flush();
			return;
		}
		timer = setTimeout(() => void flush(), options.windowMs);
	}

	async function flush() {
		timer = null;
		const batch = queue.slice(0, options.maxBatch);
		queue = queue.slice(batch.length);
		running = (async () => {
			try {
				const results = await options.run(batch.map((p) => p.item));
				batch.forEach((p, i) => {
					const result = results[i];
					if (result instanceof Error) p.reject(result);
					else p.resolve(result);
				});
			} catch (error) {
				for (const p of batch) p.reject(error);
			}
		})();
		await running;
		running = null;
		// Whatever arrived during the commit has already waited long enough: go at once.
		if (queue.length > 0) void flush();
	}

	return {
		submit(item) {
			if (closed) return Promise.reject(options.closedError());
			return new Promise<O>((resolve, reject) => {
				queue.push({ item, resolve, reject });
				schedule();
			});
		},
		async close() {
			closed = true;
			if (timer) {
				clearTimeout(timer);
				timer = null;
				if (!running) void flush();
			}
			while (running || queue.length > 0) {
				if (!running) void flush();
				await running;
			}
		}
	};
}
