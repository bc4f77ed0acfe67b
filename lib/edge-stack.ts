/**
 * Edge protection, as its own stack in us-east-1: AWS WAF web ACLs for CloudFront exist only
 * there (and so do CloudFront's certificates), while the API stays in the deploy region.
 * CloudFront reaches the API through a DNS name of the API's regional domain
 * (`edgeOriginDomain`), so this stack needs no value from the other one at deploy time and
 * both stay free of cross-region references. `lib/app.ts` makes it deploy after the API
 * stack, so the handlers accept a new origin secret before CloudFront starts sending it.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EdgeDistribution } from './constructs/edge-distribution.js';
import { EdgeFirewall } from './constructs/edge-firewall.js';
import { acknowledgeEdgeNagFindings } from './nag-acknowledgements.js';
import type { DeploySettings, EdgeSettings } from './settings.js';

/** The only region where CloudFront takes WAF web ACLs and ACM certificates. */
const EDGE_REGION = 'us-east-1';

export interface ImperoSsoEdgeStackProps extends Omit<StackProps, 'env'> {
  settings: DeploySettings & { edge: EdgeSettings };
}

export class ImperoSsoEdgeStack extends Stack {
  readonly firewall: EdgeFirewall;
  readonly distribution: EdgeDistribution;

  constructor(scope: Construct, id: string, props: ImperoSsoEdgeStackProps) {
    // The account comes from the deploying credentials, as for the API stack.
    super(scope, id, { ...props, env: { region: EDGE_REGION } });
    const { settings } = props;
    this.firewall = new EdgeFirewall(this, 'Firewall', {
      ratePerFiveMinutes: settings.edge.ratePerFiveMinutes,
      sitePerFiveMinutes: settings.edge.sitePerFiveMinutes,
      scimPerFiveMinutes: settings.edge.scimPerFiveMinutes,
    });
    this.distribution = new EdgeDistribution(this, 'Cdn', {
      baseDomain: settings.baseDomain,
      certificateArn: settings.edge.certificateArn,
      originDomain: settings.edge.originDomain,
      originSecret: settings.edge.originSecret,
      webAclArn: this.firewall.webAcl.attrArn,
    });
    new CfnOutput(this, 'EdgeDomainTarget', {
      value: this.distribution.distribution.distributionDomainName,
      description: `DNS target (alias or CNAME) for ${settings.baseDomain} and *.${settings.baseDomain} with edge protection`,
    });
    new CfnOutput(this, 'WebAclArn', { value: this.firewall.webAcl.attrArn, description: 'AWS WAF web ACL in front of CloudFront' });
    acknowledgeEdgeNagFindings(this);
  }
}
