/** SCIM Groups over real HTTP on the embedded DynamoDB (dynalite): the suite is scim-groups-suite.ts. */
import { describe } from 'vitest';
import { startTestStack } from '../fixtures/stack.js';
import { scimGroupsSuite } from './scim-groups-suite.js';

describe('on the embedded DynamoDB (dynalite)', () => scimGroupsSuite((env) => startTestStack(env)));
