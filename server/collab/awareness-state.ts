// Awareness (carets, names, "who is here") of one document, kept as JSON text so that fan-out and
// joins never re-serialise states. Same clock rules as y-protocols/awareness, plus two server
// rules: a connection may only speak for the client ids it claimed first, and the user's name
// and colour come from the authenticated principal, not from the client.
import type { AwarenessEntry, EncodedAwarenessState } from './protocol';

/** Same as y-protocols: clients renew every 15 s, a state silent for 30 s is gone. */
export const AWARENESS_TIMEOUT_MS = 30_000;
const MAX_CLIENTS_PER_OWNER = 8;

export interface AwarenessIdentity {
	name: string;
	color?: string;
}

interface Held {
	clock: number;
	/** null once removed: the clock is kept so that a late, older message cannot resurrect it. */
	json: string | null;
	owner: object | null;
	lastUpdated: number;
}

export interface AwarenessState {
	/** Applies a client's entries; returns the client ids that changed (to fan out). */
	apply(
		entries: AwarenessEntry[],
		owner: object,
		identity: AwarenessIdentity,
		now: number
	): number[];
	/** A connection closed: its clients leave. */
	removeOwner(owner: object): number[];
	/** States not renewed for 30 s (a client that vanished without closing). */
	sweep(now: number): number[];
	encode(clientIds: Iterable<number>): EncodedAwarenessState[];
	/** Every present state, for a client that joins or asks. */
	encodeAll(): EncodedAwarenessState[];
	size(): number;
}

export function createAwarenessState(): AwarenessState {
	const clients = new Map<number, Held>();
	const owned = new Map<object, Set<number>>();
	let present = 0;

	const release = (clientId: number, held: Held) => {
		if (held.owner) owned.get(held.owner)?.delete(clientId);
		if (held.json !== null) present--;
		held.json = null;
		held.owner = null;
	};

	return {
		apply(entries, owner, identity, now) {
			const changed: number[] = [];
			for (const { clientId, clock, state } of entries) {
				const held = clients.get(clientId);
				if (held?.owner && held.owner !== owner) continue;
				const current = held?.clock ?? 0;
				const accept =
					current < clock || (current === clock && state === null && held?.json != null);
				if (held && !accept) continue;
				if (state === null) {
					if (held) {
						release(clientId, held);
						held.clock = clock;
						held.lastUpdated = now;
						changed.push(clientId);
					}
					continue;
				}
				let mine = owned.get(owner);
				if (!mine) owned.set(owner, (mine = new Set()));
				if (!mine.has(clientId) && mine.size >= MAX_CLIENTS_PER_OWNER) continue;
				mine.add(clientId);
				const json = JSON.stringify(stamp(state, identity));
				if (held) {
					if (held.json === null) present++;
					held.clock = clock;
					held.json = json;
					held.owner = owner;
					held.lastUpdated = now;
				} else {
					present++;
					clients.set(clientId, { clock, json, owner, lastUpdated: now });
				}
				changed.push(clientId);
			}
			return changed;
		},
		removeOwner(owner) {
			const mine = owned.get(owner);
			owned.delete(owner);
			if (!mine) return [];
			const changed: number[] = [];
			for (const clientId of mine) {
				const held = clients.get(clientId);
				if (!held || held.json === null) continue;
				release(clientId, held);
				// +1 so that every peer (whose copy has the old clock) accepts the removal.
				held.clock++;
				changed.push(clientId);
			}
			return changed;
		},
		sweep(now) {
			const changed: number[] = [];
			for (const [clientId, held] of clients) {
				if (held.json !== null && now - held.lastUpdated >= AWARENESS_TIMEOUT_MS) {
					release(clientId, held);
					held.clock++;
					changed.push(clientId);
				} else if (held.json === null && now - held.lastUpdated >= 4 * AWARENESS_TIMEOUT_MS) {
					// Old tombstones go: by now every peer has dropped that client too.
					clients.delete(clientId);
				}
			}
			return changed;
		},
		encode(clientIds) {
			const out: EncodedAwarenessState[] = [];
			for (const clientId of clientIds) {
				const held = clients.get(clientId);
				if (held) out.push({ clientId, clock: held.clock, json: held.json ?? 'null' });
			}
			return out;
		},
		encodeAll() {
			const out: EncodedAwarenessState[] = [];
			for (const [clientId, held] of clients) {
				if (held.json !== null) out.push({ clientId, clock: held.clock, json: held.json });
			}
			return out;
		},
		size: () => present
	};
}

/** Tiptap's caret extension reads `state.user.{name,color}`: those must be the server's truth. */
function stamp(state: unknown, identity: AwarenessIdentity): unknown {
	if (typeof state !== 'object' || state === null || Array.isArray(state)) return state;
	const record = state as Record<string, unknown>;
	const previous = record.user;
	const user: Record<string, unknown> =
		typeof previous === 'object' && previous !== null && !Array.isArray(previous)
			? { ...(previous as Record<string, unknown>) }
			: {};
	user.name = identity.name;
	if (identity.color) user.color = identity.color;
	return { ...record, user };
}
