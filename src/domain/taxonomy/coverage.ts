/**
 * Loads what each class covers (coverage.json: the knowledge prior's 5,360 terms with their pinyin
 * initials) for the picker's search. A dynamic import, so the bundler puts it in a chunk of its own
 * that the page fetches only when asked (when the picker first opens, or when the browser is idle).
 */
import { topicCoverage, type TopicCoverage } from './search';

let loading: Promise<TopicCoverage> | null = null;

/**
 * The coverage, loaded once; later calls share the same promise. A failed load is forgotten, so a
 * later call tries again (the search works on names, aliases and initials meanwhile).
 */
export function loadTopicCoverage(): Promise<TopicCoverage> {
  loading ??= import('./coverage.json').then(
    (module) => topicCoverage(module.default),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
