/**
 * Records the regression corpus in test/transcripts/ by talking to the bot in-process through
 * the same recording (and redaction) as the server: every section and branch, worker and
 * employer, English and French, re-prompts, back / change / restart, handoff. Also writes the
 * Emulator-format transcript (as the Bot Framework Emulator saves one: not redacted, with
 * conversationUpdates and traces) and the lead sidecars of a few conversations.
 *
 *   npm run transcripts:record            # rewrite every corpus file
 *   npm run transcripts:record -- worker  # only the scenarios whose name contains "worker"
 *
 * Re-record after a change to the questions; after a change of wording, `npm run replay --
 * test/transcripts --update` is enough.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InProcessBot } from '../src/bot/in-process-bot';
import { InProcessDriver } from '../tools/replay/in-process-driver';
import { TranscriptSession } from '../tools/replay/transcript-session';
import { loadFlows, type Flow } from '../src/intake/flows';
import { isStepId, type Answers, type StepId } from '../src/intake/steps';
import { normalizeLead } from '../tools/replay/lead-diff';
import { Redaction } from '../src/intake/redaction';
import { formatFileReport } from '../tools/replay/report';
import { replayFiles } from '../tools/replay/runner';
import { activityToSend, scriptOf, serializeTranscript, type ActivityJson } from '../tools/replay/script';
import { FileTranscriptStore } from '../src/storage/file/transcripts';
import { employer, intraCompanyWorker, spouseOfWorker } from '../tools/support/answers';
import { typedAnswer } from '../tools/support/typed-answer';

process.env.LOG_LEVEL ??= 'warn';

const corpusDir = path.join(__dirname, '..', 'test', 'transcripts');
const flows = loadFlows();
const en = flows['en-CA'];
const fr = flows['fr-CA'];

// Branches beyond the three shared fixtures.
const academicWorker: Answers = {
  ...intraCompanyWorker,
  citizenship: 'FR',
  residenceCountry: 'FR',
  inCanada: false,
  offerSameGroup: 'no',
  offerJobTitle: 'Postdoctoral fellow',
  offerNoc: { noc: '41200', teer: 1 },
  offerSector: 'academic',
  academicRole: 'postdoc',
  offerWage: { amount: 62000, per: 'year' },
  offerTerms: 'fixedTermFullTime',
  languageTest: 'tcfCanada',
  languageLevel: { test: 'tcfCanada', listening: 549, reading: 549, writing: 16, speaking: 16 },
  canadianWorkMonths: 0,
  contactName: 'Camille Martin',
  contactEmail: 'camille@example.com',
};

const graduateWithPrApplication: Answers = {
  ...spouseOfWorker,
  citizenship: 'NG',
  residenceCountry: 'CA',
  inCanada: true,
  currentStatus: 'worker',
  workPermitType: 'open',
  statusExpiry: '2027-01-20',
  extensionFiled: false,
  spouseInCanada: false,
  graduatedInCanada: true,
  programCredential: 'college',
  studyPermitAfterNov2024: false,
  programLength: '8to24Months',
  graduationDate: '2024-05-15',
  hadPgwp: true,
  prStatus: 'prApplied',
  prProgram: 'cec',
  prAor: true,
  ownsBusiness: true,
  ownershipPercent: 60,
  businessInvestment: '100kTo200k',
  businessNetWorth: '300kTo600k',
  businessJobs: 1,
  languageTest: 'tefCanada',
  languageLevel: 7,
  languageTestDate: '2025-01-20',
  canadianWorkMonths: 18,
  canadianWorkTeer: '2',
  canadianWorkWhileStudying: true,
  criminalHistory: true,
  criminalConviction: true,
  impairedDriving: true,
  impairedDrivingSince2018: false,
  immigrationHistory: true,
  previousRefusal: true,
  refusalCountry: 'US',
  refusalYear: 2019,
  canadianApplicationType: 'study',
  canadianApplicationYear: 2021,
  overstay: false,
  removalOrder: false,
  contactName: 'Chidi Okafor',
  contactEmail: 'chidi@example.com',
  contactPhone: '+17785550142',
};

const spouseStudent: Answers = { ...spouseOfWorker, spouseStatus: 'student', spouseProgram: 'masters16' };
const spouseCitizen: Answers = {
  ...spouseOfWorker,
  spouseStatus: 'citizenOrPr',
  spouseSponsorship: false,
  graduatedInCanada: false,
  serviceOrAffiliation: true,
  militaryService: true,
  intelligenceService: false,
  governmentPosition: false,
  violentGroups: false,
  organizedCrime: false,
  illTreatment: false,
  medicalCondition: true,
};

const studentWithOffer: Answers = {
  ...intraCompanyWorker,
  currentStatus: 'student',
  offerSameGroup: 'notSure',
  offerSector: 'health',
  graduatedInCanada: false,
  languageTest: 'ieltsGeneral',
  languageLevel: 8,
  frenchAbility: 'intermediate',
  canadianWorkMonths: 0,
  immigrationHistory: true,
  previousRefusal: false,
  overstay: true,
  overstayCountry: 'CA',
  removalOrder: true,
  removalOrderType: 'departure',
  removalYear: 2023,
  departureConfirmed: true,
  goalType: 'temporary',
};

const employerNewHire: Answers = {
  ...employer,
  employerCompany: 'Cascadia Seafood Ltée',
  employerProvince: 'QC',
  employerWorkerRelation: 'newHire',
  employerWorkerCitizenship: 'MX',
  employerWorkerCountry: 'MX',
  employerCusmaProfession: 'accountant',
  employerWorkerLicence: true,
  contactPhone: null,
};

/** A home-support worker in Canada whose extension was refused: restoration, care duties (§10). */
const homeSupportRefusedExtension: Answers = {
  ...intraCompanyWorker,
  citizenship: 'PH',
  statusExpiry: '2026-09-30',
  extensionFiled: true,
  extensionRefused: true,
  extensionRefusalDate: '2026-11-05',
  offerSameGroup: 'no',
  offerIsCurrentJob: false,
  offerJobTitle: 'Home support worker at Shore Home Care',
  offerNoc: { noc: '44101', teer: 4 },
  offerSector: 'other',
  offerCareDuties: true,
  offerWage: { amount: 22, per: 'hour' },
  offerStartDate: '2027-02-01',
  yearsExperience: 4,
  canadianWorkMonths: 20,
  canadianWorkTeer: '4',
};

