/** Agreement figures for a team's labels: Cohen's kappa, per class, and agreement with the final label. */
export {
  agreementWithFinal,
  classKappas,
  cohensKappa,
  type ClassKappa,
  type Kappa,
  type LabelPair,
  type RatedDecision,
  type RaterAgreement,
} from './kappa';
