import type { Answers } from '../intake/steps';
import { englishCountryName } from './countries';
import { languageTestNames, scaleOf, teerOfNoc } from './facts';
import {
  complianceLabels,
  educationLabels,
  languageResultText,
  moneyText,
  provinceNames,
  roleLevelLabels,
  statusLabels,
  workerRelationLabels,
} from './labels';
import type { AdmissibilityGround, LeadWithoutSummary, Pathway, Stream, Summary } from './lead-schema';
import { ref } from './reference';

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
};

/** Streams that give an open permit: no Employer Portal offer is needed for them. */
const openPermitStreams = new Set(['C41/C46', 'C42', 'C43', 'A75', 'C21']);

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

function workerBlocks(a: Answers): Block[] {
  const who = joined([
    a.citizenship && `citizen of ${englishCountryName(a.citizenship)}`,
    a.residenceCountry && `lives in ${englishCountryName(a.residenceCountry)}`,
    a.age !== undefined && `age ${a.age}`,
    a.inCanada === true &&
      joined(
        [
          `in Canada as ${a.currentStatus ? statusLabels[a.currentStatus] : 'status not given'}`,
          a.statusExpiry && `until ${a.statusExpiry}`,
        ],
        ' ',
      ),
    a.inCanada === false && 'outside Canada',
  ]);
  const background = joined([
    a.educationLevel &&
      joined([educationLabels[a.educationLevel], a.educationField && `in ${a.educationField}`], ' '),
    a.yearsExperience !== undefined && `${a.yearsExperience} years of experience`,
    a.canadianWorkMonths !== undefined &&
      a.canadianWorkMonths > 0 &&
      `${a.canadianWorkMonths} months of Canadian work`,
    languageText(a),
  ]);
  const blocks: Block[] = [{ kind: 'line', label: 'Who', text: who || 'not given' }];
  if (background) blocks.push({ kind: 'line', label: 'Background', text: background });
  if (a.hasJobOffer === true) {
    const offer = joined([
      joined([a.offerJobTitle, a.offerEmployer && `at ${a.offerEmployer}`], ' '),
      joined([a.offerCity, a.offerProvince && provinceNames[a.offerProvince]]),
      nocText(a.offerNoc),
      a.offerWage && moneyText(a.offerWage),
      a.offerStartDate && `starts ${a.offerStartDate}`,
    ]);
    blocks.push({ kind: 'line', label: 'Job offer', text: offer || 'details not given' });
  } else if (a.hasJobOffer === false) {
    blocks.push({ kind: 'line', label: 'Job offer', text: 'none' });
  }
  const goals = joined([
    a.goalType && `${a.goalType === 'notSure' ? 'not sure' : a.goalType} stay`,
    a.goalProvince && a.goalProvince !== 'undecided' && `in ${provinceNames[a.goalProvince]}`,
    a.familyComing === true && 'family coming',
  ]);
  if (goals) blocks.push({ kind: 'line', label: 'Goal', text: goals });
  return blocks;
}

function employerBlocks(a: Answers): Block[] {
  const company = joined([
    a.employerCompany,
    a.employerProvince && provinceNames[a.employerProvince],
    a.employerBusinessNumber && `business number ${a.employerBusinessNumber}`,
    a.employerCompliance && complianceLabels[a.employerCompliance],
  ]);
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
    a.employerWorkerMonths !== undefined && `${a.employerWorkerMonths} months with the group`,
    a.employerWorkerLevel && roleLevelLabels[a.employerWorkerLevel],
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

function detailsOf(entry: Pick<Stream, 'reasons' | 'missing'>): string[] {
  const details: string[] = [];
  if (entry.reasons.length > 0) details.push(`Why: ${entry.reasons.join('; ')}`);
  if (entry.missing.length > 0) details.push(`Missing: ${entry.missing.join('; ')}`);
  return details;
}

function streamBlocks(lead: LeadWithoutSummary): Block[] {
  const { streams, noExemptStreamEvident } = lead.screening;
  const candidates = streams.filter((stream) => stream.fit !== 'unlikely');
  const unlikely = streams.filter((stream) => stream.fit === 'unlikely');
  const blocks: Block[] = [];
  if (noExemptStreamEvident) {
    blocks.push({
      kind: 'paragraph',
      text: 'No LMIA-exempt stream is evident: an LMIA-based work permit may be needed.',
    });
  }
  if (candidates.length > 0) {
    blocks.push({
      kind: 'list',
      title: noExemptStreamEvident ? 'Streams to consider' : 'Best-fit LMIA-exempt streams',
      items: candidates.map((stream) => ({
        text: `${stream.code} ${stream.name} — ${stream.fit} (${sectionsOf(stream.ref)})`,
        details: detailsOf(stream),
      })),
    });
  }
  if (unlikely.length > 0) {
    blocks.push({
      kind: 'list',
      title: 'Considered but unlikely',
      items: unlikely.map((stream) => ({
        text: `${stream.code} ${stream.name} (${sectionsOf(stream.ref)})`,
        details: [`Why not: ${stream.reasons.join('; ')}`],
      })),
    });
  }
  const needsEmployerPortal = candidates.some((stream) => !openPermitStreams.has(stream.code));
  if (lead.role === 'worker' && needsEmployerPortal) {
    blocks.push({
      kind: 'line',
      label: 'Employer steps',
      text: `for an employer-specific permit the employer submits the offer of employment in the IRCC Employer Portal and pays the $230 compliance fee (${sectionsOf(ref.employer)})`,
    });
  }
  return blocks;
}

function employerStepsBlock(a: Answers): Block {
  const items: Item[] = [
    {
      text: `Submit the offer of employment in the IRCC Employer Portal; the worker enters its offer-of-employment number in the work-permit application${a.employerPortalUsed === false ? ' (the employer has not used the portal yet)' : ''}`,
      details: [],
    },
    { text: 'Pay the $230 employer compliance fee in the portal', details: [] },
  ];
  if (a.employerCompliance === 'foundNonCompliant') {
    items.push({
      text: 'Found non-compliant before: review before a new offer (penalties up to $100,000 per violation, bans)',
      details: [],
    });
  }
  return { kind: 'list', title: `Employer next steps (${sectionsOf(ref.employer)})`, items };
}

function admissibilityBlock(lead: LeadWithoutSummary): Block {
  const { flags, needsLawyerReview } = lead.screening.admissibility;
  if (!needsLawyerReview)
    return { kind: 'line', label: 'Admissibility', text: 'no flag raised by the screeners' };
  return {
    kind: 'list',
    title: `Admissibility: lawyer review needed (${sectionsOf(ref.admissibility)})`,
    items: flags.map((flag) => ({
      text: `${groundLabels[flag.ground]}${flag.serious ? ' (serious)' : ''}: ${flag.note}`,
      details: [],
    })),
  };
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
      text: `${pathwayTitle(pathway)} — ${pathway.fit}`,
      details: detailsOf(pathway),
    })),
  };
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
      text: joined([contact.name, contact.email, contact.phone, `prefers ${contact.preferredContact}`]),
    },
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
    ...(lead.role === 'employer' ? employerBlocks(answers) : workerBlocks(answers)),
    ...streamBlocks(lead),
    ...(lead.role === 'employer' ? [employerStepsBlock(answers)] : []),
    admissibilityBlock(lead),
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
