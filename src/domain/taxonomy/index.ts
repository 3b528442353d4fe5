/** The 主题分类 taxonomy: its tree, label normalisation and formatting, and the picker's search. */
export {
  TAXONOMY,
  formatTopic,
  normaliseTopic,
  taxonomyLeaves,
  topicKey,
  type PathSeparator,
  type Taxonomy,
  type TopicClass,
  type TopicPath,
  type TopicResult,
  type TopicSubclass,
} from './taxonomy';
export {
  groupByClass,
  searchTopics,
  topicCoverage,
  type CoverageData,
  type MatchHint,
  type TopicCoverage,
  type TopicGroup,
  type TopicMatch,
  type TopicOption,
} from './search';
export { loadTopicCoverage } from './coverage';
