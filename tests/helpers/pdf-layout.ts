// Layout checks on a PDF read back with pdfPages(): the faults a reader would call broken —
// two lines printed over each other, text past the margins or off the page — as sentences a
// failing test can show.
import type { PdfPage, PdfRun } from './file-text';

/** The ink of a run: from a little under the top of its capitals to its descenders. */
function box(run: PdfRun) {
	return {
		left: run.x,
		right: run.x + run.width,
		top: run.baseline - 0.75 * run.size,
		bottom: run.baseline + 0.2 * run.size
	};
}

const visible = (run: PdfRun) => run.text.trim() !== '' && run.width > 0.1;

function describe(page: number, run: PdfRun) {
	return `p.${page} «${run.text.trim().slice(0, 40)}» at (${run.x.toFixed(1)}, ${run.baseline.toFixed(1)})`;
}

/** Pairs of runs whose ink overlaps (more than `tolerance` points both ways). */
export function overlaps(pages: PdfPage[], tolerance = 0.5): string[] {
	const found: string[] = [];
	pages.forEach((page, p) => {
		const runs = page.runs.filter(visible);
		const boxes = runs.map(box);
		for (let i = 0; i < runs.length; i++)
			for (let j = i + 1; j < runs.length; j++) {
				const a = boxes[i];
				const b = boxes[j];
				const wide = Math.min(a.right, b.right) - Math.max(a.left, b.left);
				const high = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
				if (wide > tolerance && high > tolerance)
					found.push(`${describe(p + 1, runs[i])} overlaps ${describe(p + 1, runs[j])}`);
			}
	});
	return found;
}

/** Runs that start left of `margin` or end right of the page width minus `margin`. */
export function outsideMargins(pages: PdfPage[], margin: number, tolerance = 0.5): string[] {
	const found: string[] = [];
	pages.forEach((page, p) => {
		for (const run of page.runs.filter(visible)) {
			const b = box(run);
			if (b.left < margin - tolerance || b.right > page.width - margin + tolerance)
				found.push(`${describe(p + 1, run)} is ${run.width.toFixed(1)} pt wide, past the margin`);
			if (b.top < 0 || b.bottom > page.height)
				found.push(`${describe(p + 1, run)} is off the page`);
		}
	});
	return found;
}

/** The runs whose text contains `needle`, with their page (1-based). */
export function find(pages: PdfPage[], needle: string): Array<PdfRun & { page: number }> {
	return pages.flatMap((page, p) =>
		page.runs.filter((run) => run.text.includes(needle)).map((run) => ({ ...run, page: p + 1 }))
	);
}
