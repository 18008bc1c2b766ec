import { cusmaProfessionOf } from '../intake/cusma-professions';
import type { Answers } from '../intake/steps';
import { returnAuthorizationOf } from './admissibility';
import { isSeriousFlag } from './blockers';
import { englishCountryName } from './countries';
import { deriveFacts, languageTestNames, scaleOf, teerOfNoc } from './facts';
import { insideCanadaApplication, statusSituation } from './status';
import {
  complianceLabels,
  count,
  educationLabels,
  languageResultText,
  moneyText,
  provinceNames,
  sectorLabels,
  statusLabels,
  workerRelationLabels,
} from './labels';
import type { AdmissibilityGround, LeadWithoutSummary, Pathway, Stream, Summary } from './lead-schema';
import { ref } from './reference';
import { describeSource } from './source';
import { roleLevelLabels } from './streams/ict';
import { openPermitCodes, streamTitle } from './streams/index';
import { workPermitTypeLabels } from './streams/vulnerable-worker';

/**
 * The staff summary: one screen of plain English, whatever the prospect's language. It is built
 * once as blocks and rendered twice, as text and as HTML in which every string is escaped.
 * Admissibility shows only the flags (ground and note), never the prospect's own words.
 */

interface Item {
  text: string;
  details: string[];
}

type Block =
  | { kind: 'title'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'line'; label: string; text: string }
  | { kind: 'list'; title: string; items: Item[] };

const groundLabels: Record<AdmissibilityGround, string> = {
  security: 'Security',
  'human-rights': 'Human or international rights',
  criminality: 'Criminality',
  'organized-criminality': 'Organized criminality',
  health: 'Health',
  'medical-exam': 'Medical exam',
  misrepresentation: 'Misrepresentation',
  'previous-refusal': 'Previous refusal',
  'non-compliance': 'Non-compliance',
  'removal-order': 'Removal order',
};

/** Streams that give an open permit: no Employer Portal offer is needed for them. */

const DISCLAIMER = 'Automated first triage, not legal advice: a lawyer confirms every point before advising.';

function joined(parts: (string | null | undefined | false)[], separator = ', '): string {
  return parts.filter((part): part is string => typeof part === 'string' && part.length > 0).join(separator);
}

function languageText(a: Answers): string | undefined {
  const test = a.languageTest;
  if (test === undefined) return undefined;
  if (test === 'none') return 'no language test';
  if (test === 'otherTest') return 'a test IRCC does not accept';
  return joined(
    [languageTestNames[test], languageResultText(a.languageLevel, scaleOf(test)), a.languageTestDate],
    ' ',
  );
}

function nocText(noc: Answers['offerNoc']): string | undefined {
  const teer = teerOfNoc(noc);
  if (noc?.noc) return `NOC ${noc.noc} (TEER ${teer})`;
  return teer === undefined ? 'NOC unknown' : `TEER ${teer}`;
}

const goalLabels: Record<NonNullable<Answers['goalType']>, string> = {
  temporary: 'temporary work',
  permanent: 'permanent residence',
  notSure: 'not sure yet (temporary or permanent)',
};

const prStatusLabels: Record<NonNullable<Answers['prStatus']>, string> = {
  none: 'no PR or PNP application',
  pnpApplied: 'applied to a provincial nominee program',
  nominated: 'holds a provincial nomination',
  prApplied: 'applied for permanent residence',
};

