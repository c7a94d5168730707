// The consolidated charter: the adopted articles only, renumbered in order, each with the
// tally frozen when its vote was decided and the authors of its adopted amendments; the préambule;
// the decided amendments. Read from the live Y.Doc and a few rows, never from a poll's tally.
import type { User } from '../repositories/users';
import type { ConsolidatedCharter } from '../../domain/consolidated-charter';
import { readArticles } from '../charter/article-doc';
import { ServiceError } from './service-error';
import { allows } from '../../domain/permissions';
import { isUuid } from './workshops';
import type { CharterContext } from './charter-context';

type Decided = 'adopted' | 'rejected' | 'withdrawn';

export function createCharterConsolidated(ctx: CharterContext) {
	const { repo, live } = ctx;

	/** Members always; anyone (no session) once the facilitator published it; else 404. */
	async function readable(user: User | null, documentId: string) {
		const document = isUuid(documentId) ? await ctx.findDocument(documentId.toLowerCase()) : null;
		if (!document || document.kind !== 'charter') throw new ServiceError('not_found');
		const settings = await repo.settings(document.id);
		// Published: anyone reads it. Not yet: members only, and a visitor without a session
		// learns nothing either (the table's public refusal is 404, not 401).
		const published = settings.publishedAt !== null;
		if (!allows('public', 'charter.consolidated', { published })) {
			if (!user) throw new ServiceError('not_found');
			await ctx.access(user, document.id, 'charter.consolidated', () => ({ published }));
		}
		return { document, settings };
	}

	return async function consolidated(
		user: User | null,
		documentId: string
	): Promise<ConsolidatedCharter> {
		const { document, settings } = await readable(user, documentId);
		const [workshop, doc, rows, votes, amendments] = await Promise.all([
			ctx.findWorkshop(document.workshopId),
			live.getDoc(document.id),
			repo.articleRows(document.id),
			repo.decidedVotes(document.id),
			repo.decidedAmendments(document.id)
		]);
		const status = new Map(rows.map((r) => [r.articleId, r]));
		const tally = new Map(
			votes.map((v) => [
				v.pollId,
				{ for: v.votesFor ?? 0, against: v.votesAgainst ?? 0, abstain: v.votesAbstain ?? 0 }
			])
		);
		const coAuthors = new Map<string, string[]>();
		for (const a of amendments) {
			if (a.status !== 'adopted' || a.anonymous) continue;
			const names = coAuthors.get(a.articleId) ?? [];
			if (!names.includes(a.authorName)) names.push(a.authorName);
			coAuthors.set(a.articleId, names);
		}
		const articles = readArticles(doc);
		const preamble = articles.find((a) => a.role === 'preamble') ?? null;
		const adopted = articles.filter(
			(a) => a.role === 'article' && status.get(a.articleId)?.status === 'adopted'
		);
		const numbers = new Map(adopted.map((a, i) => [a.articleId, i + 1]));
		const titles = new Map(articles.map((a) => [a.articleId, a.title]));
		return {
			documentId: document.id,
			workshopTitle: workshop?.title ?? '',
			title: document.title,
			publishedAt: settings.publishedAt?.toISOString() ?? null,
			language: workshop?.language === 'en' ? 'en' : 'fr',
			preamble: preamble
				? { title: preamble.title, text: preamble.text, blocks: preamble.blocks }
				: null,
			articles: adopted.map((a) => {
				const row = status.get(a.articleId)!;
				return {
					number: numbers.get(a.articleId)!,
					articleId: a.articleId,
					title: a.title,
					text: a.text,
					blocks: a.blocks,
					adoptedAt: (row.adoptedAt ?? row.statusChangedAt).toISOString(),
					votes: (row.adoptedPollId && tally.get(row.adoptedPollId)) || {
						for: 0,
						against: 0,
						abstain: 0
					},
					coAuthors: coAuthors.get(a.articleId) ?? []
				};
			}),
			amendments: amendments.map((a) => ({
				amendmentId: a.id,
				articleNumber: numbers.get(a.articleId) ?? null,
				articleTitle: titles.get(a.articleId) ?? '',
				kind: a.kind,
				author: a.anonymous ? null : a.authorName,
				status: a.status as Decided,
				votes: (a.pollId && a.status !== 'withdrawn' && tally.get(a.pollId)) || null,
				decidedAt: a.decidedAt?.toISOString() ?? null
			}))
		};
	};
}
