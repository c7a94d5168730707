// Runs the opinion map's analysis off the request path (issue #16): a vote marks its map dirty and
// schedules one recomputation, at most every `intervalMs` (2 s) per map, and none while no vote
// changed. The latest result per map is kept in this instance (no module-level state); the
// memory that keeps group ids stable is stored with the map, so a restart or another instance
// continues from it.
import { computeAnalysis, type ComputedAnalysis } from '../../domain/opinion-analysis';
import type { OpinionRepository } from '../repositories/opinion';
import { createLogger } from '../log';

const log = createLogger('opinion');

export interface RunnerResult {
	version: number;
	computedAt: string;
	result: ComputedAnalysis;
}

interface MapRun {
	workshopId: string;
	latest: RunnerResult | null;
	/** Votes or statements changed since `latest` was computed. */
	dirty: boolean;
	/** When the last computation started (epoch ms). */
	lastStart: number;
	timer: NodeJS.Timeout | null;
	running: Promise<RunnerResult> | null;
}

export function createOpinionRunner(deps: {
	repo: OpinionRepository;
	now: () => number;
	intervalMs: number;
	/** After each recomputation (the realtime layer tells the room `opinion:analysis`). */
	onComputed: (e: { workshopId: string; mapId: string; version: number }) => void;
}) {
	const { repo, now, intervalMs, onComputed } = deps;
	const runs = new Map<string, MapRun>();
	let closed = false;

	function runOf(mapId: string, workshopId: string): MapRun {
		let run = runs.get(mapId);
		if (!run) {
			run = { workshopId, latest: null, dirty: false, lastStart: 0, timer: null, running: null };
			runs.set(mapId, run);
		}
		return run;
	}

	/**
	 * `persist`: a run after new votes stores its memory and takes a new version. A catch-up run
	 * (this instance is behind the stored version) only reads, or two instances serving the same
	 * room would bump the version back and forth.
	 */
	async function compute(mapId: string, run: MapRun, persist: boolean): Promise<RunnerResult> {
		if (persist) {
			run.dirty = false;
			run.lastStart = now();
		}
		const [map, statements, votes, profiles] = await Promise.all([
			repo.findMap(mapId),
			repo.statements(mapId),
			repo.votes(mapId),
			repo.voterProfiles(mapId)
		]);
		const result = computeAnalysis({
			statements: statements.filter((s) => s.status === 'approved'),
			votes,
			profiles,
			memory: map?.memory ?? null
		});
		const version = persist
			? await repo.saveAnalysis(mapId, result.memory)
			: (map?.analysisVersion ?? 0);
		const latest = { version, computedAt: new Date(now()).toISOString(), result };
		run.latest = latest;
		return latest;
	}

	function start(mapId: string, run: MapRun, persist: boolean): Promise<RunnerResult> {
		const running = compute(mapId, run, persist).finally(() => {
			run.running = null;
			// Votes that came in during the computation get their own turn.
			if (run.dirty) schedule(mapId, run);
		});
		run.running = running;
		return running;
	}

	function schedule(mapId: string, run: MapRun) {
		if (closed || run.timer || run.running) return;
		const wait = Math.max(0, run.lastStart + intervalMs - now());
		run.timer = setTimeout(() => {
			run.timer = null;
			if (!run.dirty || closed) return;
			start(mapId, run, true).then(
				(latest) => onComputed({ workshopId: run.workshopId, mapId, version: latest.version }),
				(error: unknown) => log.error({ err: error, mapId }, 'analysis failed')
			);
		}, wait);
		run.timer.unref?.();
	}

	return {
		/** Votes or statements of the map changed: recompute soon (throttled). */
		changed(mapId: string, workshopId: string) {
			const run = runOf(mapId, workshopId);
			run.dirty = true;
			schedule(mapId, run);
		},
		/**
		 * The latest analysis: the throttled one (≤ 2 s behind the votes), computed now only if this
		 * instance has none yet (first request, a restart) or another instance stored a newer one.
		 */
		async latest(mapId: string, workshopId: string, storedVersion: number): Promise<RunnerResult> {
			const run = runOf(mapId, workshopId);
			if (run.running) return run.running;
			if (run.latest && run.latest.version >= storedVersion) return run.latest;
			return start(mapId, run, false);
		},
		close() {
			closed = true;
			for (const run of runs.values()) if (run.timer) clearTimeout(run.timer);
			runs.clear();
		}
	};
}

export type OpinionRunner = ReturnType<typeof createOpinionRunner>;
