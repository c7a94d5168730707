// One phone per table: what the table API answers (docs/api.md « Tables »).

/** A table as the control room lists it. */
export interface TableView {
	id: string;
	name: string;
	relayMemberId: string;
	relayName: string;
	/** How many people are registered on its phone. */
	seated: number;
}

/** Someone registered on a table's phone. */
export interface SeatView {
	memberId: string;
	displayName: string;
	/** Only when a poll was asked about: whether they took part (never what they chose). */
	voted?: boolean;
}

/** « Qui vote ? » / « Ma table »: a table and who sits at it. */
export interface TableRoster {
	id: string;
	name: string;
	seated: SeatView[];
}
