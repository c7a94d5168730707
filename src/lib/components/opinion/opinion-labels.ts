// Labels of the opinion map's names, from the catalog (`opinion` area).
import { m } from '$lib/paraglide/messages';
import type { PromotionTarget, StatementStatus } from '$lib/protocol/opinion';

const STATUS: Record<StatementStatus, () => string> = {
	pending: m.opinion_status_pending,
	approved: m.opinion_status_approved,
	hidden: m.opinion_status_hidden
};

export const statementStatusLabel = (status: StatementStatus) => STATUS[status]();

export const PROMOTION_LABELS: Record<PromotionTarget, () => string> = {
	article: m.opinion_promote_article,
	amendment: m.opinion_promote_amendment,
	action: m.opinion_promote_action
};
