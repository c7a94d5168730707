// Dates and amounts as a reader of the locale expects them, for pages and documents alike. French
// writes the first of the month as an ordinal (« 1er février », never « 1 février »), which
// Intl does not do; amounts group digits with a narrow no-break space (U+202F) in French.

export type DateLength = 'long' | 'medium';

const OPTIONS: Record<DateLength, Intl.DateTimeFormatOptions> = {
	long: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
	medium: { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }
};

/** « 1er février 2027 », « 15 février 2027 », "February 1, 2027" (dates are UTC days). */
export function formatDate(date: Date | number, locale: string, length: DateLength = 'long') {
	const parts = new Intl.DateTimeFormat(locale, OPTIONS[length]).formatToParts(date);
	const french = locale.toLowerCase().startsWith('fr');
	return parts
		.map((part) => (french && part.type === 'day' && part.value === '1' ? '1er' : part.value))
		.join('');
}

/** A `YYYY-MM-DD` day or an ISO instant; what is not a date is returned as it came. */
export function formatIsoDay(iso: string, locale: string, length: DateLength = 'long'): string {
	if (!iso) return '';
	const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
	return Number.isNaN(date.getTime()) ? iso : formatDate(date, locale, length);
}

/** 1500000 → « 1 500 000 » (U+202F) in French, "1,500,000" in English. */
export function formatNumberFor(value: number, locale: string): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** « 1 500 000 FCFA »: grouped digits, a no-break space, the currency code after. */
export function formatMoney(value: number, currency: string, locale: string): string {
	return `${formatNumberFor(value, locale)}\u00a0${currency}`;
}
