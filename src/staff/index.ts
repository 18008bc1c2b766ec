import type { NextFunction, Request, Response, Router } from 'express';
import type { Config } from '../config';
import { loadFlows, type Flows } from '../intake/flows';
import { log } from '../logger';
import { Notifier, type NotifierOptions } from '../notify';
import type { Storage } from '../ports/storage';
import type { DocumentVault } from '../documents/vault';
import { LeadAccessLog } from './access-log';
import { StaffDirectory } from './accounts';
import { HandoffStore } from './handoffs';
import { rowOf, rowsFrom, withWorkflowPart } from './lead-index';
import { type LeadIndex, type LeadRow } from '../ports/lead-list';
import { LeadEraser, type ChannelRecords, type StaffStores } from './privacy';
import { RetentionPurger, schedule } from './retention';
import { createStaffRouter } from './router';
import { SessionStore } from './sessions';
import { LoginThrottle, type ThrottleOptions } from './sign-in-throttle';
import { WorkflowStore } from './workflow';

export type StaffSettings = Pick<
  Config,
  | 'FIRM_TIME_ZONE'
  | 'RETENTION_DAYS'
  | 'ABANDONED_DAYS'
  | 'PUBLIC_URL'
  | 'SMTP_URL'
  | 'STAFF_EMAIL'
  | 'MAIL_FROM'
  | 'CLIO_GROW_URL'
  | 'CLIO_GROW_INBOX_TOKEN'
  | 'WEBHOOK_URL'
  | 'WEBHOOK_SECRET'
> &
  Partial<Pick<Config, 'INSTANCES'>>;

export interface StaffParts {
  storage: Storage;
  /** Signs session cookies and CSRF tokens (SESSION_SECRET, or the one kept in DATA_DIR). */
  sessionSecret: string;
  flows?: Flows;
  /** What a channel keeps about a conversation (the website's resume codes), erased with it. */
  channelRecords?: ChannelRecords;
  /** The prospects' documents (with DOCUMENTS_KEY): listed on the lead, downloaded by staff. */
  documents?: DocumentVault;
}

export interface StaffOptions {
  notify?: NotifierOptions;
  /** How often the retention purge runs in a server (hourly unless told). */
  purgeEveryMs?: number;
  throttle?: ThrottleOptions;
}

/** Stores and services of the staff side, without HTTP: what the server and the CLIs share. */
export function createStaffStores(
  settings: StaffSettings,
  parts: Pick<StaffParts, 'storage' | 'channelRecords'>,
  options: StaffOptions = {},
) {
  const { storage } = parts;
  const handoffs = new HandoffStore(storage.handoffs);
  const stores: StaffStores = {
    leads: storage.leads,
    workflow: new WorkflowStore(storage.workflow),
    handoffs,
    conversations: storage.conversations,
    transcripts: storage.transcripts,
    ...(parts.channelRecords ? { channelRecords: parts.channelRecords } : {}),
    notifier: new Notifier(settings, storage.outbox, storage.leads, handoffs, options.notify ?? {}),
    index: storage.leadIndex,
    audit: storage.deletions,
    documents: storage.leadFiles,
    access: new LeadAccessLog(storage.leadAccess),
  };
  const eraser = new LeadEraser(stores);
  const purger = new RetentionPurger(stores, eraser, {
    retentionDays: settings.RETENTION_DAYS,
    abandonedDays: settings.ABANDONED_DAYS,
  });
  const rows = (saved?: ReadonlyMap<string, LeadRow>) =>
    rowsFrom({
      leads: storage.leads,
      workflow: storage.workflow,
      handoffIds: () => handoffs.intakeIds(),
      ...(saved ? { saved } : {}),
    });
  /**
   * An in-process index is loaded from the stores. A shared index (kept in the store by every
   * instance) is built once; after that a start reads no lead, and the hourly pass only adds the
   * rows of leads it lacks (a crash between writing a lead and its row) and drops rows whose lead
   * is gone, each through the index's own conditional writes.
   */
  const loadIndex = async () => {
    if (await stores.index.built?.()) return reconcileIndex(stores.index, storage);
    const started = performance.now();
    const saved = await stores.index.saved?.();
    await stores.index.load(rows(saved));
    log.info('lead-index-loaded', {
      leads: await stores.index.size(),
      saved: saved?.size ?? 0,
      ms: Math.round(performance.now() - started),
    });
  };
  return { stores, eraser, purger, loadIndex };
}

