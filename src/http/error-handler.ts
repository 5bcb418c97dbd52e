// Turns every failure into the API's error shape. Validation errors name the field (a dotted path,
// e.g. `body.purpose`) and carry zod's Chinese message.
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { ApiError } from "./errors.ts";

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
    if (error.statusCode && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send({ error: { code: error.code ?? "bad_request", message: error.message } });
    }
    request.log.error(error);
    return reply
      .code(500)
      .send({ error: { code: "internal", message: "服务器内部错误，请稍后重试或联系管理员" } });
  });
}
