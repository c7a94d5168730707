// SMS gateways and USSD aggregators POST form-encoded bodies without an Origin header, which
// SvelteKit's CSRF check refuses ("Cross-site POST form submissions are forbidden"). That check
// protects cookie-authenticated forms; these webhook doors read no cookie and authenticate every
// request with their shared secret (src/lib/server/sms/http.ts). So, for exactly these paths,
// a request without an Origin is given the server's own, and nothing else changes.
import type http from 'node:http';

const GATEWAY_PATHS = ['/api/sms/inbound', '/api/sms/rapidpro', '/api/sms/smssync', '/api/ussd'];

export function admitGatewayPost(req: http.IncomingMessage, origin: string) {
	if (req.method !== 'POST' || req.headers.origin) return;
	const path = (req.url ?? '').split('?')[0];
	if (GATEWAY_PATHS.includes(path)) req.headers.origin = origin;
}
