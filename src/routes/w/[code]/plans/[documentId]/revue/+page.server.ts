import { error } from '@sveltejs/kit';
import { isServiceError } from '$lib/server/services/service-error';
import { formAction, formValues } from '$lib/server/http/forms';
import { canComment, canDecide, canFollowUp } from '$lib/domain/plan-review';
import type { Actions, PageServerLoad } from './$types';

/** Review and follow-up of one action plan: the same services as the JSON API, as forms. */
export const load: PageServerLoad = async ({ params, parent, locals }) => {
	const { workshop, member } = await parent();
	try {
		const { document } = await locals.app.documents.requireAccess(
			locals.user,
			'document.read',
			params.documentId
		);
		if (document.workshopId !== workshop.id) error(404);
		const review = await locals.app.planReview.get(locals.user, document.id);
		// The follow-up form works on the approved version, which may be older than the submitted one.
		const followup = review.published
			? await locals.app.planFollowup.publicPlan(document.id)
			: null;
		return {
			document: { id: document.id, title: document.title },
			review,
			followup,
			signatoryDefault: locals.user?.name ?? member.displayName,
			can: {
				submit: member.role === 'facilitator',
				decide: canDecide(member.role),
				comment: canComment(member.role),
				followUp: canFollowUp(member.role)
			}
		};
	} catch (failure) {
		if (isServiceError(failure)) error(failure.status === 403 ? 403 : 404);
		throw failure;
	}
};

export const actions: Actions = {
	submit: async ({ params, locals }) =>
		formAction({}, async () => {
			await locals.app.planReview.submit(locals.user, params.documentId);
			return { done: 'submitted' as const };
		}),
	comment: async ({ params, locals, request }) => {
		const values = formValues(await request.formData());
		return formAction(values, async () => {
			await locals.app.planReview.comment(locals.user, params.documentId, values);
			return { done: 'comment' as const };
		});
	},
	approve: async ({ params, locals, request }) => {
		const values = formValues(await request.formData());
		return formAction(values, async () => {
			await locals.app.planReview.review(locals.user, params.documentId, {
				...values,
				decision: 'approve'
			});
			return { done: 'decided' as const };
		});
	},
	requestChanges: async ({ params, locals, request }) => {
		const values = formValues(await request.formData());
		return formAction(values, async () => {
			await locals.app.planReview.review(locals.user, params.documentId, {
				...values,
				decision: 'request_changes'
			});
			return { done: 'decided' as const };
		});
	},
	followup: async ({ params, locals, request }) => {
		const values = formValues(await request.formData());
		return formAction(values, async () => {
			await locals.app.planFollowup.post(locals.user, params.documentId, values);
			return { done: 'followup' as const };
		});
	}
};
