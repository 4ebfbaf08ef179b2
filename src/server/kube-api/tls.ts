/**
 * A certificate authority and a serving certificate for 127.0.0.1, made in process for one run of
 * the API (nothing is written but the kubeconfig): Lens and some client libraries refuse plain
 * HTTP, and kubectl verifies the server against the kubeconfig's certificate-authority-data as it
 * does against a kubeadm cluster's CA. node:crypto makes the RSA keys; node-forge builds and signs
 * the X.509 certificates (node:crypto can read certificates but not make them).
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

export interface ServingCertificate {
  /** PEM of the CA that signed `certPem`: the kubeconfig's certificate-authority-data. */
  caPem: string;
  certPem: string;
  keyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function keyPair(): {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
} {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  return {
    privateKey: key,
    publicKey: forge.pki.setRsaPublicKey(key.n, key.e),
    pem: privateKey,
  };
}

function certificate(
  subject: string,
  publicKey: forge.pki.rsa.PublicKey,
  issuer: forge.pki.CertificateField[],
  extensions: object[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  // A positive serial: the first hex digit below 8.
  cert.serialNumber = `0${randomBytes(15).toString("hex")}`;
  cert.publicKey = publicKey;
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 365 * DAY_MS);
  cert.setSubject([{ name: "commonName", value: subject }]);
  cert.setIssuer(issuer);
  cert.setExtensions(extensions);
  return cert;
}

/** A new CA and a certificate for 127.0.0.1 and localhost signed by it, valid for a year. */
export function servingCertificate(): ServingCertificate {
  const caKeys = keyPair();
  const ca = certificate(
    "sandbox-ca",
    caKeys.publicKey,
    [{ name: "commonName", value: "sandbox-ca" }],
    [
      { name: "basicConstraints", cA: true, critical: true },
      {
        name: "keyUsage",
        keyCertSign: true,
        cRLSign: true,
        digitalSignature: true,
        critical: true,
      },
    ],
  );
  ca.sign(caKeys.privateKey, forge.md.sha256.create());
  const serverKeys = keyPair();
  const cert = certificate("kube-apiserver", serverKeys.publicKey, ca.subject.attributes, [
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 7, ip: "127.0.0.1" },
        { type: 2, value: "localhost" },
      ],
    },
  ]);
  cert.sign(caKeys.privateKey, forge.md.sha256.create());
  return {
    caPem: forge.pki.certificateToPem(ca),
    certPem: forge.pki.certificateToPem(cert),
    keyPem: serverKeys.pem,
  };
}
