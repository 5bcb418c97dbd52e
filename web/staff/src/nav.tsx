// The console's capabilities, in menu order. `ready: false` items show an honest "being built" page with
// the one-line description of what they will do; they turn on as each feature arrives.
import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  EyeOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  GlobalOutlined,
  HeartOutlined,
  HomeOutlined,
  ProfileOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  ShareAltOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserAddOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import { auditReaderRoles } from "../../../src/auth/roles.ts";
import { careReadRoles } from "../../../src/features/care/roles.ts";
import { dashboardRoles } from "../../../src/features/dashboards/roles.ts";
import { exchangeReaderRoles } from "../../../src/features/exchange/roles.ts";
import { hazardReadRoles } from "../../../src/features/hazards/roles.ts";
import { statisticsRoles } from "../../../src/features/statistics/roles.ts";
import type { Role } from "./api.ts";

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  description: string;
  ready: boolean;
  /** Roles that see the item in the menu; all staff roles when absent. The server still decides. */
  roles?: readonly Role[];
}

export const navItems: readonly NavItem[] = [
  {
    path: "/today",
    label: "今日工作",
    icon: <CalendarOutlined />,
    description: "按规则汇总您今天要完成的报告、核查、查访和即将到期的事项，并逐项列出依据。",
    ready: true,
  },
  {
    path: "/subjects",
    label: "社区矫正对象",
    icon: <TeamOutlined />,
    description: "查询本辖区的社区矫正对象，查看一人一册档案。",
    ready: true,
  },
  {
    path: "/intake",
    label: "入矫登记",
    icon: <UserAddOutlined />,
    description: "登记交付接收的法律文书，核实身份，统一编号工作记录本，并移交执行地司法所。",
    ready: true,
    roles: ["agency_head", "agency_staff", "prosecutor"],
  },
  {
    path: "/investigation",
    label: "调查评估",
    icon: <FileSearchOutlined />,
    description:
      "法院等委托的社区矫正调查评估：登记委托、分配司法所、走访调查、评估意见书（按工作日计算期限）。",
    ready: true,
    roles: careReadRoles,
  },
  {
    path: "/book",
    label: "工作记录本",
    icon: <BookOutlined />,
    description:
      "填写和审核一人一册工作记录本的各章节：阅卷小结、入矫小结、矫正方案、各期评估等，按期限提醒。",
    ready: true,
  },
  {
    path: "/supervision",
    label: "日常监管",
    icon: <EyeOutlined />,
    description: "登记电话和当面报告、信息化核查、实地查访、教育帮扶以及矫正小组每月情况反馈。",
    ready: true,
  },
  {
    path: "/leave",
    label: "请销假",
    icon: <CarryOutOutlined />,
    description: "请假申请的审核与审批、外出期间每日核查、销假，以及每月向机构报送请假材料。",
    ready: true,
    roles: ["office_head", "office_assistant", "agency_head", "agency_staff", "prosecutor"],
  },
  {
    path: "/alerts",
    label: "预警",
    icon: <AlertOutlined />,
    description: "越界、失联、未按时报告、位置异常等预警的四色分级、24小时内处置和升级上报。",
    ready: true,
  },
  {
    path: "/zones",
    label: "电子围栏",
    icon: <GlobalOutlined />,
    description: "本县执行地区域（行政区划边界）和禁止区域：载入 GeoJSON 或画圆形区域，指定适用对象，停用。",
    ready: true,
    roles: ["agency_head", "agency_staff", "prosecutor"],
  },
  {
    path: "/violations",
    label: "违规处置",
    icon: <WarningOutlined />,
    description:
      "违规调查取证、文书签发、机构审核，以及训诫、警告、提请治安管理处罚、提请撤销缓刑（假释）、提请收监执行。",
    ready: true,
    roles: ["office_head", "office_assistant", "agency_head", "agency_staff", "prosecutor"],
  },
  {
    path: "/evaluations",
    label: "评估",
    icon: <SolutionOutlined />,
    description: "入矫三个月、每季度和每年的矫正效果评估，据此调整矫正方案和管理等级。",
    ready: false,
  },
  {
    path: "/release",
    label: "解矫",
    icon: <FileDoneOutlined />,
    description: "即将期满的对象、解除矫正宣告和解除社区矫正证明书、给有关机关的通知书，以及终止矫正。",
    ready: true,
  },
  {
    path: "/review",
    label: "年度评查",
    icon: <AuditOutlined />,
    description:
      "机构年度个案评查：互查互评、集中评查、随机抽查（记录随机种子可复核），各所结果、评查报告和优秀案例汇编。",
    ready: true,
    roles: ["agency_head", "agency_staff", "prosecutor"],
  },
  {
    path: "/hazards",
    label: "安全隐患",
    icon: <SafetyOutlined />,
    description: "安全隐患排查登记、整改跟踪和每月风险研判会议记录。",
    ready: true,
    roles: hazardReadRoles,
  },
  {
    path: "/dashboards",
    label: "监管统计",
    icon: <DashboardOutlined />,
    description: "司法所和机构按日、周、月的监管要求完成率、逾期清单、核查覆盖和社工配比，可导出电子表格。",
    ready: true,
    roles: dashboardRoles,
  },
  {
    path: "/stats",
    label: "统计",
    icon: <BarChartOutlined />,
    description: "全县社区矫正统计报表和工作指标，可导出电子表格。",
    ready: true,
    roles: statisticsRoles,
  },
  {
    path: "/exchange",
    label: "信息共享",
    icon: <ShareAltOutlined />,
    description: "与法院、检察院、公安机关交换法律文书、执行情况和查询结果。",
    ready: true,
    roles: exchangeReaderRoles,
  },
  {
    path: "/resettlement",
    label: "安置帮教",
    icon: <HomeOutlined />,
    description:
      "刑满释放人员的预释放通知、信息核查、衔接回执、必接必送、危险性评估、帮教小组和协议、安置和五年内回访，指标和台账。",
    ready: true,
    roles: careReadRoles,
  },
  {
    path: "/aftercare",
    label: "后续照管",
    icon: <HeartOutlined />,
    description:
      "解除强制隔离戒毒人员的后续照管：每月电话回访、每季见面回访、帮扶，照管率和操守保持率，成功戒毒典型。",
    ready: true,
    roles: careReadRoles,
  },
  {
    path: "/calendar",
    label: "节假日安排",
    icon: <ScheduleOutlined />,
    description: "规则引擎计算工作日所用的各年度节假日安排；机构载入国务院办公厅的年度通知。",
    ready: true,
    roles: ["agency_head", "agency_staff", "prosecutor"],
  },
  {
    path: "/policy",
    label: "本县规则",
    icon: <ProfileOutlined />,
    description:
      "本县执行的监管规则（只读）：分级、报告、查访、核查、期限、预警、请假、矫正小组等每条规则的数值和依据。",
    ready: true,
  },
  {
    path: "/audit",
    label: "审计日志",
    icon: <AuditOutlined />,
    description: "查看系统中每一次查看、修改和导出的记录。",
    ready: true,
    roles: auditReaderRoles,
  },
];

export function visibleNavItems(role: Role): NavItem[] {
  return navItems.filter((item) => !item.roles || item.roles.includes(role));
}
