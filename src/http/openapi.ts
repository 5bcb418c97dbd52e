// The OpenAPI document's error responses and downloads, added to every route in one place (the
// swagger transform), so a route added tomorrow is documented like the others without anyone
// remembering to. From what the route declares, each operation lists:
// - 400 with the error shape when it takes input (path, query or body) or changes state;
// - 401 unless it is public; 403 unless it is a public read (roles, scope, CSRF);
// - 404 when it names a record in its path; 413 when it takes a body; 429 when it is rate-limited;
// - 409 when the route lists it in its responses (`...conflictResponse`: versions, duplicates);
// - a download's content types (`schema.produces`), as a binary 200.
import type { FastifySchema, RouteOptions } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AccessRule } from "../auth/access.ts";

/** The API's error body, for routes that list an error status in their responses. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});

/** The 409 a route lists when it refuses work that conflicts with the records (stale version, duplicate). */
export const conflictResponse = {
  409: errorBody.describe(
    "与现有记录冲突（如他人已修改、重复提交、记录状态不允许），error.message 为中文说明",
  ),
};

/** The error body as JSON Schema, inline in every error response. */
const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: {
          type: "string",
          description: "错误代码，如 invalid_input、unauthenticated、forbidden、not_found",
        },
        message: { type: "string", description: "中文说明，可直接显示给用户" },
        field: {
          type: "string",
          description: "输入有误时：出错的字段（点分路径，如 content.letterSignedOn）",
        },
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: errorSchema } },
});

const binary = { type: "string", format: "binary" };
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

export function documentResponses(input: TransformInput): { schema: FastifySchema; url: string } {
  const transformed = jsonSchemaTransform(input);
  const route = input.route as RouteOptions & { config?: { access?: AccessRule; rateLimit?: unknown } };
  const source = (input.schema ?? {}) as FastifySchema & { produces?: readonly string[] };
  const schema = { ...(transformed.schema ?? {}) } as FastifySchema & {
    response?: Record<string, unknown>;
    security?: unknown;
  };
  if (
    !input.url.startsWith("/api/") ||
    input.url.startsWith("/api/docs") ||
    (schema as { hide?: boolean }).hide
  )
    return transformed;

  const methods = ([] as string[]).concat(route.method);
  const changesState = methods.some((m) => !SAFE_METHODS.has(m));
  const access = route.config?.access;
  const isPublic = !access || "public" in access;
  // A signed route (a partner's server) has no session: its security is its signature scheme.
  const signedScheme = access && "public" in access ? access.signed : undefined;
  const responses: Record<string, unknown> = { ...(schema.response ?? {}) };

  const hasSuccess = Object.keys(responses).some((status) => status.startsWith("2"));
  if (source.produces && !hasSuccess) {
    responses[200] = {
      description: `文件下载（${source.produces.join("、")}），以 Content-Type 标明类型`,
      content: Object.fromEntries(source.produces.map((type) => [type, { schema: binary }])),
    };
  } else if (!hasSuccess) {
    responses[200] = { description: "成功", content: { "application/json": { schema: { type: "object" } } } };
  }
  if (source.params || source.querystring || source.body || source.headers || changesState)
    responses[400] ??= errorResponse("输入有误：error.field 指出出错的字段，error.message 为中文说明");
  if (!isPublic) responses[401] ??= errorResponse("未登录或会话已过期，请先登录");
  if (signedScheme) responses[401] ??= errorResponse("签名缺失或不正确、密钥不存在或已停用、时间戳超出范围");
  if (!isPublic || changesState)
    responses[403] ??= errorResponse(
      isPublic
        ? "缺少或不符的 CSRF 令牌（请求头 x-csrf-token 须等于 cookie onebook_csrf）"
        : "角色无权执行此操作，或缺少 CSRF 令牌（修改类请求须带请求头 x-csrf-token）",
    );
  if (source.params) responses[404] ??= errorResponse("记录不存在或不在您的查看范围内");
  if (source.body) responses[413] ??= errorResponse("请求内容过大");
  if (route.config?.rateLimit) responses[429] ??= errorResponse("请求过于频繁，请稍后再试");

  schema.response = responses;
  schema.security = signedScheme ? [{ [signedScheme]: [] }] : isPublic ? [] : [{ session: [] }];
  return { ...transformed, schema };
}
