import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/lib/server/services/group-commit';
import { waitFor } from '../helpers/wait-for';

/**
 * A commit that takes as long as the test says: while `hold` is set, each batch waits for
 * `release()` — the stand-in for a slow database, with no clock involved.
 */
function recorder(options: { hold?: boolean } = {}) {
	const batches: number[][] = [];
	let committed = 0;
	let hold = options.hold ?? false;
	let release: () => void = () => {};
	const gate = () =>
		hold ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
	const box = createGroupCommit<number, number>({
		windowMs: 2,
		maxBatch: 50,
		closedError: () => new Error('closed'),
		async run(items) {
			batches.push(items);
			await gate();
			committed += items.length;
			return items.map((n) => (n < 0 ? new Error(`refused ${n}`) : n * 2));
		}
	});
	return {
		box,
		batches,
		committed: () => committed,
		release() {
			hold = false;
			release();
		}
	};
}

describe('group commit', () => {
	it('puts items submitted together in one batch and answers each after its commit', async () => {
		const { box, batches, committed } = recorder();
		const answers = await Promise.all(
			[1, 2, 3].map(async (n) => {
				const value = await box.submit(n);
				return { value, committedWhenAnswered: committed() };
			})
		);
		expect(batches).toEqual([[1, 2, 3]]);
		expect(answers).toEqual([
			{ value: 2, committedWhenAnswered: 3 },
			{ value: 4, committedWhenAnswered: 3 },
			{ value: 6, committedWhenAnswered: 3 }
		]);
	});

	it('rejects only the refused item of a batch', async () => {
		const { box } = recorder();
		const results = await Promise.allSettled([box.submit(1), box.submit(-1), box.submit(2)]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
	});

	it('runs one batch at a time and gathers what arrives meanwhile into the next', async () => {
		const { box, batches, release } = recorder({ hold: true });
		const first = box.submit(1);
		await waitFor(() => batches.length === 1);
		const later = [box.submit(2), box.submit(3), box.submit(4)];
		release();
		await Promise.all([first, ...later]);
		expect(batches).toEqual([[1], [2, 3, 4]]);
	});

	it('never makes a batch larger than maxBatch', async () => {
		const { box, batches } = recorder();
		await Promise.all(Array.from({ length: 120 }, (_, i) => box.submit(i)));
		expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
	});

	it('commits what is queued on close, then refuses new items', async () => {
		const { box, committed } = recorder();
		const pending = box.submit(7);
		await box.close();
		expect(await pending).toBe(14);
		expect(committed()).toBe(1);
		await expect(box.submit(8)).rejects.toThrow('closed');
	});
});
