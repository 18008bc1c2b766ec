import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';

/**
 * The minimum an activity needs for the bot to answer it. The Agents SDK's adapter answers a
 * malformed body with a bare 400 or an exception; a channel deserves a 400 that says what is wrong.
 */

/** Bot Framework ids are short opaque strings; a Teams conversation id is a few hundred characters. */
const MAX_ID = 1024;
/** Deeper than any real activity (an Adaptive Card value included): refused before anything reads it. */
export const MAX_DEPTH = 24;

const id = z.string().min(1).max(MAX_ID);
const account = z.object({ id, name: z.string().max(500).optional(), role: z.string().max(50).optional() });

const activitySchema = z
  .object({
    type: z
      .string()
      .min(1)
      .max(64)
      .refine((type) => type !== 'invoke', 'this bot does not answer invoke activities'),
    id: id.optional(),
    channelId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'a channel id is letters, digits, ".", "_" or "-" (64 at most)'),
    conversation: z.object({ id }),
    from: account,
    recipient: account.partial().optional(),
    membersAdded: z.array(account.partial()).max(100).optional(),
    membersRemoved: z.array(account.partial()).max(100).optional(),
    text: z.string().max(10_000).optional(),
    locale: z.string().max(20).optional(),
    deliveryMode: z.string().max(30).optional(),
    serviceUrl: z.string().max(2048).optional(),
    timestamp: z.string().max(64).optional(),
    localTimestamp: z.string().max(64).optional(),
    replyToId: z.string().max(MAX_ID).optional(),
    name: z.string().max(200).optional(),
    attachments: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
    entities: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(
    (a) => a.deliveryMode === 'expectReplies' || (a.serviceUrl !== undefined && URL.canParse(a.serviceUrl)),
    {
      message: 'serviceUrl must be a URL (or set deliveryMode to "expectReplies")',
      path: ['serviceUrl'],
    },
  );

/** How deep a parsed JSON value nests (objects and arrays), stopping once past `limit`. */
export function depthOf(value: unknown, limit = MAX_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

export function checkActivity(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (depthOf(body) > MAX_DEPTH) {
    res
      .status(400)
      .json({ error: 'invalid activity', reason: `body: nested deeper than ${MAX_DEPTH} levels` });
    return;
  }
  const result = activitySchema.safeParse(body);
  if (result.success) return next();
  const reason = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
  res.status(400).json({ error: 'invalid activity', reason });
}
