// A body over the limit (adapter-node's BODY_SIZE_LIMIT, 512 KB by default) is answered 413 with
// a translated message, on the JSON API and on form posts, whether or not it announced its length.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { signedInAccount } from '../helpers/fixtures';
import { startTestServer } from '../helpers/test-server';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

const big = 'a'.repeat(600 * 1024);

describe('bodies over the limit', () => {
	it('get 413 and a translated message from the JSON API', async () => {
		const { client } = await signedInAccount(server);
		const fr = await client.json<{ error: { code: string; message: string } }>('/api/workshops', {
			method: 'POST',
			json: { title: big, kind: 'bootcamp' }
		});
		expect(fr.status).toBe(413);
		expect(fr.body.error).toEqual({
			code: 'payload_too_large',
			message: 'Envoi trop volumineux : raccourcissez le texte ou le fichier.',
			field: 'body'
		});
		const en = await client.json<{ error: { message: string } }>('/api/join', {
			method: 'POST',
			json: { code: 'ABCDEF', displayName: big },
			headers: { 'accept-language': 'en' }
		});
		expect(en.status).toBe(413);
		expect(en.body.error.message).toBe('Too large to send: shorten the text or the file.');
	});

	it('get 413 when the body is streamed without announcing its length', async () => {
		const { client } = await signedInAccount(server);
		const chunk = new TextEncoder().encode(JSON.stringify({ title: big, kind: 'bootcamp' }));
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(chunk);
				controller.close();
			}
		});
		const res = await fetch(`${server.url}/api/workshops`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: client.cookieHeader },
			body,
			duplex: 'half'
		} as RequestInit);
		expect(res.headers.get('content-length')).not.toBe(String(chunk.length));
		expect(res.status).toBe(413);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
			'payload_too_large'
		);
	});

	it('get 413 and a translated message on a form post, with or without JavaScript', async () => {
		const form = () => {
			const data = new FormData();
			data.set('email', 'quelqu-un@example.org');
			data.set('password', big);
			return data;
		};
		const page = await fetch(`${server.url}/connexion`, {
			method: 'POST',
			body: form(),
			headers: { origin: server.url, accept: 'text/html' }
		});
		expect(page.status).toBe(413);
		expect(await page.text()).toContain('Envoi trop volumineux');
		const enhanced = await fetch(`${server.url}/connexion`, {
			method: 'POST',
			body: form(),
			headers: { origin: server.url, accept: 'application/json', 'accept-language': 'en' }
		});
		const result = (await enhanced.json()) as {
			type: string;
			status: number;
			error: { code: string; message: string };
		};
		expect(result).toMatchObject({
			type: 'error',
			error: {
				code: 'payload_too_large',
				message: 'Too large to send: shorten the text or the file.'
			}
		});
		expect(enhanced.status).toBe(413);
	});
});
