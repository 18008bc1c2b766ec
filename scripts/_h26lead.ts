import { buildLead } from '../src/screening';
import { profiles } from '../tools/support/profiles';
for (const name of process.argv.slice(2)) {
  const p = profiles.find((x) => x.name === name)!;
  const lead = buildLead({ id: 'x', reference: 'IMP-X', createdAt: '2026-11-25T12:00:00.000Z', locale: 'en-CA', answers: p.answers, handoffRequested: false });
  console.log(`===== ${name}\n${lead.summary.text}\n`);
}