/** An employer hiring for a home-support NOC is asked what the job is (§10). */
const employerHomeCare: Answers = {
  ...employerNewHire,
  employerPosition: 'Aide familiale (soins aux aînés)',
  employerNoc: { noc: '44101', teer: 4 },
  employerJobType: 'inHomeCare',
  employerWorkerCitizenship: 'PH',
  employerWorkerCountry: 'PH',
};

interface ScenarioContext {
  session: TranscriptSession;
  say(...texts: string[]): Promise<void>;
  /** Types each asked question's answer until the review (or `stopAt`), with extra messages first at some steps. */
  answer(
    answers: Answers,
    options?: { flow?: Flow; stopAt?: string; before?: Record<string, string[]> },
  ): Promise<void>;
  expectStep(step: string): void;
}

interface Scenario {
  name: string;
  locale?: 'en-CA' | 'fr-CA';
  channelId?: string;
  /** Also write `<name>.lead.json`, the lead a replay of the recording produces. */
  lead?: boolean;
  run(context: ScenarioContext): Promise<void>;
}

const greet = async (c: ScenarioContext, french = false) => c.say(french ? 'Bonjour' : 'Hi');

const scenarios: Scenario[] = [
  {
    name: 'employer-intra-company-transfer',
    channelId: 'webchat',
    lead: true,
    async run(c) {
      await c.session.join();
      await c.answer(employer);
      c.expectStep('review');
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'worker-intra-company-in-canada',
    lead: true,
    async run(c) {
      await greet(c);
      await c.answer(intraCompanyWorker);
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'worker-abroad-spouse-works-in-canada',
    lead: true,
    async run(c) {
      await greet(c);
      await c.answer(spouseOfWorker);
      await c.say('Confirm and send');
      c.expectStep('submitted');
    },
  },
  {
    name: 'fr-worker-intra-company',
    locale: 'fr-CA',
    async run(c) {
      await greet(c, true);
      await c.answer(intraCompanyWorker, { flow: fr });
      await c.say('confirmer');
      c.expectStep('submitted');
    },
  },
  {
    name: 'fr-employer-new-hire-skips',
    locale: 'fr-CA',
    lead: true,
    async run(c) {
      await c.session.join();
      await c.answer(employerNewHire, { flow: fr });
      await c.say('Confirmer et envoyer');
      c.expectStep('submitted');
    },
  },
  {
    name: 'worker-academic-post-from-abroad',
    async run(c) {
      await greet(c);
      await c.answer(academicWorker);
      await c.say('send');
      c.expectStep('submitted');
    },
  },
  {
    name: 'worker-graduate-pr-applicant-business-owner',
    lead: true,
    async run(c) {
      await greet(c);
      await c.answer(graduateWithPrApplication);
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'worker-home-support-refused-extension',
    lead: true,
    async run(c) {
      await greet(c);
      await c.answer(homeSupportRefusedExtension);
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'fr-employer-home-care',
    locale: 'fr-CA',
    async run(c) {
      await c.session.join();
      await c.answer(employerHomeCare, { flow: fr });
      await c.say('Confirmer et envoyer');
      c.expectStep('submitted');
    },
  },
  {
    name: 'fr-worker-spouse-is-student',
    locale: 'fr-CA',
    async run(c) {
      await greet(c, true);
      await c.answer(spouseStudent, { flow: fr });
      await c.say('envoyer');
      c.expectStep('submitted');
    },
  },
  {
    name: 'worker-student-with-offer-overstay',
    async run(c) {
      await greet(c);
      await c.answer(studentWithOffer);
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'worker-spouse-citizen-health-and-military',
    async run(c) {
      await greet(c);
      await c.answer(spouseCitizen);
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'consent-declined-then-started-again',
    async run(c) {
      await greet(c);
      await c.say('No');
      c.expectStep('declined');
      await c.say('hello again');
      c.expectStep('consent');
      await c.say('yes');
      c.expectStep('role');
    },
  },
  {
    name: 'fr-consent-declined',
    locale: 'fr-CA',
    async run(c) {
      await greet(c, true);
      await c.say('Non');
      c.expectStep('declined');
      await c.say('recommencer');
      c.expectStep('consent');
    },
  },
  {
    name: 'reprompts-worker',
    async run(c) {
      await greet(c);
      await c.answer(intraCompanyWorker, {
        before: {
          consent: ['maybe'],
          role: ['astronaut', '7'],
          citizenship: ['Atlantis'],
          icMonthsContinuous: ['abc', '-7', '30.5'],
          statusExpiry: ['31/02/2027', '03/04/2027', 'someday'],
          offerNoc: ['123'],
          offerWage: ['lots'],
          offerStartDate: ['soon'],
          languageLevel: ['13'],
          criminalHistory: ['I would rather explain'],
          contactName: ['P'],
          contactEmail: ['priya at example dot com'],
          contactPhone: ['12'],
        },
      });
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'reprompts-employer',
    async run(c) {
      await greet(c);
      await c.answer(employerNewHire, {
        before: {
          employerCompany: ['skip'],
          employerPosition: ['x'.repeat(2100)],
          employerWage: ['-5'],
          employerStartDate: ['soon'],
          employerWorkerCitizenship: ['Narnia'],
        },
      });
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'help-at-every-kind-of-question',
    async run(c) {
      await c.say('help');
      await c.answer(intraCompanyWorker, {
        before: {
          consent: ['help'],
          role: ['help me'],
          icMonthsContinuous: ['aide'],
          offerWage: ['help'],
          offerNoc: ['I need help'],
          criminalHistory: ['help'],
          contactEmail: ['help'],
        },
      });
      await c.say('help');
      c.expectStep('review');
      await c.say('confirm');
    },
  },
  {
    name: 'back-navigation',
    async run(c) {
      await greet(c);
      await c.say('back');
      c.expectStep('consent');
      await c.answer(spouseOfWorker, {
        before: {
          citizenship: ['back', 'Employer', 'back'],
          hasJobOffer: ['go back', 'previous'],
          spouseTeer: ['back'],
          educationLevel: ['back'],
          criminalHistory: ['back'],
          contactEmail: ['back'],
        },
      });
      c.expectStep('review');
      await c.say('back');
      c.expectStep('contactPhone');
      await c.say('back');
      await c.answer(spouseOfWorker);
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'review-changes',
    lead: true,
    async run(c) {
      await greet(c);
      await c.answer(employer);
      await c.say('change');
      await c.say('change the weather');
      await c.say('change email');
      c.expectStep('contactEmail');
      await c.say('dana.whitfield@lionsgaterobotics.example');
      c.expectStep('review');
      await c.say('change 2');
      c.expectStep('employerProvince');
      await c.say('Alberta');
      await c.say(`modifier ${fr.steps.employerWorkerRelation.label}`);
      c.expectStep('employerWorkerRelation');
      await c.say(en.steps.employerWorkerRelation.choices!.newHire!);
      // A new hire opens the benefit question and (a job outside Quebec) the worker's French,
      // asked before returning to the review.
      c.expectStep('employerBenefit');
      await c.say(en.steps.employerBenefit.choices!.knowledgeTransfer!);
      c.expectStep('employerWorkerFrench');
      await c.say('a little');
      c.expectStep('review');
      // "No thanks" to the offer of a call: the phone is skipped, and the firm writes instead.
      await c.say(`change ${en.steps.contactPhone.label}`);
      await c.say('no thanks');
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'worker-changes-job-offer-at-review',
    async run(c) {
      await greet(c);
      await c.answer(intraCompanyWorker);
      await c.say('change job offer');
      c.expectStep('hasJobOffer');
      await c.say('No');
      await c.answer({
        ...spouseOfWorker,
        ...intraCompanyWorker,
        hasJobOffer: false,
        spouseInCanada: false,
        graduatedInCanada: false,
        ownsBusiness: false,
      });
      c.expectStep('review');
      await c.say('change criminal history');
      c.expectStep('criminalHistory');
      await c.say('yes');
      c.expectStep('criminalConviction');
      await c.say('no');
      c.expectStep('impairedDriving');
      await c.say('no');
      c.expectStep('review');
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'restart-cancelled-then-confirmed',
    async run(c) {
      await greet(c);
      await c.answer(intraCompanyWorker, { stopAt: 'statusExpiry' });
      await c.say('restart');
      c.expectStep('confirmRestart');
      await c.say('maybe');
      await c.say('no');
      c.expectStep('statusExpiry');
      await c.say('2027-06-30');
      await c.say('start over');
      await c.say('yes');
      c.expectStep('role');
      await c.answer(employer);
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'fr-restart-at-review',
    locale: 'fr-CA',
    async run(c) {
      await greet(c, true);
      await c.answer(employer, { flow: fr });
      c.expectStep('review');
      await c.say('recommencer');
      c.expectStep('confirmRestart');
      await c.say('oui');
      c.expectStep('role');
      await c.answer(employerNewHire, { flow: fr });
      await c.say('confirmer');
      c.expectStep('submitted');
    },
  },
  {
    name: 'handoff-requested-twice',
    lead: true,
    async run(c) {
      await greet(c);
      await c.answer(spouseOfWorker, {
        before: { role: ['talk to a person'], age: ['agent'], contactEmail: ['speak to a lawyer'] },
      });
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'fr-handoff',
    locale: 'fr-CA',
    async run(c) {
      await greet(c, true);
      await c.answer(employer, { flow: fr, before: { employerNoc: ['parler à une personne'] } });
      await c.say('confirmer');
      c.expectStep('submitted');
    },
  },
  {
    name: 'language-switch-both-ways',
    async run(c) {
      await greet(c);
      await c.answer(intraCompanyWorker, { stopAt: 'citizenship' });
      await c.say('français');
      await c.answer(intraCompanyWorker, { flow: fr, stopAt: 'criminalHistory' });
      await c.say('english');
      await c.answer(intraCompanyWorker);
      await c.say('confirm');
      c.expectStep('submitted');
    },
  },
  {
    name: 'after-submission-and-new-intake',
    async run(c) {
      await greet(c);
      await c.answer(employer);
      await c.say('confirm');
      c.expectStep('submitted');
      await c.say('thanks!');
      c.expectStep('submitted');
      await c.say('restart');
      c.expectStep('consent');
      await c.say('yes');
      await c.say(en.steps.role.choices!.worker!);
      c.expectStep('citizenship');
    },
  },
  {
    name: 'resume-after-rejoining',
    async run(c) {
      await c.session.join();
      await c.answer(spouseOfWorker, { stopAt: 'spouseStatus' });
      await c.session.join();
      c.expectStep('spouseStatus');
      await c.answer(spouseOfWorker, { stopAt: 'educationLevel' });
      await c.session.join();
      await c.answer(spouseOfWorker);
      await c.say('confirm');
    },
  },
  {
    name: 'review-card-buttons',
    async run(c) {
      await greet(c);
      await c.answer(employerNewHire);
      c.expectStep('review');
      await c.session.send({ type: 'message', text: '', value: { text: 'change 3' } });
      c.expectStep('employerCompliance');
      await c.say(en.steps.employerCompliance.choices!.inspectedCompliant!);
      await c.session.send({ type: 'message', value: { text: 'confirm' } });
      c.expectStep('submitted');
    },
  },
];

function contextFor(name: string, session: TranscriptSession): ScenarioContext {
  const context: ScenarioContext = {
    session,
    async say(...texts) {
      for (const text of texts) await session.say(text);
    },
    async answer(answers, options = {}) {
      const flow = options.flow ?? (session.locale === 'fr-CA' ? fr : en);
      const before = new Map(Object.entries(options.before ?? {}));
      for (let guard = 0; guard < 400; guard++) {
        const step = session.step;
        if (!step || step === options.stopAt || !isStepId(step)) return;
        const extra = before.get(step);
        if (extra) {
          before.delete(step);
          for (const text of extra) await session.say(text);
          continue;
        }
        if (!(step in answers))
          throw new Error(`${name}: asked "${step}", which the scenario has no answer for`);
        await session.say(typedAnswer(step, answers[step as StepId], flow));
      }
      throw new Error(`${name}: the conversation keeps asking`);
    },
    expectStep(step) {
      if (session.step !== step) {
        throw new Error(
          `${name}: expected the bot at "${step}", it is at "${session.step}": ${session.lastText.slice(0, 300)}`,
        );
      }
    },
  };
  return context;
}

async function recordScenario(scenario: Scenario, dir: string): Promise<string> {
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-corpus-'));
  try {
    const store = new FileTranscriptStore(storeDir);
    const bot = new InProcessBot({ flows, record: store });
    const session = new TranscriptSession(bot, store, {
      channelId: scenario.channelId ?? 'directline',
      conversationId: `corpus-${scenario.name}`,
      locale: scenario.locale ?? 'en-CA',
      user: { id: 'prospect-1', name: 'Prospect' },
      bot: { id: 'imp-intake-bot', name: 'IMP intake' },
      startAt: new Date('2026-11-25T17:00:00.000Z'),
    });
    await scenario.run(contextFor(scenario.name, session));
    const activities = await session.transcript();
    const file = path.join(dir, `${scenario.name}.transcript`);
    fs.writeFileSync(file, serializeTranscript(activities, 'lines'));
    const leadFile = file.replace(/\.transcript$/, '.lead.json');
    if (scenario.lead) await writeLead(file, leadFile, activities as ActivityJson[]);
    else fs.rmSync(leadFile, { force: true });
    return file;
  } finally {
    fs.rmSync(storeDir, { recursive: true, force: true });
  }
}

/** The lead a replay of the recorded (redacted) conversation produces: what replays compare to. */
async function writeLead(file: string, leadFile: string, activities: ActivityJson[]): Promise<void> {
  const script = scriptOf(file, 'transcript', activities);
  const redaction = new Redaction(flows);
  const run = await new InProcessDriver(new InProcessBot({ flows })).converse(
    script.turns.map((t) => activityToSend(t.user, redaction)),
    { channelId: script.turns[0]!.user.channelId ?? 'replay' },
  );
  if (run.lead === undefined) throw new Error(`${file}: the conversation submitted no lead`);
  fs.writeFileSync(leadFile, `${JSON.stringify(normalizeLead(run.lead), null, 2)}\n`);
}

/**
 * An employer conversation as the Bot Framework Emulator (v4) saves it with "Save transcript":
 * channelId "emulator", a "<uuid>|livechat" conversation, the two conversationUpdates of a new
 * session, client activity ids and capabilities, local timestamps, the bot's trace activities,
 * and no redaction (the Emulator saves what it displayed).
 */
async function recordEmulatorTranscript(dir: string): Promise<string> {
  const bot = new InProcessBot({ flows });
  const conversation = { channelId: 'emulator', id: '5f3c8e90-0b7a-11f1-9a43-3d1c2b6a8e21|livechat' };
  const userAccount = { id: '8b1f4c2e-6d3a-4f5b-9c7e-2a1d0e9f8b7c', name: 'User', role: 'user' };
  const botAccount = { id: '4e9a2d10-0b7a-11f1-9a43-3d1c2b6a8e21', name: 'Bot', role: 'bot' };
  const serviceUrl = 'http://localhost:58214';
  const start = Date.parse('2026-11-24T22:14:03.000Z');
  const out: ActivityJson[] = [];
  let n = 0;
  const stamp = (ms: number) => ({
    timestamp: new Date(ms).toISOString(),
    localTimestamp: new Date(ms - 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '-08:00'),
  });
  const id = () => `${(0x1a2b3c00 + ++n).toString(16)}-ca01-11f1-a495-75f341346f4b`;
  const send = async (activity: ActivityJson, at: number) => {
    const incoming: ActivityJson = {
      ...activity,
      channelId: 'emulator',
      conversation: { id: conversation.id },
      id: id(),
      ...stamp(at),
      recipient: botAccount,
      serviceUrl,
    };
    out.push(incoming);
    const replies = await bot.send(incoming, conversation);
    replies.forEach((reply, i) => {
      const json = JSON.parse(JSON.stringify(reply)) as ActivityJson;
      out.push({
        ...json,
        serviceUrl,
        channelId: 'emulator',
        from: botAccount,
        conversation: { id: conversation.id },
        recipient: { id: userAccount.id, role: 'user' },
        replyToId: incoming.id,
        id: id(),
        ...stamp(at + 40 + i),
      });
    });
    if (activity.type === 'message' && n % 5 === 0) {
      out.push({
        type: 'trace',
        name: 'BotState',
        label: 'Bot State',
        valueType: 'https://www.botframework.com/schemas/botState',
        value: { conversationState: {}, userState: {} },
        channelId: 'emulator',
        conversation: { id: conversation.id },
        from: botAccount,
        recipient: { id: userAccount.id, role: 'user' },
        replyToId: incoming.id,
        id: id(),
        ...stamp(at + 60),
        serviceUrl,
      });
    }
  };
  let at = start;
  await send(
    {
      type: 'conversationUpdate',
      membersAdded: [{ id: botAccount.id, name: 'Bot' }],
      from: { id: userAccount.id, name: 'User' },
      locale: 'en-US',
    },
    at,
  );
  await send(
    {
      type: 'conversationUpdate',
      membersAdded: [{ id: userAccount.id, name: 'User' }],
      from: { id: userAccount.id, name: 'User' },
      locale: 'en-US',
    },
    (at += 50),
  );
  const answers: Answers = {
    ...employer,
    contactName: 'Sam Tremblay',
    contactEmail: 'sam@northshore-robotics.example',
  };
  const typed: string[] = ['yes', en.steps.role.choices!.employer!];
  for (const step of new InProcessBot({ flows }).engine.reviewSteps(answers)) {
    typed.push(typedAnswer(step, answers[step as StepId], en));
  }
  typed.splice(5, 0, 'help');
  typed.push('change 1', 'Northshore Robotics Inc.', 'confirm');
  for (const [i, text] of typed.entries()) {
    await send(
      {
        type: 'message',
        text,
        textFormat: 'plain',
        from: userAccount,
        locale: 'en-US',
        channelData: {
          clientActivityID: `17644224${(43000 + i * 7919).toString().padStart(5, '0')}k2p9x${i}`,
        },
        ...(i === 0
          ? {
              entities: [
                {
                  requiresBotState: true,
                  supportsListening: true,
                  supportsTts: true,
                  type: 'ClientCapabilities',
                },
              ],
            }
          : {}),
      },
      (at += 11_000),
    );
  }
  const file = path.join(dir, 'emulator-employer.transcript');
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  return file;
}

async function main() {
  const filter = process.argv[2];
  fs.mkdirSync(corpusDir, { recursive: true });
  const files: string[] = [];
  for (const scenario of scenarios.filter((s) => !filter || s.name.includes(filter))) {
    files.push(await recordScenario(scenario, corpusDir));
    console.log(`recorded ${path.relative(process.cwd(), files.at(-1)!)}`);
  }
  if (!filter || 'emulator-employer'.includes(filter)) {
    files.push(await recordEmulatorTranscript(corpusDir));
    console.log(`recorded ${path.relative(process.cwd(), files.at(-1)!)}`);
  }
  const report = await replayFiles(
    files,
    new InProcessDriver(new InProcessBot({ flows })),
    new Redaction(flows),
  );
  for (const file of report.files) if (file.status !== 'passed') console.log(formatFileReport(file));
  console.log(`replayed what was recorded: ${report.passed} passed, ${report.failed} failed`);
  if (report.failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
