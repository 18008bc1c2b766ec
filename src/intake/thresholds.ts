/**
 * Thresholds of the rules (docs/domain.md) that also decide whether a follow-up question is
 * worth asking. Kept here, in the intake, so relevance and the screening read the same number.
 */

/** CEC: 12 months of skilled Canadian work in the last 3 years (§4). */
export const CEC_MIN_MONTHS = 12;
/** Worker's spouse open permit: at least 16 months left on the principal's permit (§7). */
export const SPOUSE_MIN_MONTHS_LEFT = 16;
