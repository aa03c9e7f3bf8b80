import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-istio',
  description: 'Typed cdk8s constructs for the Istio service mesh, with the checks of Istio\'s webhook, istioctl analyze and Envoy before a cluster is touched.',
  author: 'cdk8s-istio maintainers',
  authorAddress: 'maintainers@users.noreply.b-seed-2d3fa93f.example',
  repositoryUrl: 'https://github.com/cdk8s-istio/cdk8s-istio.git',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'istio', 'service-mesh', 'kubernetes', 'envoy'],

  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  github: false,

  // Versions known to work on these machines (see shared TOOLCHAIN.md).
  cdk8sVersion: '2.68.12',
  constructsVersion: '10.3.0',
  jsiiVersion: '~6.0.0',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  devDeps: ['cdk8s-plus-28@^2.5.6', 'ajv@^8.20.0', 'ts-node', 'cdk8s-cli@^2.207.60', 'fast-check@^3'],

  // Bundled so that the lint CLI and the engine work in every jsii language.
  // @bufbuild/cel evaluates the CRDs' x-kubernetes-validations rules (lint --crds).
  bundledDeps: ['yaml@^2.9.1', 're2js@^2.10.0', '@bufbuild/cel@^0.6.1', '@bufbuild/protobuf@^2.17.0'],

  jestOptions: {
    // Snapshots must be able to fail: never rewrite them during a test run.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // One worker per CPU (jest's default leaves one CPU idle, half the machine on two CPUs).
    extraCliOptions: ['--maxWorkers=100%'],
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/'],
      // Coverage made the suite about four times slower (V8 coverage of every source file, converted
      // after each of ~300 test files); `npx projen test:coverage` collects it on demand.
      collectCoverage: false,
    },
  },

  bin: { 'cdk8s-istio': 'bin/cdk8s-istio' },

  publishToPypi: { distName: 'cdk8s-istio', module: 'cdk8s_istio' },
  publishToMaven: {
    javaPackage: 'io.github.cdk8s_istio',
    mavenGroupId: 'io.github.cdk8s-istio',
    mavenArtifactId: 'cdk8s-istio',
  },
  publishToGo: { moduleName: 'github.com/cdk8s-istio/cdk8s-istio-go' },
  publishToNuget: { dotNetNamespace: 'Cdk8sIstio', packageId: 'Cdk8sIstio' },

  gitignore: ['/dist/', '/bench/results/', '*.tsbuildinfo'],
});

project.addTask('test:coverage', {
  description: 'Run jest with coverage (coverage/ and the text summary); the test task runs without it',
  exec: 'jest --ci --coverage --maxWorkers=100%',
  receiveArgs: true,
});

// npm ci fails on the platform bindings unrs-resolver 1.13 writes into the lockfile here.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// Real packages for Python (wheel + sdist), Java (Maven jar) and Go (module, compiled), built by
// jsii-pacmak with pip, mvn and go; what they download stays in their default caches (~/.cache/pip,
// ~/.m2, GOMODCACHE). Java and Go first build the cdk8s runtime packages the registries here do not
// serve (scripts/bindings/deps.sh). .NET stays source only: there is no .NET SDK nor NuGet here.
project.tasks.tryFind('package:python')?.reset('jsii-pacmak -v --target python');
for (const lang of ['java', 'go']) {
  const task = project.tasks.tryFind(`package:${lang}`);
  task?.reset(`scripts/bindings/deps.sh ${lang}`);
  task?.exec(`jsii-pacmak -v --target ${lang}`);
}
project.tasks.tryFind('package:dotnet')?.reset('jsii-pacmak -v --code-only --target dotnet');

// The bindings smoke apps (test/bindings/<lang>/): each synthesizes the canary and zero-trust app
// with the built package and must write the same YAML as the TypeScript one.
project.addTask('bindings:smoke', {
  description: 'Run the bindings smoke app of each language given (default: python java go) against dist/<lang>',
  exec: 'scripts/bindings/smoke-all.sh',
  receiveArgs: true,
});
project.addGitIgnore('/test/bindings/java/target/');
project.addGitIgnore('/.jsii.tabl.json'); // written by jsii-rosetta

