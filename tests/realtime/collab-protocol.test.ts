import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as authProtocol from 'y-protocols/auth';
import * as Y from 'yjs';
import {
	decodeClientMessage,
	encodeAccessGranted,
	encodeAwarenessMessage,
	encodePermissionDenied,
	encodeQueryAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeSyncUpdate,
	messageAuth,
	readAuthNotice
} from '../../server/collab/protocol';

const limits = { maxUpdateBytes: 1024, maxAwarenessBytes: 512 };
const frame = (...parts: Array<(e: encoding.Encoder) => void>) => {
	const e = encoding.createEncoder();
	for (const part of parts) part(e);
	return encoding.toUint8Array(e);
};
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);

describe('/collab wire protocol', () => {
	const doc = new Y.Doc();
	doc.getText('body').insert(0, 'Article 1');
	const update = Y.encodeStateAsUpdate(doc);

	it('decodes every message a y-websocket client sends', () => {
		expect(decodeClientMessage(encodeSyncStep1(Y.encodeStateVector(doc)), limits)).toMatchObject({
			ok: true,
			message: { type: 'sync-step1' }
		});
		expect(decodeClientMessage(encodeSyncStep2(update), limits)).toEqual({
			ok: true,
			message: { type: 'sync-step2', update }
		});
		expect(decodeClientMessage(encodeSyncUpdate(update), limits)).toEqual({
			ok: true,
			message: { type: 'sync-update', update }
		});
		const awareness = encodeAwarenessMessage([
			{ clientId: 7, clock: 3, json: '{"user":{"name":"A"}}' }
		]);
		expect(decodeClientMessage(awareness, limits)).toEqual({
			ok: true,
			message: {
				type: 'awareness',
				entries: [{ clientId: 7, clock: 3, state: { user: { name: 'A' } } }]
			}
		});
		expect(decodeClientMessage(encodeQueryAwareness(), limits)).toEqual({
			ok: true,
			message: { type: 'query-awareness' }
		});
	});

	it.each([
		['an empty frame', new Uint8Array()],
		['an unknown message type', frame(uint(9))],
		['a truncated varint', new Uint8Array([0x80])],
		['an unknown sync sub-type', frame(uint(0), uint(5), bytes(update))],
		['trailing bytes after a message', frame(uint(0), uint(2), bytes(update), uint(1))],
		['a payload shorter than announced', frame(uint(0), uint(2), uint(50), uint(1))],
		[
			'an update Yjs cannot decode',
			frame(uint(0), uint(2), bytes(new Uint8Array([1, 1, 200, 1, 0, 250, 250])))
		],
		['a state vector Yjs cannot decode', frame(uint(0), uint(0), bytes(new Uint8Array([3, 1])))],
		[
			'awareness that is not JSON',
			frame(
				uint(1),
				bytes(frame(uint(1), uint(1), uint(1), (e) => encoding.writeVarString(e, '{nope')))
			)
		],
		[
			'awareness with a client id beyond 32 bits',
			frame(
				uint(1),
				bytes(frame(uint(1), uint(2 ** 40), uint(1), (e) => encoding.writeVarString(e, 'null')))
			)
		],
		['an auth message (clients never send one)', encodePermissionDenied('locked')]
	])('refuses %s as malformed, without throwing', (_what, data) => {
		const result = decodeClientMessage(data, limits);
		expect(result).toMatchObject({ ok: false, error: 'malformed' });
	});

	it('reports an update over the limit as too large', () => {
		const big = new Y.Doc();
		big.getText('body').insert(0, 'x'.repeat(2000));
		expect(decodeClientMessage(encodeSyncUpdate(Y.encodeStateAsUpdate(big)), limits)).toMatchObject(
			{
				ok: false,
				error: 'too_large'
			}
		);
		const aw = encodeAwarenessMessage([
			{ clientId: 1, clock: 1, json: JSON.stringify('y'.repeat(600)) }
		]);
		expect(decodeClientMessage(aw, limits)).toMatchObject({ ok: false, error: 'too_large' });
	});

	it('auth notices are read by stock y-protocols clients and by ours', () => {
		const reasons: string[] = [];
		const stock = (message: Uint8Array) => {
			const decoder = decoding.createDecoder(message);
			expect(decoding.readVarUint(decoder)).toBe(messageAuth);
			authProtocol.readAuthMessage(decoder, doc, (_y, reason) => reasons.push(reason));
		};
		stock(encodePermissionDenied('locked'));
		stock(encodeAccessGranted()); // unknown sub-type: ignored, not an error
		expect(reasons).toEqual(['locked']);

		const ours = (message: Uint8Array) => {
			const decoder = decoding.createDecoder(message);
			decoding.readVarUint(decoder);
			return readAuthNotice(decoder);
		};
		expect(ours(encodePermissionDenied('read_only'))).toEqual({
			kind: 'permission-denied',
			reason: 'read_only'
		});
		expect(ours(encodeAccessGranted())).toEqual({ kind: 'access-granted', scope: 'read_write' });
	});
});
