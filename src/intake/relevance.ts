import {
  cusmaCitizenships,
  isDegree,
  isEconomicPrProgram,
  isHomeSupportNoc,
  isProfessionalTeer,
  isSameGroupRelation,
  teerOfChoice,
  teerOfNoc,
} from './answer-facts';
import { cusmaProfessionOf } from './cusma-professions';
import { designationOf } from './designated-countries';
import { isIecCountry } from './iec-countries';
import { CEC_MIN_MONTHS, SPOUSE_MIN_MONTHS_LEFT } from './thresholds';
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

/** Whether years of experience can stand in for the profession's degree (a diploma plus years, or years alone). */
function cusmaCredentialUsesExperience(profession: string | undefined): boolean {
  const credential = cusmaProfessionOf(profession)?.credential;
  return (credential?.diplomaPlusYears ?? 0) > 0 || credential?.experienceYears !== undefined;
}

/**
 * The facts that decide whether a question is asked. Each is named for the fact it tests; the
 * machine's guards and the step catalogue refer to them by these names. A question is asked only
 * where its answer can still change a stream, flag, pathway, urgency or staff field: the
 * step-usage test (test/intake/step-usage.test.ts) checks that every question is read.
 */
export const relevance: Record<RelevanceName, (answers: Answers) => boolean> = {
  isWorker: (a) => a.role === 'worker',
  isEmployer: (a) => a.role === 'employer',
  // Age decides International Experience Canada only (youth bands by country).
  isIecPartnerCitizen: (a) =>
    relevance.isWorker(a) && a.citizenship !== undefined && isIecCountry(a.citizenship),
  isCusmaCitizen: (a) =>
    relevance.isWorker(a) && a.citizenship !== undefined && cusmaCitizenships.has(a.citizenship),
  isInCanada: (a) => a.role === 'worker' && a.inCanada === true,
  // Someone in Canada lives in Canada; where a prospect abroad lives matters (medical exam, CUSMA).
  isOutsideCanada: (a) => a.role === 'worker' && a.inCanada === false,
  holdsStatus: (a) => relevance.isInCanada(a) && a.currentStatus !== undefined && a.currentStatus !== 'other',
  isWorkerInCanada: (a) => relevance.isInCanada(a) && a.currentStatus === 'worker',
  // Vulnerable workers (A72) hold a permit tied to one employer (or maintained status on one).
  holdsEmployerSpecificPermit: (a) =>
    relevance.isWorkerInCanada(a) &&
    (a.workPermitType === 'employerSpecific' || a.workPermitType === 'notSure'),
  isStudentInCanada: (a) => relevance.isInCanada(a) && a.currentStatus === 'student',
  // Maintained status (applied before expiry) or restoration: asked of anyone holding a status.
  mayExtendStatus: (a) => relevance.holdsStatus(a),
  // Maintained status lasts only until the decision: whether (and when) the extension was refused.
  filedExtension: (a) => relevance.mayExtendStatus(a) && a.extensionFiled === true,
  hadExtensionRefused: (a) => relevance.filedExtension(a) && a.extensionRefused === true,
  mayAimAtPermanentResidence: (a) =>
    relevance.isWorker(a) && a.goalType !== undefined && a.goalType !== 'temporary',
  mayTargetBc: (a) =>
    relevance.mayAimAtPermanentResidence(a) &&
    (a.goalProvince === undefined || a.goalProvince === 'BC' || a.goalProvince === 'undecided'),
  hasJobOffer: (a) => a.role === 'worker' && a.hasJobOffer === true,
  hasNoJobOffer: (a) => a.role === 'worker' && a.hasJobOffer === false,
  // "This offer is my current job": the bridging case of a worker already employed in Canada.
  // A transfer to a related company is a new job, never the current one.
  worksForOfferEmployerInCanada: (a) =>
    relevance.hasJobOffer(a) && relevance.isWorkerInCanada(a) && !relevance.hasSameGroupEmployer(a),
  keepsCurrentJob: (a) => relevance.worksForOfferEmployerInCanada(a) && a.offerIsCurrentJob === true,
  startsNewJob: (a) => relevance.hasJobOffer(a) && !relevance.keepsCurrentJob(a),
  hasSameGroupEmployer: (a) => relevance.hasJobOffer(a) && isSameGroupRelation(a.offerSameGroup),
  hasProfessionalOffer: (a) => relevance.hasJobOffer(a) && isProfessionalTeer(teerOfNoc(a.offerNoc)),
  isAcademicPost: (a) => relevance.hasJobOffer(a) && a.offerSector === 'academic',
  isSportsPost: (a) => relevance.hasJobOffer(a) && a.offerSector === 'sports',
  // A home-support NOC (4410x) holds caregivers and housekeepers alike: the duties decide the
  // medical exam, unless the job type already says care or health.
  mayHaveCareDuties: (a) =>
    relevance.hasJobOffer(a) &&
    isHomeSupportNoc(a.offerNoc?.noc) &&
    !['health', 'childCare', 'inHomeCare'].includes(a.offerSector ?? ''),
  hasBcOffer: (a) => relevance.hasJobOffer(a) && a.offerProvince === 'BC',
  // BC PNP reads whether the offer is permanent and full-time; no other rule does. Someone who
  // already holds a nomination (or applied for PR as a nominee) is past BC PNP.
  hasBcOfferAimingAtPr: (a) =>
    relevance.hasBcOffer(a) && relevance.mayTargetBc(a) && !relevance.holdsNomination(a),
  // A transfer within the group is T37/T38, not the professionals' list: asked for other offers only.
  isCusmaCitizenWithOffer: (a) =>
    relevance.hasJobOffer(a) && relevance.isCusmaCitizen(a) && !relevance.hasSameGroupEmployer(a),
  cusmaCredentialAllowsExperience: (a) => cusmaCredentialUsesExperience(a.cusmaProfession),
  // The licence matters only where the profession accepts one and no degree was given.
  cusmaProfessionAcceptsLicence: (a) =>
    relevance.isCusmaCitizenWithOffer(a) &&
    cusmaProfessionOf(a.cusmaProfession)?.credential.licence === true &&
    !isDegree(a.educationLevel),
  // Asked without a job offer (C41/C42/A74 open permits), and of a visitor in Canada with one: a
  // family member of a work- or study-permit holder may apply from inside (IRPR s. 199(e), §10).
  mayHaveSpouseInCanada: (a) =>
    relevance.hasNoJobOffer(a) || (relevance.isInCanada(a) && a.currentStatus === 'visitor'),
  hasSpouseInCanada: (a) => relevance.mayHaveSpouseInCanada(a) && a.spouseInCanada === true,
  spouseIsWorker: (a) => relevance.hasSpouseInCanada(a) && a.spouseStatus === 'worker',
  spouseIsHighSkilled: (a) => relevance.spouseIsWorker(a) && isProfessionalTeer(teerOfChoice(a.spouseTeer)),
  // The Jan 21, 2025 limits (TEER 0/1, 16 months left) would fail C41.
  spouseFailsC41Limits: (a) =>
    relevance.spouseIsWorker(a) &&
    a.spouseTeer !== undefined &&
    a.spouseMonthsLeft !== undefined &&
    !(relevance.spouseIsHighSkilled(a) && a.spouseMonthsLeft >= SPOUSE_MIN_MONTHS_LEFT),
  // Family of PR-bound principals have their own codes: asked only when the 2025 limits would fail.
  spouseMayBePrBound: (a) => relevance.spouseFailsC41Limits(a),
  spouseIsStudent: (a) => relevance.hasSpouseInCanada(a) && a.spouseStatus === 'student',
  spouseIsCitizenOrPr: (a) => relevance.hasSpouseInCanada(a) && a.spouseStatus === 'citizenOrPr',
  spouseSponsorshipFiled: (a) => relevance.spouseIsCitizenOrPr(a) && a.spouseSponsorship === true,
  // A student with a job offer still needs a post-graduation permit, so they are asked too.
  mayHoldCanadianDegree: (a) => relevance.hasNoJobOffer(a) || relevance.isStudentInCanada(a),
  graduatedInCanada: (a) => relevance.mayHoldCanadianDegree(a) && a.graduatedInCanada === true,
  wasStudentInCanada: (a) => relevance.isStudentInCanada(a) || relevance.graduatedInCanada(a),
  // The field-of-study list applies to programs other than bachelor's, master's and doctorates.
  isNonDegreeGraduate: (a) =>
    relevance.graduatedInCanada(a) && a.programCredential !== undefined && !isDegree(a.programCredential),
  isNonDegreeGraduateUnderNewRules: (a) =>
    relevance.isNonDegreeGraduate(a) && a.studyPermitAfterNov2024 === true,
  mayHaveProvincialOrPrFile: (a) => relevance.mayAimAtPermanentResidence(a) || relevance.isInCanada(a),
  isProvincialNominee: (a) => relevance.mayHaveProvincialOrPrFile(a) && a.prStatus === 'nominated',
  hasPrApplication: (a) => relevance.mayHaveProvincialOrPrFile(a) && a.prStatus === 'prApplied',
  // Nominated, or applied for PR as a nominee: whether the nomination ties them to an employer
  // decides T13's offer and the bridging permit.
  holdsNomination: (a) =>
    relevance.isProvincialNominee(a) || (relevance.hasPrApplication(a) && a.prProgram === 'pnp'),
  hasPrApplicationInCanada: (a) => relevance.hasPrApplication(a) && relevance.isInCanada(a),
  ownsBusiness: (a) => relevance.hasNoJobOffer(a) && a.ownsBusiness === true,
  // Years of experience: significant benefit (TEER 0/1 offer), FSW and BC PNP (permanent goal), CUSMA.
  mayCountExperience: (a) =>
    relevance.mayAimAtPermanentResidence(a) ||
    relevance.hasProfessionalOffer(a) ||
    (relevance.isCusmaCitizenWithOffer(a) && relevance.cusmaCredentialAllowsExperience(a)),
  // Canadian work counts for CEC: asked of people in Canada, Canadian graduates and PR seekers.
  mayHaveCanadianWork: (a) =>
    relevance.isInCanada(a) || relevance.graduatedInCanada(a) || relevance.mayAimAtPermanentResidence(a),
  hasCanadianWork: (a) => relevance.mayHaveCanadianWork(a) && (a.canadianWorkMonths ?? 0) > 0,
  // Below a year, CEC is a route to build toward: its TEER, self-employment and study tests wait.
  hasCanadianWorkForCec: (a) => relevance.hasCanadianWork(a) && (a.canadianWorkMonths ?? 0) >= CEC_MIN_MONTHS,
  // With an economic PR application already filed (CEC, FSW, FST, PNP), CEC is not weighed as a
  // route of its own: the work's TEER, self-employment and study are the filed file's, for the lawyer.
  hasFiledEconomicPrApplication: (a) => relevance.hasPrApplication(a) && isEconomicPrProgram(a.prProgram),
  weighsCecRoute: (a) => relevance.hasCanadianWorkForCec(a) && !relevance.hasFiledEconomicPrApplication(a),
  // Work as a full-time student does not count for CEC: asked of students and Canadian graduates.
  hasCanadianWorkAsStudent: (a) => relevance.weighsCecRoute(a) && relevance.wasStudentInCanada(a),
  // Francophone Mobility needs a job offer outside Quebec and French.
  mayUseFrench: (a) => relevance.hasJobOffer(a) && a.offerProvince !== 'QC',
  // English or French results decide PGWP, CEC, FSW and BC PNP; for a temporary job offer only
  // French matters (Francophone Mobility), so the test is asked of those who speak French well.
  mayNeedLanguageTest: (a) =>
    relevance.mayAimAtPermanentResidence(a) ||
    relevance.graduatedInCanada(a) ||
    relevance.hasCanadianWork(a) ||
    (relevance.mayUseFrench(a) && (a.frenchAbility === 'intermediate' || a.frenchAbility === 'advanced')),
  tookLanguageTest: (a) =>
    relevance.mayNeedLanguageTest(a) && a.languageTest !== undefined && a.languageTest !== 'none',
  hasCriminalHistory: (a) => relevance.isWorker(a) && a.criminalHistory === true,
  hadImpairedDriving: (a) => relevance.hasCriminalHistory(a) && a.impairedDriving === true,
  hasServiceOrAffiliation: (a) => relevance.isWorker(a) && a.serviceOrAffiliation === true,
  hadMilitaryService: (a) => relevance.hasServiceOrAffiliation(a) && a.militaryService === true,
  workedForIntelligenceService: (a) => relevance.hadMilitaryService(a) && a.intelligenceService === true,
  // Living in a country that may be designated already calls for the medical-exam check.
  mayHaveOtherDesignatedStay: (a) =>
    relevance.isWorker(a) &&
    !(
      a.inCanada === false &&
      a.residenceCountry !== undefined &&
      designationOf(a.residenceCountry) === 'mayBeDesignated'
    ),
  stayedInAnotherCountry: (a) => relevance.mayHaveOtherDesignatedStay(a) && a.designatedCountryStay === true,
  // One screener for refusals and overstays anywhere; which of them, where and when only after a yes.
  hasImmigrationHistory: (a) => relevance.isWorker(a) && a.immigrationHistory === true,
  hadRefusal: (a) => relevance.hasImmigrationHistory(a) && a.previousRefusal === true,
  // A refusal and the Canadian applications around it: disclosure for the lawyer (§10). Someone in
  // Canada has applied to come before: only the kind and year of it are asked. (Not read from the
  // refusal's country, which a redacted replay cannot reproduce.)
  isOutsideCanadaWithRefusal: (a) => relevance.hadRefusal(a) && relevance.isOutsideCanada(a),
  appliedToCanadaBefore: (a) =>
    relevance.isInCanada(a)
      ? relevance.hadRefusal(a)
      : relevance.isOutsideCanadaWithRefusal(a) && a.appliedToCanada === true,
  // Removal orders are not refusals: which order decides the Authorization to Return (§10).
  hadRemovalOrder: (a) => relevance.hasImmigrationHistory(a) && a.removalOrder === true,
  hadDepartureOrder: (a) => relevance.hadRemovalOrder(a) && a.removalOrderType === 'departure',
  hadOverstay: (a) => relevance.hasImmigrationHistory(a) && a.overstay === true,
  workerIsInSameGroup: (a) =>
    relevance.isEmployer(a) &&
    (a.employerWorkerRelation === 'sameGroupEmployee' || a.employerWorkerRelation === 'sameGroupNewOffice'),
  workerIsNewHire: (a) => relevance.isEmployer(a) && !relevance.workerIsInSameGroup(a),
  // Francophone Mobility (C16) needs a job outside Quebec; a transfer within the group is screened as one.
  employerMayUseFrench: (a) => relevance.workerIsNewHire(a) && a.employerProvince !== 'QC',
  // Education, social and community jobs (NOC category 4, home support included) or no NOC at all.
  employerJobTypeUnclear: (a) =>
    relevance.isEmployer(a) && a.employerNoc !== undefined && !/^[0-35-9]/.test(a.employerNoc.noc ?? '4'),
  // As for a worker's offer: a transfer within the group is T37/T38, not the professionals' list
  // (T36 stays possible on the lead, its list to confirm); asked for other hires only.
  employerHiresCusmaCitizen: (a) =>
    relevance.workerIsNewHire(a) &&
    a.employerWorkerCitizenship !== undefined &&
    cusmaCitizenships.has(a.employerWorkerCitizenship),
  employerCusmaProfessionAcceptsLicence: (a) =>
    relevance.employerHiresCusmaCitizen(a) &&
    cusmaProfessionOf(a.employerCusmaProfession)?.credential.licence === true,
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
