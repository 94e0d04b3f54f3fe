import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { HttpEvent } from "../../lambdas/handlers/http/app.js";
import { createHttpApp, publicRouteKeys, type Route } from "../../lambdas/handlers/http/app.js";
import type { DevTokens } from "../auth.js";

export type HttpHandler = (event: HttpEvent, context: never) => Promise<APIGatewayProxyStructuredResultV2>;

interface CompiledRoute {
  key: string;
  method: string;
  pattern: RegExp;
  names: string[];
}

function compileRoute(key: string): CompiledRoute {
  const [method = "", path = ""] = key.split(" ");
  const names: string[] = [];
  const source = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { key, method, pattern: new RegExp(`^${source}$`), names };
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type, x-write-key",
  "access-control-max-age": "86400",
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_048_576) throw new RangeError("body over 1 MB");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The local HTTP API: turns each request into an API Gateway HTTP API (payload v2) event, with the
 * JWT verified and its claims where the authorizer puts them, and calls the same Lambda handler.
 */
export async function startHttpServer(options: {
  port: number;
  routes: string[];
  handler: HttpHandler;
  tokens: DevTokens;
  /** Route keys that need no Bearer token (`POST /track`): on AWS, routes without the authorizer. */
  publicRoutes?: string[];
  host?: string;
}): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const routes = options.routes.map(compileRoute);
  const open = new Set(options.publicRoutes ?? []);
  const server = createServer(async (req, res) => {
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(body);
    };
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const method = req.method ?? "GET";
      let matched: { route: CompiledRoute; params: Record<string, string> } | undefined;
      for (const route of routes) {
        const m = route.method === method ? route.pattern.exec(url.pathname) : null;
        if (m) {
          matched = {
            route,
            params: Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? "")])),
          };
          break;
        }
      }
      // Websites call public routes from the browser: answer the CORS preflight, as the HTTP
      // API's CORS configuration does on AWS.
      const publicPath = routes.some((r) => open.has(r.key) && r.pattern.test(url.pathname));
      const cors: Record<string, string> = publicPath ? CORS : {};
      if (method === "OPTIONS" && publicPath) return send(204, "", cors);
      if (!matched)
        return send(
          404,
          JSON.stringify({ error: "not_found", message: `no route ${method} ${url.pathname}` }),
        );
      const isPublic = open.has(matched.route.key);
      const auth = req.headers.authorization ?? "";
      const claims =
        !isPublic && auth.startsWith("Bearer ") ? await options.tokens.verify(auth.slice(7)) : undefined;
      if (!claims && !isPublic)
        return send(
          401,
          JSON.stringify({ error: "unauthorized", message: "a valid Bearer token is required" }),
        );
      const body = await readBody(req);
      const event = {
        version: "2.0",
        routeKey: matched.route.key,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        queryStringParameters: Object.fromEntries(url.searchParams),
        pathParameters: matched.params,
        body: body || undefined,
        isBase64Encoded: false,
        requestContext: {
          requestId: randomUUID(),
          routeKey: matched.route.key,
          http: {
            method,
            path: url.pathname,
            protocol: "HTTP/1.1",
            sourceIp: req.socket.remoteAddress ?? "",
            userAgent: "",
          },
          ...(claims
            ? { authorizer: { jwt: { claims, scopes: [] }, principalId: "", integrationLatency: 0 } }
            : {}),
        },
      } as unknown as HttpEvent;
      const result = await options.handler(event, {} as never);
      send(result.statusCode ?? 200, result.body ?? "", {
        ...cors,
        ...((result.headers ?? {}) as Record<string, string>),
      });
    } catch (e) {
      send(
        e instanceof RangeError ? 413 : 500,
        JSON.stringify({ error: e instanceof RangeError ? "too_large" : "internal" }),
      );
    }
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    server,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/**
 * The HTTP API of a set of routes on a loopback port: one Lambda handler (`createHttpApp`) behind
 * the local server, public routes open, the others behind the development tokens.
 */
export function serveRoutes(options: {
  routes: Route[];
  tokens: DevTokens;
  port?: number;
  log: (line: string) => void;
}) {
  return startHttpServer({
    port: options.port ?? 0,
    routes: options.routes.map((r) => r.route),
    publicRoutes: publicRouteKeys(options.routes),
    handler: createHttpApp(options.routes, options.log) as never,
    tokens: options.tokens,
  });
}
