import {
  employerSections,
  stepCatalogue,
  stepIds,
  workerSections,
  type Answers,
  type RelevanceName,
  type Section,
  type StepId,
} from './steps';

const sameGroupRelations = new Set(['parent', 'subsidiary', 'branch', 'affiliate']);
const frenchTests = new Set(['tefCanada', 'tcfCanada']);

/**
 * The facts that decide whether a question is asked. Each is named for the fact it tests;
 * the machine's guards and the step catalogue refer to them by these names.
 */
export const relevance: Record<RelevanceName, (answers: Answers) => boolean> = {
  isWorker: (a) => a.role === 'worker',
  isEmployer: (a) => a.role === 'employer',
  isInCanada: (a) => a.role === 'worker' && a.inCanada === true,
  hasJobOffer: (a) => a.role === 'worker' && a.hasJobOffer === true,
  hasNoJobOffer: (a) => a.role === 'worker' && a.hasJobOffer === false,
  hasSameGroupEmployer: (a) =>
    relevance.hasJobOffer(a) && a.offerSameGroup !== undefined && sameGroupRelations.has(a.offerSameGroup),
  isAcademicPost: (a) => relevance.hasJobOffer(a) && a.offerPostType === 'academic',
  hasSpouseInCanada: (a) => relevance.hasNoJobOffer(a) && a.spouseInCanada === true,
  spouseIsWorker: (a) => relevance.hasSpouseInCanada(a) && a.spouseStatus === 'worker',
  spouseIsStudent: (a) => relevance.hasSpouseInCanada(a) && a.spouseStatus === 'student',
  // A student with a job offer still needs a post-graduation permit, so they are asked too.
  mayHoldCanadianDegree: (a) =>
    relevance.hasNoJobOffer(a) || (relevance.isInCanada(a) && a.currentStatus === 'student'),
  graduatedInCanada: (a) => relevance.mayHoldCanadianDegree(a) && a.graduatedInCanada === true,
  hasPrApplication: (a) => relevance.isInCanada(a) && a.prApplication === true,
  ownsBusiness: (a) => relevance.hasNoJobOffer(a) && a.ownsBusiness === true,
  tookLanguageTest: (a) => relevance.isWorker(a) && a.languageTest !== undefined && a.languageTest !== 'none',
  tookNoFrenchTest: (a) =>
    relevance.isWorker(a) && a.languageTest !== undefined && !frenchTests.has(a.languageTest),
  hasCanadianWork: (a) => relevance.isWorker(a) && (a.canadianWorkMonths ?? 0) > 0,
  hadImpairedDriving: (a) => relevance.isWorker(a) && a.impairedDriving === true,
  hadRefusalOrOverstay: (a) => relevance.isWorker(a) && (a.previousRefusal === true || a.overstay === true),
  workerIsInSameGroup: (a) => relevance.isEmployer(a) && a.employerWorkerRelation === 'sameGroupEmployee',
  gavePhone: (a) => typeof a.contactPhone === 'string',
};

/** The catalogue shape these functions need; the real one by default, another flow version in tests. */
export type StepTable = Record<string, { section: Section; when?: RelevanceName }>;
const defaultTable: StepTable = stepCatalogue;

export function isRelevant(step: string, answers: Answers, table: StepTable = defaultTable): boolean {
  if (step === 'consent') return true;
  if (answers.consent !== true) return false;
  const when = table[step]?.when;
  return when === undefined ? step === 'role' || answers.role !== undefined : relevance[when](answers);
}

export function relevantSteps(answers: Answers, table: StepTable = defaultTable): StepId[] {
  return (table === defaultTable ? stepIds : (Object.keys(table) as StepId[])).filter((id) =>
    isRelevant(id, answers, table),
  );
}

/** The first relevant step without an answer, or undefined when the intake is complete. */
export function firstUnansweredStep(answers: Answers, table: StepTable = defaultTable): StepId | undefined {
  return relevantSteps(answers, table).find((id) => answers[id] === undefined);
}

/** Only the answers that still matter on the path taken (a changed answer can make others moot). */
export function relevantAnswers(answers: Answers): Answers {
  const kept: Record<string, unknown> = {};
  for (const id of relevantSteps(answers)) {
    if (answers[id] !== undefined) kept[id] = answers[id];
  }
  return kept as Answers;
}

export function sectionsFor(answers: Answers): readonly Section[] {
  if (answers.role === 'employer') return employerSections;
  if (answers.role === 'worker') return workerSections;
  return [];
}

/** "Section 3 of 6": where a step stands among the sections of the prospect's path. */
export function progressOf(
  step: string,
  answers: Answers,
  table: StepTable = defaultTable,
): { index: number; total: number } {
  const list = sectionsFor(answers);
  if (step === 'review') return { index: list.length, total: list.length };
  const section = table[step]?.section ?? 'welcome';
  // The welcome comes before the numbered parts: "part 0 of 0" tells a channel to show no progress.
  if (section === 'welcome') return { index: 0, total: 0 };
  const index = list.indexOf(section);
  return { index: index < 0 ? 0 : index + 1, total: list.length };
}