function workerBlocks(a: Answers): Block[] {
  const who = joined([
    a.citizenship && `citizen of ${englishCountryName(a.citizenship)}`,
    a.residenceCountry && `lives in ${englishCountryName(a.residenceCountry)}`,
    a.age !== undefined && `age ${a.age}`,
    a.inCanada === true &&
      joined(
        [
          `in Canada as ${a.currentStatus ? statusLabels[a.currentStatus] : 'status not given'}`,
          a.workPermitType && `(${workPermitTypeLabels[a.workPermitType]})`,
          a.statusExpiry && `until ${a.statusExpiry}`,
          a.extensionFiled === true &&
            (a.extensionRefused === true
              ? `(extension refused${a.extensionRefusalDate ? ` on ${a.extensionRefusalDate}` : ''})`
              : a.extensionRefused === false
                ? '(extension applied for, not yet decided)'
                : '(extension applied for)'),
          a.extensionFiled === false && '(no extension applied for)',
        ],
        ' ',
      ),
    a.inCanada === false && 'outside Canada',
  ]);
  const background = joined([
    a.educationLevel && educationLabels[a.educationLevel],
    a.yearsExperience !== undefined && `${count(a.yearsExperience, 'year')} of experience`,
    a.canadianWorkMonths !== undefined &&
      a.canadianWorkMonths > 0 &&
      joined(
        [
          `${count(a.canadianWorkMonths, 'month')} of Canadian work`,
          a.canadianWorkTeer && a.canadianWorkTeer !== 'unknown' && `(TEER ${a.canadianWorkTeer})`,
          a.selfEmployed === true && 'partly self-employed',
        ],
        ' ',
      ),
    languageText(a),
    a.frenchAbility && a.frenchAbility !== 'none' && `French: ${a.frenchAbility} (self-assessed)`,
  ]);
  const blocks: Block[] = [{ kind: 'line', label: 'Who', text: who || 'not given' }];
  if (background) blocks.push({ kind: 'line', label: 'Background', text: background });
  if (a.hasJobOffer === true) {
    const profession = a.cusmaProfession && cusmaProfessionOf(a.cusmaProfession);
    const offer = joined([
      a.offerJobTitle,
      a.offerProvince && provinceNames[a.offerProvince],
      nocText(a.offerNoc),
      a.offerSector && a.offerSector !== 'other' && sectorLabels[a.offerSector],
      a.sportsTeam && `team: ${a.sportsTeam}`,
      profession && `CUSMA profession: ${profession.title}`,
      a.offerWage && moneyText(a.offerWage),
      a.offerIsCurrentJob === true
        ? 'the current job in Canada'
        : a.offerStartDate && `starts ${a.offerStartDate}`,
      a.offerTerms &&
        {
          permanentFullTime: 'permanent full-time',
          fixedTermFullTime: 'fixed-term full-time',
          partTime: 'part-time',
        }[a.offerTerms],
    ]);
    blocks.push({ kind: 'line', label: 'Job offer', text: offer || 'details not given' });
  } else if (a.hasJobOffer === false) {
    blocks.push({ kind: 'line', label: 'Job offer', text: 'none' });
  }
  const goals = joined([
    a.goalType && goalLabels[a.goalType],
    a.goalProvince && a.goalProvince !== 'undecided' && `in ${provinceNames[a.goalProvince]}`,
    a.prStatus && a.prStatus !== 'none' && prStatusLabels[a.prStatus],
    a.nominationProvince && `nominated by ${provinceNames[a.nominationProvince]}`,
    a.familyComing === true && 'family would come',
  ]);
  if (goals) blocks.push({ kind: 'line', label: 'Goal', text: goals });
  return blocks;
}

