// Common Chinese names, weighted by how often family names occur (roughly the 2020 census order),
// and their pinyin for search: full ("zhangsan") and initials ("zs").
import { pinyin } from "pinyin-pro";
import type { Gender } from "../schema.ts";
import type { Rng, Weighted } from "./random.ts";

/** Family names with weights in per mille of the population. Rare polyphonic ones (曾, 单, 解, 仇, 查)
 *  are kept on purpose: they are the names search gets wrong when surnames are read as ordinary words. */
const FAMILY_NAMES: Weighted<string> = [
  ["王", 71],
  ["李", 70],
  ["张", 67],
  ["刘", 54],
  ["陈", 45],
  ["杨", 31],
  ["黄", 22],
  ["赵", 20],
  ["吴", 19],
  ["周", 19],
  ["徐", 15],
  ["孙", 15],
  ["马", 14],
  ["朱", 13],
  ["胡", 13],
  ["郭", 12],
  ["何", 12],
  ["林", 11],
  ["高", 11],
  ["罗", 10],
  ["郑", 10],
  ["梁", 9],
  ["谢", 8],
  ["宋", 7],
  ["唐", 7],
  ["许", 7],
  ["韩", 7],
  ["邓", 6],
  ["冯", 6],
  ["曹", 6],
  ["彭", 6],
  ["曾", 6],
  ["肖", 6],
  ["田", 5],
  ["董", 5],
  ["潘", 5],
  ["袁", 5],
  ["蔡", 5],
  ["蒋", 5],
  ["余", 5],
  ["叶", 4],
  ["程", 4],
  ["魏", 4],
  ["苏", 4],
  ["吕", 4],
  ["丁", 4],
  ["沈", 4],
  ["钟", 4],
  ["姜", 4],
  ["陆", 3],
  ["范", 3],
  ["汪", 3],
  ["廖", 3],
  ["金", 3],
  ["方", 3],
  ["邹", 2],
  ["雷", 2],
  ["毛", 2],
  ["郝", 2],
  ["蓝", 1],
  ["单", 0.6],
  ["解", 0.3],
  ["仇", 0.3],
  ["查", 0.3],
  ["欧阳", 0.5],
];

const MALE_CHARS = [
  ..."伟强磊军勇杰涛斌超明刚平辉鹏华飞建国峰林波宇浩凯俊志文海东亮成永新晨鑫健栋春金荣家德宏兵彬博振毅旭晓立忠云子豪航帆然轩睿阳泽",
];
const FEMALE_CHARS = [..."芳娟敏静丽艳燕霞玲婷红梅琳雪英华慧颖倩莉萍洁兰秀玉佳欣月云晶露琴晓丹妍悦怡"];

export function randomName(rng: Rng, gender: Gender): string {
  const family = rng.weighted(FAMILY_NAMES);
  const pool = gender === "male" ? MALE_CHARS : FEMALE_CHARS;
  const first = rng.pick(pool);
  if (rng.chance(0.3)) return family + first;
  let second = rng.pick(pool);
  while (second === first) second = rng.pick(pool);
  return family + first + second;
}

/** Full pinyin without tones or spaces, ü written as v (as IMEs and search boxes type it). */
export function namePinyin(name: string): string {
  return pinyin(name, { toneType: "none", type: "array", surname: "head", v: true }).join("").toLowerCase();
}

/** Pinyin initials: 张三 → "zs", 曾小红 → "zxh" (surname mode reads 曾 as zēng, not céng). */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: "first", toneType: "none", type: "array", surname: "head" })
    .join("")
    .toLowerCase();
}
