import { IntakeEngine } from '../../src/intake/conversation';
import type { Catalogue } from '../../src/intake/machine';
import { stepCatalogue, type StepId } from '../../src/intake/steps';
import type { LanguageResult, Money } from '../../src/intake/inputs';
import { Assessment } from '../../src/screening/assessment';
import { checkLanguage } from '../../src/screening/language';
import { deriveFacts, wageInCad } from '../../src/screening/facts';
import { moneyText } from '../../src/screening/labels';
import { converse, fixedDependencies, flows, type Conversation } from '../support/talk';

/**
 * Answers the way people really type them, through the engine (issue 12, items 4–6): language
 * scores on each test's own scale, impossible dates, "I don't know", monthly wages, foreign
 * currencies and dates without a year — in English and French, on an injected clock.
 */

type Locale = 'en-CA' | 'fr-CA';
const TODAY = '2026-11-25';
/** Typed as the locale's "yes". */
const YES = '{yes}';
const withOffer = { hasJobOffer: YES };

/** An engine that asks only the steps a case needs, after consent and the worker role, in that order. */
function at(
  step: StepId,
  before: Partial<Record<StepId, string>>,
  locale: Locale,
  now = `${TODAY}T17:00:00.000Z`,
) {
  const ids: StepId[] = ['consent', 'role', ...(Object.keys(before) as StepId[]), step];
  // every step asked unconditionally: these cases are about reading answers, not about relevance
  const catalogue = Object.fromEntries(
    ids.map((id) => {
      const { when: _when, ...definition } = stepCatalogue[id];
      return [id, definition];
    }),
  ) as unknown as Catalogue;
  const conversation = converse(new IntakeEngine(flows(), { catalogue }), locale, fixedDependencies(now));
  const flow = flows()[locale];
  conversation.say(flow.yesno.yes);
  conversation.say(flow.steps.role.choices!.worker!);
  for (const [id, text] of Object.entries(before)) {
    conversation.say(text === YES ? flow.yesno.yes : text!);
    if (conversation.step() === id) throw new Error(`"${text}" was refused at ${id}`);
  }
  expect(conversation.step()).toBe(step);
  return conversation;
}

const answerOf = (conversation: Conversation, step: string): unknown =>
  (conversation.state!.snapshot as unknown as { context: { answers: Record<string, unknown> } }).context
    .answers[step];
const reply = (conversation: Conversation) => conversation.last.replies.map((r) => r.text).join('\n\n');

/** Typing `text` changes nothing and re-asks the question, with a message saying what was wrong. */
function expectRefused(conversation: Conversation, text: string, step: string): string {
  const before = JSON.stringify(conversation.state!.snapshot);
  conversation.say(text);
  expect(conversation.step()).toBe(step);
  expect(JSON.stringify(conversation.state!.snapshot)).toBe(before);
  return reply(conversation);
}

