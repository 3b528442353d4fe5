/** The fast scorer gives the plain reference scorer's scores, on every in-repo fixture. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../notice';
import { featurise } from './featurise';
import { parseModel } from './model';
import { calibratedProbabilities, logits, referenceLogits } from './score';

const dir = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));
const model = parseModel(
  JSON.parse(readFileSync(dir('../../../public/model/model.json'), 'utf8')) as unknown,
);
const fixtures = [
  ...readdirSync(dir('../notice/fixtures/')).map((f) => dir(`../notice/fixtures/${f}`)),
  ...readdirSync(dir('../../../eval/composed/notices/'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => dir(`../../../eval/composed/notices/${f}`)),
];

describe('the fast scorer', () => {
  it(`gives the reference scores on the ${fixtures.length} in-repo notices (max difference ≤ 1e-6)`, () => {
    expect(fixtures.length).toBeGreaterThan(150);
    let worst = 0;
    for (const file of fixtures) {
      const parsed = parseNotice(readFileSync(file, 'utf8'));
      const values = featurise(parsed, model.settings, model.compiled).values;
      const fast = calibratedProbabilities(logits(model.weights, values, 122), model.calibration);
      const plain = calibratedProbabilities(
        referenceLogits(model.weights, values, 122),
        model.calibration,
      );
      fast.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - (plain[i] ?? 0)))));
    }
    expect(worst).toBeLessThanOrEqual(1e-6);
  });
});
