import { Validation, ValidationContext, ValidationViolation } from 'cdk8s-cli/plugins';
import { GOOD_MESH, REVIEWS_RULE, REVIEWS_SERVICE, REVIEWS_V1, reviewsRoute, runPlugin, violationsOf } from './helpers';
import { IstioValidation } from '../../src';
import { Violation } from '../../src/plugin/cdk8s-validation-api';

const SUBSET_NOT_FOUND = 'virtualservice-subset-not-found';
const WEIGHTS_NOT_100 = 'virtualservice-weights-not-100';

/** The good mesh, but the route sends to subset v3, which the DestinationRule does not define. */
const BROKEN_MESH = [REVIEWS_SERVICE, REVIEWS_V1, REVIEWS_RULE, reviewsRoute('v3')].join('---\n');

/** The good mesh, with a split whose weights add up to 90 (a warning: Istio rescales them). */
const WARNING_MESH = GOOD_MESH.replace(
  '  - route:\n    - destination: {host: reviews.shop.svc.cluster.local, subset: v1}\n',
  '  - route:\n    - destination: {host: reviews.shop.svc.cluster.local, subset: v1}\n      weight: 60\n' +
  '    - destination: {host: reviews.shop.svc.cluster.local, subset: v1}\n      weight: 30\n',
);

