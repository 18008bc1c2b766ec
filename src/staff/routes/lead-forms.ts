import type { Request, RequestHandler, Response, Router } from 'express';
import { withAssignment } from '../lead-index';
import { assignmentSchema, statusChangeSchema } from '../workflow';
import { ID_PATTERN, notFound, saveThenRedirect, viewerOf, type StaffContext } from './context';

/** The forms of a lead's page: status and note, owner and follow-up, privacy deletion, a delivery's retry. */
export function leadForms(router: Router, context: StaffContext) {
  router.post('/leads/:id/status', changeStatus(context));
  router.post('/leads/:id/assign', assign(context));
  router.post('/leads/:id/delete', erase(context));
  router.post('/deliveries/:id/retry', retryDelivery(context));
}

/** The lead id of a form posted to a lead, or undefined after answering 404 when there is none. */
async function existingLeadId(
  { stores }: StaffContext,
  req: Request,
  res: Response,
): Promise<string | undefined> {
  const id = String(req.params.id);
  if (ID_PATTERN.test(id) && (await stores.index.get(id))) return id;
  notFound(res, 'No such lead', 'This lead no longer exists.');
  return undefined;
}

function changeStatus(context: StaffContext): RequestHandler {
  const { stores, now } = context;
  return async (req, res) => {
    const id = await existingLeadId(context, req, res);
    if (!id) return;
    const back = `/staff/leads/${encodeURIComponent(id)}`;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = statusChangeSchema.safeParse({ status: body.status, note: body.note });
    if (!parsed.success) {
      const tooLong = parsed.error.issues.some((issue) => issue.path[0] === 'note');
      res.redirect(303, `${back}?error=${tooLong ? 'note-too-long' : 'invalid-status'}`);
      return;
    }
    await saveThenRedirect(res, back, async () => {
      const record = await stores.workflow.change(id, parsed.data, viewerOf(res).email, now());
      await stores.index.update(id, (row) => ({ ...row, status: record.status }));
    });
  };
}

function assign(context: StaffContext): RequestHandler {
  const { stores, now } = context;
  return async (req, res) => {
    const id = await existingLeadId(context, req, res);
    if (!id) return;
    const back = `/staff/leads/${encodeURIComponent(id)}`;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = assignmentSchema.safeParse({ owner: body.owner, followUp: body.followUp });
    const staff = await context.directory.accounts();
    const current = await stores.workflow.get(id);
    if (
      !parsed.success ||
      (parsed.data.owner && parsed.data.owner !== current?.owner && !staff.includes(parsed.data.owner))
    ) {
      res.redirect(303, `${back}?error=invalid-assignment`);
      return;
    }
    await saveThenRedirect(res, back, async () => {
      const record = await stores.workflow.assign(id, parsed.data, viewerOf(res).email, now());
      await stores.index.update(id, (row) => withAssignment(row, record));
    });
  };
}

function erase({ stores, eraser }: StaffContext): RequestHandler {
  return async (req, res) => {
    const id = String(req.params.id);
    const lead = ID_PATTERN.test(id) ? await stores.leads.get(id) : undefined;
    if (!lead) {
      notFound(res, 'No such lead', 'This lead no longer exists.');
      return;
    }
    const confirm = (req.body as Record<string, unknown>)?.confirm;
    if (typeof confirm !== 'string' || confirm.trim().toUpperCase() !== lead.reference.toUpperCase()) {
      res.redirect(303, `/staff/leads/${encodeURIComponent(id)}?error=confirm-mismatch`);
      return;
    }
    await eraser.erase(id, { by: viewerOf(res).email, reason: 'privacy-request' });
    res.redirect(303, '/staff/leads?done=deleted');
  };
}

function retryDelivery({ stores }: StaffContext): RequestHandler {
  return async (req, res) => {
    const id = String(req.params.id);
    const entry = ID_PATTERN.test(id) ? await stores.notifier.outbox.get(id) : undefined;
    if (!entry) {
      notFound(res, 'No such delivery', 'It may have been deleted.');
      return;
    }
    const retried = await stores.notifier.retryNow(id);
    res.redirect(
      303,
      `/staff/leads/${encodeURIComponent(entry.intakeId)}?${retried ? 'done=retry' : 'error=not-retryable'}`,
    );
  };
}
