/**
 * Keys built on first use: a route or command that never signs or opens a secret needs
 * neither the key file nor KMS. A failure to build the key surfaces as the call's rejection.
 */
import type { SecretBox, Signer } from '../core/ports.js';

export function lazySigner(make: () => Signer): Signer {
  let signer: Signer | undefined;
  const get = (): Signer => (signer ??= make());
  return { kid: async () => get().kid(), sign: async (input) => get().sign(input), publicJwks: async () => get().publicJwks() };
}

export function lazySecretBox(make: () => SecretBox): SecretBox {
  let box: SecretBox | undefined;
  const get = (): SecretBox => (box ??= make());
  return {
    encrypt: async (plaintext, context) => get().encrypt(plaintext, context),
    decrypt: async (ciphertext, context) => get().decrypt(ciphertext, context),
  };
}
