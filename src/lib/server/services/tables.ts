// One phone per table (docs/table-mode.md): a facilitator creates a table on their own device or
// makes a participant its relay; the relay registers the people sitting with them and then acts
// for them — casts their ballot, raises their hand, posts their card — each through the service
// every member uses, with the member as the actor. Every method asks the permission table first
// (`table.*`); every registration and every act through the shared phone is audited, never with
// what was chosen.
import type { User } from '../repositories/users';
import type { TablesRepository, SeatedMember } from '../repositories/tables';
import type { WorkshopsRepository } from '../repositories/workshops';
import type { MemberRow, WorkshopTableRow } from '../db/schema';
import {
	tableCreateSchema,
	tableRegisterSchema,
	tableRelaySchema
} from '../../domain/table-schemas';
import type { AuditService } from './audit';
import type { AppEvents } from './app-events';
import { isUuid, type WorkshopService } from './workshops';
import { ServiceError } from './service-error';
import type { SeatView, TableRoster, TableView } from '../../protocol/tables';
import { validate } from './validate';

/** Who the relay acts for, once the table said yes. */
export interface ActingFor {
	table: WorkshopTableRow;
	member: MemberRow;
	/** The relay's user id: the audit line's actor. */
	relayUserId: string;
}

/** What a shared phone did for a member: the audit action, never the content. */
export type SharedAct = 'ballot' | 'hand' | 'card';

const RELAY_ROLES = new Set(['facilitator', 'participant']);

