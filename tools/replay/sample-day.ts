/**
 * The day tooling reads sample answers on (dates, "next month"): the day the corpus was recorded.
 * Fixed, so generated paths and redactions do not change with the calendar.
 */
export const SAMPLE_DAY = '2026-11-25';
