// Fit a box's content to the box, for screens that must never scroll (the projector): the box's
// `--fit` custom property is set to the largest scale in [min, max] at which its content neither
// overflows its height nor its width; the CSS sizes its text with `calc(var(--fit) * …)`. `min`
// is the floor that keeps text legible: when the content does not fit even there, `data-dense` is
// set (the CSS may then lay it out tighter: two columns of bars, …) and the scale searched again;
// `data-overflow` marks what still does not fit.
import type { Action } from 'svelte/action';

export interface FitOptions {
	min: number;
	max: number;
}

const STEPS = 7;

function overflows(node: HTMLElement): boolean {
	if (node.scrollHeight > node.clientHeight || node.scrollWidth > node.clientWidth) return true;
	// Scroll sizes are whole pixels: content a fraction of a pixel too tall passes them. The
	// children's boxes say it exactly.
	const bottom = node.getBoundingClientRect().bottom;
	return [...node.children].some((child) => child.getBoundingClientRect().bottom > bottom);
}

/** Binary search of the scale; each probe is one synchronous layout of the box. */
export function fitScale(node: HTMLElement, { min, max }: FitOptions): number {
	const probe = (scale: number) => {
		node.style.setProperty('--fit', String(scale));
		return !overflows(node);
	};
	if (probe(max)) return max;
	if (!probe(min)) return min;
	let low = min;
	let high = max;
	for (let i = 0; i < STEPS; i++) {
		const mid = (low + high) / 2;
		if (probe(mid)) low = mid;
		else high = mid;
	}
	node.style.setProperty('--fit', String(low));
	return low;
}

export const fit: Action<HTMLElement, FitOptions> = (node, initial) => {
	let options = initial;
	let frame = 0;
	let fitting = false;
	const run = () => {
		frame = 0;
		fitting = true;
		node.removeAttribute('data-dense');
		let scale = fitScale(node, options);
		if (scale <= options.min && overflows(node)) {
			node.setAttribute('data-dense', '');
			scale = fitScale(node, options);
		}
		node.toggleAttribute('data-overflow', scale <= options.min && overflows(node));
		// Our own style writes trigger the mutation observer: ignore them until the next frame.
		queueMicrotask(() => (fitting = false));
	};
	const schedule = () => {
		if (fitting || frame) return;
		frame = requestAnimationFrame(run);
	};
	const resize = new ResizeObserver(schedule);
	resize.observe(node);
	const mutations = new MutationObserver(schedule);
	mutations.observe(node, { childList: true, subtree: true, characterData: true });
	schedule();
	return {
		update(next) {
			options = next;
			schedule();
		},
		destroy() {
			if (frame) cancelAnimationFrame(frame);
			resize.disconnect();
			mutations.disconnect();
		}
	};
};
