import fc from 'fast-check';
import type { Answers } from '../../src/intake/steps';
import { buildLead, leadSchema, type Lead, type LeadInput } from '../../src/screening';
import { answersArb, textArb } from './arbitraries';
import { employer, inCanadaAsWorker, TODAY, worker, workerWithOffer } from './fixtures';

const XSS_SCRIPT = '<script>alert(1)</script>';
const XSS_ATTRIBUTE = '" onmouseover="alert(1)';

function leadOf(answers: Answers, overrides: Partial<LeadInput> = {}): Lead {
  return buildLead({
    id: 'lead-42',
    reference: 'IMP-2026-0042',
    createdAt: `${TODAY}T17:30:00.000Z`,
    locale: 'en-CA',
    answers,
    handoffRequested: false,
    ...overrides,
  });
}

/** The HTML with our own (attribute-free) tags removed: what is left must hold no markup at all. */
function withoutOwnTags(html: string): string {
  return html.replace(/<\/?(article|h1|h2|p|strong|ul|li)>/g, '');
}

describe('buildLead', () => {
  it('returns a lead the contract schema accepts, screened on the day it was created', () => {
    const lead = leadOf(
      workerWithOffer({ ...inCanadaAsWorker, statusExpiry: '2026-12-20', citizenship: 'US' }),
    );
    expect(leadSchema.parse(lead)).toEqual(lead);
    expect(lead.screening.urgency).toMatchObject({ level: 'urgent', deadline: '2026-12-20' });
    expect(lead.screening.streams.map((stream) => stream.code)).toContain('T36');
  });

  it('derives the role and the contact; no phone means email is preferred', () => {
    const lead = leadOf(worker({ contactPhone: null }));
    expect(lead.role).toBe('worker');
    expect(lead.contact).toEqual({
      name: 'Asha Patel',
      email: 'asha@example.com',
      preferredContact: 'email',
    });
  });

  it('keeps the phone and prefers it: the phone question offers a call to the number given', () => {
    const lead = leadOf(employer());
    expect(lead.role).toBe('employer');
    expect(lead.contact).toEqual({
      name: 'Morgan Lee',
      email: 'morgan@cedar.example',
      phone: '+16045550123',
      preferredContact: 'phone',
    });
  });

  it("says the employer's business number is to ask (not asked in the chat)", () => {
    expect(leadOf(employer()).summary.text).toMatch(/^Company: .*business number: to ask/m);
  });

  it('reads a lead stored with the answers of questions no longer asked (business number, preferred contact)', () => {
    const lead = leadOf(employer());
    const stored = {
      ...lead,
      answers: { ...lead.answers, employerBusinessNumber: '123456789', contactPreferred: 'email' },
    };
    expect(leadSchema.parse(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
  });

  it('keeps only the answers relevant on the path taken, and screens only those', () => {
    // The prospect first said they had a US offer, then changed to "no offer": the offer is moot.
    const answers = worker({
      ...workerWithOffer({ citizenship: 'US' }),
      hasJobOffer: false,
      spouseInCanada: false,
    });
    const lead = leadOf(answers);
    expect(lead.answers.offerJobTitle).toBeUndefined();
    expect(lead.answers.hasJobOffer).toBe(false);
    expect(lead.screening.streams.map((stream) => stream.code)).not.toContain('T36');
  });

  it('passes the handoff request to priority and the summary', () => {
    const lead = leadOf(worker(), { handoffRequested: true });
    expect(lead.handoffRequested).toBe(true);
    expect(lead.screening.priority.reasons).toContain('asked to talk to staff');
    expect(lead.summary.text).toMatch(/Handoff: requested/);
  });

  it('names the lead when the answers cannot make a valid lead', () => {
    const { contactEmail: _missing, ...answers } = worker();
    expect(() => leadOf(answers)).toThrow(/Lead lead-42 .*contact\.email/s);
  });

  it('always passes the lead schema for any answer set with a contact', () => {
    fc.assert(
      fc.property(
        answersArb,
        fc.boolean(),
        fc.constantFrom('en-CA', 'fr-CA' as const),
        (answers, handoff, locale) => {
          const lead = leadOf(
            { ...answers, consent: true, contactName: 'Pat Doe', contactEmail: 'pat@example.com' },
            { handoffRequested: handoff, locale },
          );
          expect(leadSchema.safeParse(lead).success).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('staff summary', () => {
  const urgentCriminality = workerWithOffer({
    ...inCanadaAsWorker,
    citizenship: 'MX',
    residenceCountry: 'MX',
    statusExpiry: '2026-12-20',
    extensionFiled: false,
    cusmaProfession: 'engineer',
    criminalHistory: true,
    criminalConviction: true,
    impairedDriving: true,
    impairedDrivingSince2018: true,
  });

  it('is English even for a French-speaking prospect, with country names in English', () => {
    const { text } = leadOf(urgentCriminality, { locale: 'fr-CA' }).summary;
    expect(text).toMatch(/citizen of Mexico/);
    expect(text).not.toMatch(/Mexique/);
    expect(text).toMatch(/Automated first triage, not legal advice/);
  });

  it('shows who, the best-fit streams with reasons and missing facts, flags, pathways and urgency with its date', () => {
    const { text } = leadOf(
      { ...urgentCriminality, goalType: 'permanent', goalProvince: 'BC' },
      { handoffRequested: true },
    ).summary;
    expect(text).toMatch(/Contact: Asha Patel, asha@example.com/);
    expect(text).toMatch(
      // no age: it is asked of IEC partner citizens only, and Mexico's arrangement is suspended (§10)
      /Who: citizen of Mexico, in Canada as worker \(employer-specific permit\) until 2026-12-20 \(no extension applied for\)/,
    );
    expect(text).toMatch(/Job offer: Software engineer at Maple Software Ltd\., British Columbia, NOC 21231/);
    expect(text).toMatch(
      /T36 CUSMA professional — likely, subject to admissibility \(§2, §8, §9\)\n {4}Why: .*citizen of Mexico/,
    );
    expect(text).toMatch(/To confirm \(law\): the duties match the listed profession/);
    expect(text).toMatch(/Criminality \(serious\): Impaired driving conviction, on or after Dec 18, 2018/);
    expect(text).toMatch(/BC-PNP Skilled Worker — possible, subject to admissibility/);
    expect(text).toMatch(/Urgency: URGENT — deadline 2026-12-20/);
    expect(text).toMatch(/Priority: HIGH — urgent: status expires 2026-12-20/);
    // Blockers come before the streams.
    expect(text.indexOf('Blockers (read first)')).toBeGreaterThan(-1);
    expect(text.indexOf('Blockers (read first)')).toBeLessThan(text.indexOf('T36 CUSMA'));
    expect(text).toMatch(
      /- Serious admissibility issue \(criminality\): every stream below is subject to admissibility/,
    );
    expect(text).toMatch(/Handoff: requested/);
    expect(text).toMatch(/Employer Portal .*\$230 compliance fee/);
  });

  it('says plainly when no exempt stream is evident', () => {
    const { text } = leadOf(worker()).summary;
    expect(text).toMatch(
      /No LMIA-exempt stream is evident: an LMIA-based work permit may be needed, which takes a job offer from an employer first\./,
    );
    expect(leadOf(workerWithOffer()).summary.text).toMatch(
      /No LMIA-exempt stream is evident: an LMIA-based work permit may be needed\./,
    );
    expect(text).toMatch(/Admissibility: no flag raised/);
  });

  it('says a lawyer review is needed when only a lawyer note asks for one (security screening, §10)', () => {
    const service = {
      serviceOrAffiliation: true,
      militaryService: true,
      intelligenceService: true,
      intelligenceCountry: 'UA',
      governmentPosition: false,
      violentGroups: false,
      organizedCrime: false,
      illTreatment: false,
    } as const;
    const { text } = leadOf(worker(service)).summary;
    expect(text).toMatch(
      /Admissibility: no flag raised by the screeners; lawyer review needed \(see the notes\)/,
    );
    expect(text).toMatch(/service of Ukraine.*security screening/);
    expect(leadOf(worker({ ...service, intelligenceService: false })).summary.text).toMatch(
      /Admissibility: no flag raised by the screeners\n/,
    );
  });

  it('tells staff where a visitor whom IRPR s. 199 lets apply inside applies (§10)', () => {
    const visitor = {
      inCanada: true,
      currentStatus: 'visitor',
      statusExpiry: '2027-03-01',
      prStatus: 'none',
    } as const;
    const spouse = {
      spouseInCanada: true,
      spouseStatus: 'worker',
      spouseTeer: '1',
      spouseMonthsLeft: 20,
    } as const;
    expect(leadOf(worker({ ...visitor, ...spouse })).summary.text).toMatch(
      /Where to apply: from inside Canada as a family member of a work-permit holder \(IRPR s\. 199\(e\)\)/,
    );
    expect(leadOf(worker({ ...visitor, spouseInCanada: false })).summary.text).not.toMatch(/Where to apply/);
  });

  it('names no employer steps for a worker with no job offer (no employer yet), only with an offer', () => {
    const youth = { citizenship: 'GB', residenceCountry: 'GB', age: 27 } as const;
    const withoutOffer = leadOf(worker({ ...youth, hasJobOffer: false })).summary.text;
    expect(withoutOffer).toMatch(/C21 International Experience Canada — likely/);
    expect(withoutOffer).not.toMatch(/Employer steps/);
    expect(leadOf(workerWithOffer(youth)).summary.text).toMatch(/Employer steps: .*Employer Portal/);
  });

  it('tells an employer with an LMIA-exempt candidate about the Employer Portal offer and the $230 compliance fee', () => {
    // A transferee of the group with 2 years in: an LMIA-exempt (IMP) candidate, so the portal steps apply (§1).
    const transferee = (overrides: Parameters<typeof employer>[0]) =>
      employer({
        employerWorkerRelation: 'sameGroupEmployee',
        employerWorkerMonths: 24,
        employerWorkerLevel: 'specializedKnowledge',
        employerRevenueCountries: true,
        ...overrides,
      });
    expect(leadOf(transferee({ employerCompliance: 'neverUsedPortal' })).summary.text).toMatch(
      /Submit the offer of employment in the IRCC Employer Portal.*has not used the portal yet/,
    );
    const { text } = leadOf(transferee({ employerCompliance: 'foundNonCompliant' })).summary;
    expect(text).toMatch(/Pay the \$230 employer compliance fee/);
    expect(text).toMatch(/Found non-compliant before/);
    expect(text).toMatch(/Company: Cedar Robotics Inc\., British Columbia/);
    expect(text).toMatch(/Worker: citizen of India, lives in India, employee of the same corporate group/);
  });

  it('shows admissibility as flags only: ground and note, never prospect text', () => {
    const lead = leadOf(
      workerWithOffer({
        immigrationHistory: true,
        previousRefusal: true,
        refusalCountry: 'US',
        refusalYear: 2020,
      }),
    );
    const admissibility =
      lead.summary.text.split('Admissibility: lawyer review needed')[1]?.split('\n\n')[0] ?? '';
    expect(admissibility).toMatch(/- Previous refusal: .*the United States, 2020/);
    expect(lead.summary.text).toMatch(/Misrepresentation risk: /);
    expect(admissibility).not.toMatch(/Secret Cartel/);
    for (const flag of lead.screening.admissibility.flags) {
      expect(flag.note).not.toMatch(/Secret Cartel|Maple|Asha/);
    }
  });

  it('escapes script and attribute payloads in the HTML, and keeps them readable in the text', () => {
    const lead = leadOf(
      workerWithOffer({
        contactName: XSS_SCRIPT,
        offerJobTitle: `<img src=x onerror=alert(1)> at ${XSS_ATTRIBUTE}`,
      }),
    );
    const { html, text } = lead.summary;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('" onmouseover');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot; onmouseover=&quot;alert(1)');
    expect(withoutOwnTags(html)).not.toMatch(/[<>"']/);
    expect(text).toContain(XSS_SCRIPT);
  });

  it('escapes whatever the prospect typed, in every free-text answer', () => {
    fc.assert(
      fc.property(textArb, textArb, textArb, (name, employerName, city) => {
        const lead = leadOf(
          workerWithOffer({
            contactName: name,
            offerJobTitle: `${city} at ${employerName}`,
          }),
        );
        expect(withoutOwnTags(lead.summary.html)).not.toMatch(/[<>"']/);
        const company = leadOf(
          employer({ contactName: name, employerCompany: employerName, employerPosition: city }),
        );
        expect(withoutOwnTags(company.summary.html)).not.toMatch(/[<>"']/);
      }),
      { numRuns: 200 },
    );
  });
});
