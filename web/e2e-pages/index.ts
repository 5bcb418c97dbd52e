// Page objects for the staff console's end-to-end tests. They know the pages only through their stable
// test ids (`data-qa`), so a page can change its look without breaking the tests.

export { AppCard, AppSignIn, AppToday } from "./AppPages.ts";
export { AuditPage } from "./AuditPage.ts";
export { BookPage, HandoverPage, IntakePage } from "./BookPages.ts";
export { CalendarPage } from "./CalendarPage.ts";
export { AftercarePage, InvestigationPage, ResettlementPage } from "./CarePages.ts";
export { ExchangePage } from "./ExchangePage.ts";
export { HazardsPage } from "./HazardsPage.ts";
export { LeaveCalendar, LeaveDetail, LeaveForm } from "./LeavePages.ts";
export { TrajectoryPage, ZonesPage } from "./LocationPages.ts";
export { AppHeader, LoginPage } from "./LoginPage.ts";
export { PolicyPage } from "./PolicyPage.ts";
export { chooseOption, qa } from "./qa.ts";
export { ScreeningForm, ScreeningTabPage } from "./ScreeningPages.ts";
export { StatisticsPage } from "./StatisticsPage.ts";
export { type SubjectFilters, SubjectListPage } from "./SubjectListPage.ts";
export { type SectionId, SubjectPage } from "./SubjectPage.ts";
export { SupervisionPage } from "./SupervisionPage.ts";
export { TodayPage } from "./TodayPage.ts";
