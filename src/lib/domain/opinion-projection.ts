// The opinion map's geometry: participants × statements votes to points on a plane (PCA), then
// opinion groups (k-means, k chosen by silhouette). Pure; see docs/opinion-map.md for the method.
import { PCA } from 'ml-pca';
import { kmeans } from 'ml-kmeans';

/** A member's row: one cell per statement, 1 agree, -1 disagree, 0 pass or unseen. */
export interface VoteRow {
	memberId: string;
	cells: number[];
	/** How many statements they voted on (pass included). */
	voted: number;
}

/** Per-statement loadings of the two axes, kept so the map does not flip between updates. */
export type Axes = Record<string, [number, number]>;

export interface Projection {
	/** Normalised to [-1, 1] with one scale for both axes (the shape is kept). */
	points: [number, number][];
	axes: Axes;
}

/**
 * PCA to two dimensions. An axis' sign is arbitrary in PCA: each is flipped, if needed, to agree
 * with the previous axes on the statements both know, so the room's map does not mirror itself
 * when one vote comes in. As in Polis, a member who saw few statements is pushed out by
 * √(statements ÷ voted): their missing cells (0) would otherwise pull them to the centre.
 */
export function project(
	rows: readonly VoteRow[],
	statementIds: readonly string[],
	previous: Axes | null
): Projection {
	const n = statementIds.length;
	if (rows.length < 2 || n < 2) {
		return { points: rows.map(() => [0, 0]), axes: {} };
	}
	const data = rows.map((r) => r.cells);
	const means = new Array<number>(n).fill(0);
	for (const row of data) for (let j = 0; j < n; j++) means[j] += row[j] / data.length;
	// From the statements' covariance matrix (statements × statements, 150 × 150 at most in a
	// room), which ml-pca decomposes: unlike NIPALS it does not lose the second axis when the
	// votes have rank one (two camps voting as blocs), and it is faster than an SVD of the whole
	// matrix. The covariance itself is summed here over plain arrays, measured ≈ 3× faster than
	// ml-matrix's generic product on 300 × 150 (bench/opinion-map.ts).
	const pca = new PCA(covariance(data, means), { isCovarianceMatrix: true });
	const vectors = pca.getEigenvectors();
	const components = Math.min(2, vectors.columns);
	const loadings: number[][] = [];
	for (let c = 0; c < 2; c++) {
		const v = new Array<number>(n).fill(0);
		if (c < components) for (let j = 0; j < n; j++) v[j] = finite(vectors.get(j, c));
		loadings.push(v);
	}
	if (previous) {
		for (let c = 0; c < 2; c++) {
			let agreement = 0;
			statementIds.forEach((id, j) => {
				const old = previous[id];
				if (old) agreement += old[c] * loadings[c][j];
			});
			if (agreement < 0) loadings[c] = loadings[c].map((x) => -x);
		}
	}
	const raw = data.map((row, i) => {
		const stretch = Math.sqrt(n / Math.max(1, rows[i].voted));
		const xy: [number, number] = [0, 0];
		for (let c = 0; c < 2; c++) {
			let s = 0;
			for (let j = 0; j < n; j++) s += (row[j] - means[j]) * loadings[c][j];
			xy[c] = s * stretch;
		}
		return xy;
	});
	let scale = 0;
	for (const [x, y] of raw) scale = Math.max(scale, Math.abs(x), Math.abs(y));
	const points = raw.map(([x, y]): [number, number] =>
		scale > 1e-12 ? [x / scale, y / scale] : [0, 0]
	);
	const axes: Axes = {};
	statementIds.forEach((id, j) => (axes[id] = [loadings[0][j], loadings[1][j]]));
	return { points, axes };
}

/** The sample covariance of the columns of `data` (rows × n), as n rows of n. */
function covariance(data: readonly number[][], means: readonly number[]): number[][] {
	const n = means.length;
	const c = Array.from({ length: n }, () => new Float64Array(n));
	const centred = new Float64Array(n);
	for (const row of data) {
		for (let j = 0; j < n; j++) centred[j] = row[j] - means[j];
		for (let a = 0; a < n; a++) {
			const va = centred[a];
			if (va === 0) continue;
			const ca = c[a];
			for (let b = a; b < n; b++) ca[b] += va * centred[b];
		}
	}
	const divisor = Math.max(1, data.length - 1);
	const out = Array.from({ length: n }, () => new Array<number>(n));
	for (let a = 0; a < n; a++) for (let b = a; b < n; b++) out[a][b] = out[b][a] = c[a][b] / divisor;
	return out;
}

function finite(x: number): number {
	return Number.isFinite(x) ? x : 0;
}

// Not Math.hypot: measured several times slower, and the silhouette calls it n² times per k.
const dist = (a: readonly number[], b: readonly number[]) => {
	const dx = a[0] - b[0];
	const dy = a[1] - b[1];
	return Math.sqrt(dx * dx + dy * dy);
};

/** Mean silhouette of a clustering (−1..1; higher is better separated). Singletons count 0. */
export function silhouette(points: readonly [number, number][], labels: readonly number[]): number {
	const k = Math.max(...labels) + 1;
	if (points.length < 2 || k < 2) return 0;
	let total = 0;
	for (let i = 0; i < points.length; i++) {
		const sums = new Array<number>(k).fill(0);
		const counts = new Array<number>(k).fill(0);
		for (let j = 0; j < points.length; j++) {
			if (i === j) continue;
			sums[labels[j]] += dist(points[i], points[j]);
			counts[labels[j]]++;
		}
		const own = labels[i];
		if (counts[own] === 0) continue;
		const a = sums[own] / counts[own];
		let b = Infinity;
		for (let c = 0; c < k; c++)
			if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
		if (!Number.isFinite(b)) continue;
		const denominator = Math.max(a, b);
		total += denominator > 0 ? (b - a) / denominator : 0;
	}
	return total / points.length;
}