/**
 * The staff side in a server: the /staff router (dashboard and API), the stores a new lead is
 * handed to (src/service/submit-lead.ts), the notification worker and the retention schedule. `start()` after the server listens, `stop()` before it exits.
 */
export function createStaff(settings: StaffSettings, parts: StaffParts, options: StaffOptions = {}) {
  const { stores, eraser, purger, loadIndex } = createStaffStores(settings, parts, options);
  const sessions = new SessionStore(parts.storage.sessions, parts.sessionSecret);
  const directory = new StaffDirectory(parts.storage.staffDirectory);
  // counted in storage: the same 5 per account and 20 per address whatever the number of instances
  const throttle = new LoginThrottle(parts.storage.signInFailures, options.throttle);
  const flows = parts.flows ?? loadFlows();
  const ready = loadIndex();
  ready.catch((error: unknown) =>
    log.error('staff-index-failed', { error: error instanceof Error ? error.name : 'unknown' }),
  );

  const dashboard = createStaffRouter({
    stores,
    eraser,
    directory,
    sessions,
    throttle,
    secureCookies: settings.PUBLIC_URL?.startsWith('https:') ?? false,
    flow: flows['en-CA'],
    timeZone: settings.FIRM_TIME_ZONE,
    access: new LeadAccessLog(parts.storage.leadAccess),
    ...(parts.documents ? { documents: parts.documents } : {}),
  });
  const router = afterLoad(ready, dashboard);

  let stopSchedule: (() => Promise<void>) | undefined;

  return {
    router,
    stores,
    eraser,
    purger,
    sessions,
    directory,
    notifier: stores.notifier,
    ready,
    start() {
      stores.notifier.worker.start();
      stopSchedule = schedule(
        async () => {
          await purger.run();
          await sessions.prune();
          await throttle.prune();
          // picks up changes made by `npm run purge` in another process
          await loadIndex();
        },
        options.purgeEveryMs ?? 60 * 60_000,
      );
    },
    /** Resolves once nothing of the staff side writes any more: the first load of the lead list
     * (and its saved rows), a scheduled pass under way, the notification sends. */
    async stop() {
      await Promise.all([ready.catch(() => undefined), stopSchedule?.(), stores.notifier.worker.stop()]);
    },
  };
}

export type Staff = ReturnType<typeof createStaff>;

/** The lead list needs the index: requests made during the first load wait for it. */
function afterLoad(ready: Promise<void>, dashboard: Router): Router {
  return ((req: Request, res: Response, next: NextFunction) => {
    ready.then(
      () => dashboard(req, res, next),
      (error: unknown) => next(error),
    );
  }) as unknown as Router;
}

/** Adds the rows a shared index lacks and removes those whose lead is gone (see `loadIndex`). */
async function reconcileIndex(index: LeadIndex, storage: Storage): Promise<void> {
  // The rows first, then the leads: a lead is written before its row, so a row read here whose
  // lead is missing from the later listing is truly gone (the other order would drop the row of a
  // lead submitted between the two reads).
  const indexed = new Set((await index.select({})).map((row) => row.id));
  const leadIds = new Set(await storage.leads.ids());
  for (const id of indexed) if (!leadIds.has(id)) await index.remove(id);
  const missing = [...leadIds].filter((id) => !indexed.has(id));
  if (missing.length === 0) return;
  const handoffIds = new Set(await storage.handoffs.ids());
  for (const id of missing) {
    const lead = await storage.leads.get(id);
    if (!lead) continue;
    const record = await storage.workflow.get(id);
    await index.upsert(withWorkflowPart(rowOf(lead, 'new'), record, handoffIds.has(id)));
  }
}
