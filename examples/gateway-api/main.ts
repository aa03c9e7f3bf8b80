import { build } from './app';

// Entry point for `cdk8s synth` (see cdk8s.yaml beside this file).
build().synth();
