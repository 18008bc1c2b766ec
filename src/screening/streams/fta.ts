import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import { englishCountryName } from '../countries';
import { citizenOf, isProfessionalTeer, type Facts } from '../facts';
import { degreeReason, jobTeerReason, type StreamRule } from './rule';

/**
 * Free-trade professionals other than CUSMA: CETA (EU) and CUKTCA (UK) independent professionals
 * and contractual service suppliers, CPTPP professionals (T52) and the other agreements' lists
 * (§2, §9). The agreements' citizenships are here; the transferee codes are in ict.ts.
 */

export const cetaCountries = {
  ref: ref.streams,
  /** The 27 EU member states. */
  citizens: new Set([
    'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
    'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  ]), // prettier-ignore
};

export const cuktcaCountries = { ref: ref.streams, citizens: new Set(['GB']) };

export const cptppCountries = {
  ref: ref.streams,
  citizens: new Set(['AU', 'BN', 'CL', 'JP', 'MY', 'MX', 'NZ', 'PE', 'SG', 'VN', 'GB']),
  /** T52 professionals: only the parties with professional commitments, per IRCC's T52 page (§9). */
  professionals: new Set(['AU', 'BN', 'CL', 'JP', 'MY', 'MX', 'PE']),
};

/** Professionals under the other free-trade agreements the reference names (country lists). */
export const otherFtaProfessionals = [
  { code: 'F12', country: 'CO', agreement: 'Canada–Colombia FTA' },
  { code: 'F22', country: 'CL', agreement: 'Canada–Chile FTA' },
  { code: 'F32', country: 'KR', agreement: 'Canada–Korea FTA' },
  { code: 'F42', country: 'PA', agreement: 'Canada–Panama FTA' },
  { code: 'F52', country: 'PE', agreement: 'Canada–Peru FTA' },
] as const;

const isCitizenOf = (countries: { citizens: ReadonlySet<string> }) => (f: Facts) =>
  f.citizenship !== undefined && countries.citizens.has(f.citizenship);
/** CPTPP professionals (T52): only the parties with professional commitments (§9). */
const isCptppProfessionalCitizen = (f: Facts) =>
  f.citizenship !== undefined && cptppCountries.professionals.has(f.citizenship);

/**
 * The agreements cover professionals (and, for some, technicians) on their lists: a TEER 4 or 5 job
 * (high school or on-the-job training, §5) is neither, whatever the worker's degree (§2).
 */
const isNonProfessionalJob = (teer: number | undefined) => teer !== undefined && teer >= 4;

export const ceta = { name: 'CETA', isCitizen: isCitizenOf(cetaCountries) };
export const cuktca = { name: 'CUKTCA', isCitizen: isCitizenOf(cuktcaCountries) };
export const cptpp = { name: 'CPTPP', isCitizen: isCitizenOf(cptppCountries) };
export const cetaCodesUnconfirmed = 'CETA codes T43–T47 — to confirm (they may have changed in 2022)';
/** "CUKTCA" is the agreement's program code, not an exemption code (§10). */
export const cuktcaProfessionalCodes =
  "code to confirm: F60 or F66 (IRCC's CUKTCA page names both for UK contractual service suppliers and independent professionals, not which is which), not T43–T47";
export const cuktcaTransfereeCodes =
  'code to confirm: the CETA code (T44) with the CUKTCA program code, per IRCC for UK transferees';
export const cptppCodesUnconfirmed = 'CPTPP codes T50–T53 — to confirm (current codes)';

function independentProfessional(code: string, agreement: typeof ceta, codes: string): StreamRule {
  return {
    code,
    name: `${agreement.name} independent professional or contractual service supplier`,
    ref: refs(ref.streams, ref.corrections, ref.dec2026),
    tests: `${agreement.name} citizenship and professional work under a services contract`,
    evaluate(f) {
      // A services contract, not a hire: not for an employer's hire or a transfer within the group.
      if (!f.offer || !agreement.isCitizen(f) || f.isEmployer || f.group.isSameGroup === true)
        return undefined;
      const teer = f.offer.teer;
      if (isNonProfessionalJob(teer) || (!isProfessionalTeer(teer) && f.hasDegree !== true)) return undefined;
      const check = new Assessment().met(`${citizenOf(f)} (${agreement.name})`);
      if (isProfessionalTeer(teer)) check.met(jobTeerReason(teer));
      if (f.hasDegree) check.met(degreeReason(f));
      else check.unknown('the degree and professional qualifications the category requires');
      return check
        .unknown(
          `whether the work is a services contract (independent professional, or contractual service supplier of an ${agreement.name === 'CETA' ? 'EU' : 'UK'} enterprise): ${agreement.name} does not cover a direct hire`,
        )
        .confirm(codes);
    },
  };
}

export const t43 = independentProfessional('T43', ceta, cetaCodesUnconfirmed);
export const cuktcaProfessional = independentProfessional('F60/F66', cuktca, cuktcaProfessionalCodes);

export const t52: StreamRule = {
  code: 'T52',
  name: 'CPTPP professional or technician',
  ref: refs(ref.streams, ref.corrections),
  tests:
    'citizenship of a CPTPP party with professional commitments (Australia, Brunei, Chile, Japan, Malaysia, Mexico, Peru), a TEER 0/1 job, a degree of 4+ years',
  evaluate(f) {
    if (!f.offer || !isCptppProfessionalCitizen(f)) return undefined;
    const teer = f.offer.teer;
    if (isNonProfessionalJob(teer)) return undefined;
    const check = new Assessment().met(`${citizenOf(f)} (CPTPP, with professional commitments)`);
    if (isProfessionalTeer(teer)) check.met(jobTeerReason(teer));
    else if (teer === undefined) check.unknown("the job's NOC code or TEER (professionals: TEER 0/1)");
    else
      check.unknown(
        `whether the TEER ${teer} job is a technician category on the country's list — to confirm`,
      );
    if (f.hasDegree) check.met(degreeReason(f)).confirm('the degree took 4 or more years');
    else if (f.hasDegree === false && isProfessionalTeer(teer)) {
      check.failed(`education (${degreeReason(f)}) is below the 4-year degree CPTPP professionals need`);
    } else check.unknown('a degree of 4 or more years');
    return check
      .unknown("the occupation is on the country's CPTPP list — to confirm")
      .confirm(cptppCodesUnconfirmed);
  },
};

export const otherFtaRules: StreamRule[] = otherFtaProfessionals.map(({ code, country, agreement }) => ({
  code,
  name: `${agreement} professional`,
  ref: ref.streams,
  tests: `${englishCountryName(country)} citizenship and a professional job on the agreement's list`,
  evaluate(f) {
    if (!f.offer || f.citizenship !== country) return undefined;
    const teer = f.offer.teer;
    if (isNonProfessionalJob(teer) || (!isProfessionalTeer(teer) && f.hasDegree !== true)) return undefined;
    const check = new Assessment().met(`${citizenOf(f)} (${agreement})`);
    if (isProfessionalTeer(teer)) check.met(jobTeerReason(teer));
    if (f.hasDegree) check.met(degreeReason(f));
    return check.unknown("the profession is on the agreement's list, with the education it requires");
  },
}));
