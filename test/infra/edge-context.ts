/** The edge-protection context the infrastructure tests synthesise (edge.test.ts, cfn-validation.test.ts). */
export const REGIONAL_CERT = 'arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
export const EDGE_CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/9a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
export const SECRET = 'edge-secret-0123456789-abcdefghijklmnop';
export const OLD_SECRET = 'old-edge-secret-0123456789-abcdefghijkl';
export const EDGE = {
  domainName: 'impero.com',
  certificateArn: REGIONAL_CERT,
  edgeProtection: 'true',
  edgeCertificateArn: EDGE_CERT,
  originSecret: SECRET,
  previousOriginSecrets: OLD_SECRET,
  edgeRateLimit: '600',
  edgeSiteRateLimit: '3000',
  edgeScimRateLimit: '30000',
};
