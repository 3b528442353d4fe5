/** The classifier engine: featurise, score, train, learn, evaluate. */
export { classifyNotice, type ClassifyOptions } from './classify';
export { expectedCalibrationError, fitCalibration } from './calibrate';
export { ModelError } from './errors';
export {
  crossValidate,
  evaluate,
  figures,
  predict,
  wilsonInterval,
  type Evaluation,
  type FoldResult,
  type Prediction,
} from './evaluate';
export { DEFAULT_SETTINGS, featurise, type Features, type FeaturiserSettings } from './featurise';
export { compileLexicon, type Lexicon } from './lexicon';
export { readLabelledJsonl, type LabelError, type LabelledLine } from './labels';
export {
  MODEL_SCHEMA_VERSION,
  parseModel,
  serialiseModel,
  type Model,
  type ModelFile,
} from './model';
export {
  EMPTY_PRIOR,
  PRIOR_FILE_NAMES,
  readPrior,
  readPriorFiles,
  type KnowledgePrior,
} from './prior';
export {
  knowledgeWeights,
  pseudoExamples,
  trainModel,
  updateModel,
  type LabelledExample,
  type TrainOptions,
} from './train';
export type { Classification, Evidence, SectionEvidence, Suggestion } from './types';
