import { buildLead } from './src/screening';
import { profiles } from './test/support/profiles';
for (const name of process.argv.slice(2)) {
  const profile = profiles.find((p) => p.name === name)!;
  const lead = buildLead({ id: 'x', reference: 'IMP-X', createdAt: '2026-11-25T12:00:00.000Z', locale: profile.locale, answers: profile.answers, handoffRequested: false });
  console.log(`==== ${name}\n${lead.summary.text}\n`);
}
