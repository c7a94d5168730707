// What awaits a reviewer (mayor, councillors): the workshop's action plans whose newest version is
// submitted and not yet decided. Listed on the reviewer's workshop page (« Plans à relire »), and
// notified to a reviewer who joins after the submission, since the submission's own notice went
// only to the reviewers who were there then.
import type { User } from '../repositories/users';
import type { PlanReviewRepository } from '../repositories/plan-review';
import type { WorkshopRow } from '../db/schema';
import type { PendingReview } from '../../protocol/api-types';
import { canComment } from '../../domain/plan-review';
import type { WorkshopService } from './workshops';
import { mailLocale, type NotificationService } from './notifications';
import { reviewLink } from './plan-review';

export function createReviewQueueService(deps: {
	repo: PlanReviewRepository;
	workshops: WorkshopService;
	findWorkshop: (id: string) => Promise<WorkshopRow | null | undefined>;
	notifications: NotificationService;
}) {
	const { repo, workshops, findWorkshop, notifications } = deps;

	return {
		/** Reviewers and facilitators: the plans awaiting a decision; others get an empty list. */
		async pending(user: User | null, workshopId: string): Promise<PendingReview[]> {
			const { workshop, member } = await workshops.requireAccess(user, 'workshop.read', {
				workshopId
			});
			// Those who may comment are those a plan waits for (the table's `plan.comment`).
			if (!canComment(member.role)) return [];
			const rows = await repo.pendingSubmissions(workshopId);
			return rows.map((row) => ({
				documentId: row.documentId,
				title: row.title,
				submittedAt: row.submittedAt.toISOString(),
				link: reviewLink(workshop.code, row.documentId)
			}));
		},

		/**
		 * A member who just became a reviewer is told of each plan already awaiting review, once
		 * per submission (a reviewer re-invited is not told twice). The caller has authorized the
		 * change of role; this only writes the notices.
		 */
		async notifyNewReviewer(userId: string, workshopId: string) {
			const workshop = await findWorkshop(workshopId);
			if (!workshop) return;
			const locale = mailLocale(workshop.language);
			for (const row of await repo.pendingSubmissions(workshopId)) {
				const link = reviewLink(workshop.code, row.documentId);
				const mail = await repo.transaction(async (tx) => {
					if (await tx.notifiedSince(userId, 'plan_submitted', link, row.submittedAt)) return null;
					return notifications.create(tx, {
						workshopId,
						roles: ['reviewer'],
						only: userId,
						except: '',
						kind: 'plan_submitted',
						params: { plan: row.title, workshop: workshop.title },
						link,
						locale
					});
				});
				if (mail) notifications.deliver(mail);
			}
		}
	};
}

export type ReviewQueueService = ReturnType<typeof createReviewQueueService>;
