import { createIntakeMachine, positionOf } from '../../src/intake/machine';
import { stepCatalogue, type Answers } from '../../src/intake/steps';
import { relevantSteps } from '../../src/intake/relevance';
import { intraCompanyWorker, spouseOfWorker, employer } from '../support/answers';
import { answerUntilReview, currentStep, startMachine } from '../support/drive';
import { inCanadaAsWorker, worker, workerWithOffer } from '../screening/fixtures';

const intraCompanySteps = ['icMonthsContinuous', 'icRoleLevel'];

describe('the intake machine', () => {
  it('starts by asking for consent', () => {
    expect(currentStep(startMachine())).toBe('consent');
  });

  it('ends politely without storing anything when consent is declined', () => {
    const actor = startMachine();
    actor.send({ type: 'ANSWER', step: 'consent', value: false });
    expect(positionOf(actor.getSnapshot()).kind).toBe('declined');
    expect(actor.getSnapshot().context.answers).toEqual({ consent: false });
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('walks a worker with a same-group offer through every worker section, intra-company questions included', () => {
    const actor = startMachine();
    const asked = answerUntilReview(actor, intraCompanyWorker);
    expect(currentStep(actor)).toBe('review');
    expect(asked).toEqual(expect.arrayContaining(intraCompanySteps));
    expect(asked).toEqual(relevantSteps(intraCompanyWorker));
    const sections = [...new Set(asked.map((s) => stepCatalogue[s as keyof typeof stepCatalogue].section))];
    expect(sections).toEqual([
      'welcome',
      'situation',
      'goals',
      'jobOffer',
      'qualifications',
      'admissibility',
      'contact',
    ]);
  });

  it('asks no intra-company question when the new employer is not in the same group', () => {
    const actor = startMachine();
    const asked = answerUntilReview(actor, { ...intraCompanyWorker, offerSameGroup: 'no' });
    for (const step of intraCompanySteps) expect(asked).not.toContain(step);
  });

  it('asks a worker without an offer about a spouse in Canada, graduation, and a business instead of the offer', () => {
    const asked = answerUntilReview(startMachine(), spouseOfWorker);
    expect(asked).toEqual(
      expect.arrayContaining([
        'spouseInCanada',
        'spouseTeer',
        'spouseMonthsLeft',
        'graduatedInCanada',
        'ownsBusiness',
      ]),
    );
    expect(asked).not.toContain('offerJobTitle');
    expect(asked).not.toContain('spouseProgram');
    expect(asked).not.toContain('statusExpiry');
    expect(asked).not.toContain('languageLevel');
  });

  it('asks a visitor in Canada with a job offer about a spouse in Canada (IRPR s. 199(e), §10), not a worker with one', () => {
    const visitor = workerWithOffer({
      inCanada: true,
      currentStatus: 'visitor',
      statusExpiry: '2027-04-01',
      extensionFiled: false,
      prStatus: 'none',
      spouseInCanada: true,
      spouseStatus: 'worker',
      spouseTeer: '1',
      spouseMonthsLeft: 20,
    });
    expect(answerUntilReview(startMachine(), visitor)).toEqual(
      expect.arrayContaining(['spouseInCanada', 'spouseStatus', 'spouseTeer']),
    );
    const {
      spouseInCanada: _s,
      spouseStatus: _t,
      spouseTeer: _u,
      spouseMonthsLeft: _v,
      ...holder
    } = {
      ...visitor,
      ...inCanadaAsWorker,
      offerIsCurrentJob: true,
    };
    expect(relevantSteps(holder)).not.toContain('spouseInCanada');
  });

  it('weighs CEC (work TEER, self-employment) only without an economic PR application already filed', () => {
    const inCanada = worker({
      ...inCanadaAsWorker,
      goalType: 'permanent',
      canadianWorkMonths: 30,
      prStatus: 'none',
    });
    expect(relevantSteps(inCanada)).toEqual(expect.arrayContaining(['canadianWorkTeer', 'selfEmployed']));
    for (const prProgram of ['cec', 'pnp'] as const) {
      const filed: Answers = { ...inCanada, prStatus: 'prApplied', prProgram, prAor: true };
      expect(relevantSteps(filed)).not.toContain('canadianWorkTeer');
      expect(relevantSteps(filed)).not.toContain('selfEmployed');
    }
    const family: Answers = { ...inCanada, prStatus: 'prApplied', prProgram: 'family', prAor: true };
    expect(relevantSteps(family)).toContain('canadianWorkTeer');
  });

  it('asks the program of a spouse who studies, not their TEER', () => {
    const answers: Answers = { ...spouseOfWorker, spouseStatus: 'student', spouseProgram: 'masters16' };
    const asked = answerUntilReview(startMachine(), answers);
    expect(asked).toContain('spouseProgram');
    expect(asked).not.toContain('spouseTeer');
  });

  it('asks whether impaired driving was on or after 18 December 2018 only after a yes', () => {
    const asked = answerUntilReview(startMachine(), {
      ...spouseOfWorker,
      criminalHistory: true,
      criminalConviction: true,
      impairedDriving: true,
      impairedDrivingSince2018: true,
    });
    expect(asked).toContain('impairedDrivingSince2018');
    expect(answerUntilReview(startMachine(), spouseOfWorker)).not.toContain('impairedDrivingSince2018');
  });

  it('asks which country and year only after a refusal, and never whether it was declared', () => {
    const clean = answerUntilReview(startMachine(), spouseOfWorker);
    expect(clean).not.toContain('refusalCountry');
    const asked = answerUntilReview(startMachine(), {
      ...spouseOfWorker,
      immigrationHistory: true,
      previousRefusal: true,
      refusalCountry: 'US',
      refusalYear: 2020,
      appliedToCanada: false,
      overstay: false,
      removalOrder: false,
    });
    expect(asked.slice(asked.indexOf('immigrationHistory'), asked.indexOf('immigrationHistory') + 7)).toEqual(
      [
        'immigrationHistory',
        'previousRefusal',
        'refusalCountry',
        'refusalYear',
        'appliedToCanada',
        'overstay',
        'removalOrder',
      ],
    );
    expect(asked).not.toContain('refusalDeclared');
  });

  it('asks the service follow-ups only after a yes to the one screener', () => {
    expect(answerUntilReview(startMachine(), spouseOfWorker)).not.toContain('militaryService');
    const asked = answerUntilReview(startMachine(), {
      ...spouseOfWorker,
      serviceOrAffiliation: true,
      militaryService: true,
      intelligenceService: false,
      governmentPosition: false,
      violentGroups: false,
      organizedCrime: false,
      illTreatment: false,
    });
    expect(asked).toEqual(
      expect.arrayContaining([
        'militaryService',
        'intelligenceService',
        'governmentPosition',
        'illTreatment',
      ]),
    );
    expect(asked).not.toContain('intelligenceCountry');
  });

  it('takes an employer through company, position and worker sections, with group questions for a transfer', () => {
    const asked = answerUntilReview(startMachine(), employer);
    expect(asked).toContain('employerWorkerMonths');
    expect(asked.some((s) => s === 'citizenship' || s === 'criminalHistory')).toBe(false);
    const newHire = answerUntilReview(startMachine(), { ...employer, employerWorkerRelation: 'newHire' });
    expect(newHire).not.toContain('employerWorkerMonths');
  });

  it("asks an employer the CUSMA list for a US new hire, not for a transfer within the group (as for a worker's offer)", () => {
    const american: Answers = { ...employer, employerWorkerCitizenship: 'US', employerWorkerCountry: 'US' };
    expect(relevantSteps(american)).not.toContain('employerCusmaProfession');
    expect(relevantSteps({ ...american, employerWorkerRelation: 'newHire' })).toContain(
      'employerCusmaProfession',
    );
  });

  it("asks an employer the worker's French for a new hire outside Quebec only (Francophone Mobility)", () => {
    const newHire: Answers = { ...employer, employerWorkerRelation: 'newHire', employerProvince: 'BC' };
    expect(relevantSteps(newHire)).toContain('employerWorkerFrench');
    expect(relevantSteps({ ...newHire, employerProvince: 'QC' })).not.toContain('employerWorkerFrench');
    expect(relevantSteps({ ...newHire, employerWorkerRelation: 'sameGroupEmployee' })).not.toContain(
      'employerWorkerFrench',
    );
  });

  describe('back', () => {
    it('goes back over skipped questions to the last one asked', () => {
      const actor = startMachine();
      for (const [step, value] of [
        ['consent', true],
        ['role', 'worker'],
        ['citizenship', 'FR'],
        ['age', 25],
        ['inCanada', true],
        ['currentStatus', 'worker'],
        ['workPermitType', 'open'],
        ['statusExpiry', '2027-06-30'],
        ['extensionFiled', false],
        ['goalType', 'temporary'],
      ] as const) {
        actor.send({ type: 'ANSWER', step, value });
      }
      // goalProvince (not for a temporary goal) and residenceCountry (in Canada) were skipped.
      expect(currentStep(actor)).toBe('familyComing');
      actor.send({ type: 'BACK' });
      expect(currentStep(actor)).toBe('goalType');
      actor.send({ type: 'BACK' });
      expect(currentStep(actor)).toBe('extensionFiled');
    });

    it('after going back and answering again, continues at the first question not yet answered', () => {
      const actor = startMachine();
      for (const [step, value] of [
        ['consent', true],
        ['role', 'worker'],
        ['citizenship', 'FR'],
        ['age', 25],
      ] as const) {
        actor.send({ type: 'ANSWER', step, value });
      }
      actor.send({ type: 'BACK' });
      actor.send({ type: 'BACK' });
      expect(currentStep(actor)).toBe('citizenship');
      actor.send({ type: 'ANSWER', step: 'citizenship', value: 'BE' });
      // Age is already answered: the next question not yet answered is whether they are in Canada.
      expect(currentStep(actor)).toBe('inCanada');
      expect(actor.getSnapshot().context.answers.citizenship).toBe('BE');
    });

    it('stays on the first question', () => {
      const actor = startMachine();
      actor.send({ type: 'BACK' });
      expect(currentStep(actor)).toBe('consent');
    });
  });

  describe('restart', () => {
    it('asks for confirmation, then forgets every answer but the consent', () => {
      const actor = startMachine();
      answerUntilReview(actor, employer);
      actor.send({ type: 'RESTART' });
      expect(currentStep(actor)).toBe('confirmRestart');
      actor.send({ type: 'CONFIRM_RESTART' });
      expect(currentStep(actor)).toBe('role');
      expect(actor.getSnapshot().context.answers).toEqual({ consent: true });
    });

    it('returns to the same question, answers intact, when cancelled', () => {
      const actor = startMachine();
      for (const [step, value] of [
        ['consent', true],
        ['role', 'employer'],
        ['employerCompany', 'Acme'],
      ] as const) {
        actor.send({ type: 'ANSWER', step, value });
      }
      actor.send({ type: 'RESTART' });
      actor.send({ type: 'CANCEL_RESTART' });
      expect(currentStep(actor)).toBe('employerProvince');
      expect(actor.getSnapshot().context.answers.employerCompany).toBe('Acme');
    });
  });

  describe('changing an answer from the review', () => {
    it('asks that question again and comes back to the review', () => {
      const actor = startMachine();
      answerUntilReview(actor, employer);
      actor.send({ type: 'CHANGE', step: 'contactEmail' });
      expect(currentStep(actor)).toBe('contactEmail');
      actor.send({ type: 'ANSWER', step: 'contactEmail', value: 'new@example.com' });
      expect(currentStep(actor)).toBe('review');
      expect(actor.getSnapshot().context.answers.contactEmail).toBe('new@example.com');
    });

    it('asks the questions a changed answer newly opens before returning to the review', () => {
      const actor = startMachine();
      answerUntilReview(actor, { ...intraCompanyWorker, offerSameGroup: 'no' });
      actor.send({ type: 'CHANGE', step: 'offerSameGroup' });
      actor.send({ type: 'ANSWER', step: 'offerSameGroup', value: 'branch' });
      expect(currentStep(actor)).toBe('icMonthsContinuous');
      actor.send({ type: 'ANSWER', step: 'icMonthsContinuous', value: 18 });
      actor.send({ type: 'ANSWER', step: 'icRoleLevel', value: 'executive' });
      actor.send({ type: 'ANSWER', step: 'icNewEntity', value: false });
      actor.send({ type: 'ANSWER', step: 'icRevenueCountries', value: true });
      expect(currentStep(actor)).toBe('review');
    });
  });

  it('goes to the contact questions when a person is asked for before a way to reach the prospect', () => {
    const actor = startMachine();
    actor.send({ type: 'ANSWER', step: 'consent', value: true });
    actor.send({ type: 'HANDOFF' });
    expect(currentStep(actor)).toBe('contactName');
    expect(actor.getSnapshot().context).toMatchObject({
      handoffRequested: false,
      handoffAwaitsContact: true,
    });
    actor.send({ type: 'ANSWER', step: 'contactName', value: 'Pat Doe' });
    actor.send({ type: 'ANSWER', step: 'contactEmail', value: 'pat@example.com' });
    actor.send({ type: 'HANDOFF' });
    actor.send({ type: 'RESUME' });
    expect(currentStep(actor)).toBe('role');
    expect(actor.getSnapshot().context).toMatchObject({
      handoffRequested: true,
      handoffAwaitsContact: false,
    });
  });

  it('records a request to talk to a person without moving once the prospect can be reached', () => {
    const actor = startMachine();
    actor.send({ type: 'ANSWER', step: 'consent', value: true });
    actor.send({ type: 'HANDOFF' });
    actor.send({ type: 'ANSWER', step: 'contactName', value: 'Pat Doe' });
    actor.send({ type: 'ANSWER', step: 'contactEmail', value: 'pat@example.com' });
    actor.send({ type: 'HANDOFF' });
    actor.send({ type: 'RESUME' });
    actor.send({ type: 'HANDOFF' });
    expect(currentStep(actor)).toBe('role');
    expect(actor.getSnapshot().context.handoffRequested).toBe(true);
  });

  it('records a request to talk to a person before consent without asking anything', () => {
    const actor = startMachine();
    actor.send({ type: 'HANDOFF' });
    expect(currentStep(actor)).toBe('consent');
    expect(actor.getSnapshot().context.handoffRequested).toBe(true);
  });

  it('switches language and keeps the answers', () => {
    const actor = startMachine();
    actor.send({ type: 'ANSWER', step: 'consent', value: true });
    actor.send({ type: 'SET_LOCALE', locale: 'fr-CA' });
    expect(actor.getSnapshot().context).toMatchObject({ locale: 'fr-CA', answers: { consent: true } });
  });

  it('submits from the review with the reference it is given', () => {
    const actor = startMachine();
    answerUntilReview(actor, employer);
    actor.send({
      type: 'SUBMIT',
      leadId: 'lead-1',
      reference: 'IMP-2026-AAAA-BBBB',
      submittedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(positionOf(actor.getSnapshot()).kind).toBe('submitted');
    expect(actor.getSnapshot().context.submission?.reference).toBe('IMP-2026-AAAA-BBBB');
  });

  it('is generated from the catalogue it is given', () => {
    const { age: _age, ...withoutAge } = stepCatalogue;
    const machine = createIntakeMachine(withoutAge);
    const actor = startMachine(machine);
    const { age: _ignored, ...answers } = intraCompanyWorker;
    expect(answerUntilReview(actor, answers)).not.toContain('age');
  });
});

/**
 * The engine runs every conversation's transitions in one shared inert actor scope (see
 * `inertScope` in src/intake/snapshots.ts), which drops executed actions and spawns nothing:
 * right only while the machine's every action is an `assign` and it invokes no actor.
 */
describe('what the shared actor scope relies on', () => {
  const machine = createIntakeMachine(stepCatalogue);
  type Node = typeof machine.root;
  const nodes: Node[] = [];
  const visit = (node: Node) => {
    nodes.push(node);
    for (const child of Object.values(node.states)) visit(child as Node);
  };
  visit(machine.root);

  it('uses only assign actions, named ones', () => {
    const named = machine.implementations.actions as Record<string, { type?: string }>;
    const used: unknown[] = [];
    for (const node of nodes) {
      used.push(...node.entry, ...node.exit);
      for (const transitions of node.transitions.values())
        for (const transition of transitions) used.push(...transition.actions);
      for (const transition of node.always ?? []) used.push(...transition.actions);
    }
    expect(used.length).toBeGreaterThan(0);
    for (const action of used) {
      expect(typeof action).toBe('string');
      expect(named[action as string]?.type).toBe('xstate.assign');
    }
  });

  it('invokes no actor', () => {
    expect(nodes.flatMap((node) => node.invoke)).toEqual([]);
  });
});