function employerBlocks(a: Answers): Block[] {
  const company = joined([
    a.employerCompany,
    a.employerProvince && provinceNames[a.employerProvince],
    // not asked in the chat: the firm collects it when it files the job offer
    'business number: to ask',
    a.employerCompliance && complianceLabels[a.employerCompliance],
  ]);
  const profession = a.employerCusmaProfession && cusmaProfessionOf(a.employerCusmaProfession);
  const position = joined([
    a.employerPosition,
    nocText(a.employerNoc),
    a.employerWage && moneyText(a.employerWage),
    a.employerStartDate && `starts ${a.employerStartDate}`,
  ]);
  const worker = joined([
    a.employerWorkerCitizenship && `citizen of ${englishCountryName(a.employerWorkerCitizenship)}`,
    a.employerWorkerCountry && `lives in ${englishCountryName(a.employerWorkerCountry)}`,
    a.employerWorkerRelation && workerRelationLabels[a.employerWorkerRelation],
    a.employerWorkerMonths !== undefined && `${count(a.employerWorkerMonths, 'month')} with the group`,
    a.employerWorkerLevel && roleLevelLabels[a.employerWorkerLevel],
    a.employerRevenueCountries === true && 'group earns revenue in 2+ countries',
    a.employerRevenueCountries === false && 'group does not earn revenue in 2+ countries',
    profession && `CUSMA profession: ${profession.title}`,
    a.employerWorkerFrench &&
      (a.employerWorkerFrench === 'notSure'
        ? 'French: employer not sure'
        : `French: ${a.employerWorkerFrench} (employer's assessment)`),
  ]);
  return [
    { kind: 'line', label: 'Company', text: company || 'not given' },
    { kind: 'line', label: 'Position', text: position || 'not given' },
    { kind: 'line', label: 'Worker', text: worker || 'not given' },
  ];
}

/** "§2 Main IMP streams; §7 Changes…" → "§2, §7": the summary names sections, the lead's JSON has them in full. */
function sectionsOf(reference: string): string {
  return reference.match(/§\d+/g)?.join(', ') ?? reference;
}

const toConfirmPattern = /to confirm/;

/** Why it fits, the facts still to collect, and the points of law staff confirm — kept apart. */
function detailsOf(entry: Pick<Stream, 'reasons' | 'missing' | 'fit'>): string[] {
  const details: string[] = [];
  const facts = entry.missing.filter((item) => !toConfirmPattern.test(item));
  const law = entry.missing.filter((item) => toConfirmPattern.test(item));
  if (entry.reasons.length > 0) details.push(`Why: ${entry.reasons.join('; ')}`);
  // A likely fit has no fact missing (any would make it possible): what is left are checks.
  if (facts.length > 0)
    details.push(`${entry.fit === 'likely' ? 'To check' : 'Missing facts'}: ${facts.join('; ')}`);
  if (law.length > 0) details.push(`To confirm (law): ${law.join('; ')}`);
  return details;
}

/** Only the requirements the answers fail; older leads without them fall back to the reasons. */
function whyNot(entry: Pick<Stream, 'reasons' | 'unmet'>): string {
  return (entry.unmet.length > 0 ? entry.unmet : entry.reasons).join('; ');
}

/**
 * The valid work permit a worker in Canada holds now, when the job on file is the one it covers (or
 * there is no other offer): the LMIA question is then about the next permit, not this one (§9).
 */
function currentPermitUntil(lead: Pick<LeadWithoutSummary, 'answers' | 'createdAt'>): string | undefined {
  const facts = deriveFacts(lead.answers, lead.createdAt.slice(0, 10));
  if (!facts.inCanada || facts.currentStatus !== 'worker') return undefined;
  const status = statusSituation(facts);
  if (status?.kind !== 'valid' || status.extension === 'refused') return undefined;
  return lead.answers.offerIsCurrentJob === true || lead.answers.hasJobOffer === false
    ? status.expiry
    : undefined;
}

/**
 * The sentence staff read when no LMIA-exempt stream is evident (the summary and the staff page).
 * Streams still listed then rest on facts not yet shown (C10's evidence, say), so the sentence says
 * so rather than contradict them (§2). A worker whose valid permit covers the job on file needs a
 * next permit only later (§9). A business owner aiming at PR in BC gets the work permit through BC
 * PNP Entrepreneur (§10).
 */
