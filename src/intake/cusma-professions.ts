/**
 * CUSMA professionals (T36, docs/domain.md §2 and §9): a closed list of professions, each with
 * the minimum credential it requires (CUSMA Appendix 1603.D.1). The intake offers the common
 * professions by name and groups the rest; the screening reads the credential from here.
 * The appendix text itself was not retrieved [U]: staff confirm the profession and credential.
 */

export interface CusmaCredential {
  /** A baccalaureate (or licenciatura) or higher degree qualifies. */
  degree: boolean;
  /** A provincial or state licence qualifies instead of the degree. */
  licence?: boolean;
  /** A post-secondary diploma plus this many years of experience qualifies instead. */
  diplomaPlusYears?: number;
  /** Years of experience alone qualify instead (management consultant). */
  experienceYears?: number;
  /** A master's is the minimum (librarian). */
  mastersOnly?: boolean;
}

export interface CusmaProfession {
  title: string;
  /** Professions covered by this choice (for a group), as staff read them. */
  covers?: string;
  credential: CusmaCredential;
  /** The choice stands for several professions whose credentials differ: staff confirm which. */
  group?: boolean;
}

export const cusmaProfessions = {
  engineer: { title: 'Engineer', credential: { degree: true, licence: true } },
  computerSystemsAnalyst: {
    title: 'Computer systems analyst',
    credential: { degree: true, diplomaPlusYears: 3 },
  },
  accountant: { title: 'Accountant', credential: { degree: true, licence: true } },
  managementConsultant: {
    title: 'Management consultant',
    credential: { degree: true, experienceYears: 5 },
  },
  scientist: {
    title: 'Scientist',
    covers:
      'agriculturist, biologist, chemist, geologist, physicist, epidemiologist, meteorologist and the other listed sciences',
    credential: { degree: true },
    group: true,
  },
  scientificTechnician: {
    title: 'Scientific technician or technologist',
    credential: { degree: false, diplomaPlusYears: 0 },
  },
  postSecondaryTeacher: {
    title: 'College, seminary or university teacher',
    credential: { degree: true },
  },
  registeredNurse: { title: 'Registered nurse', credential: { degree: false, licence: true } },
  healthProfessional: {
    title: 'Other health professional',
    covers:
      'dentist, pharmacist, physiotherapist, occupational therapist, dietitian, psychologist, veterinarian, medical laboratory technologist, physician (teaching or research only)',
    credential: { degree: true, licence: true },
    group: true,
  },
  architect: { title: 'Architect or landscape architect', credential: { degree: true, licence: true } },
  lawyer: { title: 'Lawyer', credential: { degree: true, licence: true } },
  economist: { title: 'Economist or mathematician', credential: { degree: true } },
  designer: {
    title: 'Graphic, industrial or interior designer',
    credential: { degree: true, diplomaPlusYears: 3 },
  },
  hotelManager: { title: 'Hotel manager', credential: { degree: true, diplomaPlusYears: 3 } },
  otherListed: {
    title: 'Another listed profession',
    covers:
      'forester, land surveyor, librarian, social worker, urban planner, technical writer, vocational counsellor and the rest of the list',
    credential: { degree: true },
    group: true,
  },
} as const satisfies Record<string, CusmaProfession>;

export type CusmaProfessionId = keyof typeof cusmaProfessions;

/** The question's choices: the professions, then "none of these" and "not sure". */
export const cusmaProfessionChoices = [
  ...(Object.keys(cusmaProfessions) as CusmaProfessionId[]),
  'none',
  'notSure',
] as unknown as [CusmaProfessionId, ...(CusmaProfessionId | 'none' | 'notSure')[]];

export function cusmaProfessionOf(id: string | undefined): CusmaProfession | undefined {
  return id !== undefined && Object.hasOwn(cusmaProfessions, id)
    ? (cusmaProfessions as Record<string, CusmaProfession>)[id]
    : undefined;
}
