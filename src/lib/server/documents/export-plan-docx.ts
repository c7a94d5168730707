// The action plan as Word (DOCX), editable in Word and LibreOffice: landscape A4, the commune in
// the page header, "Page N / M" in the footer, the actions as a real Word table whose header row
// repeats on every page, the budget totals as tables, and the signature block.
import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	Header,
	HeadingLevel,
	Packer,
	PageNumber,
	PageOrientation,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import {
	actionCells,
	formatDate,
	moneyList,
	shortHash,
	totalRows,
	type PlanExportInput
} from './plan-export-input';

const COLUMNS = [
	['number', 3],
	['action', 20],
	['owner', 9],
	['partners', 9],
	['budget', 9],
	['funding', 9],
	['period', 8],
	['indicator', 12],
	['axis', 8],
	['priority', 6],
	['status', 7]
] as const;
const SIZE = 16; // half-points: 8 pt in the table
const GREY = '4B5563';

function paragraphs(text: string, run: { bold?: boolean; size?: number; color?: string } = {}) {
	const lines = text.split('\n');
	return lines.map(
		(line) => new Paragraph({ children: [new TextRun({ text: line, size: SIZE, ...run })] })
	);
}

function cell(children: Paragraph[], options: { header?: boolean } = {}) {
	return new TableCell({
		children,
		shading: options.header
			? { type: ShadingType.CLEAR, color: 'auto', fill: 'E5E7EB' }
			: undefined,
		margins: { top: 40, bottom: 40, left: 60, right: 60 }
	});
}

function textParagraph(
	text: string,
	run: { bold?: boolean; size?: number; color?: string } = {},
	right = false
) {
	return new Paragraph({
		alignment: right ? AlignmentType.RIGHT : undefined,
		children: [new TextRun({ text, size: SIZE, ...run })]
	});
}

export async function exportPlanDocx(input: PlanExportInput): Promise<Buffer> {
	const { t, locale } = input;
	const headerLine = [
		input.commune ? t('header_commune', { commune: input.commune }) : '',
		input.workshopTitle,
		input.dateLabel
	]
		.filter(Boolean)
		.join(' · ');
	const version =
		input.version === 'approved' && input.approval
			? t('version_approved', {
					date: formatDate(input.approval.approvedAt, locale),
					hash: shortHash(input.approval.hash)
				})
			: t('version_current', { date: formatDate(input.exportedAt, locale) });

	const children: (Paragraph | Table)[] = [
		new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(input.title)] }),
		new Paragraph({
			children: [new TextRun({ text: `${t('plan_subtitle')} · ${version}`, color: GREY, size: 18 })]
		})
	];

	if (input.actions.length === 0) {
		children.push(
			new Paragraph({ children: [new TextRun({ text: t('no_actions'), italics: true })] })
		);
	} else {
		const header = new TableRow({
			tableHeader: true,
			children: COLUMNS.map(([key]) =>
				cell([textParagraph(t(`col_${key}`), { bold: true })], { header: true })
			)
		});
		const rows = input.actions.map((action, i) => {
			const c = actionCells(input, action);
			return new TableRow({
				children: [
					cell([textParagraph(String(i + 1))]),
					cell([
						textParagraph(c.title, { bold: true }),
						...(c.description ? paragraphs(c.description, { size: 14, color: '374151' }) : [])
					]),
					cell(paragraphs(c.owner)),
					cell(paragraphs(c.partners)),
					cell([textParagraph(c.budget, {}, true)]),
					cell(paragraphs(c.funding)),
					cell(paragraphs(c.period)),
					cell(paragraphs(c.indicator)),
					cell(paragraphs(c.axis)),
					cell(paragraphs(c.priority)),
					cell(paragraphs(c.status))
				]
			});
		});
		children.push(
			new Table({
				width: { size: 100, type: WidthType.PERCENTAGE },
				columnWidths: COLUMNS.map(([, weight]) => weight * 150),
				rows: [header, ...rows]
			})
		);
	}

	const totalsTable = (rows: { label: string; amount: string }[], bold = false, keepNext = false) =>
		new Table({
			width: { size: 60, type: WidthType.PERCENTAGE },
			rows: rows.map(
				(row) =>
					new TableRow({
						keepNext,
						cantSplit: true,
						children: [
							cell([textParagraph(row.label, { bold })]),
							cell([textParagraph(row.amount, { bold: true }, true)])
						]
					})
			)
		});
	children.push(
		new Paragraph({
			heading: HeadingLevel.HEADING_2,
			keepNext: true,
			children: [new TextRun(t('totals_title'))]
		}),
		new Paragraph({
			heading: HeadingLevel.HEADING_3,
			keepNext: true,
			children: [new TextRun(t('totals_by_axis'))]
		}),
		totalsTable(totalRows(input, input.totals.byAxis, t('no_axis'))),
		new Paragraph({
			heading: HeadingLevel.HEADING_3,
			keepNext: true,
			children: [new TextRun(t('totals_by_funding'))]
		}),
		totalsTable(totalRows(input, input.totals.byFunding, t('no_funding'))),
		new Paragraph({ children: [] }),
		// The grand total, the note under it and the signature stay on one page: Word keeps a
		// paragraph (or row) marked keepNext with what follows.
		totalsTable([{ label: t('total'), amount: moneyList(input, input.totals.total) }], true, true)
	);
	if (input.totals.withoutBudget > 0)
		children.push(
			new Paragraph({
				keepNext: true,
				children: [
					new TextRun({
						text: t('without_budget', { count: input.totals.withoutBudget }),
						italics: true
					})
				]
			})
		);

	children.push(new Paragraph({ keepNext: true, children: [] }), signatureBlock(input));

	const doc = new Document({
		creator: 'Palabre',
		title: input.title,
		sections: [
			{
				properties: {
					page: {
						size: { orientation: PageOrientation.LANDSCAPE },
						margin: { top: 900, bottom: 900, left: 720, right: 720 }
					}
				},
				headers: {
					default: new Header({
						children: [
							new Paragraph({
								children: [new TextRun({ text: headerLine, color: GREY, size: 16 })]
							})
						]
					})
				},
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								alignment: AlignmentType.RIGHT,
								children: [
									new TextRun({
										size: 16,
										children: pageLabel(t('page', { page: '\ue000', pages: '\ue001' }))
									})
								]
							})
						]
					})
				},
				children
			}
		]
	});
	return Packer.toBuffer(doc);
}

