// The charter, article by article, as `app.charter`: articles with their server-held
// status (mirrored into the Y.Doc, whose guard locks adopted ones), settings, structuring a free
// charter, publication; amendments, votes and the consolidated charter in their own modules.
import type { User } from '../repositories/users';
import {
	articleStatusSchema,
	charterSettingsSchema,
	publishCharterSchema
} from '../../domain/charter-schemas';
import { articleTransition } from '../../domain/charter';
import { readArticles, setArticleStatus, structureCharter } from '../charter/article-doc';
import type { CharterSettings } from '../repositories/charter';
import { validate } from './validate';
import type { DocumentAccess } from './documents';
import { createCharterContext, refusal, type CharterDeps } from './charter-context';
import { articleView, type ArticleView } from './charter-views';
import { createCharterAmendments } from './charter-amendments';
import { createCharterVotes } from './charter-votes';
import { createCharterConsolidated } from './charter-consolidated';

export function settingsView(s: CharterSettings) {
	return {
		majority: s.majority,
		quorum: s.quorum,
		allowAnonymous: s.allowAnonymous,
		publishedAt: s.publishedAt?.toISOString() ?? null
	};
}

export function createCharterService(deps: CharterDeps) {
	const ctx = createCharterContext(deps);
	const { repo, live } = ctx;
	const amendments = createCharterAmendments(ctx);
	const votes = createCharterVotes(ctx);

	async function articleViews(found: DocumentAccess): Promise<ArticleView[]> {
		const [doc, rows, counts] = await Promise.all([
			live.getDoc(found.document.id),
			repo.articleRows(found.document.id),
			repo.amendmentCounts(found.document.id)
		]);
		const byId = new Map(rows.map((r) => [r.articleId, r]));
		const views = readArticles(doc).map((a) =>
			articleView(a, byId.get(a.articleId), counts.get(a.articleId) ?? 0)
		);
		// The poll deciding an article (the page links to it), or the one that adopted it. Only
		// articles being voted on cost a query, and there are few at a time.
		for (const view of views) {
			const row = byId.get(view.articleId);
			view.pollId =
				view.status === 'voting'
					? ((await repo.undecidedVotes(found.document.id, view.articleId, null))[0]?.pollId ??
						null)
					: (row?.adoptedPollId ?? null);
		}
		return views;
	}

	function audit(found: DocumentAccess, user: User, action: string, data: Record<string, unknown>) {
		return repo.audit({
			workshopId: found.workshop.id,
			actor: user.id,
			action,
			subject: found.document.id,
			data
		});
	}

	return {
		async articles(user: User | null, documentId: string) {
			return articleViews(await ctx.access(user, documentId, 'charter.read'));
		},

		/** By hand: draft / discussion / withdrawn freely; adopted or rejected, and reopening, audited. */
		async setArticleStatus(
			user: User | null,
			documentId: string,
			articleId: string,
			input: unknown
		) {
			const found = await ctx.access(user, documentId, 'charter.adopt');
			const { status } = validate(articleStatusSchema, input);
			const doc = await live.getDoc(found.document.id);
			ctx.article(doc, articleId);
			const row = await repo.articleRow(found.document.id, articleId);
			const from = row?.status ?? 'draft';
			if ((await repo.undecidedVotes(found.document.id, articleId, null)).length > 0)
				throw refusal('charter_vote_pending');
			const transition = articleTransition(from, status);
			if (!transition.ok) throw refusal(`charter_status_${transition.reason}`);
			const at = new Date(ctx.now());
			await repo.setArticleStatus(
				found.document.id,
				articleId,
				status,
				status === 'adopted' ? { at, pollId: null } : null
			);
			await ctx.edit(found.document.id, (live) => setArticleStatus(live, articleId, status));
			await audit(
				found,
				user!,
				from === 'adopted' ? 'charter.article_reopen' : 'charter.article_status',
				{ articleId, from, to: status, byHand: transition.audited }
			);
			ctx.changed(found.workshop.id, found.document.id);
			return (await articleViews(found)).find((a) => a.articleId === articleId)!;
		},

		proposeAmendment: amendments.propose,
		amendments: amendments.list,
		support: (user: User | null, amendmentId: string) =>
			amendments.support(user, amendmentId, true),
		unsupport: (user: User | null, amendmentId: string) =>
			amendments.support(user, amendmentId, false),
		withdraw: amendments.withdraw,
		updateAmendment: amendments.update,
		vote: votes.vote,
		voteSequence: votes.sequence,
		consolidated: createCharterConsolidated(ctx),

		/** Members read them (a phone needs to know whether it may stay anonymous). */
		async settings(user: User | null, documentId: string) {
			const found = await ctx.access(user, documentId, 'charter.read');
			return settingsView(await repo.settings(found.document.id));
		},
		async updateSettings(user: User | null, documentId: string, input: unknown) {
			const found = await ctx.access(user, documentId, 'charter.configure');
			const patch = validate(charterSettingsSchema, input);
			await repo.updateSettings(found.document.id, patch);
			await audit(found, user!, 'charter.settings', patch);
			ctx.changed(found.workshop.id, found.document.id);
			return settingsView(await repo.settings(found.document.id));
		},

		/** A free charter ("Article N" headings) becomes articles; no change when it already is. */
		async structure(user: User | null, documentId: string) {
			const found = await ctx.access(user, documentId, 'charter.configure');
			const structured = await ctx.edit(found.document.id, (doc) => structureCharter(doc));
			if (structured) {
				await audit(found, user!, 'charter.structure', {});
				ctx.changed(found.workshop.id, found.document.id);
			}
			return { structured, articles: await articleViews(found) };
		},

		async publish(user: User | null, documentId: string, input: unknown) {
			const found = await ctx.access(user, documentId, 'charter.publish');
			const { published } = validate(publishCharterSchema, input);
			const before = await repo.settings(found.document.id);
			const publishedAt = published ? (before.publishedAt ?? new Date(ctx.now())) : null;
			await repo.updateSettings(found.document.id, { publishedAt });
			await audit(found, user!, published ? 'charter.publish' : 'charter.unpublish', {});
			ctx.changed(found.workshop.id, found.document.id);
			return settingsView(await repo.settings(found.document.id));
		},

		restore: votes.restore,
		close: votes.close
	};
}

export type CharterService = ReturnType<typeof createCharterService>;
