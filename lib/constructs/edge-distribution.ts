/**
 * CloudFront in front of the HTTP API, for `<baseDomain>` and `*.<baseDomain>`. Nothing is
 * cached; every viewer header, cookie and query string goes to the origin (with caching off,
 * the AllViewer policy forwards Authorization too), the Host header included: with Host
 * forwarded, CloudFront uses it for the origin's TLS SNI and Host, so API Gateway routes the
 * request by its custom domain names (`<baseDomain>`, `*.<baseDomain>`) and the handlers see
 * the tenant host. The origin domain name is only where CloudFront connects: a DNS name for
 * the API's regional endpoint (`origin.<baseDomain>` by default). The origin secret header
 * proves to the handlers that a request came this way.
 */
import { Duration } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER } from '../../lambdas/http/origin-guard.js';

export interface EdgeDistributionProps {
  baseDomain: string;
  /** ACM certificate in us-east-1 for `<baseDomain>` and `*.<baseDomain>`. */
  certificateArn: string;
  /** Where CloudFront connects: a DNS name of the API's regional endpoint. */
  originDomain: string;
  /** Sent to the origin on every request; the handlers refuse requests without it. */
  originSecret: string;
  webAclArn: string;
}

export class EdgeDistribution extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: EdgeDistributionProps) {
    super(scope, id);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Impero SSO edge for ${props.baseDomain}`,
      domainNames: [props.baseDomain, `*.${props.baseDomain}`],
      certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
      sslSupportMethod: SSLMethod.SNI,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Edges in North America and Europe; users elsewhere are served from the nearest of those.
      priceClass: PriceClass.PRICE_CLASS_100,
      webAclId: props.webAclArn,
      // CloudFront's access logs would hold the callback's query string (authorization codes).
      enableLogging: false,
      defaultBehavior: {
        origin: new HttpOrigin(props.originDomain, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          // API Gateway's integration limit is 30 s; wait for it rather than cut it short.
          readTimeout: Duration.seconds(30),
          customHeaders: { [ORIGIN_SECRET_HEADER]: props.originSecret },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER,
      },
    });
  }
}
