/** `20270301T100000Z`, the form SigV4 dates take. */
const amzDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/**
 * AWS SDK client settings for a local emulator. The emulators check that a request is signed,
 * not the signature, so requests carry a well-formed SigV4 header without the hashing; the SDK
 * logger is left without `info`, so the SDK does not build a filtered copy of every request and
 * response to log; sockets are kept alive and plentiful (up to 64 segments run at once).
 */
export function emulatorClientConfig(endpoint: string, service: string) {
  return {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    signer: {
      sign: async <R extends { headers: Record<string, string> }>(request: R) => {
        const date = amzDate(new Date());
        request.headers.authorization = `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`;
        request.headers["x-amz-date"] = date;
        return request;
      },
    },
    logger: { debug() {}, warn() {}, error() {} } as never,
    requestHandler: { httpAgent: { maxSockets: 256, keepAlive: true } },
  };
}
