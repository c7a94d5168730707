// Composition of the application's services over one database handle. The HTTP server, the Vite
// dev plugin, the CLI and the tests all build the app here, so they run the same code.
import type { Config } from './config';
import { openDatabase, type DatabaseHandle, type OpenOptions } from './db/client';
import { createUsersRepository } from './repositories/users';
import { createWorkshopsRepository } from './repositories/workshops';
import { createSessionService } from './auth/sessions';
import { createDbLimitStore, deploymentId } from './limits/db-store';
import { createRedisLimitStore } from './limits/redis-store';
import { createGuessGuard, type GuessGuard } from './limits/guess-guard';
import type { LimitStore } from './limits/limit-store';
import { createSmsRepository } from './repositories/sms';
import { createSmsService } from './sms/sms-service';
import { createLiveSessions } from './auth/live-sessions';
import { createAccountService } from './services/accounts';
import { createAuditService } from './services/audit';
import { createWorkshopService } from './services/workshops';
import { createMemberService } from './services/members';
import { createAppEvents, createPresencePort } from './services/app-events';
import { createAgendaRepository } from './repositories/agenda';
import { createAgendaService } from './services/agenda';
import { createPollsRepository } from './repositories/polls';
import { createPollService } from './services/polls';
import { createFacilitation } from './services/facilitation';
import { createDocumentsRepository } from './repositories/documents';
import { createDocumentService } from './services/documents';
import { createDocumentContentService } from './services/document-content';
import { createLiveDocumentsPort } from './services/live-documents';
import { createPlanExportService } from './plans/plan-exports';
import { createApprovalQuery } from './plans/approval-query';
import { loadPdfFonts } from './documents/pdf-fonts';
import { createWallRepository } from './repositories/wall';
import { createIdeaWallService } from './services/idea-wall';
import { createReportRepository } from './repositories/report';
import { createReportService } from './report/report-service';
import { createPlanReviewRepository } from './repositories/plan-review';
import { createMailer } from './mail/mailer';
import { createNotificationService } from './services/notifications';
import { createPlanReviewService } from './services/plan-review';
import { createReviewQueueService } from './services/review-queue';
import { createPlanFollowupService } from './services/plan-followup';
import { createPlanSettingsRepository } from './repositories/plan-settings';
import { createPlanDraftingService } from './services/plan-drafting';
import { createCharterRepository } from './repositories/charter';
import { createCharterService } from './services/charter';
import { createHealth } from './health';
import { createMetrics } from './metrics';
import { createLogger } from './log';
import { createOpinionRepository } from './repositories/opinion';
import { createOpinionService } from './services/opinion-maps';
import { createTablesRepository } from './repositories/tables';
import { createTableService } from './services/tables';
import { createTableWall } from './services/table-wall';

/** How soon a surviving instance takes over the alarms of one that stopped (REDIS_URL). */
const TIMER_SWEEP_MS = 2_000;
const log = createLogger('timers');

export interface AppOptions {
	/** Use this database instead of opening one from the config (tests). */
	database?: DatabaseHandle;
	openOptions?: Partial<OpenOptions>;
	now?: () => number;
	/** Interval at which live connections re-read their sessions (tests shorten it). */
	sessionSweepMs?: number;
	/** Least interval between two analyses of an opinion map (2 s; tests shorten it). */
	opinionIntervalMs?: number;
}

