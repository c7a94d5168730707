// PostgreSQL only: the app's database connections are cut (pg_terminate_backend) every 100 ms for
// 5 s while a participant types. Nothing is confirmed stored that is not in the database, the app
// recovers by itself, and /healthz says "degraded" then "ok", each time within a second.
//
// Runs only with PALABRE_DB_CUT=1 (and DATABASE_URL): under these cuts postgres.js 3.4.9 itself
// throws from a setImmediate (`nextWrite` on a null socket, porsager/postgres#1154 and #1208,
// fixes proposed in #1168/#1176/#1209, not released) and leaves a CONNECTION_CLOSED rejection
// unhandled — both would end a Node process, so vitest fails the run whatever Palabre does. The
// array-type fetch on connect, a third source, is switched off (src/lib/server/db/client.ts).
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSqlDocumentStore } from '../../server/collab/document-store';
import type { RunningServer } from '../../server/http-server';
import { joinedParticipant } from '../helpers/fixtures';
import { createCollabClients } from '../helpers/collab-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { workshopWithCharter } from './documents-fixtures';
import { drizzle } from 'drizzle-orm/postgres-js';
import { sql } from 'drizzle-orm';

const url = process.env.DATABASE_URL;
const CUT_MS = 5_000;
const marker = (n: number) => `‹${n}›`;

describe.skipIf(!url || process.env.PALABRE_DB_CUT !== '1')(
	'PostgreSQL connections cut under a typing participant',
	() => {
		let server: RunningServer;
		const clients = createCollabClients();
		beforeAll(async () => {
			server = await startTestServer();
		});
		afterAll(async () => {
			clients.cleanup();
			await server.close();
		});

		it(
			'confirms nothing that is not stored, recovers by itself, and /healthz says degraded then ok within a second each time',
			{ timeout: 60_000 },
			async () => {
				const setup = await workshopWithCharter(server, false);
				const salif = await joinedParticipant(server, setup.workshop.code, 'Salif');
				const typer = clients.connect(server.url, setup.documentId, salif.client.cookieHeader);
				await typer.synced();
				const found = (await server.app.database.db.execute(
					sql`select current_database() as name`
				)) as unknown as Array<{ name: string }>;
				const { name } = found[0];

				// A reader of its own, outside the app's pool, to check what the database really holds.
				const readerSql = postgres(url!.replace(/\/[^/]*$/, `/${name}`), {
					max: 1,
					onnotice: () => {}
				});
				const killer = postgres(url!, { max: 1, onnotice: () => {} });
				const store = createSqlDocumentStore(drizzle(readerSql) as never);
				const storedMarkers = async () => {
					const stored = await store.load(setup.documentId);
					const doc = new Y.Doc();
					if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
					for (const update of stored.updates) Y.applyUpdate(doc, update);
					return new Set(doc.getText('body').toString().match(/‹\d+›/g) ?? []);
				};

				let typed = 0;
				const typing = setInterval(() => {
					typed++;
					typer.doc.getText('body').insert(0, marker(typed));
				}, 20);
				let cutting = true;
				let terminated = 0;
				const cutLoop = (async () => {
					const until = Date.now() + CUT_MS;
					while (Date.now() < until) {
						const rows = await killer`
					select pg_terminate_backend(pid) as done from pg_stat_activity
					where datname = ${name} and pid <> pg_backend_pid() and backend_type = 'client backend'
					and application_name <> 'cut-test-reader'`;
						terminated += rows.filter((r) => r.done).length;
						await new Promise((resolve) => setTimeout(resolve, 100));
					}
					cutting = false;
				})();

				// While it lasts: every confirmation is checked against the database, and /healthz polled.
				const health: Array<{ status: string; ms: number; during: boolean }> = [];
				const falseConfirmations: number[] = [];
				const checks = (async () => {
					while (cutting) {
						const confirmed = typer.durability.confirmedEdits();
						const stored = await storedMarkers();
						for (let n = 1; n <= confirmed; n++)
							if (!stored.has(marker(n))) falseConfirmations.push(n);
						const startedAt = performance.now();
						const during = cutting;
						const res = await fetch(`${server.url}/healthz`);
						const body = (await res.json()) as { status: string };
						health.push({ status: body.status, ms: performance.now() - startedAt, during });
					}
				})();
				await cutLoop;
				await checks;
				clearInterval(typing);
				expect(terminated).toBeGreaterThan(10);
				expect(falseConfirmations).toEqual([]);
				expect(health.some((h) => h.status === 'degraded')).toBe(true);
				expect(Math.max(...health.map((h) => h.ms))).toBeLessThan(1_000);

				// Recovery, with nobody restarting anything.
				await waitFor(
					async () => {
						const res = await fetch(`${server.url}/healthz`);
						return res.status === 200 && ((await res.json()) as { status: string }).status === 'ok';
					},
					10_000,
					{ description: '/healthz ok again' }
				);
				await waitFor(() => !typer.durability.state().pending, 15_000, {
					description: 'every edit confirmed after the cut'
				});
				const stored = await storedMarkers();
				for (let n = 1; n <= typed; n++) expect(stored.has(marker(n))).toBe(true);
				await readerSql.end();
				await killer.end();
			}
		);
	}
);
