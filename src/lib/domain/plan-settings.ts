// What a facilitator sets for a workshop's action plans: the currency budgets are counted in and
// the PDC axes (Plan de Développement Communal) an action can belong to. Shared by the JSON API
// and the plan page's form.
import { z } from 'zod';
import { DEFAULT_CURRENCY } from './action-plan';

export const MAX_PLAN_AXES = 30;

/** "FCFA", "XOF", "EUR", "GNF"… letters only, so it prints cleanly after a number. */
export const planCurrencySchema = z
	.string()
	.trim()
	.regex(/^\p{L}{1,8}$/u);

export const planSettingsSchema = z
	.object({
		currency: planCurrencySchema,
		axes: z
			.array(z.string().trim().min(1).max(120))
			.max(MAX_PLAN_AXES)
			// Two axes with the same name could not be told apart in a total.
			.refine((axes) => new Set(axes.map((a) => a.toLocaleLowerCase('fr'))).size === axes.length)
	})
	.strict();

export type PlanSettings = z.output<typeof planSettingsSchema>;

export const DEFAULT_PLAN_SETTINGS: PlanSettings = { currency: DEFAULT_CURRENCY, axes: [] };

export const actionFromArticleSchema = z
	.object({
		charterId: z.string().uuid(),
		articleIndex: z.number().int().min(0).max(500)
	})
	.strict();
