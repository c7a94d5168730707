// What the idea wall's API and socket events accept. The author, the member and the role always
// come from the session; these only shape the intent.
import { z } from 'zod';

import { MAX_DOTS_PER_MEMBER } from './idea-wall-names';

const id = z.string().min(1).max(64);

/** Place (+1) or take back (-1) one dot. */
export const dotIntentSchema = z.object({
	cardId: id,
	delta: z.union([z.literal(1), z.literal(-1)])
});

export const wallSettingsSchema = z
	.object({
		dotsPerMember: z.number().int().min(1).max(MAX_DOTS_PER_MEMBER).optional(),
		votingOpen: z.boolean().optional()
	})
	.refine((v) => v.dotsPerMember !== undefined || v.votingOpen !== undefined, {
		path: ['dotsPerMember']
	});

export const WALL_MODERATION = ['hide', 'unhide', 'merge'] as const;
export type WallModeration = (typeof WALL_MODERATION)[number];

export const moderationSchema = z.object({ cardId: id, targetId: id.optional() });

/** Turn a card into an article of a charter or an action of a plan (the target's kind decides). */
export const promoteSchema = z.object({ cardId: id, documentId: z.string().uuid() });
