// Votes on a charter: the facilitator puts an article or an amendment to a normal live
// poll (consent: pour / contre / abstention), or a sequence of them. When the poll closes the
// outcome applies by itself: claimed once in the database, then the amendment is merged into the
// live Y.Doc exactly once (mergeAmendment records it in the same transaction) or the article is
// adopted (and locked) or rejected. restore() finishes what a crash interrupted.
import { randomUUID } from 'node:crypto';
import type { User } from '../repositories/users';
import type { CharterVoteRow } from '../db/schema';
import type { CharterRepository, VoteCounts } from '../repositories/charter';
import { charterVoteSchema, type CharterVoteInput } from '../../domain/charter-schemas';
import type { PollOption, PollResult } from '../../domain/poll-types';
import { isLockedStatus } from '../../domain/charter';
import { amendmentFreshness, mergeAmendment, setArticleStatus } from '../charter/article-doc';
import { translate } from '../i18n';
import { ServiceError } from './service-error';
import { validate } from './validate';
import type { DocumentAccess } from './documents';
import { refusal, type CharterContext } from './charter-context';
import { specOf } from './charter-views';
import { createLogger } from '../log';

const log = createLogger('charter');

const MAX_TITLE_IN_QUESTION = 200;

type VoteRow = Parameters<CharterRepository['insertVote']>[0];

/** Pour / contre / abstention of a consent poll, by the options' consent keys. */
export function consentCounts(result: PollResult, options: readonly PollOption[]): VoteCounts {
	const counts: VoteCounts = { for: 0, against: 0, abstain: 0 };
	for (const option of result.options) {
		const key = options.find((o) => o.id === option.id)?.consent;
		if (key) counts[key] += option.count;
	}
	return counts;
}

