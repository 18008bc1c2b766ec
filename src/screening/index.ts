export { RULES_VERSION, screen, type ScreenOptions } from './screen';
export * from './lead';
export { noExemptStreamText, summarize } from './summary';
export { streamRules, streamShortTitle, streamTitle, type StreamRule } from './streams/index';
export { admissibilityRules, type AdmissibilityRule } from './admissibility';
export { pathwayRules, type PathwayRule } from './pathways';
export { priorityRules, type PriorityRule } from './priority';
