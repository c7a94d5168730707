// Open-data CSV, one way for every export (poll results, action plans, follow-up): RFC 4180
// quoting, CRLF line ends, and cells a spreadsheet will not execute.

export function csvCell(value: string | number | null | undefined): string {
	const text = value === null || value === undefined ? '' : String(value);
	// Quote everything textual; a leading = + - @ is defused so a spreadsheet never runs it.
	const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
	return typeof value === 'number' ? text : `"${safe.replaceAll('"', '""')}"`;
}

/** Rows of cells to a CSV body (header first), with a final line end. */
export function csvRows(
	rows: readonly (readonly (string | number | null | undefined)[])[]
): string {
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
