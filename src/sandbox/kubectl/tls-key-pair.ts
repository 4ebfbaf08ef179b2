/**
 * The checks of Go's crypto/tls X509KeyPair that `kubectl create secret tls` runs on --cert and
 * --key before it builds the Secret, with Go's error texts: PEM blocks of the right types, then
 * the certificate's public key against the one the private key holds (RSA modulus and exponent, or
 * the EC point a SEC 1 key carries). A key whose public half cannot be read without the curve
 * arithmetic (Ed25519, an EC key without its public point) is taken as matching.
 */

export class TlsKeyPairError extends Error {
  override name = "TlsKeyPairError";
}

interface PemBlock {
  type: string;
  der: Uint8Array;
}

/** encoding/pem.Decode over the whole input: every well-formed block, in order. */
function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const pattern = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (const match of text.matchAll(pattern)) {
    const body = (match[2] ?? "")
      .split(/\r?\n/)
      .filter((line) => !line.includes(":"))
      .join("")
      .replace(/\s/g, "");
    let binary: string;
    try {
      binary = atob(body);
    } catch {
      continue;
    }
    blocks.push({ type: match[1] ?? "", der: Uint8Array.from(binary, (c) => c.charCodeAt(0)) });
  }
  return blocks;
}

interface Der {
  tag: number;
  content: Uint8Array;
}

/** One DER element at `offset` and where the next one starts; undefined when malformed. */
function readDer(bytes: Uint8Array, offset: number): { element: Der; next: number } | undefined {
  const tag = bytes[offset];
  let lengthByte = bytes[offset + 1];
  if (tag === undefined || lengthByte === undefined) return undefined;
  let position = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = bytes[position++];
      if (lengthByte === undefined) return undefined;
      length = length * 256 + lengthByte;
    }
  }
  if (position + length > bytes.length) return undefined;
  return {
    element: { tag, content: bytes.subarray(position, position + length) },
    next: position + length,
  };
}

function children(element: Der | undefined): Der[] {
  if (!element) return [];
  const out: Der[] = [];
  let offset = 0;
  while (offset < element.content.length) {
    const read = readDer(element.content, offset);
    if (!read) return out;
    out.push(read.element);
    offset = read.next;
  }
  return out;
}

function root(der: Uint8Array): Der | undefined {
  return readDer(der, 0)?.element;
}

const RSA_OID = "2a864886f70d010101";
const EC_OID = "2a8648ce3d0201";

function hex(bytes: Uint8Array | undefined): string {
  return Array.from(bytes ?? [], (b) => b.toString(16).padStart(2, "0")).join("");
}

/** An INTEGER's value as hex without leading zero bytes. */
function integer(element: Der | undefined): string {
  return hex(element?.content).replace(/^(00)+/, "");
}

type PublicKey =
  | { algorithm: "rsa"; modulus: string; exponent: string }
  | { algorithm: "ec"; point: string | undefined }
  | { algorithm: "other" };

/** The certificate's SubjectPublicKeyInfo; undefined when the DER is not a certificate. */
function certificateKey(der: Uint8Array): PublicKey | undefined {
  const tbs = children(root(der))[0];
  const fields = children(tbs);
  // tbsCertificate: [0] version (optional), serial, signature, issuer, validity, subject, spki.
  const spki = fields[(fields[0]?.tag === 0xa0 ? 1 : 0) + 5];
  const [algorithm, bits] = children(spki);
  if (!algorithm || !bits || bits.tag !== 0x03) return undefined;
  const oid = hex(children(algorithm)[0]?.content);
  const key = bits.content.subarray(1);
  if (oid === RSA_OID) {
    const [modulus, exponent] = children(root(key));
    return { algorithm: "rsa", modulus: integer(modulus), exponent: integer(exponent) };
  }
  if (oid === EC_OID) return { algorithm: "ec", point: hex(key) };
  return { algorithm: "other" };
}

function rsaPrivate(der: Uint8Array): PublicKey {
  const [, modulus, exponent] = children(root(der));
  return { algorithm: "rsa", modulus: integer(modulus), exponent: integer(exponent) };
}

function ecPrivate(der: Uint8Array): PublicKey {
  const publicKey = children(root(der)).find((e) => e.tag === 0xa1);
  const bits = children(publicKey)[0];
  return { algorithm: "ec", point: bits ? hex(bits.content.subarray(1)) : undefined };
}

/** The public half a private key block holds (PKCS #1, SEC 1 or PKCS #8); undefined when unreadable. */
function privateKey(block: PemBlock): PublicKey | undefined {
  if (root(block.der)?.tag !== 0x30) return undefined;
  if (block.type === "RSA PRIVATE KEY") return rsaPrivate(block.der);
  if (block.type === "EC PRIVATE KEY") return ecPrivate(block.der);
  const [, algorithm, inner] = children(root(block.der));
  const oid = hex(children(algorithm)[0]?.content);
  if (!inner) return undefined;
  if (oid === RSA_OID) return rsaPrivate(inner.content);
  if (oid === EC_OID) return ecPrivate(inner.content);
  return { algorithm: "other" };
}

/** Throws Go's tls error for what X509KeyPair(cert, key) refuses. */
export function checkKeyPair(certPem: string, keyPem: string): void {
  const certBlocks = pemBlocks(certPem);
  const certificates = certBlocks.filter((b) => b.type === "CERTIFICATE");
  if (certificates.length === 0) {
    const skipped = certBlocks.map((b) => b.type);
    if (skipped.length === 0)
      throw new TlsKeyPairError("tls: failed to find any PEM data in certificate input");
    if (skipped.some((t) => t.endsWith("PRIVATE KEY")))
      throw new TlsKeyPairError(
        "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched",
      );
    throw new TlsKeyPairError(
      `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(" ")}]`,
    );
  }
  const keyBlocks = pemBlocks(keyPem);
  const key = keyBlocks.find((b) => b.type === "PRIVATE KEY" || b.type.endsWith(" PRIVATE KEY"));
  if (!key) {
    const skipped = keyBlocks.map((b) => b.type);
    if (skipped.length === 0)
      throw new TlsKeyPairError("tls: failed to find any PEM data in key input");
    if (skipped.includes("CERTIFICATE"))
      throw new TlsKeyPairError(
        "tls: found a certificate rather than a key in the PEM for the private key",
      );
    throw new TlsKeyPairError(
      `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(" ")}]`,
    );
  }
  const certKey = certificateKey(certificates[0]?.der ?? new Uint8Array());
  if (!certKey) throw new TlsKeyPairError("x509: malformed certificate");
  const keyPublic = privateKey(key);
  if (!keyPublic) throw new TlsKeyPairError("tls: failed to parse private key");
  if (certKey.algorithm === "other" || keyPublic.algorithm === "other") return;
  if (certKey.algorithm !== keyPublic.algorithm)
    throw new TlsKeyPairError("tls: private key type does not match public key type");
  const mismatch =
    certKey.algorithm === "rsa" && keyPublic.algorithm === "rsa"
      ? certKey.modulus !== keyPublic.modulus || certKey.exponent !== keyPublic.exponent
      : certKey.algorithm === "ec" &&
        keyPublic.algorithm === "ec" &&
        keyPublic.point !== undefined &&
        certKey.point !== keyPublic.point;
  if (mismatch) throw new TlsKeyPairError("tls: private key does not match public key");
}