export async function createApp(config: Config, options: AppOptions = {}) {
	const database =
		options.database ??
		(await openDatabase({
			databaseUrl: config.databaseUrl,
			dataDir: config.dataDir,
			migrationsDir: config.migrationsDir,
			...options.openOptions
		}));
	const now = options.now ?? Date.now;
	const db = database.db;

	const usersRepo = createUsersRepository(db);
	// Open sockets per session on this instance: ending a session closes them (realtime layer).
	const liveSessions = createLiveSessions({
		lookup: (ids) => usersRepo.sessionExpiries(ids),
		disabledUsers: (ids) => usersRepo.disabledUserIds(ids),
		now,
		sweepMs: options.sessionSweepMs
	});
	const sessions = createSessionService(usersRepo, liveSessions, now);
	const workshopsRepo = createWorkshopsRepository(db);
	const events = createAppEvents();
	const presence = createPresencePort();
	const audit = createAuditService(workshopsRepo);
	const workshops = createWorkshopService(workshopsRepo, audit);
	const agenda = createAgendaService({
		repo: createAgendaRepository(db),
		workshops,
		events,
		now
	});
	const pollsRepo = createPollsRepository(db);
	// One phone per table: a relay acts for the members seated at their table.
	const tables = createTableService({
		repo: createTablesRepository(db),
		workshopsRepo,
		workshops,
		audit,
		events,
		votedIn: (memberId, pollIds) => pollsRepo.votedIn(memberId, pollIds)
	});
	const polls = createPollService({
		repo: pollsRepo,
		workshops,
		events,
		presence,
		tables,
		now
	});
	// Filled by the /collab layer once it is attached (server/collab-route.ts).
	const liveDocuments = createLiveDocumentsPort();
	const documentsRepo = createDocumentsRepository(db);
	const planReviewRepo = createPlanReviewRepository(db);
	const planSettingsRepo = createPlanSettingsRepository(db);
	const documents = createDocumentService({
		repo: documentsRepo,
		workshops,
		audit,
		events,
		live: liveDocuments
	});
	// Read once: a TTF with the Hausa letters if the system has one (see pdf-fonts.ts).
	const pdfFonts = loadPdfFonts();
	const documentContent = createDocumentContentService({
		repo: documentsRepo,
		documents,
		findWorkshop: (id) => workshopsRepo.findWorkshop(id),
		audit,
		live: liveDocuments,
		plans: createPlanExportService({
			query: createApprovalQuery(db),
			reviews: planReviewRepo,
			settings: planSettingsRepo,
			live: liveDocuments,
			fonts: pdfFonts,
			now
		}),
		fonts: pdfFonts
	});
	const facilitation = createFacilitation({
		db,
		workshops,
		workshopsRepo,
		events,
		presence,
		tables,
		now
	});
	const charter = createCharterService({
		repo: createCharterRepository(db),
		documents,
		live: liveDocuments,
		polls,
		agenda,
		events,
		findDocument: (id) => documentsRepo.find(id),
		findWorkshop: (id) => workshopsRepo.findWorkshop(id),
		recordWriter: facilitation.inclusion.recordWriter,
		now
	});
	const planDrafting = createPlanDraftingService({
		repo: planSettingsRepo,
		workshops,
		documents,
		listDocuments: (workshopId) => documentsRepo.listByWorkshop(workshopId),
		audit,
		live: liveDocuments
	});
	const opinion = createOpinionService({
		repo: createOpinionRepository(db),
		workshops,
		events,
		documents,
		live: liveDocuments,
		proposeAmendment: (user, documentId, articleId, input) =>
			charter.proposeAmendment(user, documentId, articleId, input),
		actionFromText: (user, planId, text) => planDrafting.actionFromText(user, planId, text),
		now,
		intervalMs: options.opinionIntervalMs
	});
	const report = createReportService({
		repo: createReportRepository(db),
		workshops,
		agendaItems: createAgendaRepository(db).listItems,
		pollsRepo: createPollsRepository(db),
		polls,
		inclusion: facilitation.inclusion,
		documentsRepo,
		live: liveDocuments,
		audit,
		// A charter adopted article by article goes into the minutes as its consolidated charter.
		consolidated: (user, documentId) => charter.consolidated(user, documentId),
		opinionMaps: (workshopId) => opinion.reportMaps(workshopId),
		pdfFonts,
		now
	});
	// Review, sign-off and follow-up of action plans, and the notifications their steps send.
	const mailer = createMailer(config);
	const notifications = createNotificationService({
		repo: planReviewRepo,
		mailer,
		origin: config.origin,
		now
	});
	const planReview = createPlanReviewService({
		repo: planReviewRepo,
		documents,
		live: liveDocuments,
		notifications,
		now
	});
	const reviewQueue = createReviewQueueService({
		repo: planReviewRepo,
		workshops,
		findWorkshop: (id) => workshopsRepo.findWorkshop(id),
		notifications
	});
	const planFollowup = createPlanFollowupService({
		repo: planReviewRepo,
		documentsRepo,
		documents,
		findWorkshop: (id) => workshopsRepo.findWorkshop(id),
		now
	});
	let guesses: GuessGuard | undefined;
	/**
	 * Every Redis key and stream of this deployment starts with this (REDIS_URL set): two
	 * deployments, or two test databases, sharing one Redis never read each other's.
	 */
	let redisPrefix: string | null = null;
	let limitStore: LimitStore;
	try {
		if (config.redisUrl) redisPrefix = `palabre:${await deploymentId(db)}:`;
		// Failures are kept where every instance sees them and a restart does not forget them.
		limitStore = config.redisUrl
			? await createRedisLimitStore(config.redisUrl, redisPrefix!)
			: createDbLimitStore(db);
		guesses = createGuessGuard({
			store: limitStore,
			findWorkshopId: async (code) => (await workshopsRepo.findWorkshopByCode(code))?.id ?? null,
			now
		});
		// Rounds that were running when the server stopped get their bell back (or ring now).
		await agenda.restore();
		// Likewise poll countdowns: a poll whose time ran out while down closes now.
		await polls.restore();
	} catch (error) {
		await guesses?.close();
		if (!options.database) await database.close();
		throw error;
	}

	// Several instances (REDIS_URL): every instance arms every running round and countdown, read
	// again from the database every few seconds, so that the alarms of an instance that stopped
	// or died ring elsewhere. Each bell settles under the row's lock and re-reads the state first:
	// the first instance to take the lock ends the round (or closes the poll), the others find it
	// done — one end, one audit line, one broadcast.
	const metrics = createMetrics();
	const timerSweep = config.redisUrl
		? setInterval(() => {
				Promise.all([agenda.restore(), polls.restore()])
					.then(() => metrics.timerSweepDone())
					.catch((error: unknown) =>
						log.error({ err: error }, 'could not re-read the running clocks')
					);
			}, TIMER_SWEEP_MS)
		: null;
	timerSweep?.unref();

	const members = createMemberService({
		repo: workshopsRepo,
		users: usersRepo,
		workshops,
		audit,
		events,
		presence,
		reviewerJoined: reviewQueue.notifyNewReviewer,
		now
	});

	const app = {
		config,
		database,
		redisPrefix,
		events,
		presence,
		sessions,
		liveSessions,
		accounts: createAccountService(usersRepo, sessions),
		audit,
		workshops,
		members,
		/** One phone per table (docs/table-mode.md). */
		tables,
		/** Idea-wall cards a table's relay posts for one of its members. */
		tableWall: createTableWall({ documents, live: liveDocuments, workshops, tables }),
		agenda,
		polls,
		liveDocuments,
		documents,
		documentContent,
		/** The charter article by article: amendments, votes, consolidated charter. */
		charter,
		ideaWall: createIdeaWallService({
			repo: createWallRepository(db),
			documents,
			live: liveDocuments,
			events
		}),
		...facilitation,
		report,
		mailer,
		notifications,
		planReview,
		reviewQueue,
		planFollowup,
		planDrafting,
		/** The carte des opinions: statements, votes, the map and its consensus. */
		opinion,
		/** The PDF fonts read once at start, for files drawn outside a service (the consolidated charter). */
		pdfFonts,
		/** Guessing limits on join codes and passwords (docs/api.md « Limits »). */
		guesses: guesses as GuessGuard,
		/** GET /healthz: which of the database and Redis answer. */
		health: createHealth({ db, redisUrl: config.redisUrl }),
		/** GET /metrics: this instance's Prometheus registry (src/lib/server/metrics.ts). */
		metrics,
		/** Feature phones: join and vote by SMS or USSD (docs/sms.md). */
		sms: createSmsService({
			config: config.sms,
			repo: createSmsRepository(db),
			users: usersRepo,
			members,
			polls,
			guesses: guesses as GuessGuard,
			limits: limitStore,
			findWorkshop: (id) => workshopsRepo.findWorkshop(id),
			now
		}),
		async close() {
			if (timerSweep) clearInterval(timerSweep);
			liveSessions.close();
			charter.close();
			opinion.close();
			await agenda.close();
			await polls.close();
			await mailer.close();
			await guesses!.close();
			await app.health.close();
			events.removeAllListeners();
			if (!options.database) await database.close();
		}
	};
	return app;
}

export type App = Awaited<ReturnType<typeof createApp>>;
