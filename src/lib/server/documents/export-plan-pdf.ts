// The action plan as a print-ready PDF: A4 landscape (eleven columns read better across), the
// commune header on every page, the table of actions whose rows break across pages under a
// repeated header row, then the budget totals with the signature block beside them (never alone
// on a page, never split), and "Page N / M" at the foot.
// Lines are wrapped here rather than by pdfkit: a row's height must be known before it is
// drawn (to move it whole to the next page or split a very long one), and one `text` call per
// line keeps a 200-action plan well under a second.
import PDFDocument from 'pdfkit';
import { pdfBytes } from './pdf-page';
import type { PlanAction } from '../../domain/action-plan';
import {
	pdfSafe,
	registerPdfFonts,
	STANDARD_FONTS,
	type FontStyle,
	type PdfFonts
} from './pdf-fonts';
import {
	actionCells,
	formatDate,
	moneyList,
	shortHash,
	totalRows,
	type PlanExportInput
} from './plan-export-input';

type Pdf = InstanceType<typeof PDFDocument>;

const MARGIN = 36; // 1.27 cm
const TOP = 50; // below the running header
const FOOT = 28; // room for the page number
const PAD = 3;
const BORDER = '#9ca3af';
const HEADER_FILL = '#e5e7eb';
const TEXT_SIZE = 7.5;
const SMALL_SIZE = 6.5;
/** The totals (label, amount) on the left of the closing block, the signature on its right. */
const LABEL_WIDTH = 280;
const AMOUNT_WIDTH = 150;
const SIGNATURE_WIDTH = 300;
const TABLE_GAP = 14;

/** Relative widths of the eleven columns; scaled to the page. */
const COLUMNS = [
	{ key: 'number', weight: 20 },
	{ key: 'action', weight: 150 },
	{ key: 'owner', weight: 68 },
	{ key: 'partners', weight: 70 },
	{ key: 'budget', weight: 72, right: true },
	{ key: 'funding', weight: 68 },
	{ key: 'period', weight: 62 },
	{ key: 'indicator', weight: 92 },
	{ key: 'axis', weight: 62 },
	{ key: 'priority', weight: 44 },
	{ key: 'status', weight: 50 }
] as const;

interface Line {
	text: string;
	style: FontStyle;
	size: number;
	color?: string;
}
interface Cell {
	lines: Line[];
	right?: boolean;
}

const lineHeight = (line: Line) => line.size * 1.25;

export function exportPlanPdf(input: PlanExportInput, fonts: PdfFonts = STANDARD_FONTS) {
	const doc = new PDFDocument({
		size: 'A4',
		layout: 'landscape',
		bufferPages: true,
		margins: { top: TOP, bottom: FOOT + 8, left: MARGIN, right: MARGIN },
		info: { Title: input.title, Subject: input.workshopTitle, Creator: 'Palabre' }
	});
	const done = pdfBytes(doc);
	new PlanPdf(doc, input, fonts).write();
	doc.end();
	return done;
}

class PlanPdf {
	private readonly names: Record<FontStyle, string>;
	private readonly width: number;
	private readonly bottom: number;
	private readonly widths: number[];
	private y = TOP;
	/** Measuring pass: move `y` as drawing would, draw nothing, never open a page. */
	private dry = false;
	/** style + character → advance at 100 pt, for this document's fonts. */
	private readonly advances = new Map<string, number>();

	constructor(
		private readonly doc: Pdf,
		private readonly input: PlanExportInput,
		private readonly fonts: PdfFonts
	) {
		this.names = registerPdfFonts(doc, fonts);
		this.width = doc.page.width - 2 * MARGIN;
		this.bottom = doc.page.height - FOOT - 8;
		const total = COLUMNS.reduce((sum, c) => sum + c.weight, 0);
		this.widths = COLUMNS.map((c) => (c.weight / total) * this.width);
	}

	private t(key: string, params?: Record<string, unknown>) {
		return this.input.t(key, params);
	}

	private safe(text: string) {
		return pdfSafe(this.fonts, text);
	}

	write() {
		this.runningHeader();
		this.titleBlock();
		this.actionsTable();
		this.closing();
		this.pageNumbers();
	}

	// ── page furniture ────────────────────────────────────────────────────────────

