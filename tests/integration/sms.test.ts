// Feature phones end to end: each gateway (Twilio-compatible, RapidPro, SMSSync) and the USSD
// menu against a real server on port 0, with the same ballot rules as the web.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import type { RunningServer } from '../../server/http-server';
import { startTestServer } from '../helpers/test-server';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { command, openPoll, results } from './polls-helpers';
import { fakeSendUrl, rapidproSms, SMS_ENV, smssyncSms, twilioSms, ussd } from './sms-helpers';
import { fitSms, gsm7Length, isGsm7, toGsm7 } from '../../src/lib/domain/sms-commands';
import { translate } from '../../src/lib/server/i18n';

type Channels = { web: number; sms: number; ussd: number; table: number; room: number };

let server: RunningServer;
let sendUrl: Awaited<ReturnType<typeof fakeSendUrl>>;
let seq = 0;
const sid = (prefix: string) => `${prefix}${++seq}${Date.now()}`;

beforeAll(async () => {
	sendUrl = await fakeSendUrl();
	server = await startTestServer({ env: { ...SMS_ENV, RAPIDPRO_SEND_URL: sendUrl.url } });
});
afterAll(async () => {
	await server?.close();
	await sendUrl?.close();
});
afterEach(() => {
	vi.restoreAllMocks();
});

async function roomWithPoll(body: Record<string, unknown> = {}) {
	const { facilitator, workshop } = await workshopWithFacilitator(server);
	const poll = await openPoll(facilitator.client, workshop.id, body);
	return { facilitator, workshop, poll };
}

async function channelsOf(client: Parameters<typeof results>[0], pollId: string) {
	const res = await results(client, pollId);
	return {
		total: res.body.totalBallots,
		channels: (res.body as unknown as { channels?: Channels }).channels
	};
}

async function count(table: string): Promise<number> {
	const rows = (await server.app.database.db.execute(
		sql.raw(`select count(*)::int as n from ${table}`)
	)) as unknown as { rows?: { n: number }[] } & { n: number }[];
	return (rows.rows ?? rows)[0].n;
}

