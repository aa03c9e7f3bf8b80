/**
 * Runs the command line. `bin/cdk8s-istio` does the same from the compiled `lib/`; this entry
 * lets the sources run directly (`node -r ts-node/register src/cli/bin-entry.ts lint …`).
 */
import { runCli } from './main';

runCli();
