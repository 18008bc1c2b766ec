/**
 * Sections of the domain reference (shared/domain/imp-reference.md) that screening rules cite.
 * Where the reference marks a fact [U] (unconfirmed), the rule's text says "to confirm".
 */
export const ref = {
  employer: '§1 IMP basics and employer obligations',
  streams: '§2 Main IMP streams',
  admissibility: '§3 Admissibility',
  pathways: '§4 Pathways to permanent residence',
  teer: '§5 NOC 2021 TEER categories',
  language: '§6 Language tests',
  changes: '§7 Changes in 2024–2026',
  flags: '§8 Flags for the staff summary',
  corrections: '§9 Corrections and additions',
  dec2026: '§10 Corrections and additions (Dec 2026)',
} as const;

export type RefSection = (typeof ref)[keyof typeof ref];

/** A rule resting on more than one section cites them all, in order. */
export function refs(...sections: RefSection[]): string {
  return sections.join('; ');
}
