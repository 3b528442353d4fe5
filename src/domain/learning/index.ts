/** Learning from the office's own work: labelled history, training set, CV comparison, audit. */
export {
  historyFromCsv,
  historyFromJsonl,
  historyFromNotice,
  historyImportReport,
  labelHistory,
  mappingKey,
  resolveHistoryImport,
  type ConflictChoices,
  type ConflictLabel,
  type HistoryImportReport,
  type ImportedItem,
  type ImportStatus,
  type LabelConflict,
  type HistoryError,
  type HistoryExample,
  type HistoryItem,
  type HistoryRead,
  type LabelMapping,
  type LabelledHistory,
  type UnknownLabel,
} from './history';
export { labelDistribution, type LabelCount, type LabelDistribution } from './distribution';
export {
  compareShippedAndLocal,
  MIN_CV_EXAMPLES,
  type CompareOptions,
  type Comparison,
  type Figures,
} from './compare';
export {
  auditCandidates,
  disputes,
  disagreement,
  DEFAULT_AUDIT_THRESHOLD,
  type AuditCandidate,
} from './audit';
export { chunks, rescoreOrder } from './rescore';
export { trainingSet, type TrainingSet } from './training-set';
export { crossValidatedFigure, FEW_EXAMPLES, type CrossValidatedFigure } from './figures';
export { conventionHabits, HABIT_DIFFERENCE, type ConventionHabit } from './habits';
