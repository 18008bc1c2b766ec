import { startServer } from '../../src/server';
import type { Answers } from '../../src/intake/steps';
import type { Lead } from '../../src/screening/lead';
import { employer, intraCompanyWorker, spouseOfWorker } from '../support/answers';
import { completeIntakeOverHttp } from '../support/complete-intake';
import { flows } from '../support/talk';
import { tempConfig } from '../support/temp-data';

type Running = Awaited<ReturnType<typeof startServer>>;

const fitOf = (lead: Lead, code: string) => lead.screening.streams.find((s) => s.code === code)?.fit;

describe('complete intakes through the bot over HTTP produce the expected lead', () => {
  let config: ReturnType<typeof tempConfig>;
  let server: Running;
  beforeAll(async () => {
    config = tempConfig();
    server = await startServer(config);
  });
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  async function leadFor(id: string, answers: Answers, locale: 'en-CA' | 'fr-CA' = 'en-CA'): Promise<Lead> {
    const lastReply = await completeIntakeOverHttp(server.url, id, answers, flows()[locale]);
    const reference = /IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(lastReply)?.[0];
    const lead = (await server.leads.all()).find((l) => l.reference === reference);
    if (!lead) throw new Error(`no lead stored for ${reference}; last reply: ${lastReply}`);
    return lead;
  }

  it('an intra-company senior manager: C62 likely, CEC likely and BC PNP Skilled Worker possible (§2, §4, §9)', async () => {
    const lead = await leadFor('worker-ict', intraCompanyWorker);
    expect(lead).toMatchObject({
      role: 'worker',
      locale: 'en-CA',
      contact: { name: 'Priya Raman', preferredContact: 'phone' },
    });
    expect(fitOf(lead, 'C62')).toBe('likely');
    expect(lead.screening.pathways).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ program: 'CEC', fit: 'likely' }),
        expect.objectContaining({
          program: 'BC-PNP',
          stream: expect.stringMatching(/skilled worker/i),
          fit: 'possible',
        }),
      ]),
    );
    expect(lead.screening.admissibility).toEqual({ flags: [], notes: [], needsLawyerReview: false });
    expect(lead.screening.noExemptStreamEvident).toBe(false);
  });

  it('a spouse of a TEER 1 worker with 20 months left, answering in French: C41/C46 likely, summary in English (§7)', async () => {
    const lead = await leadFor('spouse-fr', spouseOfWorker, 'fr-CA');
    expect(lead.locale).toBe('fr-CA');
    expect(fitOf(lead, 'C41/C46') ?? fitOf(lead, 'C41')).toBe('likely');
    expect(lead.summary.text).toMatch(/not legal advice/i);
  });

  it('an employer transferring a specialized-knowledge employee: C63 likely and the Employer Portal steps (§1, §2)', async () => {
    const lead = await leadFor('employer-ict', employer);
    expect(lead.role).toBe('employer');
    expect(fitOf(lead, 'C63')).toBe('likely');
    expect(lead.summary.text).toContain('$230');
  });

  it('a US permanent resident who is a citizen of India: CUSMA is never likely (§2, §8)', async () => {
    const lead = await leadFor('us-pr', {
      ...intraCompanyWorker,
      citizenship: 'IN',
      residenceCountry: 'US',
      inCanada: false,
      offerSameGroup: 'no',
      canadianWorkMonths: 0,
    });
    expect(fitOf(lead, 'T36')).not.toBe('likely');
  });

  it('an impaired driving conviction since December 2018 and a refusal: serious criminality, refusal and the misrepresentation risk (§3, §9)', async () => {
    const lead = await leadFor('adm-flags', {
      ...spouseOfWorker,
      criminalHistory: true,
      criminalConviction: true,
      impairedDriving: true,
      impairedDrivingSince2018: true,
      immigrationHistory: true,
      previousRefusal: true,
      refusalCountry: 'US',
      refusalYear: 2022,
      appliedToCanada: true,
      canadianApplicationType: 'visitor',
      canadianApplicationYear: 2023,
      overstay: false,
      removalOrder: false,
    });
    const grounds = lead.screening.admissibility.flags.map((f) => f.ground);
    expect(grounds).toEqual(expect.arrayContaining(['criminality', 'previous-refusal']));
    expect(lead.screening.blockers.join(' ')).toMatch(
      /Misrepresentation risk: disclosure of the 2022 United States refusal in the 2023 Canadian application/,
    );
    expect(lead.screening.admissibility.flags.find((f) => f.ground === 'criminality')?.serious).toBe(true);
    expect(lead.screening.admissibility.needsLawyerReview).toBe(true);
  });

  it('a status expiring within 60 days makes the lead urgent with the deadline date', async () => {
    const expiry = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const lead = await leadFor('urgent', { ...intraCompanyWorker, statusExpiry: expiry });
    expect(lead.screening.urgency).toMatchObject({ level: 'urgent', deadline: expiry });
  });
});
