// SMS benchmark: N feature phones join a workshop by SMS (`CODE NOM`) and vote on its open poll
// (`2`), through the SMS service as every gateway calls it (number hashed, message claimed once,
// per-number limit, members.join / polls.castBallot, reply fitted to one SMS). Measures the time
// from message to reply (p50 / p95 / max) and messages handled per second, at a few gateway
// concurrencies (an aggregator delivers a few to tens of messages at once). Figures go to
// docs/performance.md. Not a test.
//
// Run from the repository root:
//   npx esbuild bench/sms.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/bench-sms.mjs && node node_modules/.cache/bench-sms.mjs
// Options: --phones=300 · --concurrency=1,10,50
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/lib/server/app';
import { parseConfig } from '../src/lib/server/config';
import { cliOption, numberOption, percentile } from './harness';

const PHONES = numberOption('phones', 300);
const CONCURRENCY = cliOption('concurrency', '1,10,50').split(',').map(Number);

async function round(concurrency: number) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-bench-sms-'));
	const config = {
		...parseConfig({
			DATA_DIR: dir,
			SMS_NUMBER_KEY: 'bench-number-key-0123456789abcdef0123',
			SMS_WEBHOOK_SECRET: 'bench-secret'
		}),
		migrationsDir: path.resolve('drizzle')
	};
	const app = await createApp(config);
	try {
		const owner = await app.accounts.signUp({
			email: `bench-${Date.now()}@example.org`,
			name: 'Animatrice',
			password: 'mot-de-passe-sûr'
		});
		const workshop = await app.workshops.create(owner, {
			title: 'Banc SMS',
			kind: 'collaborathon',
			commune: 'Maradi I'
		});
		const poll = await app.polls.create(owner, workshop.id, {
			question: 'Quel chantier en premier ?',
			method: 'single',
			options: [{ label: 'Forage' }, { label: 'Dispensaire' }, { label: 'École' }]
		});
		await app.polls.command(owner, poll.id, 'open');

		const latencies: number[] = [];
		const messages = Array.from({ length: PHONES }, (_, i) => [
			{ from: `+22790${String(i).padStart(6, '0')}`, text: `${workshop.code} Votant ${i}` },
			{ from: `+22790${String(i).padStart(6, '0')}`, text: String((i % 3) + 1) }
		]);
		let failures = 0;
		const started = performance.now();
		// Each phone's join, then its ballot; `concurrency` phones at a time.
		let next = 0;
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (next < messages.length) {
					const [join, ballot] = messages[next++];
					for (const [n, m] of [join, ballot].entries()) {
						const t = performance.now();
						const reply = await app.sms.receive({
							gateway: 'twilio',
							messageId: `${m.from}-${n}`,
							from: m.from,
							text: m.text
						});
						latencies.push(performance.now() - t);
						if (n === 1 && !reply?.startsWith('Vote enregistré')) failures++;
					}
				}
			})
		);
		const seconds = (performance.now() - started) / 1000;
		const { result } = await app.polls.outcomeOf(poll.id);
		return {
			concurrency,
			messages: latencies.length,
			perSecond: latencies.length / seconds,
			p50: percentile(latencies, 50),
			p95: percentile(latencies, 95),
			max: Math.max(...latencies),
			ballots: result.totalBallots,
			failures
		};
	} finally {
		await app.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

console.log(`SMS: ${PHONES} phones, each one join and one ballot (PGlite)`);
console.log(
	'concurrency | messages | msg/s | p50 ms | p95 ms | max ms | ballots counted | refused'
);
for (const concurrency of CONCURRENCY) {
	const r = await round(concurrency);
	console.log(
		[
			r.concurrency,
			r.messages,
			r.perSecond.toFixed(0),
			r.p50.toFixed(1),
			r.p95.toFixed(1),
			r.max.toFixed(0),
			r.ballots,
			r.failures
		].join(' | ')
	);
}
