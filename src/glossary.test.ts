import { describe, expect, it } from "vitest";
import { getPolicy } from "./core/index.ts";
import { basisText } from "./glossary.ts";

describe("basis as a worker reads it", () => {
  it("names the source document and keeps the paragraph", () => {
    expect(basisText("seed 000 §九.2(4)")).toBe("《一人一册实施方案》§九.2(4)");
    expect(basisText("Community Correction Law Arts. 20–21")).toBe("《社区矫正法》第20–21条");
    expect(basisText("Community Correction Law Art. 27; implementing measures (profile default)")).toBe(
      "《社区矫正法》第27条；《社区矫正法实施办法》（本县默认设置）",
    );
    expect(basisText("seed 000 §十三 phase 2")).toBe("《一人一册实施方案》§十三 第二阶段");
  });

  it("never lets an English phrase through, whatever a county wrote", () => {
    expect(basisText("seed 003 四色预警; seed 000 §九.3(1)")).toBe(
      "《江阴市特殊人群监管工作要点》四色预警；《一人一册实施方案》§九.3(1)",
    );
    expect(basisText("seed 000 §九.2(4) as agreed with the county court")).toBe(
      "《一人一册实施方案》§九.2(4)",
    );
    expect(basisText("county meeting minutes")).toBe("本县默认设置");
  });

  it("words every basis of the shipped profile without an English word", () => {
    const bases: string[] = [];
    const walk = (v: unknown, key = ""): void => {
      if (typeof v === "string" && /basis$/i.test(key)) bases.push(v);
      else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(getPolicy());
    expect(bases.length).toBeGreaterThan(40);
    for (const b of bases) expect(basisText(b), b).not.toMatch(/[A-Za-z]{2,}/);
  });

  it("leaves out developer notes and explanations", () => {
    expect(basisText("seed 000 §九.2; rules-contract.md: obligations reported from 90 days before")).toBe(
      "《一人一册实施方案》§九.2",
    );
    expect(basisText("seed 001 (七): social workers to subjects 1:20")).toBe(
      "《关于进一步加强社区矫正工作的意见》(七)",
    );
    expect(basisText("法释〔2006〕1号 Art. 2: N years of age reached the day after the N-th birthday")).toBe(
      "法释〔2006〕1号 第2条",
    );
  });
});
