// The conversation with a feature phone, whatever gateway carried it: join with `CODE NOM`, vote
// on the workshop's open poll with `1`, `2 3` or `A C B`, ask for `AIDE` / `HELP`; the USSD menu
// offers the same vote. It goes through the same services as the web (members.join,
// polls.castBallot), so the same rules hold: one ballot per member, secret ballots unlinkable,
// the join-code guessing limits. What it adds: the number's hash as identity, a retry of the same
// gateway message handled once, a per-number rate limit, and replies that fit one SMS.
import type { SmsConfig } from '../config';
import type { UsersRepository } from '../repositories/users';
import type { SmsRepository } from '../repositories/sms';
import type { MemberService } from '../services/members';
import type { PollService } from '../services/polls';
import { FAILED_JOIN_CODES, type GuessGuard } from '../limits/guess-guard';
import type { LimitStore } from '../limits/limit-store';
import { isServiceError } from '../services/service-error';
import { translate, wireError } from '../i18n';
import {
	choiceFromPicks,
	fitSms,
	parseSmsCommand,
	pollListingSms,
	SMS_NUMBER_RULE,
	smsCanVote,
	toGsm7,
	truncateGsm7,
	ussdInputs,
	ussdPicks,
	type SmsLocale
} from '../../domain/sms-commands';
import type { BallotChannel } from '../../domain/poll-types';
import type { PollView } from '../../protocol/polls';
import type { SmsContactRow } from '../db/schema';
import { hashNumber } from './number-hash';
import type { InboundSms } from './gateway';

/** How long a handled message is remembered for its retries, and how often that is enforced. */
const RETRY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY = 500;

/** USSD screens hold a little more than an SMS. */
const USSD_MAX_LENGTH = 182;

export interface UssdRequest {
	sessionId: string;
	phoneNumber: string;
	text: string;
}

