// Notifications of the plan's review steps: rows written in the step's own transaction (so a step
// and its notices commit together), then e-mailed after the commit when SMTP is configured.
import { z } from 'zod';
import type { User } from '../repositories/users';
import type { PlanReviewRepository } from '../repositories/plan-review';
import type { NotificationRow } from '../db/schema';
import type { MemberRole } from '../../domain/workshop';
import type { NotificationKind } from '../../domain/plan-review';
import { translate, type Locale } from '../i18n';
import type { Mailer } from '../mail/mailer';
import { ServiceError } from './service-error';
import { validate } from './validate';

type Queries = Omit<PlanReviewRepository, 'transaction'>;

export interface Notice {
	workshopId: string;
	/** Who is told: the workshop's members in these roles, except the one who acted. */
	roles: MemberRole[];
	except: string;
	/** Only this user, if they are among them (a reviewer who joined after the step). */
	only?: string;
	kind: NotificationKind;
	params: Record<string, string>;
	/** Path inside the app. */
	link: string;
	/** The workshop's language, for the e-mail (the in-app text follows each reader's choice). */
	locale: Locale;
}

/** Notices written, waiting for the commit before they are e-mailed. */
export interface PendingMail {
	notice: Notice;
	to: string[];
}

const markReadSchema = z.object({ ids: z.array(z.uuid()).max(200).optional() });

export function mailLocale(language: string): Locale {
	return language === 'en' ? 'en' : 'fr';
}

export function notificationView(row: NotificationRow, locale: Locale) {
	return {
		id: row.id,
		kind: row.kind,
		message: translate(`review_notify_${row.kind}`, locale, row.params),
		link: row.link,
		read: row.readAt !== null,
		createdAt: row.createdAt.toISOString()
	};
}
export type NotificationView = ReturnType<typeof notificationView>;

export function createNotificationService(deps: {
	repo: PlanReviewRepository;
	mailer: Mailer;
	origin: string | undefined;
	now: () => number;
}) {
	const { repo, mailer, origin, now } = deps;

	return {
		/** Inside a transaction: one in-app row per recipient. */
		async create(tx: Queries, notice: Notice): Promise<PendingMail> {
			const people = (await tx.recipients(notice.workshopId, notice.roles)).filter(
				(person) =>
					person.userId !== notice.except &&
					(notice.only === undefined || person.userId === notice.only)
			);
			await tx.insertNotifications(
				people.map((person) => ({
					userId: person.userId,
					workshopId: notice.workshopId,
					kind: notice.kind,
					params: notice.params,
					link: notice.link
				}))
			);
			return {
				notice,
				to: people.flatMap((person) => (person.email ? [person.email] : []))
			};
		},
		/** After the commit: e-mails, if an SMTP server is configured. */
		deliver(pending: PendingMail) {
			if (!mailer.enabled) return;
			const { notice } = pending;
			const message = translate(`review_notify_${notice.kind}`, notice.locale, notice.params);
			const link = origin ? `${origin}${notice.link}` : notice.link;
			for (const to of new Set(pending.to)) {
				mailer.send({
					to,
					subject: translate(`review_mail_subject_${notice.kind}`, notice.locale, notice.params),
					text: `${message}\n\n${translate('review_mail_open', notice.locale)} ${link}\n`
				});
			}
		},
		async list(user: User | null, locale: Locale) {
			if (!user) throw new ServiceError('unauthenticated');
			const [rows, unread] = await Promise.all([
				repo.listNotifications(user.id),
				repo.unreadCount(user.id)
			]);
			return { unread, items: rows.map((row) => notificationView(row, locale)) };
		},
		async unreadCount(user: User | null) {
			return user ? repo.unreadCount(user.id) : 0;
		},
		/** Marks one notification read and returns the path it opens (null if none). */
		async open(user: User | null, id: unknown) {
			if (!user) throw new ServiceError('unauthenticated');
			const { ids } = validate(markReadSchema, { ids: [id] });
			await repo.markRead(user.id, ids!, new Date(now()));
			const row = await repo.findNotification(user.id, ids![0]);
			if (!row) throw new ServiceError('not_found');
			return row.link;
		},
		async markRead(user: User | null, input: unknown) {
			if (!user) throw new ServiceError('unauthenticated');
			const { ids } = validate(markReadSchema, input ?? {});
			const changed = await repo.markRead(user.id, ids ?? null, new Date(now()));
			return { changed, unread: await repo.unreadCount(user.id) };
		}
	};
}

export type NotificationService = ReturnType<typeof createNotificationService>;
