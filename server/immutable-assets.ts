// Built assets under /_app/immutable/ are named by their content hash and cached for a year
// (`immutable`): a browser never revalidates them, so their ETag and Last-Modified headers are
// never used — but they cost ~80 bytes on each of the ~20 responses of a phone's first load,
// which counts against the vote page's 80 KB budget (docs/performance.md « Page weight »).
import type { IncomingMessage, ServerResponse } from 'node:http';

const IMMUTABLE = '/_app/immutable/';
const VALIDATOR = /^(etag|last-modified)$/i;

export function dropImmutableValidators(req: IncomingMessage, res: ServerResponse): void {
	if (!req.url?.startsWith(IMMUTABLE)) return;
	const writeHead = res.writeHead;
	res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
		for (const arg of rest) {
			if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
				for (const key of Object.keys(arg))
					if (VALIDATOR.test(key)) delete (arg as Record<string, unknown>)[key];
			}
		}
		res.removeHeader('etag');
		res.removeHeader('last-modified');
		return writeHead.call(res, statusCode, ...(rest as []));
	}) as typeof res.writeHead;
}
