import { z } from 'zod';

/** A privacy deletion's tombstone for a website conversation: its tokens are refused until `until`. */
export const forgottenConversationSchema = z
  .object({
    forgottenAt: z.iso.datetime(),
    /** When the last token issued before the deletion expires: the tombstone may go then. */
    until: z.iso.datetime(),
  })
  .strict();
export type ForgottenConversation = z.infer<typeof forgottenConversationSchema>;
