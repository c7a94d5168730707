// Whether the server still speaks this page's protocol (src/lib/protocol/version.ts), fed by both
// realtime channels: socket.io's connect_error and /collab's close code 4426. The root layout's
// banner reads it. A page too old reloads by itself, but only when nothing would be lost: the
// co-editing trackers and the ballot senders hold the reload while their work is unconfirmed.
import type { Socket } from 'socket.io-client';
import { SvelteSet } from 'svelte/reactivity';
import { PROTOCOL_PARAM, PROTOCOL_VERSION } from '$lib/protocol/version';
import type { DurabilityState } from './collab-durability';

export type ProtocolState = 'ok' | 'client_outdated' | 'server_outdated';

/** /collab's close code for both verdicts (server/collab/close-codes.ts); the reason says which. */
export const PROTOCOL_CLOSE_CODE = 4426;

class ProtocolStatus {
	state = $state<ProtocolState>('ok');
	/** Keys of what is unconfirmed right now (`collab:<docId>`, `ballot:<pollId>`). */
	readonly holds = new SvelteSet<string>();

	/** True when a reload would lose nothing unsent. */
	get safeToReload() {
		return this.holds.size === 0;
	}

	/** A refusal's code from either channel; anything else is not about versions. */
	report(code: unknown) {
		if (code === 'client_outdated') this.state = 'client_outdated';
		// "Reload" beats "wait": a newer page against an older server only waits for the deploy.
		else if (code === 'server_outdated' && this.state === 'ok') this.state = 'server_outdated';
	}

	/** `busy`: this work is unconfirmed and a reload now would drop it. */
	hold(key: string, busy: boolean) {
		if (busy) this.holds.add(key);
		else this.holds.delete(key);
	}
}

export const protocolStatus = new ProtocolStatus();

/** socket.io refuses with a connect_error whose `data` is a WireError (server/socket/protocol-version.ts). */
export function watchProtocolRefusal(socket: Pick<Socket, 'on'>) {
	socket.on('connect_error', (error: Error & { data?: { code?: unknown } }) =>
		protocolStatus.report(error.data?.code)
	);
}

/** For y-websocket's `connection-close`: y-websocket stops reconnecting on 44xx by itself. */
export function reportCollabClose(event: { code: number; reason: string } | null | undefined) {
	if (event?.code === PROTOCOL_CLOSE_CODE) protocolStatus.report(event.reason);
}

/** y-websocket's `params` of every /collab connection: the version, read by server/collab-route.ts. */
export const COLLAB_PARAMS: Record<string, string> = {
	[PROTOCOL_PARAM]: String(PROTOCOL_VERSION)
};

/**
 * Wraps a durability listener (collab-durability.ts) so that unconfirmed edits of `documentId`
 * hold the automatic reload; `release()` when the editor goes away (IndexedDB keeps the text).
 */
export function holdWhileUnsaved(
	documentId: string,
	onChange: (state: DurabilityState) => void
): { onChange: (state: DurabilityState) => void; release: () => void } {
	const key = `collab:${documentId}`;
	return {
		onChange(state) {
			protocolStatus.hold(key, state.pending);
			onChange(state);
		},
		release: () => protocolStatus.hold(key, false)
	};
}