	private runningHeader() {
		const { input, doc } = this;
		const left = [
			input.commune ? this.t('header_commune', { commune: input.commune }) : '',
			input.workshopTitle,
			input.dateLabel
		]
			.filter(Boolean)
			.join(' · ');
		const right = this.t('plan_subtitle');
		const room = this.width - this.measure(this.safe(right), 'bold', 8) - 16;
		this.draw(this.fit(left, 'regular', 8, room), MARGIN, 22, {
			style: 'regular',
			size: 8,
			color: '#4b5563'
		});
		this.draw(right, MARGIN, 22, {
			style: 'bold',
			size: 8,
			color: '#4b5563',
			rightEdge: doc.page.width - MARGIN
		});
		doc
			.moveTo(MARGIN, 34)
			.lineTo(doc.page.width - MARGIN, 34)
			.lineWidth(0.5)
			.strokeColor(BORDER)
			.stroke();
		this.y = TOP;
	}

	private newPage() {
		this.doc.addPage();
		this.runningHeader();
	}

	private pageNumbers() {
		const { doc } = this;
		const range = doc.bufferedPageRange();
		for (let i = 0; i < range.count; i++) {
			doc.switchToPage(range.start + i);
			// Drawing in the bottom margin must not make pdfkit open a page of its own.
			doc.page.margins.bottom = 0;
			const y = doc.page.height - FOOT + 6;
			const label = this.t('page', { page: i + 1, pages: range.count });
			const room = this.width - this.measure(this.safe(label), 'regular', 8) - 16;
			this.draw(this.fit(this.input.title, 'regular', 7, room), MARGIN, y, {
				style: 'regular',
				size: 7,
				color: '#6b7280'
			});
			this.draw(label, MARGIN, y, {
				style: 'regular',
				size: 8,
				color: '#374151',
				rightEdge: doc.page.width - MARGIN
			});
		}
	}

	// ── text primitives ─────────────────────────────────────────────────────────────

	private draw(
		text: string,
		x: number,
		y: number,
		opts: { style: FontStyle; size: number; color?: string; rightEdge?: number }
	) {
		if (this.dry) return;
		const { doc } = this;
		const safe = this.safe(text);
		// Measured first: measuring may switch the font size.
		const at =
			opts.rightEdge === undefined ? x : opts.rightEdge - this.measure(safe, opts.style, opts.size);
		doc
			.font(this.names[opts.style])
			.fontSize(opts.size)
			.fillColor(opts.color ?? '#111827');
		doc.text(safe, at, y, { lineBreak: false });
	}

	/**
	 * Width of a string from cached per-character advances (at 100 pt, scaled): measuring each
	 * word through pdfkit shapes it with fontkit, which made an embedded font ten times slower.
	 * Kerning is ignored, so lines wrap a hair early, never late.
	 */
	private measure(text: string, style: FontStyle, size: number): number {
		let width = 0;
		for (const char of text) {
			const key = style + char;
			let advance = this.advances.get(key);
			if (advance === undefined) {
				this.doc.font(this.names[style]).fontSize(100);
				advance = this.doc.widthOfString(char);
				this.advances.set(key, advance);
			}
			width += advance;
		}
		return (width * size) / 100;
	}

	/** `text` on one line of `width`, cut with an ellipsis when it is longer (running lines). */
	private fit(text: string, style: FontStyle, size: number, width: number): string {
		const safe = this.safe(text);
		if (this.measure(safe, style, size) <= width) return safe;
		const chars = [...safe];
		while (chars.length > 0 && this.measure(`${chars.join('').trimEnd()}…`, style, size) > width)
			chars.pop();
		return `${chars.join('').trimEnd()}…`;
	}

	/** Greedy word wrap at `width`; words wider than a line are cut (hyphenated). Paragraphs kept. */
	private wrap(text: string, style: FontStyle, size: number, width: number): string[] {
		const space = this.measure(' ', style, size);
		const out: string[] = [];
		for (const paragraph of this.safe(text).split('\n')) {
			const words = paragraph.split(/[ \t]+/).filter(Boolean);
			if (words.length === 0) continue;
			let line = '';
			let lineWidth = 0;
			for (const word of words) {
				let wordWidth = this.measure(word, style, size);
				if (line && lineWidth + space + wordWidth <= width) {
					line += ` ${word}`;
					lineWidth += space + wordWidth;
					continue;
				}
				if (line) out.push(line);
				let rest = word;
				while (wordWidth > width && rest.length > 1) {
					// Cut between two letters, the piece ending with a hyphen, as a typesetter would.
					const piece = (n: number) => {
						const head = rest.slice(0, n);
						return /\p{L}$/u.test(head) && /^\p{L}/u.test(rest.slice(n)) ? `${head}-` : head;
					};
					let cut = Math.max(1, Math.floor((rest.length * width) / wordWidth));
					while (cut > 1 && this.measure(piece(cut), style, size) > width) cut--;
					// Never one or two letters alone on the next line ("assainisseme-nt").
					if (rest.length - cut < 3 && cut > 3) cut = Math.max(3, rest.length - 3);
					out.push(piece(cut));
					rest = rest.slice(cut);
					wordWidth = this.measure(rest, style, size);
				}
				line = rest;
				lineWidth = wordWidth;
			}
			out.push(line);
		}
		return out;
	}

