// What a nomination's proposal accepts, shared by the JSON API (services/nominations.ts) and the
// `nomination:propose` socket event (src/lib/protocol/client-events.ts). The messages are domain
// codes (`nomination_error_<code>` in the catalogs), never zod's English.
import { z } from 'zod';
import { MAX_NAME_LENGTH, MAX_REASON_LENGTH } from './nomination';

export const MAX_QUARTIER_LENGTH = 120;

const text = (max: number, tooLong: string) => z.string('proposal_invalid_input').max(max, tooLong);

export const proposalSchema = z.object({
	name: text(MAX_NAME_LENGTH, 'proposal_name_too_long').trim().min(1, 'proposal_name_required'),
	reason: text(MAX_REASON_LENGTH, 'proposal_reason_too_long').optional(),
	quartier: text(MAX_QUARTIER_LENGTH, 'proposal_quartier_too_long').nullable().optional()
});