describe('language scores on the test’s own scale, converted with IRCC’s chart (item 4)', () => {
  it.each<[Locale, string, string, unknown, RegExp]>([
    [
      'en-CA',
      'ieltsGeneral',
      'L 7.5 R 7 W 6.5 S 7',
      { test: 'ieltsGeneral', listening: 7.5, reading: 7, writing: 6.5, speaking: 7 },
      /CLB 8, 9, 8, 9/,
    ],
    [
      'fr-CA',
      'ieltsGeneral',
      'CO 7,5 CE 7 EE 6,5 EO 7',
      { test: 'ieltsGeneral', listening: 7.5, reading: 7, writing: 6.5, speaking: 7 },
      /CLB 8, 9, 8, 9/,
    ],
    ['en-CA', 'ieltsGeneral', '7.5', { test: 'ieltsGeneral', overall: 7.5 }, /about CLB 8, an estimate/],
    ['fr-CA', 'ieltsGeneral', '7,5', { test: 'ieltsGeneral', overall: 7.5 }, /environ CLB 8, une estimation/],
    [
      'en-CA',
      'celpip',
      'listening 9, reading 8, writing 7, speaking 8',
      { test: 'celpip', listening: 9, reading: 8, writing: 7, speaking: 8 },
      /CLB 9, 8, 7, 8/,
    ],
    [
      'en-CA',
      'pteCore',
      '65 60 70 68',
      { test: 'pteCore', listening: 65, reading: 60, writing: 70, speaking: 68 },
      /CLB 7, 7, 7, 7/,
    ],
    [
      'fr-CA',
      'tefCanada',
      'CO 450 CE 420 EE 400 EO 430',
      { test: 'tefCanada', listening: 450, reading: 420, writing: 400, speaking: 430 },
      /NCLC 7, 6, 6, 6/,
    ],
    [
      'fr-CA',
      'tcfCanada',
      'compréhension orale 460, compréhension écrite 470, expression écrite 11, expression orale 12',
      { test: 'tcfCanada', listening: 460, reading: 470, writing: 11, speaking: 12 },
      /NCLC 7, 7, 7, 8/,
    ],
    ['en-CA', 'ieltsGeneral', 'CLB 7', 7, /CLB\/NCLC 7/],
  ])('%s %s: stores “%s” as typed and says back its levels', (locale, test, text, stored, said) => {
    const conversation = at('languageLevel', { languageTest: test }, locale);
    conversation.say(text);
    expect(conversation.step()).not.toBe('languageLevel');
    expect(answerOf(conversation, 'languageLevel')).toEqual(stored);
    expect(reply(conversation)).toMatch(said);
  });

  it.each<[Locale, string, string, RegExp]>([
    [
      'en-CA',
      'ieltsGeneral',
      '7.3',
      /isn't on the test's scale.*IELTS band scores \(0 to 9, halves allowed\)/s,
    ],
    ['en-CA', 'ieltsGeneral', '9.5', /isn't on the test's scale/],
    ['fr-CA', 'pteCore', '95', /ne fait pas partie de l'échelle.*PTE Core \(de 10 à 90\)/s],
    ['fr-CA', 'tefCanada', '450', /donne un résultat pour chaque compétence/],
    ['en-CA', 'celpip', 'listening 9 reading 8', /couldn't read those scores/],
  ])('%s %s: refuses “%s” with the test’s scale and changes nothing', (locale, test, text, said) => {
    const conversation = at('languageLevel', { languageTest: test }, locale);
    expect(expectRefused(conversation, text, 'languageLevel')).toMatch(said);
  });

  it.each<[Locale, string, RegExp]>([
    ['en-CA', 'ieltsGeneral', /IELTS band scores/],
    ['fr-CA', 'tcfCanada', /TCF Canada/],
  ])('%s: asks the scores on the scale of the test chosen (%s)', (locale, test, said) => {
    const conversation = at('languageLevel', { languageTest: test }, locale);
    expect(reply(conversation)).toMatch(said);
  });

  it('screens with the converted level: IELTS 7.5 in every skill is CLB 8, not 7 (lowest: listening)', () => {
    const facts = deriveFacts(
      {
        role: 'worker',
        languageTest: 'ieltsGeneral',
        languageLevel: { test: 'ieltsGeneral', listening: 7.5, reading: 7.5, writing: 7.5, speaking: 7.5 },
        languageTestDate: '2026-01-15',
      },
      TODAY,
    );
    expect(facts.language).toMatchObject({ level: 8, estimate: false, scale: 'CLB' });
  });

  it('reads an overall score as an estimate, which screening cannot count as met', () => {
    const facts = deriveFacts(
      { role: 'worker', languageTest: 'pteCore', languageLevel: { test: 'pteCore', overall: 80 } },
      TODAY,
    );
    expect(facts.language).toMatchObject({ level: 8, estimate: true });
  });
});

describe('screening reads the converted level (§6)', () => {
  const need = { minimum: 7, purpose: 'for FSW', hard: true };
  const check = (languageLevel: LanguageResult) => {
    const assessment = new Assessment();
    const answers = {
      role: 'worker' as const,
      languageTest: 'ieltsGeneral' as const,
      languageLevel,
      languageTestDate: '2026-01-15',
    };
    checkLanguage(assessment, deriveFacts(answers, TODAY).language, need);
    return assessment.outcome();
  };

  it.each<[string, LanguageResult, 'likely' | 'possible' | 'unlikely', RegExp]>([
    [
      'four scores at CLB 7+',
      { test: 'ieltsGeneral', listening: 6, reading: 6, writing: 6, speaking: 6 },
      'likely',
      /CLB 7 \(lowest of the four skills/,
    ],
    [
      'one skill below CLB 7',
      { test: 'ieltsGeneral', listening: 8, reading: 8, writing: 5.5, speaking: 8 },
      'unlikely',
      /CLB 6 .* is below CLB\/NCLC 7/,
    ],
    [
      'an overall score only',
      { test: 'ieltsGeneral', overall: 8 },
      'possible',
      /overall score suggests about CLB 9/,
    ],
    ['an IELTS 7 typed before scores were asked', 7, 'likely', /CLB 7/],
  ])('%s', (_, result, fit, said) => {
    const outcome = check(result);
    expect(outcome.fit).toBe(fit);
    expect([...outcome.reasons, ...outcome.missing].join('; ')).toMatch(said);
  });

  it('lists a band not yet confirmed against the IRCC chart as "to confirm"', () => {
    const outcome = check({ test: 'ieltsGeneral', listening: 8, reading: 8, writing: 8, speaking: 8 });
    expect(outcome.missing.join('; ')).toMatch(/IRCC chart band \[U\].*to confirm/);
  });
});

describe('impossible dates are refused or questioned (item 5)', () => {
  it.each<[Locale, string, RegExp]>([
    ['en-CA', '2027-03-01', /March 1, 2027 is in the future/],
    ['en-CA', 'next month', /December 1, 2026 is in the future/],
    ['fr-CA', '1er mars 2027', /Le 1er mars 2027 est dans le futur/],
    ['fr-CA', 'le mois prochain', /Le 1er décembre 2026 est dans le futur/],
  ])('%s: refuses a language test taken on “%s”', (locale, text, said) => {
    const conversation = at('languageTestDate', { languageTest: 'celpip', languageLevel: 'CLB 8' }, locale);
    expect(expectRefused(conversation, text, 'languageTestDate')).toMatch(said);
  });

  it.each<[Locale, string, RegExp, string, string, RegExp]>([
    [
      'en-CA',
      'March 1, 2020',
      /March 1, 2020 is in the past\. Is this the job you have now\?/,
      'since March 1, 2020',
      '2020-03-01',
      /you have had this job since March 1, 2020/,
    ],
    [
      'fr-CA',
      '1er mars 2020',
      /S'agit-il de l'emploi que vous occupez maintenant\?/,
      'depuis le 1er mars 2020',
      '2020-03-01',
      /vous occupez cet emploi depuis le 1er mars 2020/,
    ],
  ])('%s: asks whether a job “starting” %s is the current one', (locale, text, asked, since, iso, noted) => {
    const conversation = at('offerStartDate', withOffer, locale);
    expect(expectRefused(conversation, text, 'offerStartDate')).toMatch(asked);
    conversation.say(since);
    expect(answerOf(conversation, 'offerStartDate')).toBe(iso);
    expect(reply(conversation)).toMatch(noted);
  });
});

describe('natural answers (item 6)', () => {
  it.each<[Locale, string]>([
    ['en-CA', "I don't know"],
    ['en-CA', 'I dont know'],
    ['en-CA', 'I don’t know.'],
    ['en-CA', 'idk'],
    ['en-CA', 'not sure'],
    ['fr-CA', 'je ne sais pas'],
    ['fr-CA', 'Aucune idée'],
    ['fr-CA', 'je sais pas'],
  ])('%s: accepts “%s” wherever “don’t know” is', (locale, text) => {
    const noc = at('offerNoc', withOffer, locale);
    noc.say(text);
    expect(answerOf(noc, 'offerNoc')).toEqual({});
    const teer = at('canadianWorkTeer', { canadianWorkMonths: '12' }, locale);
    teer.say(text);
    expect(answerOf(teer, 'canadianWorkTeer')).toBe('unknown');
    const group = at('offerSameGroup', withOffer, locale);
    group.say(text);
    expect(answerOf(group, 'offerSameGroup')).toBe('notSure');
  });

  it.each<[Locale, string, unknown, RegExp]>([
    [
      'en-CA',
      '4000 a month',
      { amount: 48000, per: 'year', given: { amount: 4000, per: 'month' } },
      /\$48,000 per year \(\$4,000 a month\)/,
    ],
    [
      'fr-CA',
      '4 000 $ par mois',
      { amount: 48000, per: 'year', given: { amount: 4000, per: 'month' } },
      /48\s000\s\$ par année \(4\s000\s\$ par mois\)/,
    ],
    [
      'en-CA',
      '85000 USD',
      { amount: 85000, per: 'year', currency: 'USD' },
      /USD\s85,000 per year, in US Dollars?/i,
    ],
    [
      'fr-CA',
      '85 000 $ US',
      { amount: 85000, per: 'year', currency: 'USD' },
      /85\s000\sUSD par année, en dollar des États-Unis/,
    ],
  ])('%s: reads the wage “%s”, keeps what was typed and says so', (locale, text, stored, said) => {
    const conversation = at('offerWage', withOffer, locale);
    conversation.say(text);
    expect(answerOf(conversation, 'offerWage')).toEqual(stored);
    expect(reply(conversation)).toMatch(said);
  });

  it.each<[Locale, string, string, RegExp]>([
    ['en-CA', 'Jan 15', '2027-01-15', /Noted: January 15, 2027/],
    ['fr-CA', '15 janvier', '2027-01-15', /C'est noté\s:\sle 15 janvier 2027/],
    ['en-CA', 'next month', '2026-12-01', /Noted: December 1, 2026/],
    ['fr-CA', 'le mois prochain', '2026-12-01', /le 1er décembre 2026/],
    ['en-CA', 'in 3 weeks', '2026-12-16', /December 16, 2026/],
    ['fr-CA', 'dans 3 semaines', '2026-12-16', /16 décembre 2026/],
    ['en-CA', 'mid-March', '2027-03-15', /March 15, 2027/],
    ['fr-CA', 'mi-mars', '2027-03-15', /15 mars 2027/],
  ])('%s: resolves the start date “%s” on the injected clock and says it back', (locale, text, iso, said) => {
    const conversation = at('offerStartDate', withOffer, locale);
    conversation.say(text);
    expect(answerOf(conversation, 'offerStartDate')).toBe(iso);
    expect(reply(conversation)).toMatch(said);
  });

  it.each<[string, RegExp]>([
    [
      '85000 USD',
      /USD\s85,000 a year — in USD, not converted: convert before comparing with CAD wage levels \(to confirm\)/,
    ],
    ['4000 a month', /^\$48,000 a year \(given as \$4,000 a month\)$/],
  ])(
    'shows staff the wage “%s” as given, a foreign currency flagged and never read as CAD',
    (text, shown) => {
      const conversation = at('offerWage', withOffer, 'en-CA');
      conversation.say(text);
      expect(moneyText(answerOf(conversation, 'offerWage') as Money)).toMatch(shown);
    },
  );

  it('gives wage rules no Canadian amount for a wage in another currency', () => {
    expect(wageInCad({ amount: 85000, per: 'year', currency: 'USD' })).toBeUndefined();
    expect(wageInCad({ amount: 85000, per: 'year' })).toEqual({ amount: 85000, per: 'year' });
  });

  it('resolves relative dates against the clock it is given, not the machine’s', () => {
    const conversation = at('offerStartDate', withOffer, 'en-CA', '2031-06-10T12:00:00.000Z');
    conversation.say('next month');
    expect(answerOf(conversation, 'offerStartDate')).toBe('2031-07-01');
  });
});
