// The consolidated charter as people print and read it: the vote line worded right for 0, 1 and
// many, the PDF read back (vote lines present, no line over another, nothing past the margins),
// the DOCX as Word sees it, the HTML escaping what members typed.
import { describe, expect, it } from 'vitest';
import { amendmentTable, coAuthorsLine, voteLine } from '../../src/lib/domain/consolidated-charter';
import { consolidatedDocx } from '../../src/lib/server/charter/consolidated-docx';
import { consolidatedExport } from '../../src/lib/server/charter/consolidated-export';
import { consolidatedHtml } from '../../src/lib/server/charter/consolidated-html';
import { consolidatedPdf } from '../../src/lib/server/charter/consolidated-pdf';
import { loadPdfFonts, STANDARD_FONTS } from '../../src/lib/server/documents/pdf-fonts';
import { consolidatedFixture, tFor } from '../helpers/consolidated-fixture';
import { p } from '../helpers/document-fixtures';
import { docxParagraphs, pdfPages, pdfText, zipEntry } from '../helpers/file-text';
import { find, outsideMargins, overlaps } from '../helpers/pdf-layout';

const fr = tFor('fr');
const en = tFor('en');
const DEJAVU = loadPdfFonts();
const TEXT_MARGIN = 56;
const adopted = (f: number, a: number, s: number) => ({
	adoptedAt: '2027-03-12T10:30:00Z',
	votes: { for: f, against: a, abstain: s }
});
/** pdfText joins runs; a line may wrap anywhere, so compare without spaces. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('the vote line', () => {
	it('reads « Adopté le 12\u00a0mars\u00a02027 par 41 voix pour, 3 contre et 2 abstentions. »', () => {
		expect(voteLine(adopted(41, 3, 2), 'fr', fr)).toBe(
			'Adopté le 12\u00a0mars\u00a02027 par 41 voix pour, 3 contre et 2 abstentions.'
		);
		expect(voteLine(adopted(41, 3, 2), 'en', en)).toBe(
			'Adopted on March\u00a012,\u00a02027 by 41 votes for, 3 against and 2 abstentions.'
		);
	});

	it('says « aucune » rather than 0, and the singular for one', () => {
		expect(voteLine(adopted(1, 0, 1), 'fr', fr)).toBe(
			'Adopté le 12\u00a0mars\u00a02027 par 1 voix pour, aucune voix contre et 1 abstention.'
		);
		expect(voteLine(adopted(1, 1, 0), 'en', en)).toBe(
			'Adopted on March\u00a012,\u00a02027 by 1 vote for, 1 against and no abstentions.'
		);
		expect(voteLine({ ...adopted(12, 0, 0), adoptedAt: '2027-02-01T09:00:00Z' }, 'fr', fr)).toBe(
			'Adopté le 1er\u00a0février\u00a02027 par 12 voix pour, aucune voix contre et aucune abstention.'
		);
	});

	it('groups thousands and says when an article was adopted without a ballot', () => {
		expect(voteLine(adopted(1500, 2, 3), 'fr', fr)).toBe(
			'Adopté le 12\u00a0mars\u00a02027 par 1\u202f500 voix pour, 2 contre et 3 abstentions.'
		);
		expect(voteLine(adopted(0, 0, 0), 'fr', fr)).toBe(
			'Adopté le 12\u00a0mars\u00a02027, sans vote enregistré.'
		);
	});

	it('credits the co-authors as a list, and nobody when there is none', () => {
		expect(coAuthorsLine(['Aïcha Moussa', 'Ibrahim Sani', 'Ɗan Ƙasa'], 'fr', fr)).toBe(
			'Avec les amendements de Aïcha Moussa, Ibrahim Sani et Ɗan Ƙasa.'
		);
		expect(coAuthorsLine(['Aïcha Moussa'], 'en', en)).toBe('With amendments by Aïcha Moussa.');
		expect(coAuthorsLine([' '], 'fr', fr)).toBeNull();
	});

	it('lists the amendments with « anonyme », the outcome and a dash when nothing was voted', () => {
		const table = amendmentTable(consolidatedFixture(), fr);
		expect(table.header).toEqual([
			'Article',
			'Nature',
			'Auteur',
			'Résultat',
			'Pour',
			'Contre',
			'Abstention'
		]);
		expect(table.rows[0]).toEqual([
			'Article 1 — Objet de la charte',
			'Remplacement',
			'Aïcha Moussa',
			'Adopté',
			'30',
			'0',
			'0'
		]);
		expect(table.rows[3].slice(3)).toEqual(['Retiré', '—', '—', '—']);
		const anonymous = amendmentTable(consolidatedFixture(5), fr).rows[8];
		expect(anonymous[2]).toBe('anonyme');
		// In the charter's order: by article, those of articles not adopted last.
		const shuffled = consolidatedFixture(3);
		shuffled.amendments.reverse();
		const rows = amendmentTable(shuffled, fr).rows;
		expect(rows.map((r) => r[0].slice(0, 9))).toEqual([
			'Article 1',
			'Article 1',
			'Article 2',
			'Article 2',
			'Article 3',
			'Article 3',
			'Sanctions'
		]);
		expect(rows[0][3]).toBe('Adopté');
	});
});

describe('the consolidated charter PDF', { timeout: 30_000 }, () => {
	for (const [name, fonts] of [
		['DejaVu Sans', DEJAVU],
		['the standard fonts', STANDARD_FONTS]
	] as const)
		it(`prints each adopted article with its vote line, without a line over another (${name})`, async () => {
			const c = consolidatedFixture(6);
			const pdf = await consolidatedPdf(c, fr, fonts);
			const pages = pdfPages(pdf);
			expect(overlaps(pages)).toEqual([]);
			expect(outsideMargins(pages, TEXT_MARGIN)).toEqual([]);
			const text = squeeze(pdfText(pdf));
			expect(text).toContain(squeeze('Préambule'));
			expect(text).toContain(
				squeeze('Adopté le 12\u00a0mars\u00a02027 par 41 voix pour, 3 contre et 2 abstentions.')
			);
			for (const article of c.articles) {
				expect(text).toContain(squeeze(`Article ${article.number} — ${article.title}`));
				expect(text).toContain(squeeze(voteLine(article, 'fr', fr)));
			}
			expect(text).toContain(squeeze('Avec les amendements de Aïcha Moussa et Ibrahim Sani.'));
			// The table: its header, an anonymous author, a withdrawn amendment.
			expect(find(pages, 'Abstention').length).toBeGreaterThan(0);
			expect(text).toContain('Retiré');
			// Each article's vote line comes after its heading.
			const [heading] = find(pages, 'Article 2 —');
			const [vote] = find(pages, 'par 1 voix pour');
			expect(vote.page * 1000 + vote.baseline).toBeGreaterThan(
				heading.page * 1000 + heading.baseline
			);
		});

	it('never starts a page with a vote line, whatever the length of the articles', async () => {
		const c = consolidatedFixture(24);
		c.articles.forEach((article, i) => {
			// From one to twenty-four paragraphs: long articles end at every height of a page.
			article.blocks = Array.from({ length: i + 1 }, (_, k) =>
				p(
					`Paragraphe ${k + 1} de l’article ${article.number} : la commune et ses habitants s’engagent ensemble${k % 3 ? ' à rendre compte de leurs actions devant l’assemblée du quartier.' : '.'}`
				)
			);
		});
		for (const fonts of [DEJAVU, STANDARD_FONTS]) {
			const pdf = await consolidatedPdf(c, fr, fonts);
			if (process.env.CONSOLIDATED_OUT)
				(await import('node:fs')).writeFileSync(
					`${process.env.CONSOLIDATED_OUT}/long-${fonts === DEJAVU ? 'dejavu' : 'std'}.pdf`,
					pdf
				);
			const pages = pdfPages(pdf);
			expect(overlaps(pages)).toEqual([]);
			const alone = pages.flatMap((page, i) => {
				const body = page.runs.filter((r) => r.text.trim() !== '' && r.baseline > 70);
				const first = body.reduce((a, b) => (b.baseline < a.baseline ? b : a), body[0]);
				return first && /^(Adopté le|Avec les amendements)/.test(first.text.trim())
					? [`p.${i + 1}: ${first.text}`]
					: [];
			});
			expect(alone).toEqual([]);
		}
	});

	it('lays out forty articles and their eighty amendments in under two seconds', async () => {
		const c = consolidatedFixture(40);
		const started = performance.now();
		const pdf = await consolidatedPdf(c, fr, DEJAVU);
		const elapsed = performance.now() - started;
		const pages = pdfPages(pdf);
		expect(pages.length).toBeGreaterThan(8);
		expect(overlaps(pages)).toEqual([]);
		expect(outsideMargins(pages, TEXT_MARGIN)).toEqual([]);
		expect(squeeze(pdfText(pdf))).toContain(squeeze('Article 40 — Suivi de la charte (40)'));
		// Every page has its running header and its number.
		pages.forEach((page, i) => {
			expect(page.runs.some((r) => r.text.includes('Charte consolidée') && r.baseline < 70)).toBe(
				true
			);
			expect(page.runs.some((r) => r.text.trim() === `${i + 1} / ${pages.length}`)).toBe(true);
		});
		if (process.env.CONSOLIDATED_OUT) {
			const { writeFileSync } = await import('node:fs');
			writeFileSync(`${process.env.CONSOLIDATED_OUT}/consolidated-40.pdf`, pdf);
			writeFileSync(
				`${process.env.CONSOLIDATED_OUT}/consolidated-6.pdf`,
				await consolidatedPdf(consolidatedFixture(6), fr, DEJAVU)
			);
			writeFileSync(
				`${process.env.CONSOLIDATED_OUT}/consolidated-3.html`,
				consolidatedHtml(consolidatedFixture(3), fr)
			);
		}
		console.info(
			`consolidated PDF, 40 articles: ${pages.length} pages in ${elapsed.toFixed(0)} ms`
		);
		expect(elapsed).toBeLessThan(2000);
	});
});

describe('the consolidated charter DOCX', () => {
	it('is a Word file whose articles are headings kept with their text, and whose amendments are a table', async () => {
		const docx = await consolidatedDocx(consolidatedFixture(4), fr);
		expect(docx.subarray(0, 2).toString()).toBe('PK');
		const xml = zipEntry(docx, 'word/document.xml');
		expect(xml).toContain('<w:tbl>');
		expect(zipEntry(docx, '[Content_Types].xml')).toContain('wordprocessingml');
		const paragraphs = docxParagraphs(docx);
		const heading = paragraphs.find((p) => p.text === 'Article 1 — Objet de la charte');
		expect(heading?.style).toBe('Heading2');
		expect(heading?.keepNext).toBe(true);
		expect(paragraphs.map((p) => p.text)).toContain(
			'Adopté le 12\u00a0mars\u00a02027 par 41 voix pour, 3 contre et 2 abstentions.'
		);
		expect(paragraphs.find((p) => p.text.startsWith('Être informé'))?.list).toMatchObject({
			format: 'bullet'
		});
		// An article's text is kept with its vote line (Word breaks a chain longer than a page).
		const body = paragraphs.find((p) => p.text.startsWith('Chaque habitante'));
		expect(body?.keepNext).toBe(true);
		expect(paragraphs.find((p) => p.text.startsWith('Prendre part'))?.keepNext).toBe(true);
		// User text is XML-escaped, never markup.
		expect(xml).toContain('Sanctions &lt;script&gt;');
		expect(xml).not.toContain('<script>');
	});
});

describe('the consolidated charter HTML', () => {
	it('escapes what members typed and keeps the vote lines', () => {
		const html = consolidatedHtml(consolidatedFixture(3), fr);
		expect(html).toContain('<html lang="fr">');
		expect(html).toContain(
			'Sanctions &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; amendes'
		);
		expect(html).toContain('Moussa &lt;b&gt;Issa&lt;/b&gt;');
		expect(html).not.toMatch(/<script|<b>Issa/);
		expect(html).toContain(
			'Adopté le 12\u00a0mars\u00a02027 par 41 voix pour, 3 contre et 2 abstentions.'
		);
		expect(html).toContain('<h2>Article 1 — Objet de la charte</h2>');
		expect(html).toContain('<h2>Préambule</h2>');
	});
});

describe('consolidatedExport', () => {
	it('picks the writer by format and refuses any other', async () => {
		const c = consolidatedFixture(2, 'en');
		const pdf = await consolidatedExport('pdf', c, en);
		expect(pdf.contentType).toBe('application/pdf');
		expect(pdf.fileName).toBe('charte-de-la-citoyennete.pdf');
		expect(squeeze(pdfText(pdf.body as Buffer))).toContain(
			squeeze('Adopted on March\u00a012,\u00a02027 by 41 votes for, 3 against and 2 abstentions.')
		);
		expect((await consolidatedExport('docx', c, en)).fileName).toMatch(/\.docx$/);
		expect((await consolidatedExport('html', c, en)).contentType).toMatch(/^text\/html/);
		await expect(consolidatedExport('md', c, en)).rejects.toMatchObject({
			code: 'validation',
			details: { field: 'format' }
		});
	});
});
