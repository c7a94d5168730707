// The JSON API as the browser calls it: each route ("METHOD path", `:name` for a path parameter)
// with the body it takes and the response it gives, written once and read by the typed client
// (src/lib/client/api.ts). The server's handlers live in src/routes/api; docs/api.md has the rest.
import type { AgendaView } from '../domain/agenda';
import type { DocumentListItem, MemberView } from './api-types';
import type { InclusionView, QueueView } from './facilitation';
import type { PollCommandName, PollResults, PollView } from './polls';
import type { OpinionMapSummary } from './opinion';
import type { SeatView, TableRoster, TableView } from './tables';

export interface ApiRoutes {
	'GET /api/workshops/:workshopId/members': { response: MemberView[] };
	'PATCH /api/workshops/:workshopId/members/:memberId': {
		body: { role: string };
		response: unknown;
	};
	'DELETE /api/workshops/:workshopId/members/:memberId': { response: unknown };
	'GET /api/workshops/:workshopId/inclusion': { response: InclusionView };
	'GET /api/workshops/:workshopId/queue': { response: QueueView };
	'GET /api/workshops/:workshopId/agenda': { response: AgendaView };
	/** The whole agenda, replaced; items are checked by the server. */
	'PUT /api/workshops/:workshopId/agenda': { body: unknown[]; response: AgendaView };
	'GET /api/workshops/:workshopId/documents': { response: DocumentListItem[] };
	'GET /api/workshops/:workshopId/polls': { response: PollView[] };
	'GET /api/workshops/:workshopId/opinion-maps': { response: OpinionMapSummary[] };
	/** A new poll (draft); the settings are checked by the server. */
	'POST /api/workshops/:workshopId/polls': { body: Record<string, unknown>; response: PollView };
	'GET /api/polls/:pollId/results': { response: PollResults };
	'POST /api/polls/:pollId/:command': {
		body: { closesInSeconds?: number } | undefined;
		response: PollView;
	};
	'POST /api/polls/:pollId/room-counts': { body: unknown; response: unknown };
	// One phone per table
	'GET /api/workshops/:workshopId/tables': { response: TableView[] };
	'POST /api/workshops/:workshopId/tables': {
		body: { name: string; relayMemberId?: string };
		response: TableView;
	};
	'GET /api/workshops/:workshopId/tables/mine': { response: TableRoster[] };
	/** `?poll=` adds who has voted in it; the typed client leaves the query out. */
	'GET /api/workshops/:workshopId/tables/:tableId': { response: TableRoster };
	'PATCH /api/workshops/:workshopId/tables/:tableId': {
		body: { relayMemberId: string };
		response: TableView;
	};
	'POST /api/workshops/:workshopId/tables/:tableId/members': {
		body: { self: true } | { displayName: string; gender?: string; ageBracket?: string };
		response: SeatView;
	};
	'DELETE /api/workshops/:workshopId/tables/:tableId/members/:memberId': { response: unknown };
	'POST /api/workshops/:workshopId/tables/hand': {
		body: { forMember: string };
		response: QueueView;
	};
	'POST /api/documents/:documentId/wall/cards': {
		body: { forMember: string; text: string };
		response: { cardId: string };
	};
	/** A ballot; `forMember` when a table's relay casts it for a member of their table. */
	'POST /api/polls/:pollId/ballots': {
		body: { ballotId: string; choice: unknown; forMember?: string };
		response: { pollId: string; ballotId: string; outcome: string };
	};
}

export type ApiRoute = keyof ApiRoutes;

/** `:name` segments of a route, as an object of strings (`command` typed where it is known). */
export type RouteParams<R extends string> = R extends `${string}:${infer Name}/${infer Rest}`
	? { [K in Name]: ParamValue<K> } & RouteParams<`/${Rest}`>
	: R extends `${string}:${infer Name}`
		? { [K in Name]: ParamValue<K> }
		: Record<never, never>;

type ParamValue<Name extends string> = Name extends 'command' ? PollCommandName : string;

export type RouteBody<R extends ApiRoute> = ApiRoutes[R] extends { body: infer B } ? B : undefined;
export type RouteResponse<R extends ApiRoute> = ApiRoutes[R]['response'];