	private lines(text: string, style: FontStyle, size: number, width: number, color?: string) {
		return this.wrap(text, style, size, width).map((t): Line => ({ text: t, style, size, color }));
	}

	// ── title ──────────────────────────────────────────────────────────────────────

	private titleBlock() {
		const { input } = this;
		for (const line of this.lines(input.title, 'bold', 15, this.width)) {
			this.draw(line.text, MARGIN, this.y, line);
			this.y += lineHeight(line);
		}
		const when = formatDate(input.exportedAt, input.locale);
		const version =
			input.version === 'approved' && input.approval
				? this.t('version_approved', {
						date: formatDate(input.approval.approvedAt, input.locale),
						hash: shortHash(input.approval.hash)
					})
				: this.t('version_current', { date: when });
		this.y += 2;
		this.draw(`${this.t('plan_subtitle')} · ${version}`, MARGIN, this.y, {
			style: 'regular',
			size: 8.5,
			color: '#374151'
		});
		this.y += 18;
	}

	// ── the table of actions ─────────────────────────────────────────────────────────

	private headerCells(): Cell[] {
		return COLUMNS.map((column, i) => ({
			lines: this.lines(this.t(`col_${column.key}`), 'bold', TEXT_SIZE, this.widths[i] - 2 * PAD)
		}));
	}

	private actionRow(action: PlanAction, index: number): Cell[] {
		const cells = actionCells(this.input, action);
		const w = (i: number) => this.widths[i] - 2 * PAD;
		const plain = (text: string, i: number) => this.lines(text, 'regular', TEXT_SIZE, w(i));
		return [
			{ lines: plain(String(index + 1), 0) },
			{
				lines: [
					...this.lines(cells.title, 'bold', TEXT_SIZE, w(1)),
					...this.lines(cells.description, 'regular', SMALL_SIZE, w(1), '#374151')
				]
			},
			{ lines: plain(cells.owner, 2) },
			{ lines: plain(cells.partners, 3) },
			{ lines: plain(cells.budget, 4), right: true },
			{ lines: plain(cells.funding, 5) },
			{ lines: plain(cells.period, 6) },
			{ lines: plain(cells.indicator, 7) },
			{ lines: plain(cells.axis, 8) },
			{ lines: plain(cells.priority, 9) },
			{ lines: plain(cells.status, 10) }
		];
	}

	private actionsTable() {
		const header = this.headerCells();
		if (this.input.actions.length === 0) {
			this.draw(this.t('no_actions'), MARGIN, this.y, { style: 'italic', size: 9 });
			this.y += 16;
			return;
		}
		this.row(header, HEADER_FILL);
		const headerHeight = this.rowHeight(header);
		// What must follow the last row on its page: the gap and the closing block.
		const closing = TABLE_GAP + this.closingHeight(this.linesHeight(this.signatureLines()) + 16);
		this.input.actions.forEach((action, i) => {
			const cells = this.actionRow(action, i);
			const height = this.cellsHeight(cells.map((c) => c.lines)) + 2 * PAD;
			const fresh = this.bottom - TOP - headerHeight;
			// A row that fits on a fresh page is moved whole; a longer one is split.
			const moveRow = this.y + height > this.bottom && height <= fresh;
			// The last row goes along with the totals and signature when they would otherwise open
			// a page of their own: the signature closes the plan's content, not an empty page.
			const carryLast =
				i === this.input.actions.length - 1 &&
				i > 0 &&
				this.y > TOP + headerHeight + 1 &&
				this.y + height + closing > this.bottom &&
				height + closing <= fresh;
			if (moveRow || carryLast) {
				this.newPage();
				this.row(header, HEADER_FILL);
			}
			this.row(cells, undefined, header);
		});
		this.y += TABLE_GAP;
	}

	private cellsHeight(lines: Line[][]) {
		return Math.max(
			TEXT_SIZE * 1.25,
			...lines.map((cell) => cell.reduce((sum, line) => sum + lineHeight(line), 0))
		);
	}

