import { relevantSteps } from '../../src/intake/relevance';
import { profiles, type Profile } from '../support/profiles';

/**
 * How long the interview is on the realistic profiles (the figures `npm run interview:stats`
 * reports), held to issue 26's targets: a prospect who gives up half-way gives the firm no lead.
 */

const questionsOf = (profile: Profile) => relevantSteps(profile.answers).length;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const employers = profiles.filter((profile) => profile.answers.role === 'employer');
const workers = profiles.filter((profile) => profile.answers.role === 'worker');

describe('interview length on the realistic profiles', () => {
  it('asks no employer more than 20 questions (consent and role included)', () => {
    expect(employers.length).toBeGreaterThan(0);
    const over = employers
      .filter((profile) => questionsOf(profile) > 20)
      .map((profile) => `${profile.name}: ${questionsOf(profile)}`);
    expect(over).toEqual([]);
  });

  it('asks workers a median of at most 30 questions and none more than 40', () => {
    const counts = workers.map(questionsOf);
    expect(median(counts)).toBeLessThanOrEqual(30);
    expect(Math.max(...counts)).toBeLessThanOrEqual(40);
  });
});