describe('SMS by a Twilio-compatible gateway', () => {
	it('refuses a wrong or missing token with 401 and changes nothing', async () => {
		const { workshop } = await roomWithPoll();
		const before = [
			await count('sms_contacts'),
			await count('sms_messages'),
			await count('members')
		];
		const message = { from: '+227 90 00 00 01', body: `${workshop.code} Intrus`, sid: sid('SM') };
		expect((await twilioSms(server.url, message, 'mauvais-secret')).status).toBe(401);
		expect((await twilioSms(server.url, message, null)).status).toBe(401);
		expect([
			await count('sms_contacts'),
			await count('sms_messages'),
			await count('members')
		]).toEqual(before);
	});

	it('joins with CODE NOM, votes, and counts a retried MessageSid once', async () => {
		const { facilitator, workshop, poll } = await roomWithPoll();
		const from = '+227 90 12 34 56';
		const joined = await twilioSms(server.url, {
			from,
			body: `${workshop.code} Awa`,
			sid: sid('SM')
		});
		expect(joined.status).toBe(200);
		expect(joined.type).toContain('text/xml');
		expect(joined.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>/);
		expect(joined.reply).toContain('Bienvenue Awa');
		// The open poll comes with the welcome, its options numbered as the ballot reads them.
		expect(joined.reply).toContain('1 Eau, 2 Santé, 3 Éducation');
		expect(gsm7Length(joined.reply!)).toBeLessThanOrEqual(160);
		expect(isGsm7(joined.reply!)).toBe(true);

		const members = await facilitator.client.json<{ displayName: string }[]>(
			`/api/workshops/${workshop.id}/members`
		);
		expect(members.body.map((m) => m.displayName)).toContain('Awa');

		const ballot = { from: '227 90 12 34 56', body: '2', sid: sid('SM') };
		const first = await twilioSms(server.url, ballot);
		expect(first.reply).toBe('Vote enregistré pour " Quel thème pour la conférence ? ". Merci !');
		const retry = await twilioSms(server.url, ballot);
		expect(retry.status).toBe(200);
		expect(retry.text).toBe(first.text);
		const tally = await channelsOf(facilitator.client, poll.id);
		expect(tally.total).toBe(1);
		expect(tally.channels).toEqual({ web: 0, sms: 1, ussd: 0, table: 0, room: 0 });

		// One ballot per member: a second message replaces the first (the poll allows changes),
		// never adds to it; the ballot keeps the channel it came by.
		const again = await twilioSms(server.url, { from, body: '3', sid: sid('SM') });
		expect(again.reply).toContain('Vote modifié');
		expect(await channelsOf(facilitator.client, poll.id)).toEqual({
			total: 1,
			channels: { web: 0, sms: 1, ussd: 0, table: 0, room: 0 }
		});
		// The counts show once the poll closes (reveal after close): the SMS choice is in them.
		await command(facilitator.client, poll.id, 'close');
		const res = await results(facilitator.client, poll.id);
		expect(res.body.options.map((o) => o.count)).toEqual([0, 0, 1]);
	});

	it('refuses a second ballot where the poll allows no change, as on the web', async () => {
		const { facilitator, workshop, poll } = await roomWithPoll({ allowChange: false });
		const from = '+227 93 10 20 30';
		await twilioSms(server.url, { from, body: `${workshop.code} Issa`, sid: sid('SM') });
		expect((await twilioSms(server.url, { from, body: '1', sid: sid('SM') })).reply).toContain(
			'Vote enregistré'
		);
		const second = await twilioSms(server.url, { from, body: '2', sid: sid('SM') });
		expect(second.reply).not.toContain('Vote');
		expect(second.reply!.length).toBeGreaterThan(0);
		expect((await channelsOf(facilitator.client, poll.id)).total).toBe(1);
	});

	it('casts ranked and multiple ballots from letters and numbers as the listing shows', async () => {
		const { facilitator, workshop } = await workshopWithFacilitator(server);
		const from = '+227 96 55 44 33';
		await twilioSms(server.url, { from, body: `${workshop.code} Ibrahim`, sid: sid('SM') });
		const ranked = await openPoll(facilitator.client, workshop.id, { method: 'ranked' });
		const listing = await twilioSms(server.url, { from, body: 'AIDE', sid: sid('SM') });
		expect(listing.reply).toContain('Classez du préféré au moins aimé');
		const voted = await twilioSms(server.url, { from, body: 'C A B', sid: sid('SM') });
		expect(voted.reply).toContain('Vote enregistré');
		await command(facilitator.client, ranked.id, 'close');
		const res = await results(facilitator.client, ranked.id);
		expect(res.body.totalBallots).toBe(1);
		// First preferences: C is Éducation.
		expect(res.body.options.find((o) => o.label === 'Éducation')?.count).toBe(1);

		const multiple = await openPoll(facilitator.client, workshop.id, {
			method: 'multiple',
			maxChoices: 2
		});
		const tooMany = await twilioSms(server.url, { from, body: '1 2 3', sid: sid('SM') });
		expect(tooMany.reply).toContain('Trop de choix');
		const ok = await twilioSms(server.url, { from, body: '1 3', sid: sid('SM') });
		expect(ok.reply).toContain('Vote enregistré');
		await command(facilitator.client, multiple.id, 'close');
		const counted = await results(facilitator.client, multiple.id);
		expect(counted.body.options.map((o) => o.count)).toEqual([1, 0, 1]);
	});

	it('answers help in English to HELP, and keeps that language', async () => {
		const { workshop } = await roomWithPoll();
		const from = '+221 77 123 45 67';
		const help = await twilioSms(server.url, { from, body: 'HELP', sid: sid('SM') });
		expect(help.reply).toContain('to join a workshop, send its code');
		const join = await twilioSms(server.url, {
			from,
			body: `${workshop.code} Fatou`,
			sid: sid('SM')
		});
		expect(join.reply).toContain('Welcome Fatou');
		const unknown = await twilioSms(server.url, { from, body: 'K7MX4Q', sid: sid('SM') });
		expect(unknown.reply).toContain('Add your name after the code');
		const french = await twilioSms(server.url, { from, body: 'aide', sid: sid('SM') });
		expect(french.reply).toContain('Répondez par un numéro');
		const wrongCode = await twilioSms(server.url, { from, body: 'PPPPPP Fatou', sid: sid('SM') });
		expect(wrongCode.reply).toMatch(/code/i);
	});
});