/** An ALLOW policy without rules: an info (it allows nothing, which is how default-deny is written). */
const INFO_POLICY = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-all, namespace: shop}
spec: {}
`;

describe('the plugin contract of cdk8s-cli', () => {
  test('IstioValidation is a cdk8s-cli Validation, and its violations are ValidationViolations', () => {
    // Compile-time checks against the CLI's own types; at run time, the instance has validate().
    const plugin: Validation = new IstioValidation();
    const violation: ValidationViolation = {} as Violation;
    expect(typeof plugin.validate).toBe('function');
    expect(violation).toBeDefined();
  });
});

describe('status', () => {
  test('an error fails the report', async () => {
    const run = await runPlugin({ 'shop.k8s.yaml': BROKEN_MESH });
    expect(run.success).toBe(false);
    expect(run.report.summary.status).toBe('failure');
  });

  test('a mesh without findings passes', async () => {
    const run = await runPlugin({ 'shop.k8s.yaml': GOOD_MESH });
    expect(run.success).toBe(true);
    expect(run.report.violations).toEqual([]);
  });

  test('warnings are reported but do not fail by default', async () => {
    const run = await runPlugin({ 'shop.k8s.yaml': WARNING_MESH });
    expect(violationsOf(run, WEIGHTS_NOT_100)).toHaveLength(1);
    expect(run.success).toBe(true);
  });

  test('failOnWarnings: true makes warnings fail', async () => {
    const run = await runPlugin({ 'shop.k8s.yaml': WARNING_MESH }, { props: { failOnWarnings: true } });
    expect(run.success).toBe(false);
    expect(run.report.summary.metadata['Fails on']).toBe('errors and warnings');
  });

  test('infos are logged, not reported as violations, and never fail', async () => {
    const run = await runPlugin({ 'shop.k8s.yaml': [GOOD_MESH, INFO_POLICY].join('---\n') }, { props: { failOnWarnings: true } });
    expect(run.success).toBe(true);
    expect(run.report.violations).toEqual([]);
    expect(run.logs.join('\n')).toMatch(/^cdk8s-istio: info authorizationpolicy-allow-nothing: AuthorizationPolicy shop\/deny-all/m);
  });

  test('the summary counts objects and findings by severity', async () => {
    const run = await runPlugin({ 'shop.k8s.yaml': [WARNING_MESH, INFO_POLICY].join('---\n') });
    expect(run.report.summary.metadata).toEqual({
      'Objects analysed': '5',
      'Errors': '0',
      'Warnings': '1',
      'Infos': '1',
      'Fails on': 'errors',
    });
  });
});

describe('violations', () => {
  test('a violation has the rule id, severity, Istio code and message, the fix, and the object with the JSON path', async () => {
    const run = await runPlugin({ 'shop.k8s.yaml': BROKEN_MESH });
    const [violation] = violationsOf(run, SUBSET_NOT_FOUND);
    expect(violation.recommendation).toMatch(/^error \[IST0101\]: Routes to subset "v3" of host "reviews.shop.svc.cluster.local"/);
    expect(violation.fix).toContain('subset named "v3"');
    expect(violation.violatingConstructs).toEqual([
      expect.objectContaining({
        resourceName: 'VirtualService shop/reviews',
        manifestPath: run.paths['shop.k8s.yaml'],
        locations: ['spec.http[0].route[0].destination.subset'],
      }),
    ]);
  });

  test('objects of several manifest files are analysed together', async () => {
    const run = await runPlugin({
      'a.k8s.yaml': [REVIEWS_SERVICE, REVIEWS_V1].join('---\n'),
      'b.k8s.yaml': REVIEWS_RULE,
      'c.k8s.yaml': reviewsRoute('v1'),
    });
    expect(run.report.violations).toEqual([]);
    expect(run.report.summary.metadata['Objects analysed']).toBe('4');
  });

  test('each violating object names the manifest file it was written to', async () => {
    const run = await runPlugin({ 'a.k8s.yaml': [REVIEWS_SERVICE, REVIEWS_V1, REVIEWS_RULE].join('---\n'), 'b.k8s.yaml': reviewsRoute('v3') });
    expect(violationsOf(run, SUBSET_NOT_FOUND)[0].violatingConstructs[0].manifestPath).toBe(run.paths['b.k8s.yaml']);
  });

  test('empty YAML documents in a manifest are skipped', async () => {
    const run = await runPlugin({ 'shop.k8s.yaml': `---\n${GOOD_MESH}---\n` });
    expect(run.success).toBe(true);
    expect(run.report.summary.metadata['Objects analysed']).toBe('4');
  });
});

describe('construct paths', () => {
  test('an object whose name is unique in the app gets the construct path cdk8s recorded for it', async () => {
    const run = await runPlugin(
      { 'shop.k8s.yaml': [REVIEWS_SERVICE, REVIEWS_V1, REVIEWS_RULE, reviewsRoute('v3', 'reviews-canary')].join('---\n') },
      { metadata: { 'reviews-canary': 'shop/reviews/Canary', 'reviews': 'shop/reviews/Service' } },
    );
    expect(violationsOf(run, SUBSET_NOT_FOUND)[0].violatingConstructs[0]).toMatchObject({
      resourceName: 'reviews-canary',
      constructPath: 'shop/reviews/Canary',
    });
  });

  test('a shared name gets the recorded path when the path ends in the object\'s kind', async () => {
    const run = await runPlugin({ 'shop.k8s.yaml': BROKEN_MESH }, { metadata: { reviews: 'shop/reviews/VirtualService' } });
    expect(violationsOf(run, SUBSET_NOT_FOUND)[0].violatingConstructs[0]).toMatchObject({
      resourceName: 'reviews',
      constructPath: 'shop/reviews/VirtualService',
    });
  });

  test('a shared name whose recorded path belongs to another object is qualified, with no construct path', async () => {
    // cdk8s records one path per name: here the Service's. Showing it for the VirtualService would mislead.
    const run = await runPlugin({ 'shop.k8s.yaml': BROKEN_MESH }, { metadata: { reviews: 'shop/reviews/Service' } });
    const [occurrence] = violationsOf(run, SUBSET_NOT_FOUND)[0].violatingConstructs;
    expect(occurrence.resourceName).toBe('VirtualService shop/reviews');
    expect(occurrence.constructPath).toBeUndefined();
  });
});

describe('properties', () => {
  test('ignoreRules switches a rule off', async () => {
    const run = await runPlugin({ 'shop.k8s.yaml': BROKEN_MESH }, { props: { ignoreRules: [SUBSET_NOT_FOUND] } });
    expect(violationsOf(run, SUBSET_NOT_FOUND)).toEqual([]);
  });

  test('an ignoreRules entry that is no rule id is logged as a warning', async () => {
    const run = await runPlugin({ 'shop.k8s.yaml': GOOD_MESH }, { props: { ignoreRules: ['virtualservice-subset-not-fund'] } });
    expect(run.logs).toContain(
      "cdk8s-istio: warning: ignoreRules lists 'virtualservice-subset-not-fund', which is no rule id. Did you mean 'virtualservice-subset-not-found'? (run 'cdk8s-istio lint --list-rules').",
    );
  });

  test('the ignore annotation switches a rule off for the annotated object', async () => {
    const annotated = BROKEN_MESH.replace(
      'metadata: {name: reviews, namespace: shop}\nspec:\n  hosts',
      'metadata: {name: reviews, namespace: shop, annotations: {cdk8s-istio.io/ignore-rules: virtualservice-subset-not-found}}\nspec:\n  hosts',
    );
    expect(annotated).not.toBe(BROKEN_MESH);
    const run = await runPlugin({ 'shop.k8s.yaml': annotated });
    expect(run.success).toBe(true);
  });

  test('clusterDomain expands short host names with the given domain', async () => {
    const corp = GOOD_MESH.replace(/\.svc\.cluster\.local/g, '.svc.corp.example').replace('hosts: [reviews.shop.svc.corp.example]', 'hosts: [reviews]')
      .replace('{host: reviews.shop.svc.corp.example, subset: v1}', '{host: reviews, subset: v1}');
    expect((await runPlugin({ 'shop.k8s.yaml': corp })).success).toBe(false);
    expect((await runPlugin({ 'shop.k8s.yaml': corp }, { props: { clusterDomain: 'corp.example' } })).success).toBe(true);
  });

  test('rootNamespace makes policies of that namespace apply mesh-wide', async () => {
    const strictInRoot = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-config}
spec: {mtls: {mode: STRICT}}
`;
    const plainText = GOOD_MESH.replace('  host: reviews.shop.svc.cluster.local\n', '  host: reviews.shop.svc.cluster.local\n  trafficPolicy: {tls: {mode: DISABLE}}\n');
    const files = { 'shop.k8s.yaml': [strictInRoot, plainText].join('---\n') };
    const conflict = (run: Awaited<ReturnType<typeof runPlugin>>) => violationsOf(run, 'destinationrule-mtls-conflict').length;
    expect(conflict(await runPlugin(files))).toBe(0);
    expect(conflict(await runPlugin(files, { props: { rootNamespace: 'istio-config' } }))).toBe(1);
  });

  test('a misspelt property is an error that names it and suggests the right one', () => {
    expect(() => new IstioValidation({ failOnWarning: true } as any)).toThrow(
      'cdk8s.yaml validations[class: IstioValidation].properties.failOnWarning: unknown property. Did you mean failOnWarnings? ' +
      'Known properties: ignoreRules, failOnWarnings, clusterDomain, rootNamespace, crdFile.',
    );
  });

  test('a property of the wrong type is an error that shows the value and what to write', () => {
    expect(() => new IstioValidation({ ignoreRules: 'virtualservice-weights-not-100' } as any)).toThrow(
      'properties.ignoreRules: "virtualservice-weights-not-100" is not valid; write a list of rule ids, e.g. [virtualservice-weights-not-100].',
    );
    expect(() => new IstioValidation({ failOnWarnings: 'yes' } as any)).toThrow('properties.failOnWarnings: "yes" is not valid; write true or false.');
    expect(() => new IstioValidation({ rootNamespace: '' } as any)).toThrow('properties.rootNamespace: "" is not valid');
  });

  test('no properties (cdk8s passes {}) means every rule and failure on errors only', async () => {
    expect(() => new IstioValidation({})).not.toThrow();
    expect(() => new IstioValidation()).not.toThrow();
    expect(() => new IstioValidation(null as any)).not.toThrow();
  });

  test('a property named like a built-in of JavaScript objects is unknown, not a crash', () => {
    expect(() => new IstioValidation({ toString: 'x' } as any)).toThrow('properties.toString: unknown property.');
  });

  test('properties that are not a mapping are an error', () => {
    expect(() => new IstioValidation(['failOnWarnings'] as any)).toThrow(
      'cdk8s.yaml validations[class: IstioValidation].properties: expected a mapping of properties, got ["failOnWarnings"].',
    );
  });
});

describe('robustness', () => {
  test('a manifest that cannot be read fails the report with a message instead of a stack trace', async () => {
    const context = new ValidationContext(['/nonexistent/shop.k8s.yaml'], 'cdk8s-istio', '0.0.0', {}, false);
    const logs: string[] = [];
    jest.spyOn(context.logger, 'log').mockImplementation((m: string) => {
      logs.push(m);
    });
    await new IstioValidation().validate(context);
    expect(context.report.success).toBe(false);
    expect(logs.join('\n')).toMatch(/^cdk8s-istio: the analysis could not run: ENOENT/);
  });
});
