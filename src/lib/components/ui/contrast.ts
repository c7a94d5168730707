// WCAG 2 contrast ratio between two colours, used by the tests that hold the design tokens and
// the rendered pages to AA (4.5:1 for text). Accepts #rrggbb and rgb()/rgba() strings.

type Rgb = [number, number, number];

export function parseColour(colour: string): Rgb {
	const hex = /^#([0-9a-f]{6})$/i.exec(colour.trim());
	if (hex) {
		const n = parseInt(hex[1], 16);
		return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
	}
	const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(colour.trim());
	if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
	throw new Error(`unreadable colour ${colour}`);
}

function luminance([r, g, b]: Rgb): number {
	const channel = (c: number) => {
		const s = c / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: string, b: string): number {
	const [la, lb] = [luminance(parseColour(a)), luminance(parseColour(b))];
	return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