	private rowHeight(cells: Cell[]) {
		return this.cellsHeight(cells.map((c) => c.lines)) + 2 * PAD;
	}

	/** Draws a row from the current y, splitting it over pages (header repeated) if it must. */
	private row(cells: Cell[], fill?: string, repeatHeader?: Cell[]) {
		const { doc } = this;
		let pending = cells.map((cell) => cell.lines);
		for (;;) {
			const available = this.bottom - this.y - 2 * PAD;
			const slice = pending.map((lines) => {
				let used = 0;
				let count = 0;
				while (count < lines.length && used + lineHeight(lines[count]) <= available) {
					used += lineHeight(lines[count]);
					count++;
				}
				return count;
			});
			const stuck = pending.some((lines, i) => lines.length > 0 && slice[i] === 0);
			if (stuck && this.y > TOP + (repeatHeader ? this.rowHeight(repeatHeader) : 0) + 1) {
				this.newPage();
				if (repeatHeader) this.row(repeatHeader, HEADER_FILL);
				continue;
			}
			const part = pending.map((lines, i) => lines.slice(0, Math.max(slice[i], stuck ? 1 : 0)));
			const height = this.cellsHeight(part) + 2 * PAD;
			let x = MARGIN;
			part.forEach((lines, i) => {
				const width = this.widths[i];
				if (fill) doc.rect(x, this.y, width, height).fillColor(fill).fill();
				doc.rect(x, this.y, width, height).lineWidth(0.4).strokeColor(BORDER).stroke();
				let ly = this.y + PAD;
				for (const line of lines) {
					this.draw(line.text, x + PAD, ly, {
						...line,
						rightEdge: cells[i].right ? x + width - PAD : undefined
					});
					ly += lineHeight(line);
				}
				x += width;
			});
			this.y += height;
			pending = pending.map((lines, i) => lines.slice(part[i].length));
			if (pending.every((lines) => lines.length === 0)) return;
			this.newPage();
			if (repeatHeader) this.row(repeatHeader, HEADER_FILL);
		}
	}

	// ── closing: totals and signature ───────────────────────────────────────────────

	/**
	 * The budget totals on the left and the signature block on the right, side by side, as one
	 * block that starts on a fresh page if it does not fit below the table. The signature is
	 * thus never alone on a page, nor split: it sits beside the totals that sum up the plan.
	 */
	private closing() {
		const { doc } = this;
		const signature = this.signatureLines();
		const signatureHeight = this.linesHeight(signature) + 16;
		const height = this.closingHeight(signatureHeight);
		this.ensure(height);
		const top = this.y;
		this.drawSignature(signature, doc.page.width - MARGIN - SIGNATURE_WIDTH, top, signatureHeight);
		// Totals too long for one page flow on (rows are never split): the signature stays
		// beside their heading, on the first page, whole.
		const page = this.pageIndex();
		this.totals();
		if (this.pageIndex() === page) this.y = Math.max(this.y, top + signatureHeight);
		this.y += 16;
	}

	/** Height of the closing block: the taller of the totals and the signature. */
	private closingHeight(signatureHeight: number) {
		const y = this.y;
		this.dry = true;
		this.y = 0;
		this.totals();
		const totals = this.y;
		this.dry = false;
		this.y = y;
		return Math.max(totals, signatureHeight);
	}

	private pageIndex() {
		const range = this.doc.bufferedPageRange();
		return range.start + range.count;
	}

	private ensure(height: number) {
		if (!this.dry && this.y + height > this.bottom) this.newPage();
	}

	private heading(text: string, size = 11) {
		this.ensure(size * 1.4 + 30);
		this.draw(text, MARGIN, this.y, { style: 'bold', size });
		this.y += size * 1.5;
	}

	private rect(x: number, y: number, width: number, height: number, lineWidth = 0.4) {
		if (this.dry) return;
		this.doc
			.rect(x, y, width, height)
			.lineWidth(lineWidth)
			.strokeColor(lineWidth > 0.5 ? '#374151' : BORDER)
			.stroke();
	}

