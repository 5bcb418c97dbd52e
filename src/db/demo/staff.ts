// The demo's staff accounts. Names and usernames are fixed (not drawn from the seed) so that guides,
// screenshots and tests can say "log in as chengguan.head (周卫东)" whatever the seed.
import type { Gender, Role } from "../schema.ts";
import { MAIN_COUNTY, type OfficeDef, OTHER_COUNTY } from "./places.ts";

export interface StaffDef {
  username: string;
  displayName: string;
  role: Role;
  gender: Gender;
  placeId: string;
  /** The office whose records this person writes; null for county-level staff. */
  officeId: string | null;
}

type OfficeCrew = Record<"head" | "assistant" | "psych" | "social" | "team1" | "team2", [string, Gender]>;

const CREWS: Record<string, OfficeCrew> = {
  chengguan: {
    head: ["周卫东", "male"],
    assistant: ["李婷", "female"],
    psych: ["孙雅琴", "female"],
    social: ["黄志强", "male"],
    team1: ["吴秀英", "female"],
    team2: ["郑国平", "male"],
  },
  hexi: {
    head: ["杨立新", "male"],
    assistant: ["何丽娟", "female"],
    psych: ["马文静", "female"],
    social: ["胡海波", "male"],
    team1: ["林春梅", "female"],
    team2: ["徐建军", "male"],
  },
  qiaotou: {
    head: ["朱志明", "male"],
    assistant: ["郭小芳", "female"],
    psych: ["罗慧敏", "female"],
    social: ["高鹏", "male"],
    team1: ["梁桂兰", "female"],
    team2: ["宋德福", "male"],
  },
};

function officeStaff(office: OfficeDef): StaffDef[] {
  const crew = CREWS[office.prefix];
  if (!crew) throw new Error(`no crew for office ${office.prefix}`);
  const make = (
    suffix: string,
    role: Role,
    [name, gender]: [string, Gender],
    placeId = office.id,
  ): StaffDef => ({
    username: `${office.prefix}.${suffix}`,
    displayName: name,
    role,
    gender,
    placeId,
    officeId: office.id,
  });
  return [
    make("head", "office_head", crew.head),
    make("assistant", "office_assistant", crew.assistant),
    make("psych", "psychologist", crew.psych),
    make("social", "social_worker", crew.social),
    // One team member sits at the office, one at a village: team members are "3+X" people of the place.
    make("team1", "team_member", crew.team1),
    make("team2", "team_member", crew.team2, office.villages[0]?.id ?? office.id),
  ];
}

/** Every staff account: the main county first (agency, prosecutor, offices), then the other county. */
export function staffDefs(): StaffDef[] {
  const county = MAIN_COUNTY.id;
  const main: StaffDef[] = [
    {
      username: "agency.head",
      displayName: "陈建华",
      role: "agency_head",
      gender: "male",
      placeId: county,
      officeId: null,
    },
    {
      username: "agency.staff1",
      displayName: "刘晓燕",
      role: "agency_staff",
      gender: "female",
      placeId: county,
      officeId: null,
    },
    {
      username: "agency.staff2",
      displayName: "王振宇",
      role: "agency_staff",
      gender: "male",
      placeId: county,
      officeId: null,
    },
    {
      username: "prosecutor",
      displayName: "赵静",
      role: "prosecutor",
      gender: "female",
      placeId: county,
      officeId: null,
    },
    ...MAIN_COUNTY.offices.flatMap(officeStaff),
  ];
  const shiling = OTHER_COUNTY.offices[0] as OfficeDef;
  const other: StaffDef[] = [
    {
      username: "shiling.head",
      displayName: "谢国强",
      role: "office_head",
      gender: "male",
      placeId: shiling.id,
      officeId: shiling.id,
    },
    {
      username: "shiling.assistant",
      displayName: "韩雪",
      role: "office_assistant",
      gender: "female",
      placeId: shiling.id,
      officeId: shiling.id,
    },
  ];
  return [...main, ...other];
}
