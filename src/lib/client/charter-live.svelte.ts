// Runes state of a charter's article-by-article view: the articles, their amendments, the charter's
// settings and the polls the facilitator opened from here. The server decides everything; this
// holds its answers, sends intents and refetches on `charter:changed` (and after a reconnection,
// when notices may have been missed). Handed out through context.
import { getContext, setContext } from 'svelte';
import type { WireError } from '$lib/protocol/errors';
import type { PollView } from '$lib/protocol/polls';
import type {
	AmendmentProposal,
	AmendmentView,
	ArticleView,
	CharterSettingsView
} from '$lib/protocol/charter-view';
import type { PalabreClientSocket } from './socket';

export type CallResult<T = unknown> = { ok: true; data: T } | { ok: false; error: WireError };

/** The API's refusal, or a stand-in when the network failed (its message is filled by the page). */
const networkError: WireError = { code: 'network', message: '' };

export class CharterLive {
	articles = $state<ArticleView[]>([]);
	amendments = $state<AmendmentView[]>([]);
	settings = $state<CharterSettingsView | null>(null);
	/** The article whose amendments are shown. */
	selectedId = $state<string | null>(null);
	phase = $state<'loading' | 'ready' | 'failed'>('loading');
	/** Polls opened from this page or named by the server, kept current by `poll:state`. */
	polls = $state<Record<string, PollView>>({});
	/** Which article or amendment a poll decides (pollId → id), for what this session created. */
	pollFor = $state<Record<string, string>>({});
	pending = $state(false);
	error = $state<WireError | null>(null);
	private destroyed = false;

	private onChanged = ({ documentId }: { documentId: string }) => {
		if (documentId === this.documentId) void this.refresh();
	};
	private onConnect = () => void this.refresh();
	private onPoll = (poll: PollView) => {
		if (poll.id in this.polls) this.polls[poll.id] = poll;
	};

	constructor(
		readonly documentId: string,
		private socket: PalabreClientSocket | null
	) {
		socket?.on('charter:changed', this.onChanged);
		socket?.on('connect', this.onConnect);
		socket?.on('poll:state', this.onPoll);
	}

	get selected(): ArticleView | null {
		return this.articles.find((a) => a.articleId === this.selectedId) ?? null;
	}

	amendmentsOf(articleId: string): AmendmentView[] {
		return this.amendments.filter((a) => a.articleId === articleId);
	}

	/** Whether the charter has articles at all (an old free charter has none until structured). */
	get structured(): boolean {
		return this.articles.length > 0;
	}

	async refresh() {
		const base = `/api/documents/${this.documentId}`;
		try {
			const [articles, amendments, settings] = await Promise.all([
				fetch(`${base}/articles`),
				fetch(`${base}/amendments`),
				fetch(`${base}/charter-settings`)
			]);
			if (this.destroyed) return;
			if (!articles.ok || !amendments.ok) {
				if (this.phase === 'loading') this.phase = 'failed';
				return;
			}
			this.articles = (await articles.json()) as ArticleView[];
			this.amendments = (await amendments.json()) as AmendmentView[];
			if (settings.ok) this.settings = (await settings.json()) as CharterSettingsView;
			if (!this.articles.some((a) => a.articleId === this.selectedId))
				this.selectedId = this.articles[0]?.articleId ?? null;
			this.phase = 'ready';
			this.followPolls();
		} catch {
			// offline: the view comes back with the connection (`connect` refetches)
			if (this.phase === 'loading') this.phase = 'failed';
		}
	}

	/** Reads the polls the server names on articles and amendments, once each. */
	private followPolls() {
		const ids = [
			...this.articles.map((a) => a.pollId),
			...this.amendments.map((a) => a.pollId),
			...Object.keys(this.pollFor)
		].filter((id, i, all): id is string => typeof id === 'string' && all.indexOf(id) === i);
		for (const id of ids) if (!(id in this.polls)) void this.readPoll(id);
	}