// Compiles every README and doc-comment sample with jsii-rosetta in strict mode (after the jsii
// compile), so that the other languages' renderings of them are translations of real code.
project.addTask('rosetta', {
  description: 'Compile the README and doc-comment samples with jsii-rosetta (strict)',
  exec: 'scripts/rosetta.sh',
});

// The suite against the newest cdk8s 2.70.x (or the minor given) instead of the pinned floor.
project.addTask('test:cdk8s-latest', {
  description: 'Run jest against the newest cdk8s 2.70.x (npm install --no-save; the pin is restored)',
  exec: 'scripts/test-cdk8s-latest.sh',
  receiveArgs: true,
});

// Synthesizes every runnable example app into dist/examples/<name>/ and prints the analysis summary.
project.addTask('examples', {
  description: 'Synthesize every example into dist/examples/<name>/',
  exec: 'ts-node --project test/tsconfig.json scripts/synth-examples.ts',
  receiveArgs: true,
});

// Generated tables live in src/analysis/generated/, each with its projen task and a freshness test.
// Re-derives the Istio field table from a CRD file (default: ../shared/istio-crds/istio-1.30.3.yaml).
project.addTask('derive-fields', {
  description: 'Derive src/analysis/generated/istio-fields.generated.ts from an Istio CRD file',
  exec: 'ts-node --project test/tsconfig.json scripts/derive-field-table.ts',
  receiveArgs: true,
});

// Re-derives the Istio annotation table from istio/api's annotation/annotations.yaml (a path argument).
project.addTask('derive-annotations', {
  description: 'Derive src/analysis/generated/istio-annotations.generated.ts from istio/api annotation/annotations.yaml',
  exec: 'ts-node --project test/tsconfig.json scripts/derive-annotation-table.ts',
  receiveArgs: true,
});
project.gitattributes.addAttributes('/src/analysis/generated/**', 'linguist-generated');

for (const pattern of ['/examples/', '/bench/', '/scripts/', '/docs/']) {
  project.addPackageIgnore(pattern);
}


// Synth and analysis at scale (see docs/benchmarks.md).
project.addTask('bench', {
  description: 'Benchmark synth and lint against plain cdk8s (prints a table and a ratios line)',
  exec: 'ts-node --project test/tsconfig.json bench/run.ts',
  receiveArgs: true,
});

// The property-based test (test/property/random-apps.test.ts) at a larger size than its 200 apps in
// the default test run: PROPERTY_RUNS apps (2000 unless set), PROPERTY_SEED to replay a run.
project.addTask('property-test', {
  description: 'Run the property-based test of random apps with more apps (PROPERTY_RUNS, default 2000)',
  env: { PROPERTY_LARGE: '1' },
  exec: 'jest --coverage=false test/property/random-apps.test.ts',
  receiveArgs: true,
});
project.addTask('bench:lint-scale', {
  description: 'Lint 1,000,000 generated objects (about 370 MB of YAML in a temp folder): wall time and peak RSS',
  exec: 'ts-node --project test/tsconfig.json bench/run.ts --lint-scale 1000000 --no-parse',
  receiveArgs: true,
});
project.addTask('bench:rule-cost', {
  description: 'Time each analysis rule alone at 16,000 and 160,000 objects; flags growth above n log n',
  exec: 'ts-node --project test/tsconfig.json bench/run.ts --rule-cost',
  receiveArgs: true,
});

// Regenerates the rules table in README.md from the rule registry.
project.addTask('rules-doc', {
  description: 'Write the analysis rules table into README.md',
  exec: 'ts-node --project test/tsconfig.json scripts/rules-doc.ts',
});

// istioctl 1.30.3 as the oracle: corpus, recorded verdicts, figures (see docs/fidelity.md).
// Needs $ISTIOCTL (a development tool, never part of the project) unless --replay-only.
project.addTask('differential', {
  description: 'Record istioctl 1.30.3 verdicts on the differential corpus ($ISTIOCTL) and write docs/fidelity.md',
  exec: 'ts-node --project test/tsconfig.json scripts/differential/run.ts',
  receiveArgs: true,
});

project.synth();
