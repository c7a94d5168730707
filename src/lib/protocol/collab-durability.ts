// The /collab durability notices, shared by the server (server/collab/protocol.ts) and the
// browser (src/lib/client/collab-durability.ts). Plain lib0 encoding, no sockets.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Palabre extension, server → client only: what is stored. Sub-type 0 carries a count `k`: every
 * write message (sync step 2 or update) this connection sent, up to its k-th, has been processed
 * and whatever of it the server accepted is durable. Sub-type 1 says whether storage lags (the
 * database is slow or away: edits are relayed but not confirmed). Stock y-websocket clients log
 * unknown types and carry on; Palabre's clients install a handler (src/lib/client/collab-durability.ts).
 */
export const messageDurability = 100;
export const durabilityStored = 0;
export const durabilityStorage = 1;

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export function encodeStored(count: number): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, messageDurability);
		encoding.writeVarUint(e, durabilityStored);
		encoding.writeVarUint(e, count);
	});
}

export function encodeStorageState(delayed: boolean): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, messageDurability);
		encoding.writeVarUint(e, durabilityStorage);
		encoding.writeVarString(e, delayed ? 'delayed' : 'ok');
	});
}

export type DurabilityNotice =
	{ kind: 'stored'; count: number } | { kind: 'storage'; delayed: boolean } | { kind: 'unknown' };

/** For clients: reads the rest of a messageDurability frame (after its type). Never throws. */
export function readDurabilityNotice(decoder: decoding.Decoder): DurabilityNotice {
	try {
		const subType = decoding.readVarUint(decoder);
		if (subType === durabilityStored)
			return { kind: 'stored', count: decoding.readVarUint(decoder) };
		if (subType === durabilityStorage) {
			return { kind: 'storage', delayed: decoding.readVarString(decoder) === 'delayed' };
		}
	} catch {
		// an unreadable notice is ignored
	}
	return { kind: 'unknown' };
}
