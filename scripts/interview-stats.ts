/**
 * How long the intake is, and what it concludes, on realistic prospects (tools/support/profiles.ts):
 * questions asked per profile (consent and role included), the median and maximum for workers and
 * employers, and each profile's screening, so a change that shortens the interview and breaks a
 * lead shows at once.
 *
 *   npm run interview:stats
 *   npm run interview:stats -- --markdown    # the table in docs/screening.md
 */
import { relevantAnswers, relevantSteps } from '../src/intake/relevance';
import { screen, streamShortTitle } from '../src/screening';
import { profiles } from '../tools/support/profiles';

const TODAY = '2026-11-25';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Beside a stream still "possible", no exempt stream is evident from the answers alone (open questions). */
function noExemptNote(result: ReturnType<typeof screen>): string {
  if (!result.noExemptStreamEvident) return '';
  return result.streams.some((stream) => stream.fit !== 'unlikely')
    ? ' — on facts not yet shown, otherwise LMIA'
    : ' — no exempt stream evident';
}

const rows = profiles.map((profile) => {
  const questions = relevantSteps(profile.answers).length;
  // screened as buildLead screens: only the answers asked on the path taken
  const result = screen(relevantAnswers(profile.answers), { today: TODAY });
  const streams =
    result.streams.map((stream) => `${streamShortTitle(stream)} ${stream.fit}`).join(', ') || 'none';
  const pathways = result.pathways
    .map((pathway) => `${pathway.program}${pathway.stream ? ` ${pathway.stream}` : ''} ${pathway.fit}`)
    .join(', ');
  const flags = result.admissibility.flags
    .map((flag) => `${flag.ground}${flag.serious ? ' (serious)' : ''}`)
    .join(', ');
  return { profile, questions, result, streams, pathways, flags };
});

const markdown = process.argv.includes('--markdown');

if (markdown) {
  console.log('| profile | questions | screening (streams; flags; priority) |\n| --- | --- | --- |');
  for (const { profile, questions, result, streams, flags } of rows) {
    const cells = [
      `${streams}${noExemptNote(result)}`,
      flags ? `flags: ${flags}` : '',
      `priority ${result.priority.level}`,
    ].filter(Boolean);
    console.log(
      `| \`${profile.name}\` (${profile.answers.role}, ${profile.locale}) | ${questions} | ${cells.join('; ')} |`,
    );
  }
}

for (const { profile, questions, result, streams, pathways, flags } of markdown ? [] : rows) {
  console.log(`${profile.name} (${profile.answers.role}, ${profile.locale}): ${questions} questions`);
  console.log(`  expected: ${profile.expect}`);
  console.log(`  streams: ${streams}${noExemptNote(result)}`);
  if (pathways) console.log(`  pathways: ${pathways}`);
  if (flags) console.log(`  flags: ${flags}`);
  if (result.admissibility.notes.length > 0)
    console.log(`  lawyer notes: ${result.admissibility.notes.length}`);
  if (result.blockers.length > 0)
    console.log(`  blockers: ${result.blockers.map((b) => b.split(':')[0]).join('; ')}`);
  console.log(
    `  urgency ${result.urgency.level}, priority ${result.priority.level} — ${result.priority.reasons[0]}`,
  );
}

for (const role of ['worker', 'employer'] as const) {
  const counts = rows.filter((row) => row.profile.answers.role === role).map((row) => row.questions);
  console.log(
    `${markdown ? '- ' : `\n`}${role}s: ${counts.length} profiles, median ${median(counts)} questions, max ${Math.max(...counts)}, min ${Math.min(...counts)}`,
  );
}
const high = rows.filter((row) => row.result.priority.level === 'high').length;
console.log(`${markdown ? '- ' : ''}priority high: ${high} of ${rows.length} leads`);