export const K_MIN = 2;
export const K_MAX = 5;
/**
 * The smallest group shown. A group's shares on a statement are public (the projector shows what
 * characterises it): in a group of one or two they would be a person's own votes, readable by
 * the room. A split that leaves a smaller group is not considered; when none is left, one group.
 */
export const MIN_GROUP_SIZE = 3;
/** Fewer placed members than this: one group (two groups of `MIN_GROUP_SIZE` at least). */
export const MIN_POINTS_TO_SPLIT = 2 * MIN_GROUP_SIZE;
/** The previous k stays unless another k's silhouette beats it by this much (no flicker). */
export const K_HYSTERESIS = 0.05;

export interface Clustering {
	/** Cluster index per point, 0..k-1, renumbered without gaps. */
	labels: number[];
	k: number;
	silhouette: number;
}

/**
 * k-means for k in 2..5 (fewer if the room is small), k chosen by silhouette. Deterministic
 * (fixed seeds), so the same votes always give the same groups.
 */
export function cluster(points: readonly [number, number][], previousK: number | null): Clustering {
	const distinct = new Set(points.map(([x, y]) => `${x.toFixed(9)},${y.toFixed(9)}`)).size;
	if (points.length < MIN_POINTS_TO_SPLIT || distinct < 2) {
		return { labels: points.map(() => 0), k: 1, silhouette: 0 };
	}
	const data = points.map(([x, y]) => [x, y]);
	const kMax = Math.min(K_MAX, points.length - 1, distinct);
	const candidates: Clustering[] = [];
	for (let k = K_MIN; k <= kMax; k++) {
		const labels = bestOfSeeds(data, k);
		candidates.push({ labels, k: Math.max(...labels) + 1, silhouette: silhouette(points, labels) });
	}
	const allowed = candidates.filter((c) => smallestGroup(c.labels, c.k) >= MIN_GROUP_SIZE);
	if (allowed.length === 0) return { labels: points.map(() => 0), k: 1, silhouette: 0 };
	let best = allowed[0];
	for (const c of allowed) if (c.silhouette > best.silhouette) best = c;
	const kept = allowed.find((c) => c.k === previousK);
	if (kept && kept.silhouette >= best.silhouette - K_HYSTERESIS) return kept;
	return best;
}

function smallestGroup(labels: readonly number[], k: number): number {
	const sizes = new Array<number>(k).fill(0);
	for (const l of labels) sizes[l]++;
	return Math.min(...sizes);
}

const SEEDS = [1, 2, 3];

function bestOfSeeds(data: number[][], k: number): number[] {
	let best: { labels: number[]; error: number } | null = null;
	for (const seed of SEEDS) {
		const result = kmeans(data, k, { seed, initialization: 'kmeans++', maxIterations: 100 });
		let error = 0;
		result.clusters.forEach((c, i) => (error += dist(data[i], result.centroids[c]) ** 2));
		if (!best || error < best.error - 1e-12) best = { labels: result.clusters, error };
	}
	return compact(best!.labels);
}

/** Renumbers labels 0..k-1 in order of first appearance (k-means can leave a cluster empty). */
function compact(labels: readonly number[]): number[] {
	const map = new Map<number, number>();
	return labels.map((l) => {
		if (!map.has(l)) map.set(l, map.size);
		return map.get(l)!;
	});
}

/**
 * Stable group ids: each new cluster takes the id of the previous group it shares the most
 * members with (greedy, largest overlap first). Members, not centroids, are matched: the PCA
 * plane can turn between updates, people do not move between groups that much. A cluster left
 * without a match takes the smallest id not in use.
 */
export function matchGroupIds(
	clusters: readonly (readonly string[])[],
	previous: readonly { id: number; members: readonly string[] }[]
): number[] {
	const pairs: { cluster: number; id: number; overlap: number }[] = [];
	clusters.forEach((members, c) => {
		const set = new Set(members);
		for (const group of previous) {
			const overlap = group.members.filter((m) => set.has(m)).length;
			if (overlap > 0) pairs.push({ cluster: c, id: group.id, overlap });
		}
	});
	pairs.sort((a, b) => b.overlap - a.overlap || a.id - b.id || a.cluster - b.cluster);
	const ids = new Array<number>(clusters.length).fill(-1);
	const used = new Set<number>();
	for (const p of pairs) {
		if (ids[p.cluster] !== -1 || used.has(p.id)) continue;
		ids[p.cluster] = p.id;
		used.add(p.id);
	}
	for (let c = 0; c < ids.length; c++) {
		if (ids[c] !== -1) continue;
		let id = 0;
		while (used.has(id)) id++;
		ids[c] = id;
		used.add(id);
	}
	return ids;
}

/** 'A', 'B', … 'Z', then 'A2', 'B2', … */
export function groupLabel(id: number): string {
	const letter = String.fromCharCode(65 + (id % 26));
	const round = Math.floor(id / 26);
	return round === 0 ? letter : `${letter}${round + 1}`;
}
