// Amendments to a charter's articles: proposed by any member who may write the charter
// (from a phone, without the editor), anchored to the live text, supported once per member,
// withdrawn by their author or a facilitator, re-anchored by their author when stale.
import type * as Y from 'yjs';
import type { User } from '../repositories/users';
import type { AmendmentRow } from '../db/schema';
import {
	proposeAmendmentSchema,
	updateAmendmentSchema,
	articleIdSchema
} from '../../domain/charter-schemas';
import { amendmentDiff, isLockedStatus, type AmendmentKind } from '../../domain/charter';
import { amendedBodyText, locatePassage, type Anchor } from '../charter/article-doc';
import { ServiceError } from './service-error';
import { isUuid } from './workshops';
import { validate } from './validate';
import type { DocumentAccess } from './documents';
import { refusal, type CharterContext } from './charter-context';
import { amendmentView, bodyCache, liveStatus, specOf } from './charter-views';

/** The anchor for `passage`, or a 400 on the `passage` field saying why it was not found. */
function anchorFor(
	doc: Y.Doc,
	articleId: string,
	kind: AmendmentKind,
	passage: string | undefined
): Anchor | null {
	if (kind === 'rewrite') return null;
	const located = locatePassage(doc, articleId, passage, kind);
	if (!located.ok)
		throw new ServiceError('validation', {
			field: 'passage',
			params: { reason: `charter_passage_${located.reason}` }
		});
	return located.anchor;
}

