// The per-workshop plan settings row (currency, PDC axes); absent until a facilitator saves them.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { planSettings } from '../db/schema';
import { DEFAULT_CURRENCY } from '../../domain/action-plan';

export function createPlanSettingsRepository(db: Database) {
	return {
		async find(workshopId: string) {
			const [row] = await db
				.select()
				.from(planSettings)
				.where(eq(planSettings.workshopId, workshopId));
			return row ?? null;
		},
		/** What applies when nothing was saved: FCFA and no axes. */
		async effective(workshopId: string): Promise<{ currency: string; axes: string[] }> {
			const row = await this.find(workshopId);
			return { currency: row?.currency ?? DEFAULT_CURRENCY, axes: row?.axes ?? [] };
		},
		async upsert(workshopId: string, values: { currency: string; axes: string[] }) {
			const [row] = await db
				.insert(planSettings)
				.values({ workshopId, ...values })
				.onConflictDoUpdate({
					target: planSettings.workshopId,
					set: { ...values, updatedAt: new Date() }
				})
				.returning();
			return row;
		}
	};
}

export type PlanSettingsRepository = ReturnType<typeof createPlanSettingsRepository>;
