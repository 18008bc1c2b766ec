import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../paths';
import { sections, stepCatalogue, stepIds, type StepId } from './steps';

export const locales = ['en-CA', 'fr-CA'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en-CA';

const wordList = z.array(z.string().min(1)).min(1);

const stepWordingSchema = z
  .object({
    /** Short name shown in the review list and matched by "change <label>". */
    label: z.string().min(1),
    prompt: z.string().min(1),
    /** Explains the question and why the firm asks it. */
    help: z.string().min(1),
    /** An example answer, shown when an answer is not understood. */
    example: z.string().min(1).optional(),
    /** Titles of the choices, keyed by the choice value. */
    choices: z.record(z.string(), z.string().min(1)).optional(),
    /** Other words a prospect may type for a choice, keyed by the choice value. */
    synonyms: z.record(z.string(), wordList).optional(),
  })
  .strict();
export type StepWording = z.infer<typeof stepWordingSchema>;

/** Messages every locale must define (other keys are allowed but unused keys are a smell). */
export const messageKeys = [
  'welcome',
  'declined',
  'reviewIntro',
  'reviewInstructions',
  'reviewEmpty',
  'submitted',
  'bookingOffer',
  'firmWillCall',
  'firmWillCallSoon',
  'alreadySubmitted',
  'documentsInvite',
  'documentsReceived',
  'documentsNotYet',
  'documentsOff',
  'documentsTooMany',
  'documentsTooLarge',
  'documentsWrongType',
  'documentsInfected',
  'documentsScannerDown',
  'documentsStoreDown',
  'documentsUnreachable',
  'startAgain',
  'staleChoice',
  'addedAfterSubmission',
  'copyOffer',
  'copyWillBeSent',
  'copyNotSent',
  'copySubject',
  'copyIntro',
  'copyBooking',
  'help',
  'handoff',
  'handoffAlreadyRequested',
  'handoffContactFirst',
  'languageSwitched',
  'tooLong',
  'restartConfirm',
  'restartCancelled',
  'restarted',
  'currentAnswer',
  'backAtStart',
  'notUnderstood',
  'skipNotAllowed',
  'resumed',
  'flowUpdated',
  'changeWhich',
  'disclaimer',
  'progress',
  'resumeEmailSubject',
  'resumeEmailBody',
  'turnFailed',
] as const;
export type MessageKey = (typeof messageKeys)[number];

export const commandNames = [
  'back',
  'restart',
  'help',
  'handoff',
  'skip',
  'confirm',
  'change',
  'english',
  'french',
  /** A thank-you or goodbye: after submission, not a message to add to the lead. */
  'thanks',
] as const;
export type CommandName = (typeof commandNames)[number];

export const errorKeys = [
  'yesno',
  'choice',
  'text.short',
  'text.long',
  'number.format',
  'number.integer',
  'number.range',
  'money',
  'date.format',
  'date.impossible',
  'date.ambiguous',
  'email',
  'phone',
  'country',
  'noc',
  'date.future',
  'date.longPast',
  'date.sinceFuture',
  'language.scores',
  'language.range',
  'language.perSkill',
  'choice.nearest',
  'noc.suggest',
  'noc.unknown',
] as const;

/** What is said back about an accepted answer (a conversion, a resolved date), keyed like errors. */
export const noteKeys = [
  'money.converted',
  'money.currency',
  'date.resolved',
  'date.currentJob',
  'language.scores',
  'language.overall',
  'language.level',
  'yesno.read',
  'choice.read',
  'choice.place',
  'date.asap',
  'number.read',
  'number.in.months',
  'number.in.years',
  'noc.code',
  'country.read',
  'email.read',
  'phone.read',
  'phone.extension',
  'name.read',
  'name.role',
] as const;

const keyed = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.string().min(1)])) as Record<K, z.ZodString>).strict();

