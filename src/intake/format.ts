import { fill, type Flow } from './flows';
import { countryName, type Money, type Noc } from './inputs';
import { unitGroup } from './noc';
import type { Catalogue } from './machine';
import { convertScores, skills, testScales, type LanguageScores } from './parse/language';

const isMoney = (value: unknown): value is Money =>
  typeof value === 'object' && value !== null && 'amount' in value && 'per' in value;
const isNoc = (value: unknown): value is Noc =>
  typeof value === 'object' &&
  value !== null &&
  Object.keys(value).every((key) => key === 'noc' || key === 'teer');
const isScores = (value: unknown): value is LanguageScores =>
  typeof value === 'object' && value !== null && 'test' in value;

const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** Intl formatters are costly to build and the review formats dozens of answers: build each once. */
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => F): F {
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = build()));
  return found as F;
}

/** An answer as the prospect reads it in the review, in their language. */
export function formatAnswer(step: string, value: unknown, flow: Flow, catalogue: Catalogue): string {
  const locale = flow.locale;
  const input = catalogue[step]?.input;
  const words = flow.answers;
  if (value === null || value === undefined) return input?.optional ? words.skipped : words.unknown;
  switch (input?.kind) {
    case 'yesno':
      return value ? flow.yesno.yes : flow.yesno.no;
    case 'choice':
      return flow.steps[step as keyof Flow['steps']]?.choices?.[String(value)] ?? String(value);
    case 'country':
      return countryName(String(value), locale);
    case 'money':
      if (!isMoney(value)) break;
      return moneyText(value, flow);
    case 'date': {
      const date = new Date(`${String(value)}T12:00:00Z`);
      return formatter(
        `date:${locale}`,
        () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
      ).format(date);
    }
    case 'text':
      if (isScores(value)) return scoresText(value, flow);
      if (typeof value === 'number') return fill(flow.answers.languageLevel, { level: value });
      if (isNoc(value)) {
        if (value.noc) return fill(words.noc, { noc: value.noc, teer: value.teer ?? '' });
        if (value.teer !== undefined) return fill(words.teer, { teer: value.teer });
        return words.unknown;
      }
      break;
    default:
      break;
  }
  return String(value);
}

function amountText(amount: number, currency: string, locale: Flow['locale'], cents: boolean): string {
  return formatter(
    `money:${locale}:${currency}:${cents}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        currencyDisplay: currency === 'CAD' ? 'symbol' : 'code',
        maximumFractionDigits: cents ? 2 : 0,
      }),
  ).format(amount);
}

/** "$48,000 per year ($4,000 a month)", "USD 85,000 per year". */
function moneyText(value: Money, flow: Flow): string {
  const { locale, answers: words } = flow;
  const currency = value.currency ?? 'CAD';
  const per = value.per === 'hour' ? words.perHour : words.perYear;
  const main = `${amountText(value.amount, currency, locale, value.per === 'hour')} ${per}`;
  if (!value.given) return main;
  const givenPer = value.given.per === 'month' ? words.aMonth : words.aWeek;
  const given = `${amountText(value.given.amount, currency, locale, false)} ${givenPer}`;
  return `${main} (${given})`;
}

function scoreText(value: number, locale: Flow['locale']): string {
  return formatter(
    `score:${locale}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
  ).format(value);
}

/** Scores as typed, then the CLB/NCLC levels IRCC's chart gives them (§6). */
function scoresText(value: LanguageScores, flow: Flow): string {
  const conversion = convertScores(value);
  const level = (n: number) => (n < 4 ? flow.answers.belowFour : String(n));
  if ('overall' in value) {
    return fill(flow.answers.languageOverall, {
      overall: scoreText(value.overall, flow.locale),
      levels: conversion.levels,
      lowest: level(conversion.lowest),
    });
  }
  const values: Record<string, string> = { levels: conversion.levels, lowest: level(conversion.lowest) };
  for (const skill of skills) {
    values[skill] = scoreText(value[skill], flow.locale);
    values[`${skill}Level`] = level(conversion.bySkill[skill]);
  }
  return fill(flow.answers.languageScores, values);
}

/** The values a note about an answer may name: the answer as the review shows it, its levels. */
export function answerValues(step: string, value: unknown, flow: Flow, catalogue: Catalogue) {
  const values: Record<string, string> = { answer: formatAnswer(step, value, flow, catalogue) };
  if (isScores(value)) values.levels = testScales[value.test].levels;
  return values;
}

/** Problem and note parameters in the prospect's language: dates written out, currencies named. */
export function formatParams(
  params: Record<string, string | number>,
  flow: Flow,
): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  const locale = flow.locale;
  if (typeof params.date === 'string') {
    out.date = formatter(
      `date:${locale}`,
      () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
    ).format(new Date(`${params.date}T12:00:00Z`));
    // French writes the first of the month as an ordinal: « le 1er mars ».
    if (locale === 'fr-CA') out.date = String(out.date).replace(/^1 /, '1er ');
  }
  // NOC unit groups, each with its title and TEER: offered for a job title, or said back
  if (typeof params.codes === 'string') {
    const groups = params.codes
      .split(' ')
      .map((code) => unitGroup(code))
      .filter((group) => group !== undefined)
      .map(
        (group) =>
          `**${group.code}** ${group.titles[locale]} (${fill(flow.answers.teer, { teer: group.teer })})`,
      );
    out.nocList = groups.map((group) => `- ${group}`).join('\n');
    out.nocTitles = groups.join(', ');
  }
  if (typeof params.currency === 'string') {
    out.currencyName =
      new Intl.DisplayNames(locale, { type: 'currency' }).of(params.currency) ?? params.currency;
  }
  return out;
}

/** The scale of the language test chosen, for the score question and its error messages. */
export function scaleValues(answers: Readonly<Record<string, unknown>>, flow: Flow): Record<string, string> {
  const test = answers.languageTest;
  const scales = flow.languageScales as Record<string, string>;
  return { scale: (typeof test === 'string' && scales[test]) || flow.languageScales.any };
}
