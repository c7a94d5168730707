// After a busy spell V8 may keep a heap of up to four times the data it holds: 5,000 phones
// joining a vote leave ~140 MB live and ~400 MB of heap. Letting the heap grow at most 100% past
// what the last full collection kept (twice the live data) held the server at 367–382 MB instead
// of 510–535 MB at 5,000 phones on PostgreSQL (bench/votes.ts, docs/performance.md), with
// latencies within the runs' noise; 30% cost visibly more collection time during the burst.
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 100;

/** Process-wide and idempotent: V8 reads the flag at each full collection. */
export function boundHeapGrowth() {
	v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