export function createSmsService(deps: {
	config: SmsConfig;
	repo: SmsRepository;
	users: UsersRepository;
	members: MemberService;
	polls: PollService;
	guesses: GuessGuard;
	limits: LimitStore;
	findWorkshop: (id: string) => Promise<{ title: string } | null>;
	now: () => number;
}) {
	const { config, repo, users, members, polls, now } = deps;
	// Every so many messages, the handled-message table forgets what no retry will ask again.
	let untilPrune = 0;

	const t = (key: string, locale: SmsLocale, params: Record<string, unknown> = {}) =>
		translate(key, locale, params);
	/** A refusal of a service (join, ballot) in the phone's language, as the web shows it. */
	const refusal = (error: unknown, locale: SmsLocale) => {
		if (!isServiceError(error)) throw error;
		return wireError(error.code, locale, error.details).message;
	};

	/** The workshop's poll a phone votes on: the open one, the most recently opened if several. */
	async function openPoll(contact: SmsContactRow): Promise<PollView | null> {
		if (!contact.workshopId || !contact.userId) return null;
		const user = await users.findById(contact.userId);
		let list: PollView[];
		try {
			list = await polls.list(user, contact.workshopId);
		} catch (error) {
			// Removed from the workshop, or it was deleted: no poll for this phone.
			if (isServiceError(error)) return null;
			throw error;
		}
		const open = list.filter((p) => p.status === 'open' && p.ballotMethod !== null);
		open.sort((a, b) => (b.openedAt ?? 0) - (a.openedAt ?? 0));
		return open[0] ?? null;
	}

	function optionLabel(option: PollView['options'][number], locale: SmsLocale) {
		if (!option.consent) return option.label;
		return t(`vote_consent_${option.consent}`, locale);
	}

	function listingSms(poll: PollView, locale: SmsLocale, prefix = ''): string {
		if (!smsCanVote(poll.ballotMethod))
			return fitSms(
				`${prefix} ${t('sms_poll_screen_only', locale, { question: poll.question })}`.trim()
			);
		const key = `sms_poll_${poll.ballotMethod}`;
		return pollListingSms(
			(parts) => `${prefix} ${t(key, locale, parts)}`.trim(),
			poll.question,
			poll.options.map((o) => optionLabel(o, locale))
		);
	}

	async function help(contact: SmsContactRow | null, locale: SmsLocale): Promise<string> {
		if (!contact?.workshopId) return fitSms(t('sms_help_guest', locale));
		const poll = await openPoll(contact);
		if (poll) return listingSms(poll, locale);
		const workshop = (await deps.findWorkshop(contact.workshopId))?.title;
		return fitSms(t('sms_help_member', locale, { workshop: workshop ?? 'Palabre' }));
	}

	async function join(
		numberHash: string,
		contact: SmsContactRow | null,
		code: string,
		name: string,
		locale: SmsLocale
	): Promise<string> {
		if (!name) return fitSms(t('sms_join_name_missing', locale, { code }));
		// The phone's number (its hash) is its address for the join-code guessing limits.
		const address = `sms:${numberHash}`;
		let joined;
		try {
			const attempt = await deps.guesses.beginJoin(address, code);
			const current = contact?.userId ? await users.findById(contact.userId) : null;
			try {
				joined = await members.join(current, { code, displayName: name, locale });
			} catch (error) {
				// As on the web: only a wrong, closed or ended code counts as a guess.
				if (isServiceError(error) && FAILED_JOIN_CODES.includes(error.code)) await attempt.failed();
				else await attempt.succeeded();
				throw error;
			}
			await attempt.succeeded();
		} catch (error) {
			return fitSms(refusal(error, locale));
		}
		if (contact)
			await repo.updateContact(numberHash, {
				userId: joined.user.id,
				workshopId: joined.workshop.id
			});
		else
			await repo.insertContact({
				numberHash,
				userId: joined.user.id,
				workshopId: joined.workshop.id,
				locale
			});
		const fresh = (await repo.findContact(numberHash))!;
		const poll = await openPoll(fresh);
		if (poll) return listingSms(poll, locale, t('sms_joined', locale, { name }));
		return fitSms(t('sms_joined_no_poll', locale, { name, workshop: joined.workshop.title }));
	}

	async function vote(
		contact: SmsContactRow,
		picks: number[],
		channel: BallotChannel,
		locale: SmsLocale
	): Promise<string> {
		const poll = await openPoll(contact);
		if (!poll) return fitSms(t('ussd_no_open_poll', locale));
		const made = choiceFromPicks(
			poll.ballotMethod,
			poll.options.map((o) => o.id),
			picks
		);
		if (!made.ok) {
			if (made.code === 'unsupported_method')
				return fitSms(t('sms_poll_screen_only', locale, { question: poll.question }));
			if (made.code === 'one_pick_only') return fitSms(t('sms_one_pick_only', locale));
			return fitSms(t('sms_pick_out_of_range', locale, { count: poll.options.length }));
		}
		const user = contact.userId ? await users.findById(contact.userId) : null;
		try {
			// A fresh ballot id per message: the gateway's message id already makes retries idempotent.
			const receipt = await polls.castBallot(
				user,
				poll.id,
				{ ballotId: crypto.randomUUID(), choice: made.choice },
				channel
			);
			// The reply names the poll, never the choice: stored for retries, it must not say how
			// a secret ballot went.
			return fitSms(t(`sms_ballot_${receipt.outcome}`, locale, { question: poll.question }));
		} catch (error) {
			return fitSms(refusal(error, locale));
		}
	}

	/**
	 * The language to answer in: the member's (chosen at join, or by a help keyword), else the
	 * number's own before it joins, else the server's default.
	 */
	async function localeOf(contact: SmsContactRow | null): Promise<SmsLocale> {
		if (contact?.userId && contact.workshopId) {
			const memberLocale = await members.localeOf(contact.userId, contact.workshopId);
			if (memberLocale) return memberLocale;
		}
		return contact?.locale ?? config.defaultLocale;
	}

	/** What the phone said, answered in its language. */
	async function converse(numberHash: string, text: string, channel: BallotChannel) {
		const contact = await repo.findContact(numberHash);
		let locale = await localeOf(contact);
		const command = parseSmsCommand(text);
		switch (command.kind) {
			case 'help':
				if (command.locale && command.locale !== locale) {
					locale = command.locale;
					// Kept for the next messages, even before the number joins (no user yet).
					if (contact) await repo.updateContact(numberHash, { locale });
					else await repo.insertContact({ numberHash, locale });
					if (contact?.userId) await members.setLocaleOfUser(contact.userId, locale);
				}
				return help(contact, locale);
			case 'join':
				return join(numberHash, contact, command.code, command.name, locale);
			case 'ballot':
				if (!contact?.workshopId) return fitSms(t('sms_not_joined', locale));
				return vote(contact, command.picks, channel, locale);
			case 'unknown':
				return help(contact, locale);
		}
	}

	/** False when this number sent too much lately: its message is dropped without a reply. */
	async function withinRate(numberHash: string): Promise<boolean> {
		const claim = await deps.limits.claim(`fail:smsNumber:${numberHash}`, SMS_NUMBER_RULE, now());
		return claim.ok;
	}

	/**
	 * Handles one gateway message once: a retry (same gateway, same message id) gets the first
	 * reply again, or none while the first is still being handled. Null: no reply to send.
	 */
	async function once(
		gateway: string,
		messageId: string,
		handle: () => Promise<string | null>
	): Promise<string | null> {
		if (!(await repo.claimMessage(gateway, messageId))) return repo.storedReply(gateway, messageId);
		if (--untilPrune <= 0) {
			untilPrune = PRUNE_EVERY;
			await repo.pruneMessages(new Date(now() - RETRY_WINDOW_MS));
		}
		let reply: string | null;
		try {
			reply = await handle();
		} catch (error) {
			await repo.releaseMessage(gateway, messageId);
			throw error;
		}
		// An empty reply marks a message handled in silence (rate limited): retries stay silent.
		await repo.saveReply(gateway, messageId, reply ?? '');
		return reply;
	}

	function ussdScreen(kind: 'CON' | 'END', lines: string[]): string {
		const body = lines.map((l) => toGsm7(l.replace(/[ \t]+/g, ' ').trim()).text).join('\n');
		return `${kind} ${truncateGsm7(body, USSD_MAX_LENGTH)}`;
	}

	return {
		/** An inbound SMS, from any gateway: the reply to send back, or null for none. */
		async receive(message: InboundSms): Promise<string | null> {
			const numberHash = hashNumber(config.numberKey!, message.from);
			const reply = await once(message.gateway, message.messageId, async () => {
				if (!(await withinRate(numberHash))) return null;
				return converse(numberHash, message.text, 'sms');
			});
			return reply === '' ? null : reply;
		},

		/**
		 * One step of a USSD session (`text` holds every input so far, joined by `*`): the menu,
		 * the open poll's options, then the ballot. The answer starts with `CON` (the session goes
		 * on) or `END`.
		 */
		async ussd(request: UssdRequest): Promise<string> {
			const numberHash = hashNumber(config.numberKey!, request.phoneNumber);
			const contact = await repo.findContact(numberHash);
			const locale = await localeOf(contact);
			if (!contact?.workshopId) return ussdScreen('END', [t('ussd_not_joined', locale)]);
			const inputs = ussdInputs(request.text);
			if (inputs.length >= 2 && inputs[0] === '1') {
				// The ballot step: once per session, like a gateway message.
				const reply = await once('ussd', request.sessionId, async () => {
					if (!(await withinRate(numberHash))) return null;
					const poll = await openPoll(contact);
					const picks = poll ? ussdPicks(poll.ballotMethod, inputs[1]) : null;
					if (poll && !picks) return ussdScreen('END', [t('ussd_invalid_input', locale)]);
					const text = await vote(contact, picks ?? [], 'ussd', locale);
					return ussdScreen('END', [text]);
				});
				return reply || ussdScreen('END', [t('ussd_invalid_input', locale)]);
			}
			if (!(await withinRate(numberHash)))
				return ussdScreen('END', [t('ussd_invalid_input', locale)]);
			const poll = await openPoll(contact);
			if (inputs.length === 0) {
				if (!poll) return ussdScreen('END', [t('ussd_no_open_poll', locale)]);
				const title = (await deps.findWorkshop(contact.workshopId))?.title ?? 'Palabre';
				return ussdScreen('CON', [
					truncateGsm7(toGsm7(title).text, 60),
					t('ussd_menu_vote', locale),
					t('ussd_menu_help', locale)
				]);
			}
			if (inputs.length === 1 && inputs[0] === '2')
				return ussdScreen('END', [await help(contact, locale)]);
			if (inputs.length === 1 && inputs[0] === '1') {
				if (!poll) return ussdScreen('END', [t('ussd_no_open_poll', locale)]);
				if (!smsCanVote(poll.ballotMethod))
					return ussdScreen('END', [
						t('sms_poll_screen_only', locale, { question: poll.question })
					]);
				const hint =
					poll.ballotMethod === 'multiple' || poll.ballotMethod === 'ranked'
						? `ussd_hint_${poll.ballotMethod}`
						: 'ussd_hint_single';
				const labels = poll.options.map((o, i) => `${i + 1}. ${optionLabel(o, locale)}`);
				const room = USSD_MAX_LENGTH - 2 * labels.length - 40;
				const labelMax = Math.max(6, Math.floor(room / Math.max(labels.length, 1)));
				return ussdScreen('CON', [
					truncateGsm7(toGsm7(poll.question).text, 60),
					...labels.map((l) => truncateGsm7(toGsm7(l).text, labelMax)),
					t(hint, locale)
				]);
			}
			return ussdScreen('END', [t('ussd_invalid_input', locale)]);
		}
	};
}

export type SmsService = ReturnType<typeof createSmsService>;