export function createCharterVotes(ctx: CharterContext) {
	const { repo, live, polls, agenda } = ctx;

	/** The poll's question, in French (the base locale the stored consent labels use too). */
	function question(number: number | null, title: string, author?: string | null) {
		const short =
			title.length > MAX_TITLE_IN_QUESTION ? title.slice(0, MAX_TITLE_IN_QUESTION) + '…' : title;
		if (author === undefined)
			return number === null
				? translate('charter_vote_question_preamble', 'fr')
				: translate('charter_vote_question_article', 'fr', { number, title: short });
		const target =
			number === null
				? translate('charter_vote_target_preamble', 'fr')
				: translate('charter_vote_target_article', 'fr', { number });
		return author === null
			? translate('charter_vote_question_amendment_anonymous', 'fr', { target })
			: translate('charter_vote_question_amendment', 'fr', { author, target });
	}

	/** Checks a vote may be held on this target now; returns what the poll needs to say. */
	async function target(found: DocumentAccess, articleId: string, amendmentId: string | null) {
		const documentId = found.document.id;
		const doc = await live.getDoc(documentId);
		const article = ctx.article(doc, articleId);
		const row = await repo.articleRow(documentId, articleId);
		if (row && isLockedStatus(row.status)) throw refusal('charter_article_adopted');
		let author: string | null | undefined;
		if (amendmentId) {
			const amendment = (await repo.listAmendments(documentId, articleId)).find(
				(a) => a.id === amendmentId
			);
			if (!amendment) throw refusal('charter_amendment_not_found', 'not_found');
			if (amendment.status !== 'proposed') throw refusal('charter_amendment_closed');
			if (amendmentFreshness(doc, specOf(amendment)) !== 'ok')
				throw refusal('charter_amendment_stale');
			author = amendment.anonymous ? null : amendment.authorName;
		}
		if ((await repo.undecidedVotes(documentId, articleId, amendmentId)).length > 0)
			throw refusal('charter_vote_pending');
		return { article, question: question(article.number, article.title, author) };
	}

	async function createPoll(
		user: User,
		found: DocumentAccess,
		questionText: string,
		input: Omit<CharterVoteInput, 'amendmentId' | 'roundId'>
	) {
		const settings = await repo.settings(found.document.id);
		const created = await polls.create(user, found.workshop.id, {
			question: questionText,
			method: 'consent',
			secret: input.secret ?? true,
			requiredMajority: input.majority ?? settings.majority,
			quorum: settings.quorum,
			...(input.closesInSeconds ? { closesInSeconds: input.closesInSeconds } : {})
		});
		return created.id;
	}

	/** The statuses that say "being voted on": the amendment's, or the article's (DB + mirror). */
	async function markVoting(
		documentId: string,
		articleId: string,
		amendmentId: string | null,
		pollId: string
	) {
		if (amendmentId) {
			await repo.updateAmendment(amendmentId, { status: 'voting', pollId });
			return;
		}
		await repo.setArticleStatus(documentId, articleId, 'voting', null);
		await ctx.edit(documentId, (doc) => setArticleStatus(doc, articleId, 'voting'));
	}

	/**
	 * Records which polls decide what, under the article's row lock, after checking again that
	 * none of those targets is being voted on: of two concurrent clicks, the second is refused
	 * (its poll stays a draft nobody opened).
	 */
	async function record(documentId: string, articleId: string, votes: VoteRow[]) {
		await repo.transaction(async (tx) => {
			await tx.lockArticle(documentId, articleId);
			for (const vote of votes)
				if ((await tx.undecidedVotes(documentId, articleId, vote.amendmentId)).length > 0)
					throw refusal('charter_vote_pending');
			for (const vote of votes) await tx.insertVote(vote);
		});
	}

	/** Links an agenda round to the poll (phones follow the room to it); the round must exist. */
	async function roundItems(user: User, workshopId: string, roundId: string) {
		const { items } = await agenda.editable(user, workshopId);
		if (!items.some((i) => i.id === roundId))
			throw new ServiceError('validation', { field: 'roundId' });
		return items;
	}
	async function linkRound(user: User, workshopId: string, roundId: string, pollId: string) {
		const items = (await agenda.editable(user, workshopId)).items.map((item) => {
			if (item.id !== roundId) return item;
			// A document lock at the end no longer fits once the round is linked to a poll.
			const onEnd = item.onEnd?.closePoll ? { closePoll: true } : undefined;
			return { ...item, linked: { type: 'poll' as const, id: pollId }, onEnd };
		});
		await agenda.replace(user, workshopId, items);
	}

	// ---- the outcome ----

	/** Merges or sets statuses for a claimed outcome; safe to run again (restore). */
	async function apply(vote: CharterVoteRow) {
		// Both reads at once: the merge (what every editor waits for) comes right after them.
		const [document, amendment] = await Promise.all([
			ctx.findDocument(vote.documentId),
			vote.amendmentId ? repo.findAmendment(vote.amendmentId) : null
		]);
		if (!document) return;
		const adopted = vote.outcome === 'adopted';
		const at = new Date(ctx.now());
		let merge: string | null = null;
		if (amendment) {
			if (adopted) {
				merge = await ctx.edit(vote.documentId, (doc) =>
					mergeAmendment(doc, amendment.id, specOf(amendment))
				);
				// The room adopted a change the text no longer has room for: the facilitator
				// merges it by hand (the audit line says so); it is shown as stale.
				const status = merge === 'applied' || merge === 'already' ? 'adopted' : 'stale';
				await repo.updateAmendment(amendment.id, { status, decidedAt: at });
				// Their words are in the text now, written by the server on their behalf.
				if (status === 'adopted') await ctx.recordWriter(vote.documentId, amendment.authorMemberId);
			} else await repo.updateAmendment(amendment.id, { status: 'rejected', decidedAt: at });
		} else if (!vote.amendmentId) {
			const status = adopted ? 'adopted' : 'rejected';
			// The mirror first: it locks the article's text for every editor (the /collab guard).
			await ctx.edit(vote.documentId, (doc) => setArticleStatus(doc, vote.articleId, status));
			await repo.setArticleStatus(
				vote.documentId,
				vote.articleId,
				status,
				adopted ? { at, pollId: vote.pollId } : null
			);
		}
		await repo.markApplied(vote.pollId);
		await repo.audit({
			workshopId: document.workshopId,
			actor: null,
			action: 'charter.vote_outcome',
			subject: vote.documentId,
			data: {
				pollId: vote.pollId,
				articleId: vote.articleId,
				amendmentId: vote.amendmentId,
				outcome: vote.outcome,
				...(merge ? { merge } : {})
			}
		});
		ctx.changed(document.workshopId, vote.documentId);
		if (vote.sequenceId !== null && vote.sequencePosition !== null) {
			const next = await repo.nextInSequence(vote.sequenceId, vote.sequencePosition);
			if (next) await polls.openBySystem(next.pollId);
		}
	}

	/** A poll changed: if it decides a charter vote and is closed, claim its outcome and apply it. */
	async function settle(pollId: string) {
		const vote = await repo.findVote(pollId);
		if (!vote) return;
		if (vote.outcome !== null) {
			if (vote.appliedAt === null) await apply(vote);
			return;
		}
		const outcome = await polls.outcomeOf(pollId);
		if (outcome.status !== 'closed' && outcome.status !== 'published') return;
		const claimed = await repo.claimOutcome(
			pollId,
			outcome.result.adopted === true ? 'adopted' : 'rejected',
			consentCounts(outcome.result, outcome.options)
		);
		// Null: another instance (or a restart) claimed it and applies it.
		if (claimed) await apply(claimed);
	}

	const onPollChanged = ({ pollId }: { pollId: string }) => {
		settle(pollId).catch((error: unknown) =>
			log.error({ err: error, pollId }, 'could not apply the outcome of the poll')
		);
	};
	ctx.events.on('poll.changed', onPollChanged);

	return {
		async vote(user: User | null, documentId: string, articleId: string, input: unknown) {
			const found = await ctx.access(user, documentId, 'charter.vote');
			const data = validate(charterVoteSchema, input ?? {});
			const amendmentId = data.amendmentId?.toLowerCase() ?? null;
			const { question: text } = await target(found, articleId, amendmentId);
			if (data.roundId) await roundItems(user!, found.workshop.id, data.roundId);
			const pollId = await createPoll(user!, found, text, data);
			await record(found.document.id, articleId, [
				{ pollId, documentId: found.document.id, articleId, amendmentId }
			]);
			await markVoting(found.document.id, articleId, amendmentId, pollId);
			await polls.command(user, pollId, 'open');
			if (data.roundId) await linkRound(user!, found.workshop.id, data.roundId, pollId);
			await repo.audit({
				workshopId: found.workshop.id,
				actor: user!.id,
				action: 'charter.vote',
				subject: found.document.id,
				data: { pollId, articleId, amendmentId }
			});
			ctx.changed(found.workshop.id, found.document.id);
			return { pollId };
		},

		/**
		 * One click: each open amendment of the article in the order proposed, then the article.
		 * All polls are created now (drafts); the first opens, and each decided one opens the next.
		 */
		async sequence(user: User | null, documentId: string, articleId: string, input: unknown) {
			const found = await ctx.access(user, documentId, 'charter.vote');
			const data = validate(
				charterVoteSchema.omit({ amendmentId: true, roundId: true }),
				input ?? {}
			);
			const { question: articleQuestion, article } = await target(found, articleId, null);
			const doc = await live.getDoc(found.document.id);
			const open = (await repo.listAmendments(found.document.id, articleId)).filter(
				(a) => a.status === 'proposed' && amendmentFreshness(doc, specOf(a)) === 'ok'
			);
			for (const a of open)
				if ((await repo.undecidedVotes(found.document.id, articleId, a.id)).length > 0)
					throw refusal('charter_vote_pending');
			const sequenceId = randomUUID();
			const steps = [
				...open.map((a) => ({
					amendmentId: a.id as string | null,
					text: question(article.number, article.title, a.anonymous ? null : a.authorName)
				})),
				{ amendmentId: null, text: articleQuestion }
			];
			const pollIds: string[] = [];
			for (const step of steps) pollIds.push(await createPoll(user!, found, step.text, data));
			await record(
				found.document.id,
				articleId,
				steps.map((step, position) => ({
					pollId: pollIds[position],
					documentId: found.document.id,
					articleId,
					amendmentId: step.amendmentId,
					sequenceId,
					sequencePosition: position
				}))
			);
			for (const [position, step] of steps.entries())
				await markVoting(found.document.id, articleId, step.amendmentId, pollIds[position]);
			await polls.command(user, pollIds[0], 'open');
			await repo.audit({
				workshopId: found.workshop.id,
				actor: user!.id,
				action: 'charter.vote_sequence',
				subject: found.document.id,
				data: { articleId, pollIds }
			});
			ctx.changed(found.workshop.id, found.document.id);
			return { pollIds };
		},

		/** At startup (once /collab is attached): outcomes decided or claimed while down apply now. */
		async restore() {
			for (const vote of await repo.unfinishedVotes()) {
				await settle(vote.pollId).catch((error: unknown) =>
					log.error({ err: error, pollId: vote.pollId }, 'restore failed')
				);
			}
		},

		close() {
			ctx.events.off('poll.changed', onPollChanged);
		}
	};
}