	async readPoll(pollId: string) {
		try {
			const res = await fetch(`/api/polls/${pollId}`);
			if (res.ok) this.polls[pollId] = (await res.json()) as PollView;
		} catch {
			// the next refresh tries again
		}
	}

	/** Runs one request; the translated refusal lands in `error` (and in the result). */
	async call<T>(path: string, method: string, body?: unknown): Promise<CallResult<T>> {
		this.pending = true;
		try {
			const res = await fetch(path, {
				method,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			const data = await res.json().catch(() => null);
			if (!res.ok) {
				const error = (data as { error?: WireError } | null)?.error ?? networkError;
				this.error = error;
				return { ok: false, error };
			}
			this.error = null;
			return { ok: true, data: data as T };
		} catch {
			this.error = networkError;
			return { ok: false, error: networkError };
		} finally {
			this.pending = false;
		}
	}

	/** Named so the instance never looks like a promise (a `then` method would make it one). */
	private async andRefresh<T>(result: Promise<CallResult<T>>): Promise<CallResult<T>> {
		const done = await result;
		if (done.ok) await this.refresh();
		return done;
	}

	private doc = (path: string) => `/api/documents/${this.documentId}${path}`;

	propose(articleId: string, proposal: AmendmentProposal) {
		return this.andRefresh(
			this.call(this.doc(`/articles/${articleId}/amendments`), 'POST', proposal)
		);
	}
	support(amendmentId: string, on: boolean) {
		return this.andRefresh(
			this.call(`/api/amendments/${amendmentId}/support`, on ? 'POST' : 'DELETE')
		);
	}
	withdraw(amendmentId: string) {
		return this.andRefresh(this.call(`/api/amendments/${amendmentId}/withdraw`, 'POST'));
	}
	update(amendmentId: string, input: { passage?: string; text?: string }) {
		return this.andRefresh(this.call(`/api/amendments/${amendmentId}`, 'PATCH', input));
	}
	setStatus(articleId: string, status: string) {
		return this.andRefresh(this.call(this.doc(`/articles/${articleId}`), 'PATCH', { status }));
	}
	async vote(articleId: string, amendmentId?: string) {
		const done = await this.call<{ pollId: string }>(
			this.doc(`/articles/${articleId}/vote`),
			'POST',
			amendmentId ? { amendmentId } : {}
		);
		if (done.ok) this.pollFor[done.data.pollId] = amendmentId ?? articleId;
		if (done.ok) await this.refresh();
		return done;
	}
	async voteSequence(articleId: string) {
		const done = await this.call<{ pollIds: string[] }>(
			this.doc(`/articles/${articleId}/vote-sequence`),
			'POST'
		);
		if (done.ok) for (const id of done.data.pollIds) this.pollFor[id] = articleId;
		if (done.ok) await this.refresh();
		return done;
	}
	/** Opens or closes a poll the page follows (the votes API; the outcome applies by itself). */
	async pollCommand(pollId: string, command: 'open' | 'close') {
		const done = await this.call<PollView>(`/api/polls/${pollId}/${command}`, 'POST', {});
		if (done.ok) await this.readPoll(pollId);
		return done;
	}
	async saveSettings(input: Omit<CharterSettingsView, 'publishedAt'>) {
		const done = await this.call<CharterSettingsView>(this.doc('/charter-settings'), 'PUT', input);
		if (done.ok) this.settings = { ...this.settings, ...done.data };
		return done;
	}
	structure() {
		return this.andRefresh(this.call(this.doc('/articles/structure'), 'POST'));
	}
	publish(published: boolean) {
		return this.andRefresh(this.call(this.doc('/publish-charter'), 'POST', { published }));
	}

	destroy() {
		this.destroyed = true;
		this.socket?.off('charter:changed', this.onChanged);
		this.socket?.off('connect', this.onConnect);
		this.socket?.off('poll:state', this.onPoll);
	}
}

const KEY = Symbol('charter-live');
export const provideCharterLive = (live: CharterLive) => setContext(KEY, live);
export const useCharterLive = () => getContext<CharterLive>(KEY);
