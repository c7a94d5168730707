// The y-websocket wire format (y-protocols sync + awareness + auth), with no sockets in it: the
// server, the tests, the benchmark and (later) the browser can share it. Decoding never throws:
// whatever a client sends comes back as a typed message or as a reason to close the connection.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export * from '../../src/lib/protocol/collab-durability';

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

/** y-protocols/auth sub-type, understood by every y-websocket client. */
export const authPermissionDenied = 0;
/**
 * Palabre extension: "you may write again" (a document unlocked, a role granted). Stock clients
 * ignore unknown auth sub-types (y-protocols' readAuthMessage has no default case).
 */
export const authAccessGranted = 1;

/** Why a write was refused; sent as the permission-denied reason and translated by the client. */
export type DenyReason = 'read_only' | 'locked';
/**
 * Why ONE update was dropped while the connection stays writable (the idea wall's rules: a
 * participant forging another author, hiding a card…; a charter's guard: writing into an adopted
 * article, or changing an article's identity or status). Sent as a permission-denied reason too;
 * the client should drop its local copy and resync, its refused edit lives on only there.
 */
export type RefusalReason = 'wall_rules' | 'charter_locked' | 'charter_rules';

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	/** Parsed JSON state; null means "this client left". */
	state: unknown;
}

export type ClientMessage =
	| { type: 'sync-step1'; stateVector: Uint8Array }
	| { type: 'sync-step2'; update: Uint8Array }
	| { type: 'sync-update'; update: Uint8Array }
	| { type: 'awareness'; entries: AwarenessEntry[] }
	| { type: 'query-awareness' };

export type DecodeResult =
	| { ok: true; message: ClientMessage }
	| { ok: false; error: 'malformed' | 'too_large'; detail: string };

export interface DecodeLimits {
	maxUpdateBytes: number;
	maxAwarenessBytes: number;
}

const MAX_CLIENT_ID = 0xffffffff;

class Malformed extends Error {}

function fail(detail: string): never {
	throw new Malformed(detail);
}

/** Decodes one frame from a client. A frame holds exactly one message: trailing bytes are malformed. */
export function decodeClientMessage(data: Uint8Array, limits: DecodeLimits): DecodeResult {
	try {
		return readClientMessage(data, limits);
	} catch (error) {
		// lib0 throws plain Errors on truncated input; Yjs throws on undecodable structs.
		const detail = error instanceof Error ? error.message : String(error);
		return { ok: false, error: 'malformed', detail };
	}
}

function readClientMessage(data: Uint8Array, limits: DecodeLimits): DecodeResult {
	if (data.length === 0) fail('empty frame');
	const decoder = decoding.createDecoder(data);
	const type = decoding.readVarUint(decoder);
	let message: ClientMessage;
	switch (type) {
		case messageSync: {
			const subType = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (subType === syncStep1) {
				Y.decodeStateVector(payload);
				message = { type: 'sync-step1', stateVector: payload };
			} else if (subType === syncStep2 || subType === syncUpdate) {
				if (payload.length > limits.maxUpdateBytes) {
					return { ok: false, error: 'too_large', detail: `update of ${payload.length} bytes` };
				}
				// A full decode before the live document sees it: garbage is refused here, so a
				// failure while applying can only come from integration (handled by a rebuild).
				if (!isEmptyUpdate(payload)) Y.decodeUpdate(payload);
				message = { type: subType === syncStep2 ? 'sync-step2' : 'sync-update', update: payload };
			} else {
				fail(`unknown sync message ${subType}`);
			}
			break;
		}
		case messageAwareness: {
			const payload = decoding.readVarUint8Array(decoder);
			if (payload.length > limits.maxAwarenessBytes) {
				return { ok: false, error: 'too_large', detail: `awareness of ${payload.length} bytes` };
			}
			message = { type: 'awareness', entries: decodeAwarenessPayload(payload) };
			break;
		}
		case messageQueryAwareness:
			message = { type: 'query-awareness' };
			break;
		default:
			// Clients never send auth messages; anything else is not y-websocket.
			fail(`unexpected message type ${type}`);
	}
	if (decoding.hasContent(decoder)) fail('trailing bytes');
	return { ok: true, message };
}

/** Parses an awareness update (the payload inside a messageAwareness frame). Throws if malformed. */
export function decodeAwarenessPayload(payload: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(payload);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const state: unknown = JSON.parse(decoding.readVarString(decoder));
		if (clientId > MAX_CLIENT_ID) fail('client id out of range');
		entries.push({ clientId, clock, state });
	}
	if (decoding.hasContent(decoder)) fail('trailing awareness bytes');
	return entries;
}

/** `Y.encodeStateAsUpdate` of nothing: no structs, no deletions. Read-only clients send it on sync. */
export function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, messageSync);
		encoding.writeVarUint(e, syncStep1);
		encoding.writeVarUint8Array(e, stateVector);
	});
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, messageSync);
		encoding.writeVarUint(e, syncStep2);
		encoding.writeVarUint8Array(e, update);
	});
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, messageSync);
		encoding.writeVarUint(e, syncUpdate);
		encoding.writeVarUint8Array(e, update);
	});
}

/** States are kept as JSON text so that fan-out never re-serialises them. */
export interface EncodedAwarenessState {
	clientId: number;
	clock: number;
	json: string;
}

export function encodeAwarenessMessage(states: Iterable<EncodedAwarenessState>): Uint8Array {
	const list = Array.isArray(states) ? states : Array.from(states);
	const payload = frame((e) => {
		encoding.writeVarUint(e, list.length);
		for (const { clientId, clock, json } of list) {
			encoding.writeVarUint(e, clientId);
			encoding.writeVarUint(e, clock);
			encoding.writeVarString(e, json);
		}
	});
	return frame((e) => {
		encoding.writeVarUint(e, messageAwareness);
		encoding.writeVarUint8Array(e, payload);
	});
}

export function encodeQueryAwareness(): Uint8Array {
	return frame((e) => encoding.writeVarUint(e, messageQueryAwareness));
}

export function encodePermissionDenied(reason: DenyReason | RefusalReason): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, messageAuth);
		encoding.writeVarUint(e, authPermissionDenied);
		encoding.writeVarString(e, reason);
	});
}

export function encodeAccessGranted(): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, messageAuth);
		encoding.writeVarUint(e, authAccessGranted);
		encoding.writeVarString(e, 'read_write');
	});
}

export type AuthNotice =
	| { kind: 'permission-denied'; reason: string }
	| { kind: 'access-granted'; scope: string }
	| { kind: 'unknown' };

/**
 * For clients: reads the rest of a messageAuth frame (after its type). Plug it into
 * `provider.messageHandlers[messageAuth]` to turn the editor read-only / writable.
 */
export function readAuthNotice(decoder: decoding.Decoder): AuthNotice {
	try {
		const subType = decoding.readVarUint(decoder);
		if (subType === authPermissionDenied) {
			return { kind: 'permission-denied', reason: decoding.readVarString(decoder) };
		}
		if (subType === authAccessGranted) {
			return { kind: 'access-granted', scope: decoding.readVarString(decoder) };
		}
	} catch {
		// fall through: an unreadable notice is ignored, like y-protocols does
	}
	return { kind: 'unknown' };
}
