// Turns every failure into the API's error shape. Validation errors name the field (a dotted path,
// e.g. `body.purpose`) and carry zod's Chinese message.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { ApiError } from "./errors.ts";

/** Chinese messages for the framework's own refusals of a malformed request (before any route). */
const frameworkMessages: Record<string, { message: string; field?: string }> = {
  FST_ERR_BAD_URL: { message: "请求地址中含有无效的字符", field: "path" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { message: "请求内容为空，应为 JSON", field: "body" },
  FST_ERR_CTP_INVALID_JSON_BODY: { message: "请求内容不是有效的 JSON", field: "body" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    message: "不支持的请求内容类型，请以 application/json 发送",
    field: "body",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { message: "请求内容的长度与声明的不符", field: "body" },
  FST_ERR_CTP_BODY_TOO_LARGE: { message: "请求内容过大", field: "body" },
  FST_ERR_CTP_INVALID_TYPE: { message: "请求的内容类型无效", field: "body" },
};

/**
 * PostgreSQL's "data exception" class (22xxx: a value out of range, an impossible date, a character
 * the database cannot store …). The schemas and the input guard refuse such input first, naming the
 * field; this is the last line, so a value they miss is still the client's 400, never a 500.
 */
const isDataException = (error: unknown) => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code);
};

function sendFrameworkError(error: FastifyError, reply: FastifyReply) {
  const known = error.code ? frameworkMessages[error.code] : undefined;
  const status = error.statusCode ?? 400;
  const field = known?.field ?? (status === 400 ? "body" : undefined);
  return reply.code(status).send({
    error: {
      code: status === 400 ? "invalid_input" : (error.code ?? "bad_request"),
      message: known?.message ?? "请求格式不正确",
      field,
    },
  });
}

/** Fastify's `frameworkErrors` option: a URL it cannot decode is the client's 400 in our shape. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  return sendFrameworkError(error, reply);
}

export function setUpErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply
        .code(error.statusCode)
        .send({ error: { code: error.code, message: error.message, field: error.field } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const path = (first?.instancePath ?? "").split("/").filter(Boolean).join(".");
      const field = path || error.validationContext || "";
      return reply.code(400).send({
        error: {
          code: "invalid_input",
          message: `${field || "请求"}：${first?.message ?? "格式不正确"}`,
          field,
        },
      });
    }
    if (error.statusCode === 429) {
      return reply.code(429).send({ error: { code: "rate_limited", message: "请求过于频繁，请稍后再试" } });
    }
    if (error.statusCode && error.statusCode < 500) return sendFrameworkError(error, reply);
    if (isDataException(error)) {
      request.log.warn({ err: error }, "input refused by the database");
      return reply
        .code(400)
        .send({ error: { code: "invalid_input", message: "提交的数据无效，请检查后重试", field: "" } });
    }
    request.log.error(error);
    return reply
      .code(500)
      .send({ error: { code: "internal", message: "服务器内部错误，请稍后重试或联系管理员" } });
  });
}