export function noExemptStreamText(
  lead: Pick<LeadWithoutSummary, 'answers' | 'createdAt'> & {
    screening: Pick<LeadWithoutSummary['screening'], 'pathways' | 'streams'>;
  },
): string {
  const { screening } = lead;
  const entrepreneur = screening.pathways.some(
    (pathway) =>
      pathway.program === 'BC-PNP' &&
      pathway.stream === 'Entrepreneur Immigration' &&
      pathway.fit !== 'unlikely',
  );
  const toConsider = screening.streams.some((stream) => stream.fit !== 'unlikely');
  const until = currentPermitUntil(lead);
  const opening = toConsider
    ? 'No LMIA-exempt stream is evident from the answers alone: the streams to consider below need facts not yet shown; without them'
    : until === undefined
      ? 'No LMIA-exempt stream is evident:'
      : `No LMIA-exempt stream is evident for a next permit: the current work permit (valid until ${until}) covers the job on file; after it,`;
  // An LMIA is the employer's: without an offer there is no one to apply for it yet (§1).
  const noOffer =
    lead.answers.role !== 'employer' &&
    lead.answers.hasJobOffer === false &&
    lead.answers.ownsBusiness !== true &&
    until === undefined;
  const lmia = `${opening} an LMIA-based work permit may be needed${noOffer ? ', which takes a job offer from an employer first' : ''}`;
  return entrepreneur
    ? `${lmia}, unless the BC PNP Entrepreneur Immigration route below applies (a letter of support from BC first, then a work permit, §10).`
    : `${lmia}.`;
}

function streamBlocks(lead: LeadWithoutSummary): Block[] {
  const { streams, noExemptStreamEvident } = lead.screening;
  const caveat = subjectToAdmissibility(lead);
  const candidates = streams.filter((stream) => stream.fit !== 'unlikely');
  const unlikely = streams.filter((stream) => stream.fit === 'unlikely');
  const blocks: Block[] = [];
  if (noExemptStreamEvident) blocks.push({ kind: 'paragraph', text: noExemptStreamText(lead) });
  if (candidates.length > 0) {
    blocks.push({
      kind: 'list',
      title: noExemptStreamEvident ? 'Streams to consider' : 'Best-fit LMIA-exempt streams',
      items: candidates.map((stream) => ({
        text: `${streamTitle(stream)} — ${stream.fit}${caveat} (${sectionsOf(stream.ref)})`,
        details: detailsOf(stream),
      })),
    });
  }
  if (unlikely.length > 0) {
    blocks.push({
      kind: 'list',
      title: 'Considered but unlikely',
      items: unlikely.map((stream) => ({
        text: `${streamTitle(stream)} (${sectionsOf(stream.ref)})`,
        details: [`Why not: ${whyNot(stream)}`],
      })),
    });
  }
  // A worker with no job offer has no employer yet: an employer-specific route (IEC Young
  // Professionals, say) is a later step, not something to tell the employer now.
  const needsEmployerPortal = candidates.some((stream) => !openPermitCodes.has(stream.code));
  if (lead.role === 'worker' && lead.answers.hasJobOffer === true && needsEmployerPortal) {
    blocks.push({
      kind: 'line',
      label: 'Employer steps',
      text: `for an employer-specific permit the employer submits the offer of employment in the IRCC Employer Portal and pays the $230 compliance fee (${sectionsOf(ref.employer)})`,
    });
  }
  return blocks;
}

/**
 * The Employer Portal offer and its $230 fee are the steps of an LMIA-exempt (IMP) permit (§1):
 * told to an employer only when such a stream is a candidate; otherwise an LMIA may be needed instead.
 */
function employerStepsBlock(lead: LeadWithoutSummary): Block {
  const a = lead.answers;
  const items: Item[] = portalSteps(lead).map((text) => ({ text, details: [] }));
  if (a.employerCompliance === 'foundNonCompliant') {
    items.push({
      text: 'Found non-compliant before: review before a new offer (penalties up to $100,000 per violation, bans)',
      details: [],
    });
  }
  return { kind: 'list', title: `Employer next steps (${sectionsOf(ref.employer)})`, items };
}