describe('SMS in the member’s language', () => {
	it('answers TAIMAKO in Hausa, joins in Hausa and keeps Hausa for the member', async () => {
		const { workshop } = await roomWithPoll();
		const from = '+227 90 11 22 33';
		const help = await twilioSms(server.url, { from, body: 'taimako', sid: sid('SM') });
		expect(help.reply).toBe(fitSms(translate('sms_help_guest', 'ha')));
		const join = await twilioSms(server.url, {
			from,
			body: `${workshop.code} Hadiza`,
			sid: sid('SM')
		});
		expect(join.reply).toContain(toGsm7(translate('sms_joined', 'ha', { name: 'Hadiza' })).text);
		const rows = (await server.app.database.db.execute(
			sql`select locale from members where display_name = 'Hadiza'`
		)) as unknown as { rows?: { locale: string }[] } & { locale: string }[];
		expect((rows.rows ?? rows)[0].locale).toBe('ha');
		const vote = await twilioSms(server.url, { from, body: '1', sid: sid('SM') });
		expect(vote.reply).toBe(
			fitSms(translate('sms_ballot_created', 'ha', { question: 'Quel thème pour la conférence ?' }))
		);
	});

	it('switches to Wolof with NDIMBAL and to Zarma with GAAKASINAY, whose help names its keyword', async () => {
		const { workshop } = await roomWithPoll();
		const from = '+221 78 000 11 22';
		await twilioSms(server.url, { from, body: `${workshop.code} Awa`, sid: sid('SM') });
		const wolof = await twilioSms(server.url, { from, body: 'NDIMBAL', sid: sid('SM') });
		// The poll's listing, then the Wolof instruction after it.
		const instruction = translate('sms_poll_single', 'wo', { question: 'Q', listing: 'L' }).split(
			'L. '
		)[1];
		expect(wolof.reply).toContain(instruction);
		const zarma = await twilioSms(server.url, {
			from: '+227 96 00 00 01',
			body: 'GAAKASINAY',
			sid: sid('SM')
		});
		expect(zarma.reply).toBe(fitSms(translate('sms_help_guest', 'dje')));
		expect(translate('sms_help_member', 'dje', { workshop: 'X' })).toContain('GAAKASINAY');
	});
});

describe('SMS by a RapidPro external channel', () => {
	it('refuses a wrong token, posts replies to the send URL, and counts a retried id once', async () => {
		const { facilitator, workshop, poll } = await roomWithPoll();
		const from = '+22997001122';
		expect(
			(await rapidproSms(server.url, { from, text: 'AIDE', id: sid('rp') }, 'faux')).status
		).toBe(401);
		const sentBefore = sendUrl.received.length;
		const join = await rapidproSms(server.url, {
			from,
			text: `${workshop.code} Kossi`,
			id: sid('rp')
		});
		expect(join.status).toBe(200);
		expect(sendUrl.received.length).toBe(sentBefore + 1);
		const sent = sendUrl.received.at(-1)!;
		expect(sent.to).toBe(from);
		expect(sent.to_no_plus).toBe('22997001122');
		expect(sent.text).toContain('Bienvenue Kossi');

		// The send URL is down once: 502, the gateway retries the same id, the ballot counts once.
		const id = sid('rp');
		sendUrl.failNextSends(1);
		expect((await rapidproSms(server.url, { from, text: '1', id })).status).toBe(502);
		expect((await rapidproSms(server.url, { from, text: '1', id })).status).toBe(200);
		expect(sendUrl.received.at(-1)!.text).toContain('Vote enregistré');
		const tally = await channelsOf(facilitator.client, poll.id);
		expect(tally.total).toBe(1);
		expect(tally.channels?.sms).toBe(1);
	});
});