export function createCharterAmendments(ctx: CharterContext) {
	const { repo, live } = ctx;

	/** The amendment and the caller's access to its charter; 404 for anyone outside. */
	async function amendmentAccess(
		user: User | null,
		amendmentId: string,
		action: 'charter.read' | 'charter.support' | 'charter.withdraw' | 'charter.revise'
	) {
		if (!user) throw new ServiceError('unauthenticated');
		const row = isUuid(amendmentId) ? await repo.findAmendment(amendmentId.toLowerCase()) : null;
		if (!row) throw new ServiceError('not_found');
		// `own`: the amendment is the caller's (withdraw, revise).
		const found = await ctx.access(user, row.documentId, action, ({ member }) => ({
			own: row.authorMemberId === member.id
		}));
		return { row, found };
	}

	async function articleLocked(documentId: string, articleId: string) {
		const row = await repo.articleRow(documentId, articleId);
		return row !== null && isLockedStatus(row.status);
	}

	async function viewOne(found: DocumentAccess, amendmentId: string) {
		const doc = await live.getDoc(found.document.id);
		const rows = await repo.listAmendments(found.document.id);
		const row = rows.find((r) => r.id === amendmentId)!;
		const supported = await repo.supportedBy(found.member.id, [row.id]);
		return amendmentView(doc, row, { memberId: found.member.id, supported: supported.size > 0 });
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
		async propose(user: User | null, documentId: string, articleId: string, input: unknown) {
			const found = await ctx.access(user, documentId, 'charter.amend');
			const data = validate(proposeAmendmentSchema, input);
			const doc = await live.getDoc(found.document.id);
			const article = ctx.article(doc, articleId);
			if (await articleLocked(found.document.id, articleId))
				throw refusal('charter_article_adopted');
			const settings = await repo.settings(found.document.id);
			if (data.anonymous && !settings.allowAnonymous)
				throw new ServiceError('validation', {
					field: 'anonymous',
					params: { reason: 'charter_anonymous_not_allowed' }
				});
			const anchor = anchorFor(doc, articleId, data.kind, data.passage);
			const row = await repo.insertAmendment({
				documentId: found.document.id,
				articleId,
				kind: data.kind,
				passage: data.passage ?? null,
				text: data.text ?? null,
				justification: data.justification || null,
				authorMemberId: found.member.id,
				anonymous: data.anonymous ?? false,
				anchor,
				baseBody: article.text
			});
			const amended = amendedBodyText(doc, specOf(row));
			await audit(found, user!, 'charter.amendment_propose', {
				amendmentId: row.id,
				articleId,
				kind: data.kind
			});
			ctx.changed(found.workshop.id, found.document.id);
			return {
				amendmentId: row.id,
				status: row.status,
				diff: amended === null ? null : amendmentDiff(article.text, amended)
			};
		},

		async list(user: User | null, documentId: string, articleId?: string | null) {
			const found = await ctx.access(user, documentId, 'charter.read');
			const only = articleId ? validate(articleIdSchema, articleId) : undefined;
			const doc = await live.getDoc(found.document.id);
			const rows = await repo.listAmendments(found.document.id, only);
			const supported = await repo.supportedBy(
				found.member.id,
				rows.map((r) => r.id)
			);
			const bodies = bodyCache(doc);
			return rows.map((row) =>
				amendmentView(
					doc,
					row,
					{ memberId: found.member.id, supported: supported.has(row.id) },
					bodies
				)
			);
		},

		/** +1, once per member (a second +1 changes nothing); only while it can still be decided. */
		async support(user: User | null, amendmentId: string, on: boolean) {
			// Taking one's +1 back is open to anyone who could give it, and to nobody else's harm.
			const action = on ? 'charter.support' : 'charter.read';
			const { row, found } = await amendmentAccess(user, amendmentId, action);
			if (on) {
				if (!['proposed', 'voting'].includes(row.status)) throw refusal('charter_amendment_closed');
				if (row.authorMemberId === found.member.id) throw refusal('charter_support_own');
				await repo.addSupporter(row.id, found.member.id);
			} else await repo.removeSupporter(row.id, found.member.id);
			ctx.changed(found.workshop.id, found.document.id);
			return {
				amendmentId: row.id,
				supporters: await repo.supporterCount(row.id),
				supported: on
			};
		},

		/** Its author or a facilitator; not once it is put to the vote or decided. */
		async withdraw(user: User | null, amendmentId: string) {
			const { row, found } = await amendmentAccess(user, amendmentId, 'charter.withdraw');
			const moved = await repo.moveAmendment(row.id, ['proposed', 'stale'], {
				status: 'withdrawn',
				decidedAt: new Date(ctx.now())
			});
			if (!moved) throw refusal('charter_amendment_closed');
			await audit(found, user!, 'charter.amendment_withdraw', {
				amendmentId: row.id,
				articleId: row.articleId,
				byAuthor: row.authorMemberId === found.member.id
			});
			ctx.changed(found.workshop.id, found.document.id);
			return viewOne(found, row.id);
		},

		/**
		 * The author re-anchors an amendment (typically a stale one) to the text as it reads now:
		 * a new passage, new text or justification; it becomes `proposed` again.
		 */
		async update(user: User | null, amendmentId: string, input: unknown) {
			const { row, found } = await amendmentAccess(user, amendmentId, 'charter.revise');
			const data = validate(updateAmendmentSchema, input);
			if (row.status !== 'proposed') throw refusal('charter_amendment_closed');
			const doc = await live.getDoc(found.document.id);
			const article = ctx.article(doc, row.articleId);
			if (await articleLocked(found.document.id, row.articleId))
				throw refusal('charter_article_adopted');
			const kind = row.kind as AmendmentKind;
			if (data.passage !== undefined && kind === 'rewrite')
				throw new ServiceError('validation', { field: 'passage' });
			if (data.text !== undefined && kind === 'delete')
				throw new ServiceError('validation', { field: 'text' });
			const passage = data.passage ?? row.passage ?? undefined;
			const patch: Partial<AmendmentRow> = {
				passage: passage ?? null,
				text: data.text ?? row.text,
				justification:
					data.justification !== undefined ? data.justification || null : row.justification,
				anchor: anchorFor(doc, row.articleId, kind, passage),
				baseBody: article.text
			};
			const updated = await repo.moveAmendment(row.id, ['proposed'], patch);
			if (!updated) throw refusal('charter_amendment_closed');
			await audit(found, user!, 'charter.amendment_update', {
				amendmentId: row.id,
				articleId: row.articleId,
				wasStale: liveStatus(doc, row) === 'stale'
			});
			ctx.changed(found.workshop.id, found.document.id);
			return viewOne(found, row.id);
		}
	};
}