/** The portal steps when an exempt stream fits, a deferral while every candidate is open, else the LMIA route. */
function portalSteps(lead: LeadWithoutSummary): string[] {
  const exemptCandidate = lead.screening.streams.some(
    (stream) => stream.fit !== 'unlikely' && !openPermitCodes.has(stream.code),
  );
  if (!exemptCandidate)
    return [
      'The Employer Portal offer and the $230 compliance fee are only for an LMIA-exempt (IMP) permit, and none is evident yet: if an LMIA is needed, the employer applies for it under the Temporary Foreign Worker Program (ESDC) instead',
    ];
  if (lead.screening.noExemptStreamEvident)
    return [
      'The Employer Portal offer and the $230 compliance fee: only once a stream above is confirmed; otherwise, if an LMIA is needed, the employer applies for it under the Temporary Foreign Worker Program (ESDC)',
    ];
  return [
    `Submit the offer of employment in the IRCC Employer Portal; the worker enters its offer-of-employment number in the work-permit application${lead.answers.employerCompliance === 'neverUsedPortal' ? ' (the employer has not used the portal yet)' : ''}`,
    'Pay the $230 employer compliance fee in the portal',
  ];
}

function admissibilityBlock(lead: LeadWithoutSummary): Block[] {
  const { flags, notes, needsLawyerReview } = lead.screening.admissibility;
  const blocks: Block[] = [];
  if (flags.length === 0)
    blocks.push({
      kind: 'line',
      label: 'Admissibility',
      text: `no flag raised by the screeners${needsLawyerReview ? '; lawyer review needed (see the notes)' : ''}`,
    });
  else
    blocks.push({
      kind: 'list',
      title: `Admissibility${needsLawyerReview ? ': lawyer review needed' : ''} (${sectionsOf(ref.admissibility)})`,
      items: flags.map((flag) => ({
        text: `${groundLabels[flag.ground]}${isSeriousFlag(flag) ? ' (serious)' : ''}: ${flag.note}`,
        details: [],
      })),
    });
  if (notes.length > 0)
    blocks.push({
      kind: 'list',
      title: 'Notes for the lawyer (not flags)',
      items: notes.map((text) => ({ text, details: [] })),
    });
  return blocks;
}

function pathwayTitle(pathway: Pathway): string {
  return joined([pathway.program === 'other-PNP' ? 'Other PNP' : pathway.program, pathway.stream], ' ');
}

function pathwayBlock(lead: LeadWithoutSummary): Block {
  const { pathways } = lead.screening;
  if (pathways.length === 0) return { kind: 'line', label: 'PR pathways', text: 'none assessed' };
  return {
    kind: 'list',
    title: `PR pathways (${sectionsOf(ref.pathways)})`,
    items: pathways.map((pathway) => ({
      text: `${pathwayTitle(pathway)} — ${pathway.fit}${pathway.fit === 'unlikely' ? '' : subjectToAdmissibility(lead)}`,
      details: pathway.fit === 'unlikely' ? [`Why not: ${whyNot(pathway)}`] : detailsOf(pathway),
    })),
  };
}

/**
 * Next to a serious flag every stream and pathway reads "subject to admissibility"; next to a
 * removal order that needs an Authorization to Return, subject to it (IRPA s. 52, §10).
 */
function subjectToAdmissibility(lead: LeadWithoutSummary): string {
  if (lead.screening.admissibility.flags.some(isSeriousFlag)) return ', subject to admissibility';
  return returnAuthorizationOf(lead.answers, lead.createdAt.slice(0, 10))?.needed === 'needed'
    ? ', subject to an Authorization to Return to Canada (IRPA s. 52)'
    : '';
}

/** A visitor in Canada whom IRPR s. 199 or a public policy lets apply inside is told so (§10). */
function whereToApplyBlock(lead: LeadWithoutSummary): Block[] {
  if (lead.role !== 'worker') return [];
  const inside = insideCanadaApplication(deriveFacts(lead.answers, lead.createdAt.slice(0, 10)));
  if (inside?.may !== 'yes') return [];
  return [
    {
      kind: 'line',
      label: 'Where to apply',
      text: `from inside Canada as a ${inside.basis} (${sectionsOf(ref.dec2026)})`,
    },
  ];
}

