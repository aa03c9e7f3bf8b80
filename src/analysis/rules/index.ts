import { Rule } from '../rule';

/**
 * Every rule the engine runs, in the order they run. Add a rule here and it runs in synth,
 * in `cdk8s-istio lint` and in the cdk8s validation plugin alike.
 */
export const ALL_RULES: readonly Rule[] = [
];
