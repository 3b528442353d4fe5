/** The classifier engine: featurise, score, train, learn, evaluate. */
export { classifyNotice, type ClassifyOptions } from './classify';
export { expectedCalibrationError, fitCalibration, fitTemperature } from './calibrate';
export { ModelError } from './errors';
export { crossValidate, evaluate, type Evaluation, type FoldResult } from './evaluate';
export {
  DEFAULT_SETTINGS,
  featurise,
  compileLexicon,
  type Features,
  type FeaturiserSettings,
  type Lexicon,
} from './featurise';
export { readLabelledJsonl, type LabelError, type LabelledLine } from './labels';
export {
  MODEL_SCHEMA_VERSION,
  parseModel,
  serialiseModel,
  type Model,
  type ModelFile,
} from './model';
export { EMPTY_PRIOR, readPrior, type KnowledgePrior } from './prior';
export {
  knowledgeWeights,
  pseudoExamples,
  trainModel,
  updateModel,
  type LabelledExample,
  type TrainOptions,
} from './train';
export type { Classification, Evidence, SectionEvidence, Suggestion } from './types';