function blockersBlock(lead: LeadWithoutSummary): Block[] {
  const { blockers } = lead.screening;
  if (blockers.length === 0) return [];
  return [
    { kind: 'list', title: 'Blockers (read first)', items: blockers.map((text) => ({ text, details: [] })) },
  ];
}

function blocksOf(lead: LeadWithoutSummary): Block[] {
  const { contact, screening, answers } = lead;
  const { urgency, priority } = screening;
  return [
    {
      kind: 'title',
      text: `IMP intake lead ${lead.reference}: ${lead.role}, received ${lead.createdAt.slice(0, 10)}`,
    },
    { kind: 'paragraph', text: DISCLAIMER },
    {
      kind: 'line',
      label: 'Contact',
      text: joined([
        contact.role ? `${contact.name} (${contact.role})` : contact.name,
        contact.email,
        contact.phone,
        `prefers ${contact.preferredContact}`,
      ]),
    },
    { kind: 'line', label: 'Source', text: describeSource(lead.source) },
    {
      kind: 'line',
      label: 'Handoff',
      text: lead.handoffRequested ? 'requested: the prospect asked to talk to staff' : 'not requested',
    },
    {
      kind: 'line',
      label: 'Urgency',
      text: joined(
        [urgency.level.toUpperCase(), urgency.deadline && `deadline ${urgency.deadline}`, urgency.reason],
        ' — ',
      ),
    },
    {
      kind: 'line',
      label: 'Priority',
      text: `${priority.level.toUpperCase()} — ${priority.reasons.join('; ')}`,
    },
    ...blockersBlock(lead),
    ...whereToApplyBlock(lead),
    ...(lead.role === 'employer' ? employerBlocks(answers) : workerBlocks(answers)),
    ...streamBlocks(lead),
    ...(lead.role === 'employer' ? [employerStepsBlock(lead)] : []),
    ...admissibilityBlock(lead),
    pathwayBlock(lead),
    { kind: 'paragraph', text: `Rules ${screening.rulesVersion}, lead ${lead.id}.` },
  ];
}

function renderText(blocks: Block[]): string {
  const lines = blocks.flatMap((block): string[] => {
    switch (block.kind) {
      case 'title':
      case 'paragraph':
        return [block.text];
      case 'line':
        return [`${block.label}: ${block.text}`];
      case 'list':
        return [
          '',
          `${block.title}:`,
          ...block.items.flatMap((item) => [
            `- ${item.text}`,
            ...item.details.map((detail) => `    ${detail}`),
          ]),
        ];
    }
  });
  return lines.join('\n');
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEscapes[char] ?? char);
}

function renderHtml(blocks: Block[]): string {
  const body = blocks.map((block) => {
    switch (block.kind) {
      case 'title':
        return `<h1>${escapeHtml(block.text)}</h1>`;
      case 'paragraph':
        return `<p>${escapeHtml(block.text)}</p>`;
      case 'line':
        return `<p><strong>${escapeHtml(block.label)}:</strong> ${escapeHtml(block.text)}</p>`;
      case 'list': {
        const items = block.items.map((item) => {
          const details = item.details.length
            ? `<ul>${item.details.map((detail) => `<li>${escapeHtml(detail)}</li>`).join('')}</ul>`
            : '';
          return `<li>${escapeHtml(item.text)}${details}</li>`;
        });
        return `<h2>${escapeHtml(block.title)}</h2><ul>${items.join('')}</ul>`;
      }
    }
  });
  return `<article>${body.join('\n')}</article>`;
}

/** The English staff summary of a lead, as plain text and as escaped HTML. */
export function summarize(lead: LeadWithoutSummary): Summary {
  const blocks = blocksOf(lead);
  return { text: renderText(blocks), html: renderHtml(blocks) };
}