	private twoColumnTable(rows: { label: string; amount: string }[], bold = false) {
		for (const row of rows) {
			const label = this.lines(row.label, bold ? 'bold' : 'regular', 8.5, LABEL_WIDTH - 2 * PAD);
			const amount = this.lines(row.amount, 'bold', 8.5, AMOUNT_WIDTH - 2 * PAD);
			const height = this.cellsHeight([label, amount]) + 2 * PAD;
			this.ensure(height);
			this.rect(MARGIN, this.y, LABEL_WIDTH, height);
			this.rect(MARGIN + LABEL_WIDTH, this.y, AMOUNT_WIDTH, height);
			let ly = this.y + PAD;
			for (const line of label) {
				this.draw(line.text, MARGIN + PAD, ly, line);
				ly += lineHeight(line);
			}
			ly = this.y + PAD;
			for (const line of amount) {
				this.draw(line.text, 0, ly, {
					...line,
					rightEdge: MARGIN + LABEL_WIDTH + AMOUNT_WIDTH - PAD
				});
				ly += lineHeight(line);
			}
			this.y += height;
		}
	}

	private totals() {
		const { input } = this;
		this.heading(this.t('totals_title'), 12);
		this.heading(this.t('totals_by_axis'), 9.5);
		this.twoColumnTable(totalRows(input, input.totals.byAxis, this.t('no_axis')));
		this.y += 10;
		this.heading(this.t('totals_by_funding'), 9.5);
		this.twoColumnTable(totalRows(input, input.totals.byFunding, this.t('no_funding')));
		this.y += 10;
		this.twoColumnTable(
			[{ label: this.t('total'), amount: moneyList(input, input.totals.total) }],
			true
		);
		if (input.totals.withoutBudget > 0) {
			const note = this.lines(
				this.t('without_budget', { count: input.totals.withoutBudget }),
				'italic',
				8,
				LABEL_WIDTH + AMOUNT_WIDTH
			);
			this.y += 4;
			this.ensure(this.linesHeight(note));
			for (const line of note) {
				this.draw(line.text, MARGIN, this.y, line);
				this.y += lineHeight(line);
			}
		}
	}

	// ── signature ─────────────────────────────────────────────────────────────────────

	private linesHeight(lines: Line[]) {
		return lines.reduce((sum, line) => sum + lineHeight(line), 0);
	}

	private signatureLines(): Line[] {
		const { input } = this;
		const inner = SIGNATURE_WIDTH - 16;
		const lines: Line[] = [];
		const gap = (size: number): Line => ({ text: '', style: 'regular', size });
		if (input.signed && input.approval) {
			const a = input.approval;
			lines.push(...this.lines(this.t('signature_title'), 'bold', 11, inner), gap(4));
			lines.push(...this.lines(this.t('approved_by'), 'regular', 8, inner, '#4b5563'));
			lines.push(...this.lines(a.signatoryName, 'bold', 11, inner));
			if (a.signatoryTitle) lines.push(...this.lines(a.signatoryTitle, 'regular', 9.5, inner));
			lines.push(
				...this.lines(
					this.t('approved_on', { date: formatDate(a.approvedAt, input.locale) }),
					'regular',
					9.5,
					inner
				)
			);
			if (a.statement) lines.push(gap(4), ...this.lines(`« ${a.statement} »`, 'italic', 9, inner));
			lines.push(
				gap(4),
				...this.lines(
					this.t('approved_hash', { hash: shortHash(a.hash) }),
					'regular',
					7.5,
					inner,
					'#4b5563'
				)
			);
			return lines;
		}
		if (input.approval) {
			const a = input.approval;
			lines.push(
				...this.lines(
					this.t('approval_outdated', {
						date: formatDate(a.approvedAt, input.locale),
						name: a.signatoryName,
						hash: shortHash(a.hash)
					}),
					'italic',
					7.5,
					inner,
					'#4b5563'
				),
				gap(6)
			);
		}
		lines.push(...this.lines(this.t('read_approved'), 'bold', 11, inner), gap(8));
		for (const key of ['sign_name', 'sign_title', 'sign_date']) {
			// The rule fills what the label leaves of the line.
			const label = `${this.t(key)} `;
			const room = inner - this.measure(label, 'regular', 9.5);
			const rule = '_'.repeat(Math.max(8, Math.floor(room / this.measure('_', 'regular', 9.5))));
			lines.push(...this.lines(label + rule, 'regular', 9.5, inner), gap(8));
		}
		lines.push(...this.lines(this.t('sign_signature'), 'regular', 9.5, inner), gap(40));
		return lines;
	}

	private drawSignature(lines: Line[], x: number, y: number, height: number) {
		this.rect(x, y, SIGNATURE_WIDTH, height, 0.8);
		let ly = y + 8;
		for (const line of lines) {
			if (line.text) this.draw(line.text, x + 8, ly, line);
			ly += lineHeight(line);
		}
	}
}