export function createTableService(deps: {
	repo: TablesRepository;
	workshopsRepo: WorkshopsRepository;
	workshops: WorkshopService;
	audit: AuditService;
	events: AppEvents;
	/** The polls (among `pollIds`) in which a member took part. */
	votedIn: (memberId: string, pollIds: string[]) => Promise<Set<string>>;
}) {
	const { repo, workshops, audit, events } = deps;

	async function tableIn(workshopId: string, tableId: string) {
		const table = isUuid(tableId) ? await repo.findTable(tableId) : null;
		return table && table.workshopId === workshopId ? table : null;
	}

	/** The table check for its relay, then "not found" for a table of another workshop. */
	async function asRelay(
		user: User | null,
		action: 'table.register' | 'table.act_for',
		workshopId: string,
		tableId: string
	) {
		const table = await tableIn(workshopId, tableId);
		const found = await workshops.requireAccess(user, action, {
			workshopId,
			state: ({ member }) => ({ relay: table?.relayMemberId === member.id })
		});
		if (!table) throw new ServiceError('not_found');
		return { ...found, table };
	}

	/** A member who may hold a table's phone: present, facilitator or participant. */
	async function relayCandidate(workshopId: string, memberId: string): Promise<MemberRow> {
		const target = await deps.workshopsRepo.findMemberById(workshopId, memberId);
		if (!target || target.removedAt) throw new ServiceError('not_found');
		if (!RELAY_ROLES.has(target.role))
			throw new ServiceError('validation', {
				field: 'relayMemberId',
				params: { reason: 'table_relay_role' }
			});
		return target;
	}

	function seatViews(seated: SeatedMember[]): SeatView[] {
		return seated.map(({ memberId, displayName }) => ({ memberId, displayName }));
	}

	return {
		/** Facilitators: a table on their own device, or with a participant as its relay. */
		async create(user: User | null, workshopId: string, input: unknown): Promise<TableView> {
			const { workshop, member } = await workshops.requireAccess(user, 'table.create', {
				workshopId
			});
			const data = validate(tableCreateSchema, input);
			if (workshop.status === 'closed') throw new ServiceError('workshop_ended');
			const relay =
				data.relayMemberId && data.relayMemberId !== member.id
					? await relayCandidate(workshopId, data.relayMemberId)
					: member;
			const row = await repo.insertTable(
				{ workshopId, name: data.name, relayMemberId: relay.id },
				{
					workshopId,
					actor: user!.id,
					action: 'table.create',
					data: { name: data.name, relayMemberId: relay.id }
				}
			);
			events.emit('members.changed', { workshopId });
			return {
				id: row.id,
				name: row.name,
				relayMemberId: relay.id,
				relayName: relay.displayName,
				seated: 0
			};
		},

		/** Facilitators: another member holds the table's phone (the previous relay left). */
		async setRelay(
			user: User | null,
			workshopId: string,
			tableId: string,
			input: unknown
		): Promise<TableView> {
			await workshops.requireAccess(user, 'table.create', { workshopId });
			const { relayMemberId } = validate(tableRelaySchema, input);
			const table = await tableIn(workshopId, tableId);
			if (!table) throw new ServiceError('not_found');
			const relay = await relayCandidate(workshopId, relayMemberId);
			if (relay.id !== table.relayMemberId) await repo.setRelay(table, relay.id, user!.id);
			events.emit('members.changed', { workshopId });
			return {
				id: table.id,
				name: table.name,
				relayMemberId: relay.id,
				relayName: relay.displayName,
				seated: (await repo.seated(table.id)).length
			};
		},

		/** Facilitators: every table of the workshop (the control room). */
		async list(user: User | null, workshopId: string): Promise<TableView[]> {
			await workshops.requireAccess(user, 'table.create', { workshopId });
			return repo.listTables(workshopId);
		},

		/** The tables whose relay the caller is, with who sits at each (the hub's « Ma table »). */
		async mine(user: User | null, workshopId: string): Promise<TableRoster[]> {
			const { member } = await workshops.requireAccess(user, 'workshop.read', { workshopId });
			const tables = await repo.tablesOfRelay(member.id);
			return Promise.all(
				tables.map(async (t) => ({
					id: t.id,
					name: t.name,
					seated: seatViews(await repo.seated(t.id))
				}))
			);
		},

		/** The relay registers someone sitting at the table: a new guest, or themself. */
		async register(
			user: User | null,
			workshopId: string,
			tableId: string,
			input: unknown
		): Promise<SeatView> {
			const { workshop, member, table } = await asRelay(
				user,
				'table.register',
				workshopId,
				tableId
			);
			const data = validate(tableRegisterSchema, input);
			if (workshop.status === 'closed') throw new ServiceError('workshop_ended');
			let seat: SeatView;
			if ('self' in data) {
				if (!(await repo.seat(table, member.id, user!.id)))
					throw new ServiceError('conflict', { params: { reason: 'table_already_seated' } });
				seat = { memberId: member.id, displayName: member.displayName };
			} else {
				const guest = await repo.registerGuest(table, data, user!.id);
				seat = { memberId: guest.memberId, displayName: guest.displayName };
			}
			events.emit('members.changed', { workshopId });
			return seat;
		},

		/** The relay takes a name off the table; the member stays in the workshop. */
		async unregister(user: User | null, workshopId: string, tableId: string, memberId: string) {
			const { table } = await asRelay(user, 'table.register', workshopId, tableId);
			if (!isUuid(memberId) || !(await repo.unseat(table, memberId, user!.id)))
				throw new ServiceError('not_found');
			events.emit('members.changed', { workshopId });
			return { memberId };
		},

		/**
		 * « Qui vote ? »: who sits at the table and, for a poll, who has already taken part in it.
		 */
		async roster(
			user: User | null,
			workshopId: string,
			tableId: string,
			pollId?: string
		): Promise<TableRoster> {
			const { table } = await asRelay(user, 'table.act_for', workshopId, tableId);
			const seated = seatViews(await repo.seated(table.id));
			if (pollId && isUuid(pollId))
				for (const seat of seated)
					seat.voted = (await deps.votedIn(seat.memberId, [pollId])).has(pollId);
			return { id: table.id, name: table.name, seated };
		},

		/**
		 * The relay acts for `memberId` in `workshopId`: allowed only to the relay of the table the
		 * member sits at. Anyone else gets the table's refusal; a member seated nowhere, or in
		 * another workshop, is "not found".
		 */
		async actFor(user: User | null, workshopId: string, memberId: string): Promise<ActingFor> {
			const seat = isUuid(memberId) ? await repo.seatOf(memberId) : null;
			const here = seat && seat.table.workshopId === workshopId ? seat : null;
			await workshops.requireAccess(user, 'table.act_for', {
				workshopId,
				state: ({ member }) => ({ relay: here?.table.relayMemberId === member.id })
			});
			if (!here) throw new ServiceError('not_found');
			return { table: here.table, member: here.member, relayUserId: user!.id };
		},

		/**
		 * The audit line of an act through a shared phone: member, table, time — for a ballot, the
		 * poll, never the choice.
		 */
		async recordShared(
			acting: ActingFor,
			act: SharedAct,
			subject: { pollId?: string; documentId?: string } = {}
		) {
			await audit.record({
				workshopId: acting.table.workshopId,
				actor: acting.relayUserId,
				action: `table.${act}`,
				subject: acting.member.id,
				data: { tableId: acting.table.id, sharedDevice: true, ...subject }
			});
		}
	};
}

export type TableService = ReturnType<typeof createTableService>;