/** "Page {page} / {pages}" with Word's PAGE and NUMPAGES fields in place of the markers. */
function pageLabel(template: string) {
	return template
		.split(/(\ue000|\ue001)/)
		.filter(Boolean)
		.map((part) =>
			part === '\ue000' ? PageNumber.CURRENT : part === '\ue001' ? PageNumber.TOTAL_PAGES : part
		);
}

function signatureBlock(input: PlanExportInput): Table {
	const { t, locale } = input;
	const lines: Paragraph[] = [];
	const p = (
		text: string,
		run: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}
	) =>
		new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text, size: 20, ...run })] });
	if (input.signed && input.approval) {
		const a = input.approval;
		lines.push(p(t('signature_title'), { bold: true, size: 24 }));
		lines.push(p(t('approved_by'), { color: GREY, size: 16 }));
		lines.push(p(a.signatoryName, { bold: true, size: 22 }));
		if (a.signatoryTitle) lines.push(p(a.signatoryTitle));
		lines.push(p(t('approved_on', { date: formatDate(a.approvedAt, locale) })));
		if (a.statement) lines.push(p(`« ${a.statement} »`, { italics: true }));
		lines.push(p(t('approved_hash', { hash: shortHash(a.hash) }), { color: GREY, size: 16 }));
	} else {
		if (input.approval) {
			const a = input.approval;
			lines.push(
				p(
					t('approval_outdated', {
						date: formatDate(a.approvedAt, locale),
						name: a.signatoryName,
						hash: shortHash(a.hash)
					}),
					{ italics: true, color: GREY, size: 16 }
				)
			);
		}
		lines.push(p(t('read_approved'), { bold: true, size: 24 }));
		for (const key of ['sign_name', 'sign_title', 'sign_date'])
			lines.push(p(`${t(key)} ____________________________________`));
		lines.push(p(t('sign_signature')), p(''), p(''), p(''));
	}
	const border = { style: BorderStyle.SINGLE, size: 8, color: '374151' };
	return new Table({
		width: { size: 45, type: WidthType.PERCENTAGE },
		alignment: AlignmentType.RIGHT,
		rows: [
			new TableRow({
				cantSplit: true,
				children: [
					new TableCell({
						children: lines,
						borders: { top: border, bottom: border, left: border, right: border },
						margins: { top: 120, bottom: 120, left: 160, right: 160 }
					})
				]
			})
		]
	});
}
