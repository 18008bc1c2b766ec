import { z } from 'zod';

/** At most this many failures are kept per account or address (the limits are far lower). */
export const MAX_SIGN_IN_FAILURES_KEPT = 100;

/** Recent failed staff sign-ins for one account or address, shared by every instance. */
export const signInFailuresSchema = z
  .object({
    /** When each recent failure happened (ms since the epoch), oldest first. */
    failures: z.array(z.number().int().nonnegative()).max(MAX_SIGN_IN_FAILURES_KEPT),
  })
  .strict();
export type SignInFailures = z.infer<typeof signInFailuresSchema>;