describe('SMS by an SMSSync Android gateway', () => {
	it('checks the secret field, replies in the payload, counts a retried message_id once', async () => {
		const { facilitator, workshop, poll } = await roomWithPoll();
		const from = '+224 622 11 22 33';
		const refused = await smssyncSms(
			server.url,
			{ from, message: 'AIDE', messageId: sid('ss') },
			'x'
		);
		expect(refused.status).toBe(401);
		expect(refused.payload?.success).toBe(false);

		const join = await smssyncSms(server.url, {
			from,
			message: `${workshop.code} Mamadou`,
			messageId: sid('ss')
		});
		expect(join.payload?.success).toBe(true);
		expect(join.payload?.task).toBe('send');
		expect(join.payload?.messages?.[0].to).toBe(from);
		expect(join.payload?.messages?.[0].message).toContain('Bienvenue Mamadou');

		const messageId = sid('ss');
		const vote = await smssyncSms(server.url, { from, message: '3', messageId });
		const retry = await smssyncSms(server.url, { from, message: '3', messageId });
		expect(vote.payload?.messages?.[0].message).toContain('Vote enregistré');
		expect(retry.payload?.messages?.[0].message).toBe(vote.payload?.messages?.[0].message);
		expect((await channelsOf(facilitator.client, poll.id)).total).toBe(1);

		// The phone's periodic poll finds nothing waiting: replies leave with their answer.
		const pull = await fetch(
			`${server.url}/api/sms/smssync?task=send&secret=${SMS_ENV.SMSSYNC_SECRET}`
		).then((r) => r.json());
		expect(pull.payload).toEqual({ success: true, error: null, task: 'send', messages: [] });
		expect((await fetch(`${server.url}/api/sms/smssync?task=send&secret=x`)).status).toBe(401);
	});
});

