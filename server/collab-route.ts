// The /collab/<documentId> upgrade route. Until the documents service lands it answers 404 for
// every document, so clients get a clear refusal rather than a hanging socket.
import type { App } from '../src/lib/server/app';
import type { UpgradeRoute } from './realtime';

export function createCollabRoute(_app: App): UpgradeRoute & { close(): Promise<void> } {
	return {
		handleUpgrade(req, socket) {
			if (!(req.url ?? '').startsWith('/collab/')) return false;
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
			return true;
		},
		async close() {}
	};
}
