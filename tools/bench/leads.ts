import { performance } from 'node:perf_hooks';
import { buildLead, type Lead } from '../../src/screening/lead';
import { employer, intraCompanyWorker, spouseOfWorker } from '../support/answers';

/** Average time of `runs` calls of `work` after one warm-up call, with the last result. */
export async function time<T>(runs: number, work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  let result = await work(); // warm-up
  const started = performance.now();
  for (let i = 0; i < runs; i++) result = await work();
  return { ms: (performance.now() - started) / runs, result };
}

/**
 * Synthetic leads for the lead-list benchmarks: three screened templates (intra-company worker,
 * employer, spouse) repeated, the n-th one with its own id, reference, name, email and an hour
 * later than the one before.
 */
export function syntheticLeads(): (n: number) => Lead {
  const templates = [intraCompanyWorker, employer, spouseOfWorker].map((answers, i) =>
    buildLead({
      id: `template-${i}`,
      reference: 'IMP-2026-0000-0000',
      createdAt: '2026-01-01T00:00:00.000Z',
      locale: 'en-CA',
      answers,
      handoffRequested: false,
    }),
  );
  const start = Date.parse('2025-01-01T00:00:00Z');
  return (n) => {
    const template = templates[n % templates.length]!;
    return {
      ...template,
      id: `lead-${String(n).padStart(6, '0')}`,
      reference: `IMP-2026-${String(n)
        .padStart(8, '0')
        .replace(/(\d{4})(\d{4})/, '$1-$2')}`,
      createdAt: new Date(start + n * 3_600_000).toISOString(),
      contact: { ...template.contact, name: `Prospect ${n}`, email: `prospect${n}@example.com` },
    };
  };
}
