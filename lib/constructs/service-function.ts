/**
 * One function's Lambda (the routes the route table gives it): bundled by the locally installed esbuild (no Docker), with its own
 * role (only its log group by default; table and key access is added by the stack from
 * `functionAccess`) and its own log group with a retention period.
 */
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functions, routeKey, routesOf, type FunctionName } from '../../lambdas/routes.js';

/** The repository root: entries and the lock file are found from here, whatever the cwd. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

// The bundle is ESM; a few bundled CommonJS dependencies still call `require` for Node
// built-ins, which ESM lacks. The alias keeps the banner clear of names in the bundle.
const CREATE_REQUIRE_BANNER =
  "import { createRequire as __imperoCreateRequire } from 'node:module'; const require = __imperoCreateRequire(import.meta.url);";

/**
 * The SDK's credential chain, swapped for the environment alone: the one link Lambda uses.
 * Every function that talks to AWS loads about 130 KB less (docs/decisions/function-grouping.md).
 */
const BUNDLE_ALIASES = {
  '@aws-sdk/credential-provider-node': `${PROJECT_ROOT}lambdas/adapters/lambda-credentials.ts`,
};

export interface ServiceFunctionProps {
  name: FunctionName;
  environment: Record<string, string>;
  /** Okta calls get IDP_TIMEOUT_SECONDS (≤ 10 s) each; a callback may chain several. */
  callsIdentityProvider: boolean;
}

export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { name } = props;
    const served = routesOf(name).map(routeKey).join(', ');
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      // Sign-in records are audit evidence: they outlive the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Impero SSO ${name} function (${served})`,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every group): this group only.
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      description: `${name}: ${functions[name]} (${served})`.slice(0, 256),
      entry: `${PROJECT_ROOT}lambdas/functions/${name}.ts`,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      // 512 MB: Lambda's CPU share grows with memory, and these functions are CPU-bound at
      // cold start (parsing a bundle of several hundred KB) and in crypto; at tens of ms
      // per call the larger size costs little more than 128 MB would.
      memorySize: 512,
      // Okta-facing routes: just under the HTTP API's hard 30 s integration limit, so a slow
      // Okta ends in our error page rather than API Gateway's 503. Others only touch
      // DynamoDB/KMS, where 10 s already covers the SDK's retries.
      timeout: Duration.seconds(props.callsIdentityProvider ? 29 : 10),
      role: this.role,
      logGroup: this.logGroup,
      // No --enable-source-maps: it costs every cold start (about +0.4x for a 790 KB map), and error
      // log lines carry names and messages, not stacks. The map ships beside the bundle, for
      // mapping a crash's minified position by hand.
      environment: props.environment,
      bundling: {
        format: OutputFormat.ESM,
        banner: CREATE_REQUIRE_BANNER,
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        bundleAwsSDK: true,
        forceDockerBundling: false,
        esbuildArgs: Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([from, to]) => [`--alias:${from}`, to])),
      },
    });
  }
}