export const flowSchema = z
  .object({
    locale: z.enum(locales),
    /** Name of the language in itself, e.g. "Français". */
    language: z.string().min(1),
    firm: z
      .object({
        name: z.string().min(1),
        city: z.string().min(1),
        phone: z.string().min(1),
        email: z.string().min(1),
        website: z.string().min(1),
        hours: z.string().min(1),
      })
      .strict(),
    messages: z
      .object(
        Object.fromEntries(messageKeys.map((k) => [k, z.string().min(1)])) as Record<MessageKey, z.ZodString>,
      )
      .strict(),
    sections: z
      .object(
        Object.fromEntries(sections.map((s) => [s, z.string().min(1)])) as Record<
          (typeof sections)[number],
          z.ZodString
        >,
      )
      .strict(),
    commands: z
      .object(
        Object.fromEntries(commandNames.map((c) => [c, wordList])) as Record<CommandName, typeof wordList>,
      )
      .strict(),
    yesno: z.object({ yes: z.string().min(1), no: z.string().min(1) }).strict(),
    /** How answers read back to the prospect (review, current answer). */
    answers: z
      .object({
        skipped: z.string().min(1),
        unknown: z.string().min(1),
        perYear: z.string().min(1),
        perHour: z.string().min(1),
        noc: z.string().min(1),
        teer: z.string().min(1),
        aMonth: z.string().min(1),
        aWeek: z.string().min(1),
        languageScores: z.string().min(1),
        languageOverall: z.string().min(1),
        languageLevel: z.string().min(1),
        belowFour: z.string().min(1),
      })
      .strict(),
    buttons: z
      .object({
        confirm: z.string().min(1),
        change: z.string().min(1),
        restart: z.string().min(1),
        skip: z.string().min(1),
        keep: z.string().min(1),
      })
      .strict(),
    errors: z
      .object(
        Object.fromEntries(errorKeys.map((k) => [k, z.string().min(1)])) as Record<
          (typeof errorKeys)[number],
          z.ZodString
        >,
      )
      .strict(),
    notes: keyed(noteKeys),
    /** How to type scores on each test's scale, keyed by the languageTest choice; `any` when unknown. */
    languageScales: keyed([
      'ieltsGeneral',
      'celpip',
      'pteCore',
      'tefCanada',
      'tcfCanada',
      'otherTest',
      'any',
    ] as const),
    steps: z
      .object(
        Object.fromEntries(stepIds.map((id) => [id, stepWordingSchema])) as Record<
          StepId,
          typeof stepWordingSchema
        >,
      )
      .strict(),
  })
  .strict()
  .superRefine((flow, ctx) => {
    for (const id of stepIds) {
      const values = stepCatalogue[id].input.choices;
      const titles = flow.steps[id].choices;
      if (stepCatalogue[id].input.kind !== 'choice') continue;
      for (const value of values ?? []) {
        if (!titles?.[value]) {
          ctx.addIssue({
            code: 'custom',
            path: ['steps', id, 'choices', value],
            message: `missing the title of choice "${value}"`,
          });
        }
      }
    }
  });
export type Flow = z.infer<typeof flowSchema>;
export type Flows = Record<Locale, Flow>;

export const flowsDir = path.join(projectRoot, 'flows');

/** Reads and checks flows/<locale>.yaml; a wording mistake stops start-up with the file and the path. */
export function loadFlow(locale: Locale, dir = flowsDir): Flow {
  const file = path.join(dir, `${locale}.yaml`);
  const result = flowSchema.safeParse(parseYaml(fs.readFileSync(file, 'utf8')));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`${file} is not a valid flow:\n${problems}`);
  }
  return result.data;
}

export function loadFlows(dir = flowsDir): Flows {
  return Object.fromEntries(locales.map((l) => [l, loadFlow(l, dir)])) as Flows;
}

/** Replaces {name} placeholders; a missing value leaves the placeholder visible rather than "undefined". */
export function fill(template: string, values: Record<string, string | number | undefined> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = values[key];
    return value === undefined ? whole : String(value);
  });
}

/** Maps a browser or channel locale ("fr", "fr-FR", "en-US") to one we have. */
export function matchLocale(value: string | undefined): Locale {
  if (!value) return defaultLocale;
  return value.toLowerCase().startsWith('fr') ? 'fr-CA' : 'en-CA';
}
