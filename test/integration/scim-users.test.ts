/** SCIM Users over real HTTP on the embedded DynamoDB (dynalite): the suite is scim-users-suite.ts. */
import { describe } from 'vitest';
import { startTestStack } from '../fixtures/stack.js';
import { scimUsersSuite } from './scim-users-suite.js';

describe('on the embedded DynamoDB (dynalite)', () => scimUsersSuite((env) => startTestStack(env)));
