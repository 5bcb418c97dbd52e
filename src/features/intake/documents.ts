// Handed-over documents (PDF, JPEG, PNG): the type is read from the content's first bytes
// (shared/content-type.ts), not taken from the name or the declared type; size is limited; the
// SHA-256 is computed on the server.
import { createHash } from "node:crypto";
import { badInput } from "../../http/errors.ts";
import { sniffContentType } from "../../shared/content-type.ts";
import type { DocumentContentType } from "./tables.ts";

/** Largest document accepted, in bytes (20 MB). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** The upload route's body limit: base64 adds a third, plus the JSON around it. */
export const UPLOAD_BODY_LIMIT = Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 64 * 1024;

export const documentTypeLabel: Record<DocumentContentType, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG 图片",
  "image/png": "PNG 图片",
};

/** What a document download can be. */
export const documentContentTypes = Object.keys(documentTypeLabel) as DocumentContentType[];

const isDocumentType = (type: string | null): type is DocumentContentType =>
  type !== null && type in documentTypeLabel;

export interface CheckedDocument {
  bytes: Buffer;
  contentType: DocumentContentType;
  sha256: string;
  size: number;
}

/** Decodes and checks an upload; a bad one is refused naming the field. */
export function checkDocument(contentBase64: string, declaredType: string | undefined): CheckedDocument {
  const clean = contentBase64.replace(/^data:[^,]*,/, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0)
    throw badInput("contentBase64", "文件内容不是有效的 base64 编码");
  const bytes = Buffer.from(clean, "base64");
  if (bytes.length === 0) throw badInput("contentBase64", "文件是空的，请重新选择文件");
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw badInput(
      "contentBase64",
      `文件过大（${(bytes.length / 1048576).toFixed(1)} MB），单个文件不能超过 ${MAX_DOCUMENT_BYTES / 1048576} MB`,
    );
  const contentType = sniffContentType(bytes);
  if (!isDocumentType(contentType))
    throw badInput("contentBase64", "只能上传 PDF、JPEG 或 PNG 文件；该文件的内容不是这三种格式之一");
  if (
    declaredType &&
    declaredType !== contentType &&
    !(declaredType === "image/jpg" && contentType === "image/jpeg")
  )
    throw badInput(
      "contentType",
      `文件内容是 ${documentTypeLabel[contentType]}，与声明的类型（${declaredType}）不符，请检查文件`,
    );
  return { bytes, contentType, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length };
}
