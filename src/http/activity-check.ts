import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';

/**
 * The minimum an activity needs for the bot to answer it. botbuilder itself turns a malformed
 * body into a 500; a channel deserves a 400 that says what is wrong.
 */
const activitySchema = z
  .object({
    type: z.string().min(1),
    channelId: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }),
    from: z.object({ id: z.string().min(1) }).optional(),
    recipient: z.object({ id: z.string() }).optional(),
    text: z.string().optional(),
    locale: z.string().optional(),
    deliveryMode: z.string().optional(),
    serviceUrl: z.string().optional(),
    timestamp: z.string().optional(),
  })
  .refine(
    (a) => a.deliveryMode === 'expectReplies' || (a.serviceUrl !== undefined && URL.canParse(a.serviceUrl)),
    {
      message: 'serviceUrl must be a URL (or set deliveryMode to "expectReplies")',
      path: ['serviceUrl'],
    },
  )
  .refine((a) => a.type !== 'message' || a.from !== undefined, {
    message: 'a message needs from.id',
    path: ['from'],
  });

export function checkActivity(req: Request, res: Response, next: NextFunction): void {
  const result = activitySchema.safeParse(req.body);
  if (result.success) return next();
  const reason = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
  res.status(400).json({ error: 'invalid activity', reason });
}