describe('USSD', () => {
	it('offers the open poll as a menu and counts the ballot once per session', async () => {
		const { facilitator, workshop, poll } = await roomWithPoll();
		const phoneNumber = '+22790778899';
		const sessionId = sid('ATUid_');
		expect((await ussd(server.url, { sessionId, phoneNumber, text: '' }, 'faux')).status).toBe(401);
		const stranger = await ussd(server.url, { sessionId, phoneNumber, text: '' });
		expect(stranger.text).toMatch(/^END Rejoignez d'abord/);

		await twilioSms(server.url, {
			from: phoneNumber,
			body: `${workshop.code} Zeinabou`,
			sid: sid('SM')
		});
		const menu = await ussd(server.url, { sessionId, phoneNumber, text: '' });
		expect(menu.text).toBe('CON Collaborathon de Maradi\n1. Voter sur le scrutin ouvert\n2. Aide');
		const options = await ussd(server.url, { sessionId, phoneNumber, text: '1' });
		expect(options.text).toBe(
			'CON Quel thème pour la conférence ?\n1. Eau\n2. Santé\n3. Éducation\nTapez le numéro de votre choix.'
		);
		const cast = await ussd(server.url, { sessionId, phoneNumber, text: '1*3' });
		expect(cast.text).toBe('END Vote enregistré pour " Quel thème pour la conférence ? ". Merci !');
		const retried = await ussd(server.url, { sessionId, phoneNumber, text: '1*3' });
		expect(retried.text).toBe(cast.text);
		const tally = await channelsOf(facilitator.client, poll.id);
		expect(tally.total).toBe(1);
		expect(tally.channels).toEqual({ web: 0, sms: 0, ussd: 1, table: 0, room: 0 });
	});
});

describe('secrecy of numbers and ballots', () => {
	it('keeps a secret SMS ballot unlinkable: its row holds no member, no channel', async () => {
		const { facilitator, workshop } = await workshopWithFacilitator(server);
		const from = '+227 91 00 11 22';
		await twilioSms(server.url, { from, body: `${workshop.code} Hadiza`, sid: sid('SM') });
		const poll = await openPoll(facilitator.client, workshop.id, { secret: true });
		const voted = await twilioSms(server.url, { from, body: '1', sid: sid('SM') });
		expect(voted.reply).toContain('Vote enregistré');
		const db = server.app.database.db;
		const columns = (await db.execute(
			sql`select column_name from information_schema.columns where table_name = 'secret_ballots' order by column_name`
		)) as unknown as { rows?: { column_name: string }[] } & { column_name: string }[];
		expect((columns.rows ?? columns).map((c) => c.column_name)).toEqual([
			'choice',
			'id',
			'poll_id'
		]);
		const register = (await db.execute(
			sql`select channel from poll_participation where poll_id = ${poll.id}`
		)) as unknown as { rows?: { channel: string }[] } & { channel: string }[];
		expect((register.rows ?? register).map((r) => r.channel)).toEqual(['sms']);
		expect(await count(`secret_ballots where poll_id = '${poll.id}'`)).toBe(1);
		expect(await count(`ballots where poll_id = '${poll.id}'`)).toBe(0);
		const stored = (await db.execute(
			sql`select reply from sms_messages where reply like '%Vote%'`
		)) as unknown as { rows?: { reply: string }[] } & { reply: string }[];
		// The stored replies (for retries) name the poll, never the option chosen.
		for (const { reply } of stored.rows ?? stored) expect(reply).not.toMatch(/Eau|Santé|Sante/);
	});

	it('never lets a phone number out: API answers, exports, database, logs', async () => {
		const logged: string[] = [];
		for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			const original = console[level].bind(console);
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				logged.push(
					args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' ')
				);
				original(...args);
			});
		}
		const { facilitator, workshop, poll } = await roomWithPoll();
		const numbers = ['+227 97 31 41 59', '+221 76 271 82 81', '+229 61 41 42 13'];
		// Every door, with joins, ballots, errors (unknown code, bad choice) and a retry.
		await twilioSms(server.url, {
			from: numbers[0],
			body: `${workshop.code} Salamatou`,
			sid: 'SMa' + seq
		});
		await twilioSms(server.url, { from: numbers[0], body: '9', sid: sid('SM') });
		await twilioSms(server.url, { from: numbers[0], body: '1', sid: sid('SM') });
		await smssyncSms(server.url, {
			from: numbers[1],
			message: 'ZZZZZZ Ndeye',
			messageId: sid('ss')
		});
		await smssyncSms(server.url, {
			from: numbers[1],
			message: `${workshop.code} Ndeye`,
			messageId: sid('ss')
		});
		await smssyncSms(server.url, { from: numbers[1], message: '2', messageId: sid('ss') });
		await rapidproSms(server.url, {
			from: numbers[2],
			text: `${workshop.code} Codjo`,
			id: sid('rp')
		});
		await ussd(server.url, { sessionId: sid('u'), phoneNumber: numbers[2], text: '1*3' });
		await command(facilitator.client, poll.id, 'close');
		await command(facilitator.client, poll.id, 'publish');
		expect((await channelsOf(facilitator.client, poll.id)).total).toBe(3);

		const forms = (n: string) => {
			const digits = n.replace(/\D/g, '');
			// The whole number, without the country code, and its last eight digits in a row.
			return [n, digits, digits.slice(3), digits.slice(-8)];
		};
		const needles = numbers.flatMap(forms);
		const bodies: string[] = [];
		const paths = [
			`/api/workshops/${workshop.id}`,
			`/api/workshops/${workshop.id}/members`,
			`/api/workshops/${workshop.id}/polls`,
			`/api/workshops/${workshop.id}/inclusion`,
			`/api/polls/${poll.id}`,
			`/api/polls/${poll.id}/results`,
			`/api/polls/${poll.id}/results.json`,
			`/api/polls/${poll.id}/results.csv`,
			`/api/workshops/${workshop.id}/report?format=docx`
		];
		for (const path of paths) {
			const res = await facilitator.client.request(path);
			expect(res.status, path).toBe(200);
			bodies.push(Buffer.from(await res.arrayBuffer()).toString('latin1'));
		}
		// The whole database, every table as text: the numbers are nowhere, in any form.
		const db = server.app.database.db;
		const tables = (await db.execute(
			sql`select table_name from information_schema.tables where table_schema = 'public'`
		)) as unknown as { rows?: { table_name: string }[] } & { table_name: string }[];
		for (const { table_name } of tables.rows ?? tables) {
			const rows = await db.execute(sql.raw(`select t::text as row from "${table_name}" t`));
			bodies.push(JSON.stringify(rows));
		}
		const everything = [...bodies, ...logged].join('\n');
		for (const needle of needles) expect(everything.includes(needle), needle).toBe(false);
		expect(bodies.length).toBeGreaterThan(paths.length);
	});
});
