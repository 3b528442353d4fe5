/**
 * What learning bought, measured honestly: the shipped model and the local model scored by the
 * same k-fold cross-validation on the office's own labelled notices. The local model of each fold
 * is trained on the other folds only; the shipped model never saw any of them.
 */
import { crossValidate, type Evaluation, type LabelledExample, type Model } from '../classifier';
import type { ParsedNotice } from '../notice/types';

export interface Figures {
  readonly top1Level1: number;
  readonly top3Level1: number;
  readonly top1Level2: number;
  readonly top3Level2: number;
  readonly macroF1Level1: number;
}

export interface Comparison {
  readonly k: number;
  /** Examples scored (all of them, each once, by a model that did not train on it). */
  readonly n: number;
  /** Of which labelled at level 2 (the level-2 figures are over these). */
  readonly n2: number;
  readonly shipped: Figures;
  readonly local: Figures;
}

function figures(e: Evaluation): Figures {
  return {
    top1Level1: e.top1Level1,
    top3Level1: e.top3Level1,
    top1Level2: e.top1Level2,
    top3Level2: e.top3Level2,
    macroF1Level1: e.macroF1Level1,
  };
}

export interface CompareOptions {
  readonly k: number;
  readonly shipped: Model;
  /** Trains a local model from a training fold (the same training as the desk's own). */
  readonly train: (examples: readonly LabelledExample[]) => Model;
  readonly parse: (text: string) => ParsedNotice;
  /** Called before each fold's training, for a progress bar. */
  readonly onFold?: (fold: number, k: number) => void;
}

/** Fewer examples than this and k-fold figures are noise: the desk asks for more history first. */
export const MIN_CV_EXAMPLES = 10;

export function compareShippedAndLocal(
  examples: readonly LabelledExample[],
  options: CompareOptions,
): Comparison {
  const k = Math.max(2, Math.min(options.k, examples.length));
  const parsed = examples.map((e) =>
    e.parsed || e.text === undefined ? e : { ...e, parsed: options.parse(e.text) },
  );
  const shipped = crossValidate(parsed, k, () => options.shipped, options.parse);
  const local = crossValidate(
    parsed,
    k,
    (train, fold) => {
      options.onFold?.(fold, k);
      return options.train(train);
    },
    options.parse,
  );
  return {
    k,
    n: local.overall.n,
    n2: local.overall.n2,
    shipped: figures(shipped.overall),
    local: figures(local.overall),
  };
}
