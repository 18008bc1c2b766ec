import express, { type NextFunction, type Request, type Response } from 'express';
import { checkActivity } from './activity-check';
import { messagesAccess, type MessagesAccessOptions } from './messages-access';
import { turnBatches } from './turn-batches';

export interface AppParts {
  /** Handles a Bot Framework activity (the bot adapter's endpoint). */
  handleActivity: (req: Request, res: Response) => Promise<void>;
  /** Adds the website's routes: the page, its Web Chat bundle, its token endpoint, Direct Line. */
  mountWebsite?: (app: express.Express) => void;
  /** The staff dashboard and staff API, served under /staff. */
  staff?: express.RequestHandler;
  /** Who may call /api/messages and where replies may go (see messages-access.ts). */
  messages?: MessagesAccessOptions;
  /** The scheduler's signed webhook, POST /booking/webhook (with BOOKING_WEBHOOK_SECRET). */
  booking?: express.RequestHandler;
}

export function createApp(parts: AppParts) {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.post(
    '/api/messages',
    express.json({ limit: '256kb' }),
    // the turns that arrived together run together, step by step (see turn-batches.ts)
    turnBatches(),
    checkActivity,
    messagesAccess(parts.messages ?? { authenticated: false }),
    (req, res) => parts.handleActivity(req, res),
  );

  if (parts.booking) app.use(parts.booking);
  if (parts.staff) app.use('/staff', parts.staff);
  parts.mountWebsite?.(app);

  app.use(
    (error: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return next(error);
      if (error.type === 'entity.parse.failed') {
        res.status(400).json({ error: 'invalid activity', reason: 'body is not valid JSON' });
        return;
      }
      if (error.status && error.status < 500) {
        res.status(error.status).json({ error: error.message });
        return;
      }
      res.status(500).json({ error: 'internal error' });
    },
  );

  return app;
}
